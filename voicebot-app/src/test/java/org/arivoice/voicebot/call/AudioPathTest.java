package org.arivoice.voicebot.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.arivoice.ari.patterns.MediaFormat;
import org.arivoice.realtime.AudioFormat;
import org.arivoice.rtp.codec.G711;
import org.arivoice.rtp.codec.Pcm16;
import org.junit.jupiter.api.Test;

/** The format conversions between ExternalMedia and the Realtime session, without sockets. */
class AudioPathTest {

    private static short[] tone(double hz, int rate, int samples, double amplitude) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(Math.sin(2 * Math.PI * hz * i / rate) * amplitude * 32767);
        }
        return s;
    }

    @Test
    void g711PassesThroughAndMapsToTheMatchingSessionFormat() {
        assertThat(AudioPath.realtimeFormat(MediaFormat.ULAW)).isEqualTo(AudioFormat.PCMU);
        assertThat(AudioPath.realtimeFormat(MediaFormat.ALAW)).isEqualTo(AudioFormat.PCMA);
        assertThat(AudioPath.realtimeFormat(MediaFormat.SLIN16)).isEqualTo(AudioFormat.PCM16_24K);
        AudioPath ulaw = new AudioPath(MediaFormat.ULAW);
        byte[] frame = new byte[160];
        assertThat(ulaw.passthrough()).isTrue();
        assertThat(ulaw.outbound(frame)).isSameAs(frame);
    }

    @Test
    void slin16FramesBecome24kHzPcmWithTheSameToneAndBack() {
        AudioPath p = new AudioPath(MediaFormat.SLIN16);
        short[] in = tone(1000, 16000, 16000, 0.3);
        int produced = 0;
        short[] out24 = new short[24000];
        byte[] wire = new byte[640];
        for (int f = 0; f < 50; f++) {
            Pcm16.toBigEndian(in, f * 320, 320, wire, 0);
            int n = p.inbound(wire, 0, 640);
            produced += Pcm16.fromLittleEndian(p.inBytes(), 0, n, out24, produced);
        }
        // One second in, one second out minus the resampler's hold-back.
        assertThat(produced).isBetween(23900, 24000);
        assertThat(BotFixture.framesWithTone(java.util.Arrays.copyOf(out24, produced), 1000, 440, 24000)).isGreaterThanOrEqualTo(48);

        short[] model = tone(440, 24000, 24000, 0.3);
        byte[] le = new byte[model.length * 2];
        Pcm16.toLittleEndian(model, 0, model.length, le, 0);
        byte[] be16k = p.outbound(le);
        assertThat(be16k.length / 2).isBetween(15900, 16000);
        short[] back = new short[be16k.length / 2];
        Pcm16.fromBigEndian(be16k, 0, back.length * 2, back, 0);
        assertThat(BotFixture.framesWithTone(back, 440, 1000, 16000)).isGreaterThanOrEqualTo(48);
    }

    @Test
    void voiceDetectionSeparatesSpeechLevelsFromLineNoise() {
        AudioPath p = new AudioPath(MediaFormat.ULAW);
        byte[] loud = new byte[160];
        byte[] quiet = new byte[160];
        G711.linearToUlaw(tone(300, 8000, 160, 0.1), 0, 160, loud, 0);   // -23 dBFS RMS
        G711.linearToUlaw(tone(300, 8000, 160, 0.005), 0, 160, quiet, 0); // -49 dBFS RMS
        assertThat(p.isVoice(loud, 0, 160)).isTrue();
        assertThat(p.isVoice(quiet, 0, 160)).isFalse();
        AudioPath wide = new AudioPath(MediaFormat.SLIN16);
        byte[] be = new byte[640];
        Pcm16.toBigEndian(tone(300, 16000, 320, 0.1), 0, 320, be, 0);
        assertThat(wide.isVoice(be, 0, 640)).isTrue();
        assertThat(wide.isVoice(new byte[640], 0, 640)).isFalse();
    }
}
