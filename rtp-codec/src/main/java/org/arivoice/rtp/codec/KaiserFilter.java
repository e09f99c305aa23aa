package org.arivoice.rtp.codec;

/**
 * Linear-phase low-pass FIR design by the window method: an ideal (sinc) low-pass impulse response
 * truncated by a Kaiser window, with the window shape and length chosen from J. F. Kaiser's empirical
 * formulas for a given stopband attenuation and transition width.
 */
final class KaiserFilter {
    private KaiserFilter() {
    }

    /**
     * Zeroth-order modified Bessel function of the first kind, from its power series
     * {@code sum_k ((x/2)^k / k!)^2}. The terms grow until {@code k ~ x/2} and then fall fast; for the
     * arguments a Kaiser window needs ({@code |x| < 50}) the series converges to double precision in well
     * under 100 terms.
     */
    static double besselI0(double x) {
        double half = x / 2;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 500; k++) {
            double f = half / k;
            term *= f * f;
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    /** Kaiser's window shape parameter for a stopband attenuation in dB. */
    static double beta(double attenuationDb) {
        if (attenuationDb > 50) {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21) {
            return 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        }
        return 0;
    }

    /**
     * Kaiser's estimate of the filter order (taps - 1) reaching {@code attenuationDb} with a transition
     * band {@code transitionWidth} wide, in cycles per sample.
     */
    static double order(double attenuationDb, double transitionWidth) {
        return (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionWidth);
    }

    /**
     * Designs a symmetric low-pass filter with {@code taps} coefficients (odd, so the centre falls on a
     * sample and the delay is a whole number of samples).
     *
     * @param taps number of coefficients, odd
     * @param cutoff -6 dB frequency in cycles per sample (0 &lt; cutoff &lt; 0.5)
     * @param beta Kaiser window shape parameter
     * @param dcGain the sum the coefficients are scaled to
     * @return the coefficients, {@code h[i] == h[taps - 1 - i]}
     */
    static double[] lowPass(int taps, double cutoff, double beta, double dcGain) {
        if (taps < 1 || (taps & 1) == 0) {
            throw new IllegalArgumentException("taps must be odd and positive: " + taps);
        }
        int centre = taps / 2;
        double windowNorm = besselI0(beta);
        double[] h = new double[taps];
        double sum = 0;
        // Fill one half and mirror it so the result is exactly symmetric (exactly linear phase).
        for (int i = 0; i <= centre; i++) {
            int n = i - centre;
            double ideal = n == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * n) / (Math.PI * n);
            double r = centre == 0 ? 0 : (double) n / centre;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / windowNorm;
            h[i] = ideal * window;
            h[taps - 1 - i] = h[i];
        }
        for (double c : h) {
            sum += c;
        }
        double scale = dcGain / sum;
        for (int i = 0; i < taps; i++) {
            h[i] *= scale;
        }
        return h;
    }
}
