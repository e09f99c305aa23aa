package org.arivoice.it;

import org.arivoice.rtp.codec.G711;

/** G.711 µ-law test audio at 8 kHz: a tone to send, and decoding of what was heard. */
final class Ulaw {
    /** Samples per second. */
    static final int RATE = 8000;

    private Ulaw() {
    }

    /**
     * A sine tone at amplitude 8000 (about -12 dBFS).
     *
     * @param hz the frequency
     * @param samples how many samples (8000 per second)
     * @return the µ-law bytes
     */
    static byte[] tone(double hz, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        byte[] ulaw = new byte[samples];
        G711.linearToUlaw(pcm, 0, samples, ulaw, 0);
        return ulaw;
    }

    /**
     * Decodes µ-law to linear samples.
     *
     * @param ulaw the bytes
     * @return one sample per byte
     */
    static short[] decode(byte[] ulaw) {
        short[] pcm = new short[ulaw.length];
        G711.ulawToLinear(ulaw, 0, ulaw.length, pcm, 0);
        return pcm;
    }
}
