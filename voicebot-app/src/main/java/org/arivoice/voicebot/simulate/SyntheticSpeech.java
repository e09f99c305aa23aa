package org.arivoice.voicebot.simulate;

import org.arivoice.rtp.codec.G711;

/**
 * Speech-like audio made in code (the project ships no recording): syllables of a voiced sound (a
 * fundamental with decaying harmonics, shaped by a smooth envelope) separated by pauses, so that a voice
 * activity detector sees talk spurts and silences as in speech.
 */
final class SyntheticSpeech {
    private SyntheticSpeech() {
    }

    /**
     * Makes 8 kHz 16-bit samples.
     *
     * @param fundamentalHz the voice's pitch, e.g. 140
     * @param syllables how many syllables
     * @param syllableMs each syllable's length
     * @param pauseMs the pause after each
     * @param amplitude peak amplitude, 0..1 of full scale
     * @return the samples
     */
    static short[] pcm8k(double fundamentalHz, int syllables, int syllableMs, int pauseMs, double amplitude) {
        int syl = syllableMs * 8;
        int pause = pauseMs * 8;
        short[] out = new short[syllables * (syl + pause)];
        int pos = 0;
        for (int s = 0; s < syllables; s++) {
            double pitch = fundamentalHz * (1 + 0.08 * Math.sin(s * 1.7)); // intonation varies per syllable
            for (int i = 0; i < syl; i++) {
                double t = i / 8000.0;
                double env = Math.sin(Math.PI * i / syl); // smooth on and off
                double v = 0;
                for (int h = 1; h <= 8; h++) {
                    v += Math.sin(2 * Math.PI * pitch * h * t) / h;
                }
                out[pos++] = (short) Math.round(v / 2.2 * env * amplitude * 32767);
            }
            pos += pause;
        }
        return out;
    }

    /** The same as µ-law bytes. */
    static byte[] ulaw(double fundamentalHz, int syllables, int syllableMs, int pauseMs, double amplitude) {
        short[] pcm = pcm8k(fundamentalHz, syllables, syllableMs, pauseMs, amplitude);
        byte[] out = new byte[pcm.length];
        G711.linearToUlaw(pcm, 0, pcm.length, out, 0);
        return out;
    }
}
