package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.event.StasisEnd;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.model.Playback;
import org.arivoice.ari.patterns.BridgedMediaCall;
import org.arivoice.ari.patterns.CallEnd;
import org.arivoice.ari.patterns.CallPhase;
import org.arivoice.ari.patterns.MediaCallOptions;
import org.arivoice.ari.patterns.PlaybackTarget;
import org.arivoice.ari.patterns.Supervision;
import org.arivoice.ari.patterns.SupervisorMode;
import org.arivoice.ari.patterns.TeardownReason;
import org.arivoice.ari.patterns.TransferFailedException;
import org.arivoice.ari.resources.ContinueOptions;
import org.arivoice.testsupport.HangGuard;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

/**
 * The call patterns of ari-bridge-patterns on a ready bridge/snoop/ExternalMedia call: transfer to an endpoint
 * (and one that is busy), blind transfer, supervisor monitoring, and an announcement played to completion.
 * Each ends with nothing of the test left in Asterisk.
 */
@HangGuard(seconds = 60)
class CallPatternsIT extends PatternsScenario {
    private BridgedMediaCall readyCall(String extension) {
        BridgedMediaCall call = patterns.startMediaCall(originateInto(extension),
                MediaCallOptions.builder(media).build());
        call.awaitReady(Timeouts.seconds(20));
        return call;
    }

    @Test
    void transferToAnEndpointPutsTheNewPartyInTheBridgeInsteadOfTheMediaLeg() {
        BridgedMediaCall call = readyCall("caller");
        String mediaChannel = call.callId() + "-media";

        String party = call.transferTo("Local/silent@" + target.context(), Duration.ofSeconds(10))
                .orTimeout(Timeouts.ms(30, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        assertThat(call.phase()).isEqualTo(CallPhase.WITH_PARTY);
        assertThat(ari.bridges().get(call.bridgeId()).await().channels())
                .containsExactlyInAnyOrder(call.callerChannelId(), party);
        assertThatThrownBy(() -> ari.channels().get(mediaChannel).await()).isInstanceOf(AriNotFoundException.class);

        ari.channels().hangup(party).await();
        CallEnd end = call.ended().orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.reason()).isEqualTo(TeardownReason.TRANSFER_PARTY_HUNG_UP);
        assertThat(end.report().clean()).isTrue();
    }

    @Test
    void aBusyTransferTargetLeavesTheCallerWithTheApplication() {
        BridgedMediaCall call = readyCall("caller");

        assertThatThrownBy(() -> call.transferTo("Local/busy@" + target.context(), Duration.ofSeconds(10))
                .orTimeout(Timeouts.ms(30, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join())
                .hasCauseInstanceOf(TransferFailedException.class)
                .hasMessageContaining("still connected as before");

        assertThat(call.phase()).isEqualTo(CallPhase.READY);
        assertThat(ari.bridges().get(call.bridgeId()).await().channels())
                .containsExactlyInAnyOrder(call.callerChannelId(), call.callId() + "-media");
        assertThat(call.hangup().orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join().report().clean()).isTrue();
    }

    @Test
    void blindTransferHandsTheCallerToTheDialplanAndRemovesTheRest() {
        BridgedMediaCall call = readyCall("caller");
        String caller = call.callerChannelId();

        call.blindTransfer(ContinueOptions.builder().context(target.context()).extension("transferred").priority(1)
                .build()).orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        log.await(StasisEnd.class, caller, EVENT_TIMEOUT);
        CallEnd end = call.ended().orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.reason()).isEqualTo(TeardownReason.TRANSFERRED);
        Channel now = ari.channels().get(caller).await();
        assertThat(now.dialplan().context()).isEqualTo(target.context());
        assertThat(now.dialplan().exten()).isEqualTo("transferred");
        assertThatThrownBy(() -> ari.bridges().get(call.bridgeId()).await()).isInstanceOf(AriNotFoundException.class);
        ari.channels().hangup(caller).await();
    }

    @Test
    void aSupervisorListensThroughASnoopAndLeavesNothingWhenStopped() {
        BridgedMediaCall call = readyCall("caller");
        String supervisor = originateInto("silent");

        Supervision s = call.supervise(supervisor, call.callerChannelId(), SupervisorMode.WHISPER)
                .orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        String supBridge = call.callId() + "-sup-1-bridge";
        assertThat(ari.bridges().get(supBridge).await().channels())
                .containsExactlyInAnyOrder(call.callId() + "-sup-1-snoop", supervisor);
        s.stop().orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThatThrownBy(() -> ari.bridges().get(supBridge).await()).isInstanceOf(AriNotFoundException.class);
        assertThat(ari.channels().get(supervisor).await().id()).isEqualTo(supervisor);

        call.hangup().orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        ari.channels().hangup(supervisor).await();
    }

    @Test
    void anAnnouncementOfAStoredRecordingPlaysToCompletion() {
        BridgedMediaCall call = readyCall("caller");
        String name = id("announcement");
        // No sound files are assumed on the target, and tone: playbacks never end by themselves: record one
        // second of the caller's tone and announce that recording.
        call.startRecording(name, "wav").orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        sleep(1200);
        call.stopRecording(name).orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        Playback done = call.play(PlaybackTarget.BRIDGE, "recording:" + name).orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        assertThat(done.state()).isEqualTo("done");
        assertThat(done.targetUri()).isEqualTo("bridge:" + call.bridgeId());
        ari.recordings().deleteStored(name).await();
        call.hangup().orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
    }
}
