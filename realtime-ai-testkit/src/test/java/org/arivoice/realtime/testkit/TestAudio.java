package org.arivoice.realtime.testkit;

/** Caller audio for tests: speech-like tone bursts and silence, in each input format. */
final class TestAudio {
    private TestAudio() {
    }

    /** PCM16 24 kHz little-endian tone at the given amplitude (fraction of full scale). */
    static byte[] pcm16Tone(int millis, double amplitude) {
        int samples = millis * 24;
        byte[] out = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short s = (short) Math.round(Math.sin(2 * Math.PI * 300 * i / 24_000.0) * amplitude * 32767);
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    static byte[] pcm16Silence(int millis) {
        return new byte[millis * 48];
    }

    /** Speech then silence, PCM16 24 kHz. */
    static byte[] pcm16Utterance(int silenceBeforeMs, int speechMs, int silenceAfterMs) {
        byte[] a = pcm16Silence(silenceBeforeMs);
        byte[] b = pcm16Tone(speechMs, 0.5);
        byte[] c = pcm16Silence(silenceAfterMs);
        byte[] out = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    /** The same utterance in G.711 µ-law (true) or A-law (false) at 8 kHz. */
    static byte[] g711Utterance(boolean ulaw, int silenceBeforeMs, int speechMs, int silenceAfterMs) {
        int total = (silenceBeforeMs + speechMs + silenceAfterMs) * 8;
        byte[] out = new byte[total];
        for (int i = 0; i < total; i++) {
            int ms = i / 8;
            int sample = ms >= silenceBeforeMs && ms < silenceBeforeMs + speechMs
                    ? (int) Math.round(Math.sin(2 * Math.PI * 300 * i / 8000.0) * 0.5 * 32767) : 0;
            out[i] = ulaw ? G711.ulawEncode(sample) : G711.alawEncode(sample);
        }
        return out;
    }
}
