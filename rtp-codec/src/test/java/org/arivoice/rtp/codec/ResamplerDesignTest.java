package org.arivoice.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Kaiser-window design helpers behind the resampler's filters. */
class ResamplerDesignTest {

    @Test
    void besselI0MatchesTabulatedValues() {
        // Values from Abramowitz & Stegun table 9.8 / standard tables of I0.
        assertThat(KaiserFilter.besselI0(0)).isEqualTo(1.0);
        assertThat(KaiserFilter.besselI0(1)).isCloseTo(1.2660658777520084, within(1e-15));
        assertThat(KaiserFilter.besselI0(2)).isCloseTo(2.2795853023360673, within(1e-14));
        assertThat(KaiserFilter.besselI0(5)).isCloseTo(27.239871823604442, within(1e-12));
        assertThat(KaiserFilter.besselI0(10)).isCloseTo(2815.716628466254, within(1e-9));
        assertThat(KaiserFilter.besselI0(-3)).isEqualTo(KaiserFilter.besselI0(3));
    }

    @Test
    void kaiserBetaFollowsTheEmpiricalFormula() {
        assertThat(KaiserFilter.beta(90)).isCloseTo(0.1102 * 81.3, within(1e-12));
        assertThat(KaiserFilter.beta(30)).isCloseTo(0.5842 * Math.pow(9, 0.4) + 0.07886 * 9, within(1e-12));
        assertThat(KaiserFilter.beta(20)).isZero();
    }

    @Test
    void lowPassIsSymmetricWithTheRequestedDcGain() {
        double[] h = KaiserFilter.lowPass(101, 0.1, 8.0, 3.0);
        double sum = 0;
        for (int i = 0; i < h.length; i++) {
            assertThat(h[i]).isEqualTo(h[h.length - 1 - i]);
            sum += h[i];
        }
        assertThat(sum).isCloseTo(3.0, within(1e-12));
        // Peak at the centre, as for any sinc.
        for (double c : h) {
            assertThat(c).isLessThanOrEqualTo(h[50]);
        }
        assertThatThrownBy(() -> KaiserFilter.lowPass(100, 0.1, 8, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void designedFiltersMeetTheirSpecificationOnPaper() {
        // The exact frequency response of the prototype of each conversion, before any rounding to 16 bits.
        for (int in : Signals.RATES) {
            for (int out : Signals.RATES) {
                if (in == out) {
                    continue;
                }
                PolyphaseResampler r = (PolyphaseResampler) Resampler.create(in, out);
                int common = in * out / gcd(in, out);
                double beta = KaiserFilter.beta(PolyphaseResampler.STOPBAND_ATTENUATION_DB);
                double[] h = KaiserFilter.lowPass(r.taps(), (r.passbandHz() + r.stopbandHz()) / 2 / common, beta, 1);
                double ripple = 0;
                for (double f = 0; f <= r.passbandHz(); f += 10) {
                    ripple = Math.max(ripple, Math.abs(Signals.db(response(h, f / common))));
                }
                double stop = -999;
                for (double f = r.stopbandHz(); f <= common / 2.0; f += 10) {
                    stop = Math.max(stop, Signals.db(response(h, f / common)));
                }
                assertThat(ripple).as("%d -> %d", in, out).isLessThan(0.001);
                assertThat(stop).as("%d -> %d", in, out).isLessThan(-88);
                System.out.printf("design  %5d -> %5d: %3d taps at %d Hz, pass %.0f Hz, stop %.0f Hz, "
                                + "ripple %.5f dB, stopband %.1f dB%n", in, out, r.taps(), common, r.passbandHz(),
                        r.stopbandHz(), ripple, stop);
            }
        }
    }

    private static double response(double[] h, double f) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < h.length; i++) {
            re += h[i] * Math.cos(2 * Math.PI * f * i);
            im -= h[i] * Math.sin(2 * Math.PI * f * i);
        }
        return Math.hypot(re, im);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
