package org.arivoice.it;

/**
 * The Goertzel algorithm: the power of one frequency in a block of samples, cheaper than an FFT when only a few
 * frequencies matter. Used to tell which tone a recording holds.
 */
final class Goertzel {
    private Goertzel() {
    }

    /**
     * The power of {@code frequency} in {@code samples}.
     *
     * @param samples signed 16-bit samples
     * @param sampleRate samples per second
     * @param frequency the frequency to measure, in Hz
     * @return the squared magnitude (relative; compare values computed over the same samples)
     */
    static double power(short[] samples, int sampleRate, double frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : samples) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }
}
