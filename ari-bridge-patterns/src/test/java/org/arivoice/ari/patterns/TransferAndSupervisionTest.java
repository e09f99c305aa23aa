package org.arivoice.ari.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.resources.ContinueOptions;
import org.arivoice.ari.testkit.BridgeSnapshot;
import org.arivoice.ari.testkit.ChannelSnapshot;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransferAndSupervisionTest {
    private final PatternsFixture fx = new PatternsFixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private BridgeSnapshot bridge(String id) {
        return fx.asterisk.bridges().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void blindTransferHandsTheCallerToTheDialplanAndRemovesTheRestWithoutHangingUp() {
        String caller = fx.localCaller("c-blind");
        BridgedMediaCall call = fx.readyCall(caller);

        call.blindTransfer(ContinueOptions.builder().context("ari-it").extension("caller").priority(1).build())
                .orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        CallEnd end = call.ended().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.reason()).isEqualTo(TeardownReason.TRANSFERRED);
        assertThat(end.report().outcomes()).noneMatch(o -> o.id().equals(caller));
        Channel after = fx.ari.channels().get(caller).await();
        assertThat(after.dialplan().exten()).isEqualTo("caller");
        await().atMost(Timeouts.seconds(5)).untilAsserted(() -> {
            assertThat(fx.asterisk.bridges()).isEmpty();
            assertThat(fx.asterisk.channels()).extracting(ChannelSnapshot::kind)
                    .doesNotContain(ChannelSnapshot.Kind.EXTERNAL_MEDIA, ChannelSnapshot.Kind.SNOOP);
        });
        assertThat(fx.patterns.counters().transfers()).isEqualTo(1);
        fx.ari.channels().hangup(caller).await();
        fx.assertNoLeaks();
    }

    @Test
    void aRefusedBlindTransferKeepsTheCallWithTheApplication() {
        String caller = fx.localCaller("c-refused");
        BridgedMediaCall call = fx.readyCall(caller);
        fx.asterisk.failRequests("POST", "/channels/[^/]+/continue", 500, 1);

        assertThatThrownBy(() -> call.blindTransfer(ContinueOptions.builder().context("ari-it").extension("caller")
                .priority(1).build()).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TransferFailedException.class)
                .hasMessageContaining("still connected to the application");
        assertThat(call.phase()).isEqualTo(CallPhase.READY);
        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        fx.assertNoLeaks();
    }

    @Test
    void transferToAnEndpointBridgesThePartyAndDropsTheMediaLeg() {
        String caller = fx.localCaller("c-xfer");
        BridgedMediaCall call = fx.readyCall(caller);
        String mediaId = call.callId() + "-media";

        String party = call.transferTo("Local/caller@ari-it", Duration.ofSeconds(5)).orTimeout(Timeouts.ms(15, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)
                .join();

        assertThat(party).startsWith(call.callId() + "-transfer-");
        assertThat(call.phase()).isEqualTo(CallPhase.WITH_PARTY);
        await().atMost(Timeouts.seconds(5)).untilAsserted(() -> {
            assertThat(bridge(call.bridgeId()).channelIds()).containsExactlyInAnyOrder(caller, party);
            assertThat(fx.asterisk.channels()).extracting(ChannelSnapshot::id).doesNotContain(mediaId);
            assertThat(fx.asterisk.snoops()).isEmpty();
        });

        fx.ari.channels().hangup(party).await();

        CallEnd end = call.ended().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.reason()).isEqualTo(TeardownReason.TRANSFER_PARTY_HUNG_UP);
        fx.assertNoLeaks();
    }

    @Test
    void aTransferWhoseNewLegFailsLeavesTheCallerWithTheBot() {
        String caller = fx.localCaller("c-xfail");
        BridgedMediaCall call = fx.readyCall(caller);
        fx.asterisk.failRequests("POST", "/channels/[^/]+-transfer-[0-9]+", 500, 1);

        assertThatThrownBy(() -> call.transferTo("Local/caller@ari-it", Duration.ofSeconds(5)).join())
                .hasCauseInstanceOf(TransferFailedException.class)
                .hasMessageContaining("The caller is still connected as before");

        assertThat(call.phase()).isEqualTo(CallPhase.READY);
        assertThat(bridge(call.bridgeId()).channelIds()).containsExactly(caller, call.callId() + "-media");
        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        fx.assertNoLeaks();
    }

    @Test
    void aConferencePartyJoinsTheBridgeAndIsHungUpWithTheCall() {
        String caller = fx.localCaller("c-conf");
        BridgedMediaCall call = fx.readyCall(caller);

        String party = call.addParty("Local/caller@ari-it", Duration.ofSeconds(5)).orTimeout(Timeouts.ms(15, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)
                .join();

        assertThat(bridge(call.bridgeId()).channelIds())
                .containsExactly(caller, call.callId() + "-media", party);
        CallEnd end = call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.report().outcomes()).anySatisfy(o -> {
            assertThat(o.id()).isEqualTo(party);
            assertThat(o.result()).isEqualTo(TeardownReport.Result.REMOVED);
        });
        fx.assertNoLeaks();
    }

    @Test
    void aSupervisorListensThroughASnoopInTheirOwnBridgeAndStopRemovesIt() {
        String caller = fx.localCaller("c-sup");
        String supervisor = fx.localCaller("sup-1");
        BridgedMediaCall call = fx.readyCall(caller);

        Supervision s = call.supervise(supervisor, caller, SupervisorMode.LISTEN).orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)
                .join();

        String supSnoop = call.callId() + "-sup-1-snoop";
        String supBridge = call.callId() + "-sup-1-bridge";
        assertThat(fx.asterisk.snoops()).extracting(ChannelSnapshot::id).contains(supSnoop);
        assertThat(bridge(supBridge).channelIds()).containsExactly(supSnoop, supervisor);
        assertThat(bridge(call.bridgeId()).channelIds()).doesNotContain(supervisor);

        s.stop().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        // stop() is done when the bridge is really gone: Asterisk answers the DELETE before it has dissolved it.
        assertThatThrownBy(() -> fx.ari.bridges().get(supBridge).await()).isInstanceOf(AriNotFoundException.class);
        await().atMost(Timeouts.seconds(5)).untilAsserted(() -> {
            assertThat(fx.asterisk.bridges()).extracting(BridgeSnapshot::id).doesNotContain(supBridge);
            assertThat(fx.asterisk.snoops()).extracting(ChannelSnapshot::id).doesNotContain(supSnoop);
        });
        assertThat(fx.asterisk.channels()).extracting(ChannelSnapshot::id).contains(supervisor);
        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        fx.ari.channels().hangup(supervisor).await();
        fx.assertNoLeaks();
    }

    @Test
    void aWhisperingSupervisorIsRemovedByTheCallTeardownButNotHungUp() {
        String caller = fx.localCaller("c-whisper");
        String supervisor = fx.localCaller("sup-2");
        BridgedMediaCall call = fx.readyCall(caller);

        call.supervise(supervisor, caller, SupervisorMode.WHISPER).orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(fx.asterisk.events()).anyMatch(e -> e.contains("\"StasisStart\"")
                && e.contains(call.callId() + "-sup-1-snoop"));

        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        await().atMost(Timeouts.seconds(5)).untilAsserted(() -> {
            assertThat(fx.asterisk.bridges()).isEmpty();
            assertThat(fx.asterisk.channels()).extracting(ChannelSnapshot::id)
                    .containsExactlyInAnyOrder(supervisor, supervisor + "-peer");
        });
        fx.ari.channels().hangup(supervisor).await();
        fx.assertNoLeaks();
    }

    @Test
    void aBargingSupervisorJoinsTheCallBridge() {
        String caller = fx.localCaller("c-barge");
        String supervisor = fx.localCaller("sup-3");
        BridgedMediaCall call = fx.readyCall(caller);

        Supervision s = call.supervise(supervisor, caller, SupervisorMode.BARGE).orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)
                .join();
        assertThat(bridge(call.bridgeId()).channelIds()).contains(supervisor);

        s.stop().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(bridge(call.bridgeId()).channelIds()).doesNotContain(supervisor);
        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        fx.ari.channels().hangup(supervisor).await();
        fx.assertNoLeaks();
    }

    @Test
    void patternsOnACallThatIsNotReadyFailWithASentence() {
        fx.asterisk.delayRequests("POST", "/channels/[^/]+/answer", Duration.ofMillis(500), 1);
        BridgedMediaCall call = fx.patterns.startMediaCall(fx.incomingCall(), fx.options().build());

        assertThatThrownBy(() -> call.transferTo("Local/caller@ari-it", Duration.ofSeconds(1)).join())
                .hasCauseInstanceOf(CallPatternException.class).hasMessageContaining("needs it READY");
        call.awaitReady(Timeouts.seconds(10));
        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThatThrownBy(() -> call.play(PlaybackTarget.BRIDGE, "tone:440/100").join())
                .hasCauseInstanceOf(CallEndedException.class).hasMessageContaining("has ended");
        fx.assertNoLeaks();
    }
}
