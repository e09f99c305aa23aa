package org.arivoice.ari.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.model.LiveRecording;
import org.arivoice.ari.model.Playback;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnnouncementRecordingDtmfTest {
    private final PatternsFixture fx = new PatternsFixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void anAnnouncementOnTheBridgeCompletesWhenAsteriskReportsItFinished() {
        BridgedMediaCall call = fx.readyCall(fx.localCaller("c-ann"));

        // A sound ends by itself; a tone: URI plays until stopped on a real Asterisk (see the recording).
        Playback done = call.play(PlaybackTarget.BRIDGE, "sound:hello-world").orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        assertThat(done.state()).isEqualTo("done");
        assertThat(done.targetUri()).isEqualTo("bridge:" + call.bridgeId());
        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        fx.assertNoLeaks();
    }

    @Test
    void anUnknownSoundToTheCallerFinishesAsFailed() {
        String caller = fx.localCaller("c-unknown");
        BridgedMediaCall call = fx.readyCall(caller);

        Playback done = call.play(PlaybackTarget.CALLER, "sound:no-such-sound").orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)
                .join();

        assertThat(done.state()).isEqualTo("failed");
        assertThat(done.targetUri()).isEqualTo("channel:" + caller);
        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        fx.assertNoLeaks();
    }

    @Test
    void aBridgeRecordingStopsWithItsFileStoredAndTheTeardownStopsOneLeftRunning() {
        BridgedMediaCall call = fx.readyCall(fx.localCaller("c-rec"));
        String name = call.callId() + "-rec";

        LiveRecording started = call.startRecording(name, "wav").orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(started.targetUri()).isEqualTo("bridge:" + call.bridgeId());
        LiveRecording finished = call.stopRecording(name).orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        assertThat(finished.state()).isEqualTo("done");
        byte[] wav = fx.ari.recordings().getStoredFile(name).await();
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        fx.ari.recordings().deleteStored(name).await();
        assertThatThrownBy(() -> fx.ari.recordings().getStored(name).await()).isInstanceOf(AriNotFoundException.class);

        String second = call.callId() + "-rec2";
        call.startRecording(second, "wav").orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        CallEnd end = call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.report().outcomes()).filteredOn(o -> o.kind() == ResourceKind.LIVE_RECORDING)
                .extracting(TeardownReport.Outcome::id, TeardownReport.Outcome::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(name, TeardownReport.Result.ALREADY_GONE),
                        org.assertj.core.groups.Tuple.tuple(second, TeardownReport.Result.REMOVED));
        assertThat(end.report().outcomes().get(1).kind()).isEqualTo(ResourceKind.LIVE_RECORDING);
        assertThat(fx.ari.recordings().getStored(second).await().name()).isEqualTo(second);
        fx.ari.recordings().deleteStored(second).await();
        fx.assertNoLeaks();
    }

    @Test
    void stoppingAnUnknownRecordingSaysSo() {
        BridgedMediaCall call = fx.readyCall(fx.localCaller("c-norec"));

        assertThatThrownBy(() -> call.stopRecording("nope").join()).hasMessageContaining("no live recording named nope");
        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
    }

    @Test
    void digitsTheCallerPressesReachTheListenerInOrder() {
        String caller = fx.localCaller("c-dtmf", "stasis");
        fx.awaitStasisStart(caller + "-peer");   // the far leg enters Stasis through the dialplan
        BridgedMediaCall call = fx.readyCall(caller);
        List<String> digits = new CopyOnWriteArrayList<>();
        call.onDtmf(digits::add);
        call.onDtmf(d -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });

        // A Local pair: DTMF sent on the far leg is received on the caller's leg, as in the recording.
        fx.ari.channels().sendDtmf(caller + "-peer", "1").await();
        fx.ari.channels().sendDtmf(caller + "-peer", "#").await();

        await().atMost(Timeouts.seconds(5)).until(() -> digits.size() == 2);
        assertThat(digits).containsExactly("1", "#");
        call.sendDtmf("9").orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        fx.assertNoLeaks();
    }

    @Test
    void musicOnHoldStartsAndStopsOnTheBridge() {
        BridgedMediaCall call = fx.readyCall(fx.localCaller("c-moh"));

        call.startMusicOnHold(null).orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        call.stopMusicOnHold().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThatThrownBy(() -> call.stopMusicOnHold().join()).hasMessageContaining("Bridge isn't playing music");

        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        fx.assertNoLeaks();
    }
}
