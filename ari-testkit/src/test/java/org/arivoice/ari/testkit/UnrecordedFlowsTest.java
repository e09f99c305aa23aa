package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Call flows the conformance recordings do not show, checked against what Asterisk's source says a real
 * Asterisk does (each test names the source file and function), with the project's own configuration
 * ({@code asterisk/conf}: dialplan context {@code arivoice-it}). Event sequences are compared per resource, as
 * the two recorded runs agree only per resource.
 */
class UnrecordedFlowsTest {
    private static final String CALLER = "/channels?endpoint=Local/caller@arivoice-it&app=x&channelId=";
    FakeAsterisk fake;
    TestAri ari;
    TestAri.Events events;

    @BeforeEach
    void start() {
        fake = FakeAsterisk.builder().asteriskConfig(ConformanceReplay.asteriskConf()).build().start();
        ari = new TestAri(fake);
        events = ari.connect("app=x&subscribeAll=false");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** Originates Local/caller into app x as {@code id} (;1) and {@code id-2} (;2), and waits for StasisStart. */
    private void originate(String id) {
        assertThat(ari.call("POST", CALLER + id + "&otherChannelId=" + id + "-2").status()).isEqualTo(200);
        events.await("StasisStart", id);
    }

    private List<String> labels(String resource) {
        return Replay.perResource(events.received).getOrDefault(resource, List.of());
    }

    /** The labels of one resource from its first event of {@code type} on (the set-up before is not the point). */
    private List<String> labelsFrom(String resource, String firstLabel) {
        List<String> all = labels(resource);
        int i = all.indexOf(firstLabel);
        assertThat(i).as("%s in %s", firstLabel, all).isNotNegative();
        return all.subList(i, all.size());
    }

    /** Waits for a ChannelVarset of BRIDGEPEER with a value on the channel. */
    private void awaitVarset(String id) {
        events.await(e -> "ChannelVarset".equals(e.path("type").asText()) && id.equals(TestAri.channelId(e))
                && "BRIDGEPEER".equals(e.path("variable").asText()) && !e.path("value").asText().isEmpty());
    }

    private JsonNode destroyed(String id) {
        return events.await("ChannelDestroyed", id);
    }

    /**
     * res/stasis/control.c app_control_hold indicates HOLD with ast_indicate; main/core_unreal.c
     * ast_unreal_indicate queues it to the other leg as a frame. ChannelHold comes only from ast_queue_hold
     * (main/channel.c) and bridge_channel.c's hold, so neither leg gets ChannelHold or ChannelUnhold.
     */
    @Test
    void holdOnALocalChannelRaisesNoEvent() {
        originate("h");
        assertThat(ari.call("POST", "/channels/h/hold").status()).isEqualTo(204);
        assertThat(ari.call("DELETE", "/channels/h/hold").status()).isEqualTo(204);
        assertThat(ari.call("DELETE", "/channels/h").status()).isEqualTo(204);
        destroyed("h-2");
        assertThat(events.received).extracting(e -> e.path("type").asText())
                .doesNotContain("ChannelHold", "ChannelUnhold");
    }

    /**
     * DELETE of the ;1 leg (resource_channels.c ast_ari_channels_hangup: the cause, then
     * ast_softhangup(AST_SOFTHANGUP_EXPLICIT)); core_unreal.c ast_unreal_hangup queues the hangup on the ;2 leg
     * with the ;1 leg's cause, and the ;2 leg's PBX ends with ast_softhangup(AST_SOFTHANGUP_APPUNLOAD).
     */
    @Test
    void deletingTheFirstLocalLegGivesItsCauseToBothLegs() {
        originate("d1");
        assertThat(ari.call("DELETE", "/channels/d1?reason_code=21").status()).isEqualTo(204);
        assertThat(destroyed("d1").path("cause").asInt()).isEqualTo(21);
        assertThat(destroyed("d1-2").path("cause").asInt()).isEqualTo(21);
        assertThat(labelsFrom("d1", "ChannelHangupRequest:32:soft")).containsExactly("ChannelHangupRequest:32:soft",
                "StasisEnd", "ChannelVarset:STASISSTATUS=set", "ChannelDestroyed");
        assertThat(labelsFrom("d1-2", "ChannelHangupRequest:21")).containsExactly("ChannelHangupRequest:21",
                "ChannelHangupRequest:16:soft", "ChannelDestroyed");

        originate("d2");
        assertThat(ari.call("DELETE", "/channels/d2").status()).isEqualTo(204);
        assertThat(destroyed("d2").path("cause").asInt()).isEqualTo(16);
        assertThat(destroyed("d2-2").path("cause").asInt()).isEqualTo(16);
    }

    /**
     * DELETE of the ;2 leg: it is not in Stasis, but ast_ari_channels_hangup finds channels by name, not by
     * control. Its PBX ends (APPUNLOAD), then ast_unreal_hangup queues the hangup on the ;1 leg with the ;2 leg's
     * cause; the ;1 leg leaves Stasis and ari_originate_dial's ast_dial_destroy hangs it up with that cause.
     */
    @Test
    void deletingTheSecondLocalLegGivesItsCauseToBothLegs() {
        originate("e");
        assertThat(ari.call("DELETE", "/channels/e-2?reason=busy").status()).isEqualTo(204);
        assertThat(destroyed("e").path("cause").asInt()).isEqualTo(17);
        assertThat(destroyed("e-2").path("cause").asInt()).isEqualTo(17);
        assertThat(labelsFrom("e-2", "ChannelHangupRequest:32:soft")).containsExactly(
                "ChannelHangupRequest:32:soft", "ChannelHangupRequest:16:soft", "ChannelDestroyed");
        assertThat(labelsFrom("e", "ChannelHangupRequest:17")).containsExactly("ChannelHangupRequest:17",
                "StasisEnd", "ChannelVarset:STASISSTATUS=set", "ChannelDestroyed");
    }

    /**
     * res/stasis/control.c control_swap_channel_in_bridge departs whatever bridge the channel is in before the
     * impart, even the bridge it is being added to: it leaves (ast_bridge_channel_leave_bridge clears its
     * BRIDGEPEER) and enters again, and main/bridge.c set_bridge_peer_vars_2party sets both BRIDGEPEERs anew.
     */
    @Test
    void reAddingAMemberMakesItLeaveAndEnterAgain() {
        originate("a");
        originate("b");
        ari.call("POST", "/bridges?bridgeId=br");
        assertThat(ari.call("POST", "/bridges/br/addChannel?channel=a,b").status()).isEqualTo(204);
        awaitVarset("b");
        events.received.clear();
        assertThat(ari.call("POST", "/bridges/br/addChannel?channel=a").status()).isEqualTo(204);
        awaitVarset("a");
        assertThat(labels("a")).containsExactly("ChannelVarset:BRIDGEPEER=''", "ChannelLeftBridge",
                "ChannelEnteredBridge", "ChannelVarset:BRIDGEPEER=set");
        assertThat(labels("b")).containsExactly("ChannelVarset:BRIDGEPEER=set");
        JsonNode entered = events.await("ChannelEnteredBridge", "a");
        assertThat(entered.path("bridge").path("channels").toString()).isEqualTo("[\"b\",\"a\"]");
    }

    /** The same departure when the channel is in another bridge: it leaves that one and enters the new one. */
    @Test
    void addingAMemberOfAnotherBridgeMovesIt() {
        originate("a");
        ari.call("POST", "/bridges?bridgeId=one");
        ari.call("POST", "/bridges?bridgeId=two");
        ari.call("POST", "/bridges/one/addChannel?channel=a");
        events.await("ChannelEnteredBridge", "a");
        events.received.clear();
        assertThat(ari.call("POST", "/bridges/two/addChannel?channel=a").status()).isEqualTo(204);
        assertThat(events.await("ChannelLeftBridge", "a").path("bridge").path("id").asText()).isEqualTo("one");
        assertThat(events.await("ChannelEnteredBridge", "a").path("bridge").path("id").asText()).isEqualTo("two");
        assertThat(labels("a")).containsExactly("ChannelLeftBridge", "ChannelEnteredBridge");
    }

    /**
     * main/bridge.c set_bridge_peer_vars: nothing for one member, the other's name for two, the others' names
     * (comma-separated, in join order) for three or more; main/bridge_channel.c
     * ast_bridge_channel_leave_bridge_nolock clears the leaver's BRIDGEPEER, and pbx_variables.c publishes a
     * ChannelVarset for the clearing only when the variable had a value.
     */
    @Test
    void bridgePeerFollowsTheMembers() {
        originate("a");
        originate("b");
        originate("c");
        ari.call("POST", "/bridges?bridgeId=br");
        events.received.clear();
        ari.call("POST", "/bridges/br/addChannel?channel=a");
        ari.call("POST", "/bridges/br/addChannel?channel=b");
        ari.call("POST", "/bridges/br/addChannel?channel=c");
        events.await(e -> "ChannelVarset".equals(e.path("type").asText()) && "c".equals(TestAri.channelId(e)));
        Map<String, String> peers = Map.of("a", "b,c", "b", "a,c", "c", "a,b");
        for (Map.Entry<String, String> p : peers.entrySet()) {
            JsonNode last = events.received.stream().filter(e -> "ChannelVarset".equals(e.path("type").asText())
                    && p.getKey().equals(TestAri.channelId(e))).reduce((x, y) -> y).orElseThrow();
            assertThat(last.path("value").asText()).isEqualTo(String.join(",",
                    List.of(p.getValue().split(",")).stream().map(this::nameOf).toList()));
        }
        assertThat(labels("a")).containsExactly("ChannelEnteredBridge", "ChannelVarset:BRIDGEPEER=set",
                "ChannelVarset:BRIDGEPEER=set");
        assertThat(labels("c")).containsExactly("ChannelEnteredBridge", "ChannelVarset:BRIDGEPEER=set");
        events.received.clear();
        ari.call("DELETE", "/channels/c");
        destroyed("c-2");
        assertThat(labelsFrom("c", "ChannelVarset:BRIDGEPEER=''")).startsWith("ChannelVarset:BRIDGEPEER=''",
                "ChannelLeftBridge");
        assertThat(labels("a")).containsExactly("ChannelVarset:BRIDGEPEER=set");
        assertThat(labels("b")).containsExactly("ChannelVarset:BRIDGEPEER=set");
        events.received.clear();
        ari.call("DELETE", "/channels/b");
        destroyed("b-2");
        assertThat(labels("a")).isEmpty(); // one member left: set_bridge_peer_vars changes nothing
    }

    private String nameOf(String id) {
        return ari.call("GET", "/channels/" + id).body().path("name").asText();
    }

    /**
     * DELETE /bridges/{id} (stasis_app_bridge_destroy, main/bridge.c bridge_dissolve): the bridge is marked
     * dissolved and every member (the Recorder of a bridge recording too) is kicked, its BRIDGEPEER cleared,
     * before any is pulled; bridge_reconfigured sets no BRIDGEPEER on a dissolved bridge. No BridgeDestroyed
     * reaches the application while members were removed at its request (recorded for two members).
     */
    @Test
    void deletingABridgeWithThreeMembersOnlyClearsTheirBridgePeer() {
        originate("a");
        originate("b");
        originate("c");
        ari.call("POST", "/bridges?bridgeId=br");
        ari.call("POST", "/bridges/br/addChannel?channel=a,b,c");
        assertThat(ari.call("POST", "/bridges/br/record?name=rec-br&format=wav").status()).isEqualTo(201);
        events.await(e -> "RecordingStarted".equals(e.path("type").asText()));
        events.received.clear();
        assertThat(ari.call("DELETE", "/bridges/br").status()).isEqualTo(204);
        events.await("ChannelLeftBridge", "c");
        for (String id : List.of("a", "b", "c")) {
            assertThat(labels(id)).containsExactly("ChannelVarset:BRIDGEPEER=''", "ChannelLeftBridge");
        }
        assertThat(events.received).extracting(e -> e.path("type").asText()).doesNotContain("BridgeDestroyed");
        assertThat(labels("rec-br")).containsExactly("RecordingFinished");
        // The recording ended normally: it is stored, and no longer live.
        assertThat(ari.call("GET", "/recordings/live/rec-br").status()).isEqualTo(404);
        assertThat(ari.call("GET", "/recordings/stored/rec-br").status()).isEqualTo(200);
    }

    /**
     * continue to a place that does not exist: ast_ari_channels_continue_in_dialplan checks only a label, so
     * 204. The originated ;1 leg has no PBX: res_stasis.c stasis_app_exec runs the dialplan itself
     * (ast_pbx_run_args, no_hangup_chan), whose __ast_pbx_run finds no extension, no "i" and no "e" and stops;
     * app_stasis.c sets STASISSTATUS=SUCCESS, and resource_channels.c ari_originate_dial's ast_dial_destroy hangs
     * the leg up.
     */
    @Test
    void continueToAMissingExtensionEndsTheOriginatedLeg() {
        originate("m");
        assertThat(ari.call("POST", "/channels/m/continue?context=nope&extension=zz&priority=1").status())
                .isEqualTo(204);
        // Nothing on that path sets a hangup cause: 0 ("Unknown"), which core_unreal.c passes to the ;2 leg.
        assertThat(destroyed("m-2").path("cause").asInt()).isZero();
        assertThat(destroyed("m").path("cause").asInt()).isZero();
        assertThat(labelsFrom("m", "StasisEnd")).containsExactly("StasisEnd", "ChannelVarset:STASISSTATUS=set",
                "ChannelDestroyed");
        assertThat(labelsFrom("m-2", "ChannelHangupRequest:0")).containsExactly("ChannelHangupRequest:0",
                "ChannelHangupRequest:16:soft", "ChannelDestroyed");
        assertThat(labels("m")).noneMatch(l -> l.startsWith("ChannelDialplan"));
    }

    /**
     * continue of the originated ;1 leg to a dialplan that hangs up by itself (busy: Hangup(17)). The dialplan
     * runs in stasis_app_exec's ast_pbx_run_args with no_hangup_chan, so __ast_pbx_run ends without
     * ast_softhangup(AST_SOFTHANGUP_APPUNLOAD); pbx_builtins.c pbx_builtin_hangup sets the cause and soft-hangs up
     * with ast_softhangup_nolock, which publishes nothing. Then STASISSTATUS=SUCCESS, and ast_dial_destroy hangs
     * the leg up with cause 17, which core_unreal.c passes to the ;2 leg.
     */
    @Test
    void continueOfTheOriginatedLegToAHangupGivesItsCause() {
        originate("k");
        assertThat(ari.call("POST", "/channels/k/continue?context=arivoice-it&extension=busy&priority=1").status())
                .isEqualTo(204);
        assertThat(destroyed("k").path("cause").asInt()).isEqualTo(17);
        assertThat(destroyed("k-2").path("cause").asInt()).isEqualTo(17);
        assertThat(labelsFrom("k", "StasisEnd")).containsExactly("StasisEnd", "ChannelDialplan:Hangup(17)",
                "ChannelVarset:STASISSTATUS=set", "ChannelDestroyed");
        assertThat(labelsFrom("k-2", "ChannelHangupRequest:17")).containsExactly("ChannelHangupRequest:17",
                "ChannelHangupRequest:16:soft", "ChannelDestroyed");
    }

    /**
     * A channel that entered Stasis from its own dialplan (the ;2 leg of Local/stasis) keeps its PBX: after
     * continue stasis_app_exec returns at once, app_stasis.c sets STASISSTATUS=SUCCESS right after StasisEnd,
     * and the PBX goes on at the new place.
     */
    @Test
    void continueOfADialplanStasisChannelSetsStasisStatusAtOnce() {
        TestAri.Events app = ari.connect("app=arivoice-it&subscribeAll=false");
        assertThat(ari.call("POST", "/channels?endpoint=Local/stasis@arivoice-it&app=x&channelId=s"
                + "&otherChannelId=s-2").status()).isEqualTo(200);
        app.await("StasisStart", "s-2");
        assertThat(ari.call("POST", "/channels/s-2/continue?context=arivoice-it&extension=silent&priority=1")
                .status()).isEqualTo(204);
        events.await(e -> "ChannelDialplan".equals(e.path("type").asText()) && "s-2".equals(TestAri.channelId(e))
                && "Wait".equals(e.path("dialplan_app").asText()));
        assertThat(labelsFrom("s-2", "StasisEnd")).containsExactly("StasisEnd", "ChannelVarset:STASISSTATUS=set",
                "ChannelDialplan:Answer()", "ChannelDialplan:Wait(60)");
        assertThat(events.received.stream().filter(e -> "s-2".equals(TestAri.channelId(e))
                && "STASISSTATUS".equals(e.path("variable").asText())).reduce((x, y) -> y).orElseThrow()
                .path("value").asText()).isEqualTo("SUCCESS");
    }

    /**
     * apps/app_stasis.c app_exec: Stasis() of an application nobody registered sets STASISSTATUS to "" and then
     * FAILED, returns 0, and the dialplan goes on (here to Hangup()).
     */
    @Test
    void stasisOfAnUnregisteredApplicationFailsAndTheDialplanGoesOn() {
        assertThat(ari.call("POST", "/channels?endpoint=Local/stasis@arivoice-it&app=x&channelId=u"
                + "&otherChannelId=u-2").status()).isEqualTo(200);
        assertThat(destroyed("u-2").path("cause").asInt()).isEqualTo(16);
        assertThat(labelsFrom("u-2", "ChannelDialplan:Stasis(arivoice-it)")).containsExactly(
                "ChannelDialplan:Stasis(arivoice-it)", "ChannelVarset:STASISSTATUS=''",
                "ChannelVarset:STASISSTATUS=set", "ChannelDialplan:Hangup()", "ChannelHangupRequest:16:soft",
                "ChannelDestroyed");
    }

    /**
     * main/http.c handle_uri gives res_ari.c an empty path for both /ari and /ari/; ast_ari_invoke's walk stops on
     * the root handler, which has no callbacks: 405 "Invalid method" with "Allow: OPTIONS". GET /ari/events
     * without an upgrade is recorded (426).
     */
    @Test
    void theAriRootAndTheEventsResourceWithoutAnUpgrade() {
        for (String path : List.of("", "/")) {
            TestAri.Resp r = ari.call("GET", path);
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.message()).isEqualTo("Invalid method");
            assertThat(r.headers().firstValue("Allow")).hasValue("OPTIONS");
        }
        assertThat(ari.call("GET", "", null).status()).isEqualTo(401); // authentication comes first
        assertThat(ari.call("GET", "/events?app=x").status()).isEqualTo(426);
    }

    /**
     * res_ari.c ast_ari_invoke: OPTIONS is authenticated, allowed to a read-only user, walks the path (404
     * outside the tree) and handle_options answers 204 with the resource's Allow header.
     */
    @Test
    void optionsListsTheMethodsOfAResource() {
        TestAri.Resp r = ari.call("OPTIONS", "/channels");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.headers().firstValue("Allow")).hasValue("OPTIONS,GET,POST");
        assertThat(ari.call("OPTIONS", "/bridges/any-id").headers().firstValue("Allow"))
                .hasValue("OPTIONS,GET,POST,DELETE");
        assertThat(ari.call("OPTIONS", "").headers().firstValue("Allow")).hasValue("OPTIONS");
        assertThat(ari.call("OPTIONS", "/nosuch").status()).isEqualTo(404);
        assertThat(ari.call("OPTIONS", "/channels", null).status()).isEqualTo(401);
    }

    /**
     * control.c app_control_redirect: ast_transfer (main/channel.c ast_transfer_protocol) finds no transfer
     * callback in core_local.c's local_tech, so Asterisk logs "Unsupported transfer requested" and the channel
     * stays in Stasis after the 204.
     */
    @Test
    void redirectOfALocalChannelLeavesItInStasis() {
        originate("r");
        assertThat(ari.call("POST", "/channels/r/redirect?endpoint=Local/silent@arivoice-it").status())
                .isEqualTo(204);
        assertThat(ari.call("POST", "/channels/r/answer").status()).isEqualTo(204); // still controlled
        assertThat(labels("r")).doesNotContain("StasisEnd");
    }

    /** Recorded: the snoop leaves Stasis shortly after its target hangs up, and no ChannelDestroyed reaches it. */
    @Test
    void snoopThenHangUpTheTarget() {
        originate("t");
        assertThat(ari.call("POST", "/channels/t/snoop?app=x&spy=both&snoopId=sn").status()).isEqualTo(200);
        events.await("StasisStart", "sn");
        ari.call("DELETE", "/channels/t");
        events.await("StasisEnd", "sn");
        destroyed("t-2");
        assertThat(labels("sn")).containsExactly("StasisStart", "StasisEnd");
    }

    /**
     * The channel hangs up during a playback (recorded: PlaybackFinished failed). A playback still queued behind
     * it is never run: res/stasis/control.c control_flush_queue completes its command unrun, and
     * res_stasis_playback.c remove_from_playbacks drops it, so it has no event and is gone.
     */
    @Test
    void playOnAChannelThatHangsUpMeanwhile() {
        originate("p");
        assertThat(ari.call("POST", "/channels/p/play?media=sound:hello-world&playbackId=p1").status())
                .isEqualTo(201);
        assertThat(ari.call("POST", "/channels/p/play?media=sound:hello-world&playbackId=p2").status())
                .isEqualTo(201);
        events.await(e -> "PlaybackStarted".equals(e.path("type").asText()));
        ari.call("DELETE", "/channels/p");
        destroyed("p-2");
        assertThat(labels("p1")).containsExactly("PlaybackStarted:playing", "PlaybackFinished:failed");
        assertThat(labels("p2")).isEmpty();
        assertThat(ari.call("GET", "/playbacks/p1").status()).isEqualTo(404);
        assertThat(ari.call("GET", "/playbacks/p2").status()).isEqualTo(404);
    }
}
