package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.event.ChannelDestroyed;
import org.arivoice.ari.event.ChannelEnteredBridge;
import org.arivoice.ari.event.RecordingFinished;
import org.arivoice.ari.event.RecordingStarted;
import org.arivoice.ari.model.LiveRecording;
import org.arivoice.ari.model.StoredRecording;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.resources.RecordOptions;
import org.arivoice.testsupport.HangGuard;
import org.junit.jupiter.api.Test;

/**
 * Recording a mixing bridge that holds a caller ({@code Local/caller@<context>}, whose far end plays a steady
 * 440 Hz tone): {@code RecordingStarted}, stop, {@code RecordingFinished}; the stored recording exists, its file
 * is a WAV (holding the caller's 440 Hz tone), and once deleted it is {@code 404 Recording not found}.
 */
@HangGuard(seconds = 60)
class RecordingIT extends ScenarioSupport {
    private static final double CALLER_TONE_HZ = 440;

    @Test
    void bridgeRecordingIsStoredAsWavAndCanBeDeleted() {
        String name = id("rec");
        byte[] file = recordBridgeWithCaller(name);

        assertThat(new String(Arrays.copyOf(file, 4), StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(Arrays.copyOfRange(file, 8, 12), StandardCharsets.US_ASCII)).isEqualTo("WAVE");
        WavAudio.parse(file); // a well-formed 16-bit PCM WAV

        ari.recordings().deleteStored(name).await();
        assertThatThrownBy(() -> ari.recordings().getStored(name).await())
                .isInstanceOfSatisfying(AriNotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.asteriskMessage()).contains("Recording not found");
                });
        assertThat(ari.recordings().listStored().await()).noneMatch(r -> r.name().equals(name));
    }

    @Test
    void bridgeRecordingHoldsTheCallersTone() {
        String name = id("rec-tone");
        byte[] file = recordBridgeWithCaller(name);
        ari.recordings().deleteStored(name).await();

        WavAudio audio = WavAudio.parse(file);
        // At least half a second of audio: the recording ran about 1.5 s.
        assertThat(audio.samples().length).as("samples in the recording").isGreaterThan(audio.sampleRate() / 2);
        double tone = Goertzel.power(audio.samples(), audio.sampleRate(), CALLER_TONE_HZ);
        for (double other : new double[] {300, 620, 1000}) {
            assertThat(tone).as("power at %.0f Hz against %.0f Hz", CALLER_TONE_HZ, other)
                    .isGreaterThan(10 * Goertzel.power(audio.samples(), audio.sampleRate(), other));
        }
    }

    /**
     * Puts a caller in a new mixing bridge, records the bridge for about 1.5 s, stops, checks the stored
     * recording, hangs the caller up and destroys the bridge.
     *
     * @return the stored file (still stored: the caller deletes it)
     */
    private byte[] recordBridgeWithCaller(String name) {
        String channelId = originateInto("caller");
        String bridgeId = id("bridge-" + name);
        ari.bridges().create(BridgeOptions.builder().type("mixing").bridgeId(bridgeId).build()).await();
        ari.bridges().addChannel(bridgeId, channelId).await();
        log.await(ChannelEnteredBridge.class, bridgeId, EVENT_TIMEOUT);

        LiveRecording live = ari.bridges().record(bridgeId, RecordOptions.builder(name, "wav").build()).await();
        assertThat(live.name()).isEqualTo(name);
        assertThat(live.targetUri()).isEqualTo("bridge:" + bridgeId);
        log.await(RecordingStarted.class, name, EVENT_TIMEOUT);

        sleep(1500); // let about 1.5 s of the caller's tone into the recording
        ari.recordings().stop(name).await();
        RecordingFinished finished = log.await(RecordingFinished.class, name, EVENT_TIMEOUT);
        assertThat(finished.recording().state()).isEqualTo("done");

        StoredRecording stored = ari.recordings().getStored(name).await();
        assertThat(stored.name()).isEqualTo(name);
        assertThat(stored.format()).isEqualTo("wav");
        byte[] file = ari.recordings().getStoredFile(name).await();

        ari.channels().hangup(channelId).await();
        log.await(ChannelDestroyed.class, channelId, EVENT_TIMEOUT);
        ari.bridges().destroy(bridgeId).await();
        return file;
    }
}
