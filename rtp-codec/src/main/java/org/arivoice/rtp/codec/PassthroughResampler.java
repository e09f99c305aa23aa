package org.arivoice.rtp.codec;

import java.util.Objects;

/** The {@link Resampler} for equal input and output rates: copies its input and holds nothing back. */
final class PassthroughResampler implements Resampler {
    private final int rate;

    PassthroughResampler(int rate) {
        this.rate = rate;
    }

    @Override
    public int inRate() {
        return rate;
    }

    @Override
    public int outRate() {
        return rate;
    }

    @Override
    public int delaySamples() {
        return 0;
    }

    @Override
    public int maxOutput(int inLen) {
        if (inLen < 0) {
            throw new IllegalArgumentException("negative input length: " + inLen);
        }
        return inLen;
    }

    @Override
    public int process(short[] in, int inOff, int inLen, short[] out, int outOff) {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, inLen, out.length);
        System.arraycopy(in, inOff, out, outOff, inLen);
        return inLen;
    }

    @Override
    public int flush(short[] out, int outOff) {
        Objects.requireNonNull(out, "out");
        return 0;
    }

    @Override
    public void reset() {
        // Nothing is buffered.
    }

    @Override
    public String toString() {
        return "Resampler[" + rate + " Hz pass-through]";
    }
}
