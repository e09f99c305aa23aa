package org.arivoice.bench.codec;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.arivoice.rtp.codec.Resampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Streaming resampler cost in nanoseconds per output sample. Input arrives as a media loop delivers it,
 * in 20 ms frames, into a long-running converter; one invocation feeds as many frames as it takes to
 * produce {@value #OUTPUT} output samples (for example 2 frames for 8 kHz to 24 kHz, 6 for 24 kHz to
 * 8 kHz).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResamplerBenchmark {
    private static final int OUTPUT = 960;

    /** Input and output rate as {@code "in-out"}. */
    @Param({"8000-24000", "24000-8000", "16000-24000", "24000-16000", "8000-48000", "48000-8000"})
    public String conversion;

    private Resampler resampler;
    private short[] in;
    private short[] out;
    private int frameLen;
    private int frames;

    @Setup
    public void setUp() {
        String[] rates = conversion.split("-");
        int inRate = Integer.parseInt(rates[0]);
        int outRate = Integer.parseInt(rates[1]);
        resampler = Resampler.create(inRate, outRate);
        frameLen = inRate / 50;
        frames = OUTPUT / (outRate / 50);
        in = new short[frameLen * frames];
        Random rnd = new Random(42);
        for (int i = 0; i < in.length; i++) {
            in[i] = (short) Math.max(-32768, Math.min(32767, Math.round(rnd.nextGaussian() * 6000)));
        }
        out = new short[resampler.maxOutput(in.length)];
        // Get past the start of the stream, where calls return fewer samples than their share of OUTPUT.
        resampler.process(in, 0, in.length, out, 0);
    }

    @Benchmark
    @OperationsPerInvocation(OUTPUT)
    public short[] process() {
        int written = 0;
        for (int f = 0; f < frames; f++) {
            written += resampler.process(in, f * frameLen, frameLen, out, written);
        }
        if (written != OUTPUT) {
            throw new IllegalStateException("expected " + OUTPUT + " samples, got " + written);
        }
        return out;
    }
}
