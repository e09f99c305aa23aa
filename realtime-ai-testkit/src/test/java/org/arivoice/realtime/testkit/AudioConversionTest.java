package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.arivoice.testsupport.TestData;
import org.junit.jupiter.api.Test;

class AudioConversionTest {
    @Test
    void g711RoundTripsWithinTheQuantisationStep() {
        for (int s = -32768; s <= 32767; s += 7) {
            int ulaw = G711.ulawDecode(G711.ulawEncode(s));
            int alaw = G711.alawDecode(G711.alawEncode(s));
            int tolerance = Math.max(16, Math.abs(s) / 16);
            assertThat(Math.abs(ulaw - s)).as("µ-law of %d", s).isLessThanOrEqualTo(tolerance);
            assertThat(Math.abs(alaw - s)).as("A-law of %d", s).isLessThanOrEqualTo(tolerance);
        }
    }

    @Test
    void g711KnownCodes() {
        assertThat(G711.ulawEncode(0)).isEqualTo((byte) 0xFF);
        assertThat(G711.alawEncode(0)).isEqualTo((byte) 0xD5);
        assertThat(G711.ulawDecode((byte) 0xFF)).isEqualTo((short) 0);
    }

    @Test
    void aToneRendersToTheRightLengthInEveryFormat() {
        AudioSource tone = AudioSource.tone(440, Duration.ofMillis(1500), 0.3);
        assertThat(tone.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(tone.render(AudioFormat.PCM16)).hasSize(1500 * 48);
        assertThat(tone.render(AudioFormat.PCMU)).hasSize(1500 * 8);
        assertThat(tone.render(AudioFormat.PCMA)).hasSize(1500 * 8);
    }

    @Test
    void mulawSurvivesTheTripThrough24kHz() {
        byte[] ulaw = TestAudio.g711Utterance(true, 0, 500, 0);
        byte[] back = AudioSource.mulaw(ulaw).render(AudioFormat.PCMU);
        assertThat(back).hasSize(ulaw.length);
        short[] a = AudioFormat.PCMU.decode(ulaw, 0, ulaw.length);
        short[] b = AudioFormat.PCMU.decode(back, 0, back.length);
        double err = 0;
        double sig = 0;
        for (int i = 0; i < a.length; i++) {
            err += Math.pow(a[i] - b[i], 2);
            sig += Math.pow(a[i], 2);
        }
        assertThat(10 * Math.log10(sig / err)).as("SNR dB").isGreaterThan(15);
    }

    @Test
    void realAsteriskCallerAudioLoadsAsAMulawSource() throws Exception {
        Path file = TestData.file("asterisk-ari/transcripts/caller-audio-from-externalmedia.ulaw");
        AudioSource source = AudioSource.readMulaw(file);
        assertThat(source.duration().toMillis()).isEqualTo(Files.size(file) / 8);
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> AudioSource.tone(5, Duration.ofSeconds(1), 0.5)).hasMessageContaining("frequency");
        assertThatThrownBy(() -> AudioSource.pcm16(new byte[1])).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ScriptedResponse.functionCall("f", "[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> FakeRealtimeServer.builder().port(70000)).hasMessageContaining("65535");
    }
}
