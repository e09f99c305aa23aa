package org.arivoice.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour of the resampler as a stream processor; filter quality is in {@link ResamplerQualityTest}. */
class ResamplerTest {

    static Stream<Arguments> conversions() {
        List<Arguments> list = new ArrayList<>();
        for (int in : Signals.RATES) {
            for (int out : Signals.RATES) {
                if (in != out) {
                    list.add(Arguments.of(in, out));
                }
            }
        }
        return list.stream();
    }

    static Stream<Arguments> allPairs() {
        List<Arguments> list = new ArrayList<>();
        for (int in : Signals.RATES) {
            for (int out : Signals.RATES) {
                list.add(Arguments.of(in, out));
            }
        }
        return list.stream();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -8000, 11025, 22050, 32000, 44100, 96000})
    void unsupportedRatesAreRejectedNamingTheSupportedOnes(int rate) {
        assertThatThrownBy(() -> Resampler.create(rate, 8000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(rate))
                .hasMessageContaining("8000, 16000, 24000 and 48000");
        assertThatThrownBy(() -> Resampler.create(16000, rate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8000, 16000, 24000 and 48000");
    }

    @ParameterizedTest
    @MethodSource("allPairs")
    void reportsRatesAndBoundsOutput(int in, int out) {
        Resampler r = Resampler.create(in, out);
        assertThat(r.inRate()).isEqualTo(in);
        assertThat(r.outRate()).isEqualTo(out);
        for (int len : new int[] {0, 1, 2, 3, 5, 160, 161, 480, 4001}) {
            assertThat(r.maxOutput(len)).isEqualTo((int) Math.ceil((double) len * out / in));
        }
        assertThatThrownBy(() -> r.maxOutput(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalRatesCopyWithoutDelay() {
        Resampler r = Resampler.create(16000, 16000);
        assertThat(r.delaySamples()).isZero();
        short[] in = Signals.randomNoise(1, 321);
        short[] out = new short[330];
        assertThat(r.process(in, 1, 320, out, 5)).isEqualTo(320);
        assertThat(Arrays.copyOfRange(out, 5, 325)).containsExactly(Arrays.copyOfRange(in, 1, 321));
        assertThat(r.flush(out, 0)).isZero();
    }

    @ParameterizedTest
    @MethodSource("allPairs")
    void wholeStreamLengthIsInputTimesRatioRounded(int in, int out) {
        Resampler r = Resampler.create(in, out);
        short[] input = Signals.randomNoise(2, 2000);
        short[] buf = new short[12100];
        for (int total : new int[] {0, 1, 2, 3, 4, 5, 7, 10, 100, 159, 160, 161, 999, 2000}) {
            int n = r.process(input, 0, total, buf, 0);
            int tail = r.flush(buf, n);
            long expected = ((long) total * out + in / 2) / in;
            assertThat(n + tail).as("%d samples %d -> %d", total, in, out).isEqualTo(expected);
            assertThat(tail).isLessThanOrEqualTo(r.delaySamples());
        }
    }

    @ParameterizedTest
    @MethodSource("conversions")
    void outputDoesNotDependOnBlockSplit(int in, int out) {
        short[] input = Signals.randomNoise(3, 7 * in / 8 + 13);
        short[] reference = Signals.convert(Resampler.create(in, out), input);

        Random rnd = new Random(in * 31L + out);
        Resampler r = Resampler.create(in, out);
        for (int trial = 0; trial < 4; trial++) {
            short[] got = new short[reference.length + 10];
            int written = 0;
            int pos = 0;
            while (pos < input.length) {
                // Mostly small blocks (including empty ones), sometimes one larger than the internal chunk.
                int len = rnd.nextInt(10) == 0 ? rnd.nextInt(3000) : rnd.nextInt(200);
                len = Math.min(len, input.length - pos);
                int n = r.process(input, pos, len, got, written);
                assertThat(n).isLessThanOrEqualTo(r.maxOutput(len));
                written += n;
                pos += len;
            }
            written += r.flush(got, written);
            assertThat(Arrays.copyOf(got, written)).as("trial %d", trial).containsExactly(reference);
        }
    }

    @ParameterizedTest
    @MethodSource("conversions")
    void resetAndFlushStartANewStream(int in, int out) {
        short[] a = Signals.randomNoise(4, 1000);
        short[] b = Signals.randomNoise(5, 1500);
        short[] expectedB = Signals.convert(Resampler.create(in, out), b);

        Resampler r = Resampler.create(in, out);
        short[] buf = new short[r.maxOutput(1500) + r.delaySamples()];
        r.process(a, 0, a.length, buf, 0);
        r.reset();
        assertThat(Signals.convert(r, b)).containsExactly(expectedB);
        // convert() ended with flush(), which must leave the converter ready for another stream.
        assertThat(Signals.convert(r, b)).containsExactly(expectedB);
    }

    @ParameterizedTest
    @MethodSource("conversions")
    void tooSmallOutputIsRejectedWithoutChangingState(int in, int out) {
        short[] input = Signals.randomNoise(6, 2 * in / 100);
        short[] expected = Signals.convert(Resampler.create(in, out), input);
        Resampler r = Resampler.create(in, out);
        int first = input.length / 2;
        short[] small = new short[3];
        assertThatThrownBy(() -> r.process(input, 0, first, small, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        short[] got = new short[expected.length];
        int n = r.process(input, 0, first, got, 0);
        n += r.process(input, first, input.length - first, got, n);
        int m = n;
        assertThatThrownBy(() -> r.flush(small, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        n += r.flush(got, m);
        assertThat(got).hasSize(n).containsExactly(expected);
        assertThatThrownBy(() -> r.process(input, 5, input.length, got, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @MethodSource("conversions")
    void groupDelayIsAtMostThreeMilliseconds(int in, int out) {
        Resampler r = Resampler.create(in, out);
        double ms = 1000.0 * r.delaySamples() / out;
        assertThat(ms).isPositive().isLessThanOrEqualTo(3.0);
    }

    /**
     * A pulse comes out at its own time (the delay is compensated, and symmetric around its peak: linear
     * phase), and it comes out of {@code process} exactly {@link Resampler#delaySamples()} output samples
     * late, which is what the delay means to a caller.
     */
    @ParameterizedTest
    @MethodSource("conversions")
    void pulseIsAlignedSymmetricAndReleasedAfterTheReportedDelay(int in, int out) {
        Resampler r = Resampler.create(in, out);
        int n0 = 6 * 40;
        short[] pulse = new short[6 * 100];
        pulse[n0] = 20000;
        int expectedPeak = n0 * out / in;

        short[] got = new short[r.maxOutput(pulse.length) + r.delaySamples()];
        int written = 0;
        int releasedAfterInput = -1;
        for (int i = 0; i < pulse.length; i++) {
            written += r.process(pulse, i, 1, got, written);
            if (releasedAfterInput < 0 && written > expectedPeak) {
                releasedAfterInput = i + 1;
            }
        }
        written += r.flush(got, written);
        short[] y = Arrays.copyOf(got, written);

        int peak = 0;
        for (int i = 1; i < y.length; i++) {
            if (Math.abs(y[i]) > Math.abs(y[peak])) {
                peak = i;
            }
        }
        assertThat(peak).isEqualTo(expectedPeak);
        for (int k = 1; k < Math.min(100, expectedPeak); k++) {
            // Rounding each side separately may differ by one.
            assertThat(Math.abs(y[peak + k] - y[peak - k])).as("lag %d", k).isLessThanOrEqualTo(1);
        }
        // The peak output sample is due at output time expectedPeak; process() emits it once the input has
        // reached that time plus the delay (to within one input sample's worth of output samples).
        double inputTimeInOutputSamples = (double) releasedAfterInput * out / in;
        assertThat(inputTimeInOutputSamples - expectedPeak)
                .isBetween((double) r.delaySamples(), r.delaySamples() + (double) out / in + 1);
        System.out.printf("delay %5d -> %5d: %3d output samples = %.3f ms, %d taps (%s)%n", in, out,
                r.delaySamples(), 1000.0 * r.delaySamples() / out, ((PolyphaseResampler) r).taps(), r);
    }

    @ParameterizedTest
    @MethodSource("conversions")
    void saturatesInsteadOfWrappingAround(int in, int out) {
        // A full-scale square wave makes the filter overshoot (Gibbs) beyond the 16-bit range.
        short[] square = new short[in / 10];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / (in / 200)) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] y = Signals.convert(Resampler.create(in, out), square);
        int mid = y.length / 2;
        int period = out / 100;
        int max = Integer.MIN_VALUE;
        int min = Integer.MAX_VALUE;
        for (int i = mid; i < mid + period; i++) {
            max = Math.max(max, y[i]);
            min = Math.min(min, y[i]);
        }
        assertThat(max).isEqualTo(Short.MAX_VALUE);
        assertThat(min).isEqualTo(Short.MIN_VALUE);
        // Away from the edges the ringing never crosses zero, so a sample of the wrong sign is an overshoot
        // that wrapped around.
        for (int i = 0; i < y.length; i++) {
            double t = (double) i / out;
            double halfPeriods = t / 0.005;
            double fromEdge = Math.min(halfPeriods - Math.floor(halfPeriods), Math.ceil(halfPeriods) - halfPeriods);
            if (fromEdge * 0.005 >= 0.00025) {
                boolean positive = ((long) Math.floor(halfPeriods)) % 2 == 0;
                assertThat(positive ? y[i] > 0 : y[i] < 0).as("sample %d = %d", i, y[i]).isTrue();
            }
        }
    }
}
