package org.arivoice.rtp.jitter;

/** What a frame released by a {@link JitterBuffer} contains. */
public enum FrameKind {
    /** Audio received from the sender, byte for byte. */
    AUDIO,
    /**
     * A gap filled with an attenuated copy of the last received audio ({@link Concealment#repeat(int)}):
     * the packet for this stretch of time never arrived in time.
     */
    CONCEALED_REPEAT,
    /** A gap filled with silence: nothing to repeat, or the repeat budget of the gap is spent. */
    SILENCE
}
