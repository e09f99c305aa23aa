package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {
    private static short[] samples(byte[] pcm16) {
        return AudioFormat.PCM16.decode(pcm16, 0, pcm16.length);
    }

    @Test
    void reportsStartWithPrefixPaddingAndEndIncludingTheSilence() {
        VoiceActivityDetector vad = new VoiceActivityDetector(0.1);
        vad.configure(0.5, 300, 200, 24_000);
        List<VoiceActivityDetector.Transition> t = vad.feed(samples(TestAudio.pcm16Utterance(1000, 800, 1000)));
        assertThat(t).containsExactly(new VoiceActivityDetector.Transition(true, 700),
                new VoiceActivityDetector.Transition(false, 2000));
    }

    @Test
    void paddingNeverReachesBeforeTheBufferStart() {
        VoiceActivityDetector vad = new VoiceActivityDetector(0.1);
        vad.configure(0.5, 300, 200, 24_000);
        vad.feed(samples(TestAudio.pcm16Silence(500)));
        vad.markBufferStart();
        List<VoiceActivityDetector.Transition> t = vad.feed(samples(TestAudio.pcm16Utterance(100, 300, 300)));
        assertThat(t.get(0)).isEqualTo(new VoiceActivityDetector.Transition(true, 500));
    }

    @Test
    void quietAudioIsNotSpeechAndAHigherThresholdNeedsLouderAudio() {
        VoiceActivityDetector vad = new VoiceActivityDetector(0.1);
        vad.configure(0.5, 300, 200, 24_000);
        assertThat(vad.feed(samples(TestAudio.pcm16Tone(1000, 0.02)))).isEmpty();
        vad.configure(1.0, 300, 200, 24_000);
        // RMS of a 0.12 sine is 0.085, under 1.0 × 0.1
        assertThat(vad.feed(samples(TestAudio.pcm16Tone(500, 0.12)))).isEmpty();
        assertThat(vad.feed(samples(TestAudio.pcm16Tone(500, 0.5)))).hasSize(1);
    }

    @Test
    void framesSplitAcrossArbitraryChunksGiveTheSameResult() {
        byte[] audio = TestAudio.pcm16Utterance(430, 570, 600);
        VoiceActivityDetector whole = new VoiceActivityDetector(0.1);
        whole.configure(0.5, 300, 200, 24_000);
        List<VoiceActivityDetector.Transition> expected = whole.feed(samples(audio));
        VoiceActivityDetector chunked = new VoiceActivityDetector(0.1);
        chunked.configure(0.5, 300, 200, 24_000);
        List<VoiceActivityDetector.Transition> actual = new ArrayList<>();
        short[] all = samples(audio);
        for (int i = 0; i < all.length; i += 77) {
            actual.addAll(chunked.feed(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + 77))));
        }
        assertThat(actual).isEqualTo(expected).hasSize(2);
    }

    @Test
    void worksAt8kHzForG711() {
        VoiceActivityDetector vad = new VoiceActivityDetector(0.1);
        vad.configure(0.5, 300, 200, 8_000);
        byte[] ulaw = TestAudio.g711Utterance(true, 1000, 800, 1000);
        List<VoiceActivityDetector.Transition> t = vad.feed(AudioFormat.PCMU.decode(ulaw, 0, ulaw.length));
        assertThat(t).containsExactly(new VoiceActivityDetector.Transition(true, 700),
                new VoiceActivityDetector.Transition(false, 2000));
    }
}
