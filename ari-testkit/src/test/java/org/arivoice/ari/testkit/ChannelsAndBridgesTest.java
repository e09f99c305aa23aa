package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelsAndBridgesTest {
    FakeAsterisk fake;
    TestAri ari;
    TestAri.Events events;

    @BeforeEach
    void start() {
        fake = FakeAsterisk.builder().build().start();
        ari = new TestAri(fake);
        events = ari.connect("app=voicebot");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private void originate(String exten, String id) {
        TestAri.Resp r = ari.call("POST", "/channels?endpoint=Local/" + exten + "@ari-it&app=voicebot&channelId=" + id
                + "&otherChannelId=" + id + "-peer");
        assertThat(r.status()).isEqualTo(200);
        events.await("StasisStart", id);
    }

    @Test
    void originatingLocalCallerPutsLegOneInStasisWithTheRecordedEvents() {
        TestAri.Resp r = ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot&channelId=call-1"
                + "&otherChannelId=call-1-peer");
        assertThat(r.body().path("name").asText()).isEqualTo("Local/caller@ari-it-00000000;1");
        assertThat(r.body().path("state").asText()).isEqualTo("Down");
        assertThat(r.body().path("dialplan").path("app_name").asText()).isEqualTo("AppDial2");
        events.await("StasisStart", "call-1");
        assertThat(Replay.perResource(events.received).get("call-1")).containsExactly("Dial:", "ChannelStateChange:Up",
                "Dial:ANSWER", "ChannelVarset:STASISSTATUS=''", "StasisStart");
        events.await(e -> "ChannelDialplan".equals(e.path("type").asText())
                && "hello-world".equals(e.path("dialplan_app_data").asText()));
        assertThat(Replay.perResource(events.received).get("call-1-peer")).startsWith("ChannelDialplan:Answer()",
                "ChannelStateChange:Up", "ChannelDialplan:Wait(0.5)", "ChannelDialplan:Playback(hello-world)");
        JsonNode app = ari.call("GET", "/applications/voicebot").body();
        assertThat(app.path("channel_ids").toString()).isEqualTo("[\"call-1\",\"call-1-peer\"]");
        assertThat(fake.channels()).extracting(ChannelSnapshot::stasisApp)
                .containsExactly(java.util.Optional.of("voicebot"), java.util.Optional.empty());
    }

    @Test
    void originateRejectsDuplicateIdsAndMissingParameters() {
        originate("caller", "dup");
        assertThat(ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot&channelId=dup").status())
                .isEqualTo(409);
        assertThat(ari.call("POST", "/channels?app=voicebot").status()).isEqualTo(400);
        assertThat(ari.call("POST", "/channels/withid?endpoint=Local/caller@ari-it&app=voicebot").status())
                .isEqualTo(200);
    }

    @Test
    void controlOfAChannelOutsideStasisIsRefused() {
        originate("caller", "c");
        TestAri.Resp answer = ari.call("POST", "/channels/c-peer/answer");
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.message()).isEqualTo("Channel not in Stasis application");
        assertThat(ari.call("POST", "/channels/nope/answer").message()).isEqualTo("Channel not found");
        assertThat(ari.call("POST", "/channels/c/answer").status()).isEqualTo(204);
    }

    @Test
    void dtmfSentOnOneLocalLegArrivesOnTheOther() {
        originate("stasis", "d");
        events.await("StasisStart", "d-peer");
        assertThat(ari.call("POST", "/channels/d-peer/dtmf?dtmf=1%23&duration=120").status()).isEqualTo(204);
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> events.received.stream()
                .filter(e -> "ChannelDtmfReceived".equals(e.path("type").asText())).count() == 2);
        List<JsonNode> dtmf = events.received.stream()
                .filter(e -> "ChannelDtmfReceived".equals(e.path("type").asText())).toList();
        assertThat(dtmf).extracting(e -> e.path("digit").asText()).containsExactly("1", "#");
        assertThat(dtmf).extracting(TestAri::channelId).containsOnly("d");
        assertThat(dtmf.get(0).path("duration_ms").asInt()).isEqualTo(120);
        assertThat(ari.call("POST", "/channels/d/dtmf").message()).isEqualTo("DTMF is required");
    }

    @Test
    void continueLeavesStasisAndRunsTheDialplan() {
        originate("stasis", "k");
        assertThat(ari.call("POST", "/channels/k/continue?context=ari-it&extension=caller&priority=1").status())
                .isEqualTo(204);
        events.await(e -> "ChannelDialplan".equals(e.path("type").asText()) && "k".equals(TestAri.channelId(e))
                && "Wait".equals(e.path("dialplan_app").asText()));
        List<String> k = Replay.perResource(events.received).get("k");
        assertThat(k.subList(k.indexOf("StasisEnd"), k.size())).startsWith("StasisEnd", "ChannelDialplan:Answer()",
                "ChannelDialplan:Wait(0.5)");
        JsonNode ch = ari.call("GET", "/channels/k").body();
        assertThat(ch.path("dialplan").path("app_name").asText()).isEqualTo("Wait");
        assertThat(ari.call("POST", "/bridges?bridgeId=kb").status()).isEqualTo(200);
        assertThat(ari.call("POST", "/bridges/kb/addChannel?channel=k").message())
                .isEqualTo("Channel not in Stasis application");
    }

    @Test
    void variablesCanBeSetAndRead() {
        originate("caller", "v");
        assertThat(ari.call("POST", "/channels/v/variable?variable=GREETING&value=hi").status()).isEqualTo(204);
        events.await(e -> "ChannelVarset".equals(e.path("type").asText()) && "GREETING".equals(e.path("variable").asText()));
        assertThat(ari.call("GET", "/channels/v/variable?variable=GREETING").body().path("value").asText()).isEqualTo("hi");
        assertThat(ari.call("GET", "/channels/v/variable?variable=NOPE").status()).isEqualTo(404);
        assertThat(ari.call("GET", "/channels/v/variable").status()).isEqualTo(400);
    }

    @Test
    void holdAndRingAreAccepted() {
        originate("caller", "h");
        // Recorded (conformance-channels-state): hold on a Local channel answers 204 and raises no ChannelHold.
        assertThat(ari.call("POST", "/channels/h/hold").status()).isEqualTo(204);
        assertThat(ari.call("DELETE", "/channels/h/hold").status()).isEqualTo(204);
        assertThat(ari.call("POST", "/channels/h/ring").status()).isEqualTo(204);
        assertThat(ari.call("DELETE", "/channels/h/ring").status()).isEqualTo(204);
        assertThat(ari.call("POST", "/channels/h/mute?direction=both").status()).isEqualTo(204);
        assertThat(ari.call("POST", "/channels/h/mute").message()).isEqualTo("Direction is required");
        assertThat(ari.call("GET", "/channels/h").status()).isEqualTo(200);
        assertThat(events.received).noneMatch(e -> e.path("type").asText().startsWith("ChannelHold")
                || e.path("type").asText().startsWith("ChannelUnhold"));
    }

    @Test
    void hangupWithAnInvalidReasonIsRefusedAndAValidOneIsReported() {
        originate("caller", "x");
        assertThat(ari.call("DELETE", "/channels/x?reason=sideways").message())
                .isEqualTo("Invalid reason for hangup reason provided"); // recorded (conformance channels-basic)
        assertThat(ari.call("DELETE", "/channels/x?reason=busy").status()).isEqualTo(204);
        JsonNode destroyed = events.await("ChannelDestroyed", "x");
        assertThat(destroyed.path("cause").asInt()).isEqualTo(17);
        assertThat(destroyed.path("cause_txt").asText()).isEqualTo("User busy");
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.channels().isEmpty());
    }

    @Test
    void bridgesAreCreatedListedAndDestroyedWithTheRecordedErrors() {
        originate("caller", "a");
        JsonNode created = ari.call("POST", "/bridges?type=mixing&bridgeId=br&name=n").body();
        assertThat(created.path("technology").asText()).isEqualTo("simple_bridge");
        assertThat(created.path("bridge_class").asText()).isEqualTo("stasis");
        assertThat(ari.call("POST", "/bridges?bridgeId=br").status()).isEqualTo(409);
        assertThat(ari.call("GET", "/bridges").body()).hasSize(1);
        assertThat(ari.call("POST", "/bridges/br/addChannel?channel=nope").message()).isEqualTo("Channel not found");
        assertThat(ari.call("POST", "/bridges/nope/addChannel?channel=a").message()).isEqualTo("Bridge not found");
        assertThat(ari.call("POST", "/bridges/br/removeChannel?channel=a").status()).isEqualTo(422);
        assertThat(ari.call("POST", "/bridges/br/addChannel?channel=a").status()).isEqualTo(204);
        // Recorded: ChannelEnteredBridge is sent before the 204.
        assertThat(fake.events()).anyMatch(e -> e.contains("ChannelEnteredBridge"));
        assertThat(ari.call("GET", "/bridges/br").body().path("channels").toString()).isEqualTo("[\"a\"]");
        assertThat(ari.call("DELETE", "/bridges/br").status()).isEqualTo(204);
        // The events travel over the WebSocket after the 204: wait for the last one before looking at them. No
        // BridgeDestroyed: the channel's leaving unsubscribed the application (conformance-bridges.jsonl).
        events.await(e -> "ChannelLeftBridge".equals(e.path("type").asText()));
        assertThat(Replay.perResource(events.received).get("a")).contains("ChannelEnteredBridge", "ChannelLeftBridge");
        assertThat(ari.call("DELETE", "/bridges/br").message()).isEqualTo("Bridge not found");
        assertThat(fake.channels()).extracting(ChannelSnapshot::bridgeId).containsOnly(java.util.Optional.empty());
    }

    @Test
    void snoopValidatesItsDirectionsAndTarget() {
        originate("caller", "t");
        assertThat(ari.call("POST", "/channels/t/snoop?spy=sideways&app=voicebot").message())
                .isEqualTo("Invalid direction specified for spy");
        assertThat(ari.call("POST", "/channels/t/snoop?whisper=up&app=voicebot").message())
                .isEqualTo("Invalid direction specified for whisper");
        assertThat(ari.call("POST", "/channels/nope/snoop?spy=in&app=voicebot").status()).isEqualTo(404);
        JsonNode snoop = ari.call("POST", "/channels/t/snoop/sn?spy=in&app=voicebot&appArgs=monitor").body();
        assertThat(snoop.path("name").asText()).isEqualTo("Snoop/t-00000000");
        JsonNode start = events.await("StasisStart", "sn");
        assertThat(start.path("args").toString()).isEqualTo("[\"monitor\"]");
        assertThat(start.path("channel").path("dialplan").path("app_data").asText()).isEqualTo("voicebot,monitor");
    }

    @Test
    void incomingPhoneCallsEnterStasisAndAFarEndHangupEndsThem() {
        String id = fake.simulateIncomingCall("1000");
        JsonNode start = events.await("StasisStart", id);
        assertThat(start.path("channel").path("name").asText()).startsWith("PJSIP/1000-");
        assertThat(ari.call("POST", "/bridges?bridgeId=pb").status()).isEqualTo(200);
        assertThat(ari.call("POST", "/bridges/pb/addChannel?channel=" + id).status()).isEqualTo(204);
        fake.hangUpFromFarEnd(id);
        events.await("StasisEnd", id);
        // Recorded (sip-call): HangupRequest without cause, leave the bridge, StasisEnd; nothing after it.
        assertThat(Replay.perResource(events.received).get(id)).containsExactly("StasisStart", "ChannelEnteredBridge",
                "ChannelHangupRequest:-", "ChannelLeftBridge", "StasisEnd");
        assertThat(fake.channels()).isEmpty();
        assertThat(ari.call("DELETE", "/bridges/pb").status()).isEqualTo(204);
        fake.assertNoLeaks();
    }
    @Test
    void aDeletedBridgeIsStillSeenUntilAsteriskHasDissolvedIt() throws Exception {
        try (FakeAsterisk slow = FakeAsterisk.builder().bridgeDissolveDelay(java.time.Duration.ofMillis(400)).build()
                .start()) {
            TestAri a = new TestAri(slow);
            TestAri.Events ev = a.connect("app=voicebot");
            // An empty bridge is gone with the 204, as every recording shows.
            assertThat(a.call("POST", "/bridges?type=mixing&bridgeId=dis-0").status()).isEqualTo(200);
            assertThat(a.call("DELETE", "/bridges/dis-0").status()).isEqualTo(204);
            assertThat(a.call("DELETE", "/bridges/dis-0").message()).isEqualTo("Bridge not found");
            // One with members is dissolved a moment after the 204.
            assertThat(a.call("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot&channelId=dis-c"
                    + "&otherChannelId=dis-c-peer").status()).isEqualTo(200);
            ev.await("StasisStart", "dis-c");
            assertThat(a.call("POST", "/bridges?type=mixing&bridgeId=dis-1").status()).isEqualTo(200);
            assertThat(a.call("POST", "/bridges/dis-1/addChannel?channel=dis-c").status()).isEqualTo(204);
            assertThat(a.call("DELETE", "/bridges/dis-1").status()).isEqualTo(204);

            // res_stasis.c stasis_app_bridge_destroy: the 204 comes once the dissolution is queued.
            assertThat(a.call("GET", "/bridges/dis-1").status()).isEqualTo(200);
            assertThat(a.call("GET", "/bridges").body().toString()).contains("dis-1");
            TestAri.Resp again = a.call("DELETE", "/bridges/dis-1");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.message()).isEqualTo("Bridge not in Stasis application");
            assertThat(a.call("POST", "/bridges/dis-1/addChannel?channel=x").status()).isEqualTo(409);
            assertThat(a.call("POST", "/bridges?bridgeId=dis-1").message())
                    .isEqualTo("Bridge with id 'dis-1' already exists"); // conformance-bridges.jsonl

            org.awaitility.Awaitility.await().atMost(org.arivoice.testsupport.Timeouts.seconds(5))
                    .until(() -> a.call("GET", "/bridges/dis-1").status() == 404);
            assertThat(a.call("DELETE", "/bridges/dis-1").message()).isEqualTo("Bridge not found");
            assertThat(a.call("DELETE", "/channels/dis-c").status()).isEqualTo(204);
            ev.await("StasisEnd", "dis-c");
        }
    }
}
