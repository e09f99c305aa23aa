package org.arivoice.bench.codec;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.arivoice.rtp.codec.G711;
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
 * Why {@link G711} encodes the way it does: three ways to encode, in nanoseconds per sample over one
 * second of audio.
 * <ul>
 *   <li>{@code library}: what {@link G711} does, a table indexed by the bits the law looks at
 *       ({@code x >> 2}: 16 KiB for µ-law, {@code x >> 4}: 4 KiB for A-law);</li>
 *   <li>{@code fullTable}: a 64 KiB table per law indexed by the whole 16-bit sample;</li>
 *   <li>{@code compute}: no table, the segment found with {@link Integer#numberOfLeadingZeros(int)}.</li>
 * </ul>
 * The full tables are filled through the public scalar API, so all three produce identical codes.
 * {@code speech} input has speech-like levels (Laplacian, mean magnitude 2000); {@code uniform} spreads
 * over the whole 16-bit range, the worst case for cache footprint.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class G711EncodeStrategyBenchmark {
    private static final int BLOCK = 8000;

    private static final byte[] ULAW_FULL = new byte[65536];
    private static final byte[] ALAW_FULL = new byte[65536];

    static {
        for (int i = 0; i < 65536; i++) {
            ULAW_FULL[i] = G711.linearToUlaw((short) i);
            ALAW_FULL[i] = G711.linearToAlaw((short) i);
        }
    }

    /** Input level distribution. */
    @Param({"speech", "uniform"})
    public String input;

    private final short[] pcm = new short[BLOCK];
    private final byte[] encoded = new byte[BLOCK];

    @Setup
    public void setUp() {
        Random rnd = new Random(711);
        if (input.equals("speech")) {
            G711Benchmark.fillSpeechLike(pcm, rnd);
        } else {
            for (int i = 0; i < BLOCK; i++) {
                pcm[i] = (short) rnd.nextInt();
            }
        }
        for (int i = 0; i < BLOCK; i++) {
            if (ulawCompute(pcm[i]) != G711.linearToUlaw(pcm[i]) || alawCompute(pcm[i]) != G711.linearToAlaw(pcm[i])) {
                throw new IllegalStateException("strategies disagree at " + pcm[i]);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public byte[] ulawLibrary() {
        G711.linearToUlaw(pcm, 0, BLOCK, encoded, 0);
        return encoded;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public byte[] ulawFullTable() {
        for (int i = 0; i < BLOCK; i++) {
            encoded[i] = ULAW_FULL[pcm[i] & 0xFFFF];
        }
        return encoded;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public byte[] ulawCompute() {
        for (int i = 0; i < BLOCK; i++) {
            encoded[i] = ulawCompute(pcm[i]);
        }
        return encoded;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public byte[] alawLibrary() {
        G711.linearToAlaw(pcm, 0, BLOCK, encoded, 0);
        return encoded;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public byte[] alawFullTable() {
        for (int i = 0; i < BLOCK; i++) {
            encoded[i] = ALAW_FULL[pcm[i] & 0xFFFF];
        }
        return encoded;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public byte[] alawCompute() {
        for (int i = 0; i < BLOCK; i++) {
            encoded[i] = alawCompute(pcm[i]);
        }
        return encoded;
    }

    /** Branch-light µ-law encoder: the sign mask replaces the one's-complement branch. */
    private static byte ulawCompute(short x) {
        int sign = x >> 31;
        int biased = Math.min(((x ^ sign) >> 2) + 33, 0x1FFF);
        int segment = 26 - Integer.numberOfLeadingZeros(biased);
        int code = 0x7F ^ ((segment << 4) | ((biased >> (segment + 1)) & 0x0F));
        return (byte) (code | (~sign & 0x80));
    }

    /** Branch-light A-law encoder; magnitudes below 16 (segment 0) are handled by clamping the shift. */
    private static byte alawCompute(short x) {
        int sign = x >> 31;
        int m = (x ^ sign) >> 4;
        int segment = Math.max(0, 28 - Integer.numberOfLeadingZeros(m));
        int code = (segment << 4) | ((m >> Math.max(0, segment - 1)) & 0x0F);
        return (byte) ((code | (~sign & 0x80)) ^ 0x55);
    }
}
