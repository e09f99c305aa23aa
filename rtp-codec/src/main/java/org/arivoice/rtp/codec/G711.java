package org.arivoice.rtp.codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/**
 * ITU-T G.711 companding: µ-law (PCMU, RTP payload type 0) and A-law (PCMA, payload type 8) to and from
 * 16-bit linear PCM.
 *
 * <p>The results are bit-exact with the reference implementation in the ITU-T G.191 Software Tool Library
 * ({@code g711.c}), which treats a 16-bit sample as a left-justified 14-bit (µ-law) or 13-bit (A-law)
 * value: the encoders ignore the 2 (µ-law) or 3 (A-law) least significant bits, and negative inputs are
 * rounded via the one's complement, so {@code -1} encodes like {@code 0} with a negative sign. Decoding
 * returns the middle of each quantisation interval scaled to 16 bits, for example µ-law {@code 0x00} is
 * {@code -32124} and A-law {@code 0xAA} is {@code 32256}. Because µ-law has two codes for zero
 * ({@code 0xFF} and {@code 0x7F}), decoding {@code 0x7F} and encoding the result gives {@code 0xFF}; every
 * other code survives a decode/encode round trip unchanged.
 *
 * <p>All methods are table-driven: decoding reads a 256-entry table, encoding a table indexed by the
 * significant bits of the sample (16 Ki entries for µ-law, 4 Ki for A-law). In isolation a 64 KiB table
 * indexed by the whole sample is a few per cent faster and computing the segment with
 * {@code numberOfLeadingZeros} about five times slower (see G711EncodeStrategyBenchmark). The smaller
 * tables were chosen anyway: both laws together take 20 KiB of cache instead of 128 KiB, which should
 * matter more in a media loop that does other work than the few per cent seen in isolation. Nothing
 * allocates. The bulk methods take {@code (source, sourceOffset, length, destination,
 * destinationOffset)} and check all bounds before writing anything.
 */
public final class G711 {
    /** µ-law sees the 14 most significant bits of a 16-bit sample. */
    private static final int ULAW_SHIFT = 2;
    /**
     * A-law sees the 12 most significant bits of a 16-bit sample: its 13-bit input's lowest bit is finer
     * than the smallest step (2 units in segments 0 and 1), so the STL drops it along with the 3 padding bits.
     */
    private static final int ALAW_SHIFT = 4;
    /** The bias that makes µ-law segment boundaries fall on powers of two (G.711 table 2: 33 steps). */
    private static final int ULAW_BIAS = 33;
    /** Largest biased µ-law magnitude; anything above it is clipped to the top code. */
    private static final int ULAW_MAX_BIASED = 0x1FFF;

    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];
    private static final byte[] ULAW_ENCODE = new byte[1 << (16 - ULAW_SHIFT)];
    private static final byte[] ALAW_ENCODE = new byte[1 << (16 - ALAW_SHIFT)];
    private static final int ULAW_INDEX_MASK = ULAW_ENCODE.length - 1;
    private static final int ALAW_INDEX_MASK = ALAW_ENCODE.length - 1;

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_DECODE[code] = (short) computeUlawToLinear(code);
            ALAW_DECODE[code] = (short) computeAlawToLinear(code);
        }
        // The encoders depend only on (x >> shift): for negative x, (~x) >> s == ~(x >> s), so the
        // shifted value carries both the sign and every bit the algorithm looks at.
        for (int i = 0; i < ULAW_ENCODE.length; i++) {
            ULAW_ENCODE[i] = (byte) computeLinearToUlaw((short) (i << ULAW_SHIFT));
        }
        for (int i = 0; i < ALAW_ENCODE.length; i++) {
            ALAW_ENCODE[i] = (byte) computeLinearToAlaw((short) (i << ALAW_SHIFT));
        }
    }

    private G711() {
    }

    /**
     * Encodes one 16-bit linear sample as µ-law.
     *
     * @param sample linear PCM sample
     * @return the µ-law code (as on the wire)
     */
    public static byte linearToUlaw(short sample) {
        return ULAW_ENCODE[(sample >> ULAW_SHIFT) & ULAW_INDEX_MASK];
    }

    /**
     * Decodes one µ-law code to a 16-bit linear sample.
     *
     * @param code µ-law code (as on the wire)
     * @return the linear sample, in {@code -32124..32124}
     */
    public static short ulawToLinear(byte code) {
        return ULAW_DECODE[code & 0xFF];
    }

    /**
     * Encodes one 16-bit linear sample as A-law (even bits already inverted, as on the wire).
     *
     * @param sample linear PCM sample
     * @return the A-law code
     */
    public static byte linearToAlaw(short sample) {
        return ALAW_ENCODE[(sample >> ALAW_SHIFT) & ALAW_INDEX_MASK];
    }

    /**
     * Decodes one A-law code (as on the wire) to a 16-bit linear sample.
     *
     * @param code A-law code
     * @return the linear sample, in {@code -32256..32256}
     */
    public static short alawToLinear(byte code) {
        return ALAW_DECODE[code & 0xFF];
    }

    /**
     * Encodes {@code len} linear samples as µ-law.
     *
     * @param src linear samples
     * @param srcOff index of the first sample to encode
     * @param len number of samples
     * @param dst receives {@code len} µ-law bytes
     * @param dstOff index in {@code dst} of the first byte written
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static void linearToUlaw(short[] src, int srcOff, int len, byte[] dst, int dstOff) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        encode(ULAW_ENCODE, ULAW_SHIFT, ULAW_INDEX_MASK, src, srcOff, len, dst, dstOff);
    }

    /**
     * Decodes {@code len} µ-law bytes to linear samples.
     *
     * @param src µ-law bytes
     * @param srcOff index of the first byte to decode
     * @param len number of bytes (= samples)
     * @param dst receives {@code len} linear samples
     * @param dstOff index in {@code dst} of the first sample written
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static void ulawToLinear(byte[] src, int srcOff, int len, short[] dst, int dstOff) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        decode(ULAW_DECODE, src, srcOff, len, dst, dstOff);
    }

    /**
     * Encodes {@code len} linear samples as A-law.
     *
     * @param src linear samples
     * @param srcOff index of the first sample to encode
     * @param len number of samples
     * @param dst receives {@code len} A-law bytes
     * @param dstOff index in {@code dst} of the first byte written
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static void linearToAlaw(short[] src, int srcOff, int len, byte[] dst, int dstOff) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        encode(ALAW_ENCODE, ALAW_SHIFT, ALAW_INDEX_MASK, src, srcOff, len, dst, dstOff);
    }

    /**
     * Decodes {@code len} A-law bytes to linear samples.
     *
     * @param src A-law bytes
     * @param srcOff index of the first byte to decode
     * @param len number of bytes (= samples)
     * @param dst receives {@code len} linear samples
     * @param dstOff index in {@code dst} of the first sample written
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static void alawToLinear(byte[] src, int srcOff, int len, short[] dst, int dstOff) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        decode(ALAW_DECODE, src, srcOff, len, dst, dstOff);
    }

    /**
     * Encodes {@code len} linear samples as µ-law into a buffer. The bytes are written starting at the
     * buffer's position, which then advances by {@code len}; the limit is unchanged.
     *
     * @param src linear samples
     * @param srcOff index of the first sample to encode
     * @param len number of samples
     * @param dst receives the µ-law bytes
     * @throws IndexOutOfBoundsException if the source range lies outside {@code src}
     * @throws BufferOverflowException if {@code dst} has fewer than {@code len} bytes remaining; nothing is
     *     written then
     * @throws ReadOnlyBufferException if {@code dst} is read-only
     */
    public static void linearToUlaw(short[] src, int srcOff, int len, ByteBuffer dst) {
        encode(ULAW_ENCODE, ULAW_SHIFT, ULAW_INDEX_MASK, src, srcOff, len, dst);
    }

    /**
     * Decodes every remaining byte of a buffer from µ-law. Reading starts at the buffer's position, which
     * then advances to the limit.
     *
     * @param src µ-law bytes between position and limit
     * @param dst receives {@code src.remaining()} linear samples
     * @param dstOff index in {@code dst} of the first sample written
     * @return the number of samples written
     * @throws IndexOutOfBoundsException if {@code dst} has no room for {@code src.remaining()} samples from
     *     {@code dstOff}; the buffer's position is then unchanged
     */
    public static int ulawToLinear(ByteBuffer src, short[] dst, int dstOff) {
        return decode(ULAW_DECODE, src, dst, dstOff);
    }

    /**
     * Encodes {@code len} linear samples as A-law into a buffer. The bytes are written starting at the
     * buffer's position, which then advances by {@code len}; the limit is unchanged.
     *
     * @param src linear samples
     * @param srcOff index of the first sample to encode
     * @param len number of samples
     * @param dst receives the A-law bytes
     * @throws IndexOutOfBoundsException if the source range lies outside {@code src}
     * @throws BufferOverflowException if {@code dst} has fewer than {@code len} bytes remaining; nothing is
     *     written then
     * @throws ReadOnlyBufferException if {@code dst} is read-only
     */
    public static void linearToAlaw(short[] src, int srcOff, int len, ByteBuffer dst) {
        encode(ALAW_ENCODE, ALAW_SHIFT, ALAW_INDEX_MASK, src, srcOff, len, dst);
    }

    /**
     * Decodes every remaining byte of a buffer from A-law. Reading starts at the buffer's position, which
     * then advances to the limit.
     *
     * @param src A-law bytes between position and limit
     * @param dst receives {@code src.remaining()} linear samples
     * @param dstOff index in {@code dst} of the first sample written
     * @return the number of samples written
     * @throws IndexOutOfBoundsException if {@code dst} has no room for {@code src.remaining()} samples from
     *     {@code dstOff}; the buffer's position is then unchanged
     */
    public static int alawToLinear(ByteBuffer src, short[] dst, int dstOff) {
        return decode(ALAW_DECODE, src, dst, dstOff);
    }

    private static void encode(byte[] table, int shift, int mask, short[] src, int srcOff, int len,
                                byte[] dst, int dstOff) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = table[(src[srcOff + i] >> shift) & mask];
        }
    }

    private static void decode(short[] table, byte[] src, int srcOff, int len, short[] dst, int dstOff) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = table[src[srcOff + i] & 0xFF];
        }
    }

    private static void encode(byte[] table, int shift, int mask, short[] src, int srcOff, int len,
                               ByteBuffer dst) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (dst.remaining() < len) {
            throw new BufferOverflowException();
        }
        int pos = dst.position();
        if (dst.hasArray()) {
            encode(table, shift, mask, src, srcOff, len, dst.array(), dst.arrayOffset() + pos);
        } else {
            for (int i = 0; i < len; i++) {
                dst.put(pos + i, table[(src[srcOff + i] >> shift) & mask]);
            }
        }
        dst.position(pos + len);
    }

    private static int decode(short[] table, ByteBuffer src, short[] dst, int dstOff) {
        int pos = src.position();
        int len = src.limit() - pos;
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        if (src.hasArray()) {
            decode(table, src.array(), src.arrayOffset() + pos, len, dst, dstOff);
        } else {
            for (int i = 0; i < len; i++) {
                dst[dstOff + i] = table[src.get(pos + i) & 0xFF];
            }
        }
        src.position(pos + len);
        return len;
    }

    /*
     * The functions below fill the tables once. They follow the G.711 segment structure directly:
     * a code is sign | 3-bit segment | 4-bit step within the segment, where segment s > 0 spans
     * 16 steps of size 2^s (in codec input units) above 16 * 2^s, and segment 0 has 16 (A-law) or
     * 16 biased (µ-law) unit-size-2 steps starting at zero.
     */

    private static int computeLinearToUlaw(short sample) {
        boolean negative = sample < 0;
        // One's complement rather than negation: the STL maps -1 to the same magnitude as 0.
        int magnitude = ((negative ? ~sample : sample) >> ULAW_SHIFT) + ULAW_BIAS;
        if (magnitude > ULAW_MAX_BIASED) {
            magnitude = ULAW_MAX_BIASED;
        }
        // Biased magnitudes lie in 33..8191 (6 to 13 significant bits), giving segments 0..7.
        int segment = (32 - Integer.numberOfLeadingZeros(magnitude)) - 6;
        int step = (magnitude >> (segment + 1)) & 0x0F;
        // µ-law transmits every bit inverted; the sign bit is 1 for positive samples after inversion.
        int code = 0x7F ^ ((segment << 4) | step);
        return negative ? code : code | 0x80;
    }

    private static int computeLinearToAlaw(short sample) {
        boolean negative = sample < 0;
        int magnitude = (negative ? ~sample : sample) >> ALAW_SHIFT;
        int code;
        if (magnitude < 16) {
            code = magnitude;
        } else {
            // Magnitudes 16..2047 have 5 to 11 significant bits, giving segments 1..7.
            int segment = (32 - Integer.numberOfLeadingZeros(magnitude)) - 4;
            code = (segment << 4) | ((magnitude >> (segment - 1)) & 0x0F);
        }
        if (!negative) {
            code |= 0x80;
        }
        // A-law inverts the even bits on the wire so that idle channels (near zero) carry many ones.
        return code ^ 0x55;
    }

    private static int computeUlawToLinear(int code) {
        int bits = ~code & 0xFF;
        int segment = (bits >> 4) & 0x07;
        int step = bits & 0x0F;
        // Interval middle in biased 14-bit units is (2*step + 33) << segment; remove the bias of 33 and
        // scale the 14-bit value to 16 bits.
        int magnitude = (((2 * step + ULAW_BIAS) << segment) - ULAW_BIAS) << ULAW_SHIFT;
        return (bits & 0x80) != 0 ? -magnitude : magnitude;
    }

    private static int computeAlawToLinear(int code) {
        int bits = (code ^ 0x55) & 0xFF;
        int segment = (bits >> 4) & 0x07;
        int step = bits & 0x0F;
        // Interval middle in 13-bit units: 2*step + 1 in segment 0, (2*step + 33) << (segment - 1) above;
        // scale by 8 to 16 bits.
        int magnitude = segment == 0 ? 2 * step + 1 : (2 * step + 33) << (segment - 1);
        magnitude <<= ALAW_SHIFT - 1;
        return (bits & 0x80) != 0 ? magnitude : -magnitude;
    }
}
