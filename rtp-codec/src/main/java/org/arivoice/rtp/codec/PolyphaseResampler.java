package org.arivoice.rtp.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Rational L/M sample-rate converter: conceptually, insert {@code L - 1} zeros after every input sample,
 * low-pass filter at the common rate {@code L * inRate} with a symmetric Kaiser-windowed sinc, and keep
 * every {@code M}-th sample. Only the kept samples are computed, and for each of them only the taps that
 * meet a non-zero (real) input sample: {@code taps / L} multiply-adds per output sample.
 *
 * <h2>Layout</h2>
 * Output sample {@code m} reads input samples at indices {@code n_m - k} for {@code k = 0..K-1}, where
 * {@code n_m = floor((m*M + D) / L)} and {@code D} is the filter's centre (delay) at the common rate. Group
 * the outputs into frames of {@code L} consecutive samples and the input into frames of {@code M}
 * (both span the same time). Within a frame, output {@code r} always uses the same coefficients, and its
 * tap {@code k} always falls on the same input position {@code q} of an input frame at a fixed frame
 * offset {@code b}. Storing the input de-interleaved by position ({@code M} arrays indexed by frame) makes
 * "tap k of output r for consecutive frames" a contiguous run in one array, so each tap becomes a
 * multiply-add over a contiguous block of frames, computed for all outputs of phase {@code r} in a block
 * at once (see {@link #convolve} for how that is made to vectorise). For decimation ({@code L = 1}) this
 * is the classic polyphase decimator, for interpolation ({@code M = 1}) the polyphase interpolator, and
 * 2/3 and 3/2 get both at once.
 *
 * <p>The output is read {@code D} common-rate samples (= {@code D / M} output samples) behind the newest
 * input, which cancels the filter's group delay: output and input are time-aligned, and the delay shows up
 * as latency instead. {@code D} is rounded up to a multiple of {@code M} so that latency is a whole
 * number of output samples.
 *
 * <p>Each output sample is a float sum whose order depends only on the plan, never on where a block
 * starts or ends, so results do not depend on how the input was split into calls. Memory per instance is
 * a few KiB: the de-interleaved history plus scratch for one internal block of {@value #CHUNK} input
 * samples.
 */
final class PolyphaseResampler implements Resampler {
    /** Supported rates, in the order used to index {@link #PLANS}. */
    private static final int[] RATES = {8000, 16000, 24000, 48000};
    /** Design target; 10 dB above the requirement leaves room for the window formula's approximations. */
    static final double STOPBAND_ATTENUATION_DB = 90;
    /** Input samples handled per internal step: bounds the scratch buffers; a multiple of every M. */
    private static final int CHUNK = 960;
    /**
     * Taps sharing one window copy are this many frames apart: a multiple of the widest SIMD register in
     * floats (16 for AVX-512), so their reads stay equally aligned, which C2 requires; see
     * {@link #convolve}.
     */
    private static final int SPAN = 16;
    /** At most this many taps share a window (the loops below are written out for 1 to 4). */
    private static final int MAX_UNIT_TAPS = 4;

    private static final Plan[][] PLANS = new Plan[RATES.length][RATES.length];

    static {
        for (int i = 0; i < RATES.length; i++) {
            for (int o = 0; o < RATES.length; o++) {
                if (i != o) {
                    PLANS[i][o] = new Plan(RATES[i], RATES[o]);
                }
            }
        }
    }

    private final Plan plan;
    /** Input de-interleaved by position within its frame: {@code streams[q][a - baseFrame] = x[a*M + q]}. */
    private final float[][] streams;
    private final float[] acc;
    /** Copies of the input runs that the taps of one or two units read; see {@link #convolve}. */
    private final float[] window0;
    private final float[] window1;
    /** Input samples consumed since the start of the stream. */
    private long consumed;
    /** Output samples returned since the start of the stream. */
    private long produced;
    /** Input frame index held at array index 0 of every stream. */
    private long baseFrame;

    PolyphaseResampler(int inRate, int outRate) {
        this.plan = PLANS[indexOf(inRate)][indexOf(outRate)];
        int framesPerChunk = CHUNK / plan.down;
        int capacity = (plan.maxFrame - plan.minFrame + 1) + framesPerChunk + 2;
        this.streams = new float[plan.down][capacity];
        this.acc = new float[framesPerChunk + 2];
        this.window0 = new float[acc.length + SPAN * (MAX_UNIT_TAPS - 1)];
        this.window1 = new float[window0.length];
        this.baseFrame = plan.minFrame;
    }

    static void requireSupported(int rate, String which) {
        indexOfOrThrow(rate, which);
    }

    private static int indexOf(int rate) {
        return indexOfOrThrow(rate, "sample");
    }

    private static int indexOfOrThrow(int rate, String which) {
        for (int i = 0; i < RATES.length; i++) {
            if (RATES[i] == rate) {
                return i;
            }
        }
        throw new IllegalArgumentException("unsupported " + which + " rate " + rate
                + " Hz; supported rates are 8000, 16000, 24000 and 48000 Hz");
    }

    @Override
    public int inRate() {
        return plan.inRate;
    }

    @Override
    public int outRate() {
        return plan.outRate;
    }

    @Override
    public int delaySamples() {
        return plan.centre / plan.down;
    }

    /** Number of filter coefficients (at the common rate). */
    int taps() {
        return plan.taps;
    }

    /** Upper edge of the designed passband in Hz. */
    double passbandHz() {
        return plan.passbandHz;
    }

    /** Lower edge of the designed stopband in Hz. */
    double stopbandHz() {
        return plan.stopbandHz;
    }

    @Override
    public int maxOutput(int inLen) {
        if (inLen < 0) {
            throw new IllegalArgumentException("negative input length: " + inLen);
        }
        long n = ((long) inLen * plan.up + plan.down - 1) / plan.down;
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    @Override
    public int process(short[] in, int inOff, int inLen, short[] out, int outOff) {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        long produces = available(consumed + inLen) - produced;
        Objects.checkFromIndexSize(outOff, (int) Math.min(produces, Integer.MAX_VALUE), out.length);
        int written = 0;
        for (int done = 0; done < inLen; ) {
            int n = Math.min(CHUNK, inLen - done);
            append(in, inOff + done, n);
            written += emit(available(consumed), out, outOff + written);
            compact();
            done += n;
        }
        return written;
    }

    @Override
    public int flush(short[] out, int outOff) {
        Objects.requireNonNull(out, "out");
        long total = (consumed * plan.up + plan.down / 2) / plan.down;
        int remaining = (int) Math.max(0, total - produced);
        Objects.checkFromIndexSize(outOff, remaining, out.length);
        int written = 0;
        if (remaining > 0) {
            // Input indices the last output sample reaches; beyond the real input they are silence.
            long needed = Math.floorDiv((total - 1) * plan.down + plan.centre, plan.up) + 1;
            while (produced < total) {
                int n = (int) Math.max(0, Math.min(CHUNK, needed - consumed));
                append(null, 0, n);
                written += emit(Math.min(available(consumed), total), out, outOff + written);
                compact();
            }
        }
        reset();
        return written;
    }

    @Override
    public void reset() {
        for (float[] s : streams) {
            Arrays.fill(s, 0f);
        }
        consumed = 0;
        produced = 0;
        baseFrame = plan.minFrame;
    }

    @Override
    public String toString() {
        return "Resampler[" + plan.inRate + " -> " + plan.outRate + " Hz, L/M " + plan.up + "/" + plan.down
                + ", " + plan.taps + " taps, delay " + delaySamples() + " samples]";
    }

    /** Outputs that can be computed from the first {@code inputs} input samples. */
    private long available(long inputs) {
        long last = inputs * plan.up - 1 - plan.centre;
        return last < 0 ? 0 : last / plan.down + 1;
    }

    /** Appends {@code n} input samples ({@code in == null}: silence) to the de-interleaved streams. */
    private void append(short[] in, int off, int n) {
        int m = plan.down;
        if (m == 1) {
            float[] s = streams[0];
            int idx = (int) (consumed - baseFrame);
            if (in == null) {
                Arrays.fill(s, idx, idx + n, 0f);
            } else {
                for (int t = 0; t < n; t++) {
                    s[idx + t] = in[off + t];
                }
            }
        } else {
            for (int q = 0; q < m; q++) {
                // First sample of this chunk that belongs to position q, and how many do.
                int t0 = (int) Math.floorMod(q - consumed, (long) m);
                int count = n > t0 ? (n - t0 + m - 1) / m : 0;
                float[] s = streams[q];
                int idx = (int) ((consumed + t0) / m - baseFrame);
                if (in == null) {
                    Arrays.fill(s, idx, idx + count, 0f);
                } else {
                    int src = off + t0;
                    for (int i = 0; i < count; i++) {
                        s[idx + i] = in[src + i * m];
                    }
                }
            }
        }
        consumed += n;
    }

    /** Computes outputs {@code produced..end-1} into {@code out} starting at {@code outOff}. */
    private int emit(long end, short[] out, int outOff) {
        long start = produced;
        if (end <= start) {
            return 0;
        }
        int l = plan.up;
        for (int r = 0; r < l; r++) {
            long firstFrame = -Math.floorDiv(r - start, (long) l);
            long endFrame = -Math.floorDiv(r - end, (long) l);
            int n = (int) (endFrame - firstFrame);
            if (n > 0) {
                convolve(plan.phases[r], (int) (firstFrame - baseFrame), n);
                store(acc, n, out, outOff + (int) (firstFrame * l + r - start), l);
            }
        }
        produced = end;
        return (int) (end - start);
    }

    /**
     * Computes {@code acc[t]}, the filter output for the {@code n} consecutive frames starting at
     * stream index {@code rel}, for one output phase.
     *
     * <p>The taps are processed in units: taps on the same input stream whose frame offsets are
     * {@link #SPAN} apart. A unit's input run is first copied to a window array; its taps then read the
     * window at constant offsets {@code 0, SPAN, 2*SPAN, ...}, and two units of the same size share one
     * pass over the accumulator. The copies look wasteful, but they are what lets the loops compile to
     * SIMD code: C2 in JDK 17 vectorises a loop only if all its float array accesses are equally aligned,
     * which with run-time offsets means they all use the same index (and with constant offsets, offsets
     * that differ by a multiple of the vector length). Measured with ResamplerBenchmark for 24 kHz to
     * 8 kHz during development: reading the streams directly at {@code rel + offset + t} (scalar code)
     * cost about 37 ns per output sample, one copy per tap about 16 ns, one copy per unit about 14 ns, and
     * two units per pass about 12 ns.
     *
     * <p>Every output is {@code 0 + pass0 + pass1 + ...} with each pass's taps summed in a fixed order,
     * whatever {@code rel} and {@code n} are, so results do not depend on block boundaries.
     */
    private void convolve(Phase ph, int rel, int n) {
        float[][] s = streams;
        float[] a = acc;
        float[] w0 = window0;
        float[] w1 = window1;
        float[] c = ph.coef;
        Arrays.fill(a, 0, n, 0f);
        int units = ph.stream.length;
        for (int u = 0; u < units; ) {
            int taps = ph.taps[u];
            int ci = u * MAX_UNIT_TAPS;
            System.arraycopy(s[ph.stream[u]], rel + ph.base[u], w0, 0, n + SPAN * (taps - 1));
            if (u + 1 < units && ph.taps[u + 1] == taps) {
                // Two units of the same size in one pass: half the accumulator traffic.
                System.arraycopy(s[ph.stream[u + 1]], rel + ph.base[u + 1], w1, 0, n + SPAN * (taps - 1));
                int cj = ci + MAX_UNIT_TAPS;
                switch (taps) {
                    case 1:
                        mac11(a, w0, w1, n, c[ci], c[cj]);
                        break;
                    case 2:
                        mac22(a, w0, w1, n, c[ci], c[ci + 1], c[cj], c[cj + 1]);
                        break;
                    case 3:
                        mac33(a, w0, w1, n, c[ci], c[ci + 1], c[ci + 2], c[cj], c[cj + 1], c[cj + 2]);
                        break;
                    default:
                        mac44(a, w0, w1, n, c[ci], c[ci + 1], c[ci + 2], c[ci + 3],
                                c[cj], c[cj + 1], c[cj + 2], c[cj + 3]);
                        break;
                }
                u += 2;
            } else {
                switch (taps) {
                    case 1:
                        mac11(a, w0, w0, n, c[ci], 0f);
                        break;
                    case 2:
                        mac22(a, w0, w0, n, c[ci], c[ci + 1], 0f, 0f);
                        break;
                    case 3:
                        mac33(a, w0, w0, n, c[ci], c[ci + 1], c[ci + 2], 0f, 0f, 0f);
                        break;
                    default:
                        mac44(a, w0, w0, n, c[ci], c[ci + 1], c[ci + 2], c[ci + 3], 0f, 0f, 0f, 0f);
                        break;
                }
                u += 1;
            }
        }
    }

    private static void mac11(float[] a, float[] w, float[] v, int n, float c0, float d0) {
        for (int t = 0; t < n; t++) {
            a[t] += c0 * w[t] + d0 * v[t];
        }
    }

    private static void mac22(float[] a, float[] w, float[] v, int n, float c0, float c1, float d0, float d1) {
        for (int t = 0; t < n; t++) {
            a[t] += c0 * w[t] + c1 * w[t + SPAN] + d0 * v[t] + d1 * v[t + SPAN];
        }
    }

    private static void mac33(float[] a, float[] w, float[] v, int n, float c0, float c1, float c2,
                              float d0, float d1, float d2) {
        for (int t = 0; t < n; t++) {
            a[t] += c0 * w[t] + c1 * w[t + SPAN] + c2 * w[t + 2 * SPAN]
                    + d0 * v[t] + d1 * v[t + SPAN] + d2 * v[t + 2 * SPAN];
        }
    }

    private static void mac44(float[] a, float[] w, float[] v, int n, float c0, float c1, float c2, float c3,
                              float d0, float d1, float d2, float d3) {
        for (int t = 0; t < n; t++) {
            a[t] += c0 * w[t] + c1 * w[t + SPAN] + c2 * w[t + 2 * SPAN] + c3 * w[t + 3 * SPAN]
                    + d0 * v[t] + d1 * v[t + SPAN] + d2 * v[t + 2 * SPAN] + d3 * v[t + 3 * SPAN];
        }
    }

    /** Rounds (half up) and saturates {@code n} sums into every {@code stride}-th slot of {@code out}. */
    private static void store(float[] a, int n, short[] out, int outPos, int stride) {
        int p = outPos;
        for (int t = 0; t < n; t++) {
            // floor(v + 0.5) is Math.round's definition; the float sum is exact below 2^23, far above
            // anything that is not clipped anyway, and Math.floor compiles to one instruction.
            int v = (int) Math.floor(a[t] + 0.5f);
            out[p] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            p += stride;
        }
    }

    /** Drops input frames that no future output sample reads, moving the rest to the front. */
    private void compact() {
        long keepFrom = Math.floorDiv(produced, (long) plan.up) + plan.minFrame;
        int shift = (int) (keepFrom - baseFrame);
        if (shift <= 0) {
            return;
        }
        long topFrame = (consumed + plan.down - 1) / plan.down;
        int len = (int) Math.max(0, topFrame - keepFrom);
        for (float[] s : streams) {
            System.arraycopy(s, shift, s, 0, len);
        }
        baseFrame = keepFrom;
    }

    /** The immutable, shared part of a conversion: filter, polyphase tables and geometry. */
    private static final class Plan {
        final int inRate;
        final int outRate;
        /** Interpolation factor L. */
        final int up;
        /** Decimation factor M. */
        final int down;
        final int taps;
        /** Filter centre at the common rate; a multiple of {@link #down}, so the delay is whole. */
        final int centre;
        final double passbandHz;
        final double stopbandHz;
        /** Tap units of each output phase r. */
        final Phase[] phases;
        /** Smallest and largest input frame offset any tap reads, relative to the output frame. */
        final int minFrame;
        final int maxFrame;

        Plan(int inRate, int outRate) {
            this.inRate = inRate;
            this.outRate = outRate;
            int g = gcd(inRate, outRate);
            this.up = outRate / g;
            this.down = inRate / g;
            int common = inRate * up;
            // The band to keep is set by the lower of the two rates. Its edge is where telephony and
            // wideband speech content ends; the stopband starts where the mirror image of that edge
            // around the lower rate's Nyquist frequency would fall, so aliases and images of passband
            // content are fully suppressed while the transition band stays as wide as possible.
            int lower = Math.min(inRate, outRate);
            this.passbandHz = lower == 8000 ? 3400 : lower == 16000 ? 7000 : 10000;
            this.stopbandHz = lower - passbandHz;
            double transition = (stopbandHz - passbandHz) / common;
            int halfOrder = (int) Math.ceil(KaiserFilter.order(STOPBAND_ATTENUATION_DB, transition) / 2);
            this.centre = (halfOrder + down - 1) / down * down;
            this.taps = 2 * centre + 1;
            double[] h = KaiserFilter.lowPass(taps, (passbandHz + stopbandHz) / 2 / common,
                    KaiserFilter.beta(STOPBAND_ATTENUATION_DB), up);

            phases = new Phase[up];
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (int r = 0; r < up; r++) {
                // Output r of a frame sits at common-rate time r*M + D; its newest input sample is
                // floor(that / L), and its taps start at coefficient (that mod L), stepping by L.
                int s = r * down + centre;
                int newest = s / up;
                int first = s % up;
                int count = (taps - first + up - 1) / up;
                int[] tapStream = new int[count];
                int[] tapFrame = new int[count];
                float[] tapCoef = new float[count];
                for (int k = 0; k < count; k++) {
                    int index = newest - k;
                    tapStream[k] = Math.floorMod(index, down);
                    tapFrame[k] = Math.floorDiv(index, down);
                    tapCoef[k] = (float) h[first + k * up];
                    min = Math.min(min, tapFrame[k]);
                    max = Math.max(max, tapFrame[k]);
                }
                phases[r] = new Phase(tapStream, tapFrame, tapCoef, down);
            }
            this.minFrame = min;
            this.maxFrame = max;
        }

        private static int gcd(int a, int b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }

    /**
     * The taps of one output phase grouped into units: taps on the same input stream whose frame offsets
     * are {@code base, base + SPAN, ...} (at most {@link #MAX_UNIT_TAPS}). Unit u's coefficients are
     * {@code coef[u * MAX_UNIT_TAPS ...]} in order of increasing offset. Larger units come first.
     */
    private static final class Phase {
        final int[] stream;
        final int[] base;
        final int[] taps;
        final float[] coef;

        Phase(int[] tapStream, int[] tapFrame, float[] tapCoef, int streams) {
            List<int[]> units = new ArrayList<>();
            List<float[]> coefs = new ArrayList<>();
            for (int q = 0; q < streams; q++) {
                int lo = Integer.MAX_VALUE;
                int hi = Integer.MIN_VALUE;
                for (int k = 0; k < tapFrame.length; k++) {
                    if (tapStream[k] == q) {
                        lo = Math.min(lo, tapFrame[k]);
                        hi = Math.max(hi, tapFrame[k]);
                    }
                }
                // A stream's taps cover consecutive frame offsets lo..hi; each residue class modulo SPAN
                // is split into runs of up to MAX_UNIT_TAPS.
                for (int start = lo; start < lo + SPAN && start <= hi; start++) {
                    for (int b = start; b <= hi; b += SPAN * MAX_UNIT_TAPS) {
                        int n = Math.min(MAX_UNIT_TAPS, (hi - b) / SPAN + 1);
                        float[] c = new float[MAX_UNIT_TAPS];
                        for (int j = 0; j < n; j++) {
                            c[j] = coefficientAt(tapStream, tapFrame, tapCoef, q, b + j * SPAN);
                        }
                        units.add(new int[] {q, b, n});
                        coefs.add(c);
                    }
                }
            }
            // Units of equal size next to each other, so that convolve can pair them all (a stable sort
            // keeps the order otherwise fixed).
            Integer[] order = new Integer[units.size()];
            for (int u = 0; u < order.length; u++) {
                order[u] = u;
            }
            Arrays.sort(order, (x, y) -> Integer.compare(units.get(y)[2], units.get(x)[2]));
            stream = new int[units.size()];
            base = new int[units.size()];
            taps = new int[units.size()];
            coef = new float[units.size() * MAX_UNIT_TAPS];
            for (int u = 0; u < order.length; u++) {
                int[] unit = units.get(order[u]);
                stream[u] = unit[0];
                base[u] = unit[1];
                taps[u] = unit[2];
                System.arraycopy(coefs.get(order[u]), 0, coef, u * MAX_UNIT_TAPS, MAX_UNIT_TAPS);
            }
        }

        private static float coefficientAt(int[] tapStream, int[] tapFrame, float[] tapCoef, int q, int frame) {
            for (int k = 0; k < tapFrame.length; k++) {
                if (tapStream[k] == q && tapFrame[k] == frame) {
                    return tapCoef[k];
                }
            }
            throw new IllegalStateException("no tap at stream " + q + ", frame " + frame);
        }
    }
}
