package org.arivoice.bench.codec;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.arivoice.rtp.codec.G711;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * G.711 bulk encode and decode in nanoseconds per sample, for one 20 ms RTP frame (160 samples) and for
 * one second of audio (8000 samples). The input resembles speech in level: Laplacian samples with a mean
 * magnitude of 2000, clipped to 16 bits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class G711Benchmark {
    private static final int FRAME = 160;
    private static final int BLOCK = 8000;

    private final short[] pcm = new short[BLOCK];
    private final byte[] ulaw = new byte[BLOCK];
    private final byte[] alaw = new byte[BLOCK];
    private final short[] decoded = new short[BLOCK];
    private final byte[] encoded = new byte[BLOCK];

    @Setup
    public void setUp() {
        fillSpeechLike(pcm, new Random(711));
        G711.linearToUlaw(pcm, 0, BLOCK, ulaw, 0);
        G711.linearToAlaw(pcm, 0, BLOCK, alaw, 0);
    }

    /** Laplacian samples, the usual first-order model of speech amplitudes. */
    static void fillSpeechLike(short[] dst, Random rnd) {
        for (int i = 0; i < dst.length; i++) {
            double magnitude = -2000 * Math.log(1 - rnd.nextDouble());
            double v = rnd.nextBoolean() ? magnitude : -magnitude;
            dst[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAME)
    public byte[] ulawEncodeFrame() {
        G711.linearToUlaw(pcm, 0, FRAME, encoded, 0);
        return encoded;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public byte[] ulawEncodeBlock() {
        G711.linearToUlaw(pcm, 0, BLOCK, encoded, 0);
        return encoded;
    }

    @Benchmark
    @OperationsPerInvocation(FRAME)
    public short[] ulawDecodeFrame() {
        G711.ulawToLinear(ulaw, 0, FRAME, decoded, 0);
        return decoded;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public short[] ulawDecodeBlock() {
        G711.ulawToLinear(ulaw, 0, BLOCK, decoded, 0);
        return decoded;
    }

    @Benchmark
    @OperationsPerInvocation(FRAME)
    public byte[] alawEncodeFrame() {
        G711.linearToAlaw(pcm, 0, FRAME, encoded, 0);
        return encoded;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public byte[] alawEncodeBlock() {
        G711.linearToAlaw(pcm, 0, BLOCK, encoded, 0);
        return encoded;
    }

    @Benchmark
    @OperationsPerInvocation(FRAME)
    public short[] alawDecodeFrame() {
        G711.alawToLinear(alaw, 0, FRAME, decoded, 0);
        return decoded;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public short[] alawDecodeBlock() {
        G711.alawToLinear(alaw, 0, BLOCK, decoded, 0);
        return decoded;
    }
}
