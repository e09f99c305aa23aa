package org.arivoice.rtp.codec;

import java.util.Arrays;
import java.util.Random;

/** Test signals and measurements for the resampler tests: tones, band-limited noise, single-bin DFTs. */
final class Signals {
    static final int[] RATES = {8000, 16000, 24000, 48000};

    private Signals() {
    }

    /** {@code amplitude * sin(2 pi f n / rate + phase)}, rounded to 16 bits. */
    static short[] tone(double freq, int rate, double amplitude, double phase, int length) {
        short[] s = new short[length];
        for (int n = 0; n < length; n++) {
            s[n] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * freq * n / rate + phase));
        }
        return s;
    }

    /**
     * Noise made of {@code components} sinusoids with random frequencies in {@code [lowHz, highHz]} and
     * random phases, scaled to the given peak: its spectrum ends exactly at {@code highHz}, unlike that of
     * filtered white noise.
     */
    static short[] bandLimitedNoise(long seed, double lowHz, double highHz, int rate, int length, double peak) {
        Random rnd = new Random(seed);
        int components = 200;
        double[] f = new double[components];
        double[] ph = new double[components];
        for (int i = 0; i < components; i++) {
            f[i] = 2 * Math.PI * (lowHz + rnd.nextDouble() * (highHz - lowHz)) / rate;
            ph[i] = 2 * Math.PI * rnd.nextDouble();
        }
        double[] x = new double[length];
        double max = 0;
        for (int n = 0; n < length; n++) {
            double v = 0;
            for (int i = 0; i < components; i++) {
                v += Math.sin(f[i] * n + ph[i]);
            }
            x[n] = v;
            max = Math.max(max, Math.abs(v));
        }
        short[] s = new short[length];
        for (int n = 0; n < length; n++) {
            s[n] = (short) Math.round(x[n] * peak / max);
        }
        return s;
    }

    /** Runs a whole stream through a fresh pass of {@code r} (process in one block, then flush). */
    static short[] convert(Resampler r, short[] in) {
        short[] out = new short[r.maxOutput(in.length) + r.delaySamples() + 1];
        int n = r.process(in, 0, in.length, out, 0);
        n += r.flush(out, n);
        return Arrays.copyOf(out, n);
    }

    /**
     * Single-bin DFT (a Goertzel-style correlation) of {@code x[from..from+len)} at {@code freq}, with the
     * phase referred to sample 0 of the whole signal. Returns {@code {amplitude, phase}} of the sinusoid
     * the bin sees; exact for tones with a whole number of cycles in the window.
     */
    static double[] bin(short[] x, int from, int len, double freq, int rate) {
        double re = 0;
        double im = 0;
        double w = 2 * Math.PI * freq / rate;
        for (int n = from; n < from + len; n++) {
            re += x[n] * Math.cos(w * n);
            im -= x[n] * Math.sin(w * n);
        }
        double amp = 2 * Math.hypot(re, im) / len;
        // A sine A sin(wn + p) correlates to (A/2) e^{i(p - pi/2)}.
        double phase = Math.atan2(im, re) + Math.PI / 2;
        return new double[] {amp, phase};
    }

    /** Root mean square of {@code x[from..from+len)} after removing the best-fitting tone at {@code freq}. */
    static double residualRms(short[] x, int from, int len, double freq, int rate) {
        double[] b = bin(x, from, len, freq, rate);
        double w = 2 * Math.PI * freq / rate;
        double sum = 0;
        for (int n = from; n < from + len; n++) {
            double e = x[n] - b[0] * Math.sin(w * n + b[1]);
            sum += e * e;
        }
        return Math.sqrt(sum / len);
    }

    static double rms(short[] x, int from, int len) {
        double sum = 0;
        for (int n = from; n < from + len; n++) {
            sum += (double) x[n] * x[n];
        }
        return Math.sqrt(sum / len);
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    static short[] randomNoise(long seed, int length) {
        Random rnd = new Random(seed);
        short[] s = new short[length];
        for (int i = 0; i < length; i++) {
            s[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(rnd.nextGaussian() * 8000)));
        }
        return s;
    }
}
