package org.arivoice.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Measures the filters: passband flatness, alias and image rejection, round-trip fidelity and phase.
 * Every measurement runs a whole stream through the converter (process, then flush) and analyses a window
 * of whole tone periods that skips the start and end transients. Tones are at whole multiples of 4 Hz and
 * the windows are 0.25 s long, so each tone has a whole number of cycles and single-bin DFTs need no
 * window function. The measured numbers are printed for the README.
 */
class ResamplerQualityTest {
    /** Amplitude of test tones: near full scale so that 16-bit rounding noise sits near -97 dBc. */
    private static final double AMPLITUDE = 30000;
    private static final double WINDOW_S = 0.25;
    private static final double SKIP_S = 0.02;

    /** Gain of the converter at {@code freq}, from the amplitudes of input and output over the same time span. */
    private static double gainDb(int in, int out, double freq) {
        int inLen = (int) Math.round((2 * SKIP_S + WINDOW_S) * in);
        short[] x = Signals.tone(freq, in, AMPLITUDE, 0.3, inLen);
        short[] y = Signals.convert(Resampler.create(in, out), x);
        double inAmp = Signals.bin(x, (int) (SKIP_S * in), (int) (WINDOW_S * in), freq, in)[0];
        double outAmp = Signals.bin(y, (int) (SKIP_S * out), (int) (WINDOW_S * out), freq, out)[0];
        return Signals.db(outAmp / inAmp);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz flat to {2} Hz")
    @CsvSource({
        "16000, 8000, 3400", "24000, 8000, 3400", "48000, 8000, 3400",
        "8000, 16000, 3400", "8000, 24000, 3400", "8000, 48000, 3400",
        "24000, 16000, 7000", "48000, 16000, 7000", "16000, 24000, 7000", "16000, 48000, 7000",
        "24000, 48000, 10000", "48000, 24000, 10000",
    })
    void passbandRippleWithinATenthOfADecibel(int in, int out, int edge) {
        double worst = 0;
        for (int f = 100; f <= edge; f += 100) {
            double g = gainDb(in, out, f);
            if (Math.abs(g) > Math.abs(worst)) {
                worst = g;
            }
            assertThat(Math.abs(g)).as("gain at %d Hz: %.5f dB", f, g).isLessThanOrEqualTo(0.1);
        }
        // Also probe just inside the edge, between the 100 Hz grid points.
        double g = gainDb(in, out, edge - 52);
        assertThat(Math.abs(g)).isLessThanOrEqualTo(0.1);
        System.out.printf("ripple  %5d -> %5d: worst %+.5f dB over 100..%d Hz%n", in, out, worst, edge);
    }

    /**
     * Stopband tones must vanish: the output should hold nothing but rounding noise. Aliases fold to other
     * frequencies, so the measure is the whole output's RMS relative to a full-scale tone's.
     */
    @ParameterizedTest(name = "{0} -> {1} Hz rejects {2}")
    @CsvSource({
        "24000, 8000, '4600 5000 7000 11000 9000 11996'",
        "16000, 8000, '4600 5000 6000 7000 7996'",
        "48000, 8000, '4600 5000 7000 11000 15000 23000'",
        "24000, 16000, '9000 9200 10000 11000 11996'",
        "48000, 16000, '9000 10000 12000 15000 20000 23000'",
        "48000, 24000, '14000 16000 20000 23000'",
    })
    void aliasesAreAtLeast80dBDown(int in, int out, String tones) {
        double reference = AMPLITUDE / Math.sqrt(2);
        double worst = -999;
        for (String t : tones.split(" ")) {
            int f = Integer.parseInt(t);
            int inLen = (int) Math.round((2 * SKIP_S + WINDOW_S) * in);
            short[] y = Signals.convert(Resampler.create(in, out), Signals.tone(f, in, AMPLITUDE, 0.7, inLen));
            double level = Signals.db(Signals.rms(y, (int) (SKIP_S * out), (int) (WINDOW_S * out)) / reference);
            worst = Math.max(worst, level);
            assertThat(level).as("%d Hz tone leaves %.1f dBc", f, level).isLessThanOrEqualTo(-80);
        }
        System.out.printf("alias   %5d -> %5d: worst residual %.1f dBc for tones %s Hz%n", in, out, worst, tones);
    }

    /**
     * Upsampling a 1 kHz tone must not create its images ({@code k * inRate ± 1 kHz}, folded into the
     * output band). Measured both at the image frequencies and as everything left after removing the tone.
     */
    @ParameterizedTest(name = "{0} -> {1} Hz images {2}")
    @CsvSource({
        "8000, 24000, '7000 9000'",
        "8000, 16000, '7000'",
        "8000, 48000, '7000 9000 15000 17000 23000'",
        "16000, 24000, '7000 9000'",
        "16000, 48000, '15000 17000'",
        "24000, 48000, '23000'",
    })
    void imagesAreAtLeast80dBDown(int in, int out, String images) {
        int inLen = (int) Math.round((2 * SKIP_S + WINDOW_S) * in);
        short[] y = Signals.convert(Resampler.create(in, out), Signals.tone(1000, in, AMPLITUDE, 0.1, inLen));
        int from = (int) (SKIP_S * out);
        int len = (int) (WINDOW_S * out);
        double fundamental = Signals.bin(y, from, len, 1000, out)[0];
        double worst = -999;
        for (String s : images.split(" ")) {
            int f = Integer.parseInt(s);
            double level = Signals.db(Signals.bin(y, from, len, f, out)[0] / fundamental);
            worst = Math.max(worst, level);
            assertThat(level).as("image at %d Hz: %.1f dBc", f, level).isLessThanOrEqualTo(-80);
        }
        double residual = Signals.db(Signals.residualRms(y, from, len, 1000, out) / (fundamental / Math.sqrt(2)));
        assertThat(residual).as("everything but the tone: %.1f dBc", residual).isLessThanOrEqualTo(-80);
        System.out.printf("image   %5d -> %5d: worst image %.1f dBc at %s Hz; all residue incl. rounding %.1f dBc%n",
                in, out, worst, images, residual);
    }

    /**
     * Converting band-limited noise there and back reproduces it: the output is time-aligned (best lag 0)
     * and the error is far below the signal.
     */
    @ParameterizedTest(name = "{0} -> {1} -> {0} Hz")
    @CsvSource({
        "8000, 24000, 3400", "16000, 24000, 7000",
        "8000, 16000, 3400", "8000, 48000, 3400", "16000, 48000, 7000", "24000, 48000, 10000",
    })
    void roundTripKeepsBandLimitedNoiseAbove70dBSnr(int rate, int via, int band) {
        // Peak 20000 leaves headroom for the peaks between input samples, which the higher rate shows and
        // which would otherwise be clipped (noise close to Nyquist has large inter-sample peaks).
        short[] x = Signals.bandLimitedNoise(rate + via, 50, band, rate, rate, 20000);
        short[] y = Signals.convert(Resampler.create(via, rate), Signals.convert(Resampler.create(rate, via), x));
        assertThat(y).hasSize(x.length);
        int from = (int) (SKIP_S * rate);
        int to = x.length - from;
        double bestSnr = -999;
        int bestLag = Integer.MIN_VALUE;
        for (int lag = -3; lag <= 3; lag++) {
            double signal = 0;
            double noise = 0;
            for (int n = from; n < to; n++) {
                double e = y[n + lag] - x[n];
                signal += (double) x[n] * x[n];
                noise += e * e;
            }
            double snr = 10 * Math.log10(signal / noise);
            if (snr > bestSnr) {
                bestSnr = snr;
                bestLag = lag;
            }
        }
        assertThat(bestLag).isZero();
        assertThat(bestSnr).isGreaterThanOrEqualTo(70);
        System.out.printf("round trip %5d -> %5d -> %5d: SNR %.1f dB (noise to %d Hz, lag 0)%n",
                rate, via, rate, bestSnr, band);
    }

    /**
     * The output is in phase with the input at every passband frequency, i.e. the converter compensates
     * exactly its group delay; a wrong compensation of even a tenth of an output sample would show.
     */
    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({
        "16000, 8000", "24000, 8000", "48000, 8000", "8000, 16000", "8000, 24000", "8000, 48000",
        "24000, 16000", "48000, 16000", "16000, 24000", "16000, 48000", "24000, 48000", "48000, 24000",
    })
    void phaseShowsNoResidualDelay(int in, int out) {
        int inLen = (int) Math.round((2 * SKIP_S + WINDOW_S) * in);
        double worstSamples = 0;
        for (int f : new int[] {300, 1000, 2000, 3000}) {
            short[] x = Signals.tone(f, in, AMPLITUDE, 0.4, inLen);
            short[] y = Signals.convert(Resampler.create(in, out), x);
            double phaseIn = Signals.bin(x, (int) (SKIP_S * in), (int) (WINDOW_S * in), f, in)[1];
            double phaseOut = Signals.bin(y, (int) (SKIP_S * out), (int) (WINDOW_S * out), f, out)[1];
            double diff = Math.IEEEremainder(phaseOut - phaseIn, 2 * Math.PI);
            double delaySamples = -diff / (2 * Math.PI * f) * out;
            worstSamples = Math.max(worstSamples, Math.abs(delaySamples));
            assertThat(Math.abs(delaySamples)).as("residual delay at %d Hz", f).isLessThan(0.01);
        }
        Resampler r = Resampler.create(in, out);
        System.out.printf("phase   %5d -> %5d: residual delay < %.5f samples; latency %d samples = %.3f ms%n",
                in, out, worstSamples, r.delaySamples(), 1000.0 * r.delaySamples() / out);
    }
}
