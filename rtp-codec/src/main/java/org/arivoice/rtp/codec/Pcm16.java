package org.arivoice.rtp.codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/**
 * Signed 16-bit linear PCM ("slin") between byte form and {@code short[]} samples, in either byte order.
 *
 * <p>Which order applies depends on the transport:
 * <ul>
 *   <li>slin over RTP, for example Asterisk ExternalMedia with format {@code slin16}, is <b>big-endian</b>
 *       (network order, RFC 3551 L16);</li>
 *   <li>Asterisk AudioSocket and {@code chan_websocket} carry <b>little-endian</b> slin;</li>
 *   <li>OpenAI Realtime {@code audio/pcm} (pcm16) is <b>little-endian</b>.</li>
 * </ul>
 *
 * <p>Byte lengths must be even; an odd length is rejected with an {@link IllegalArgumentException} before
 * anything is read or written. The {@link ByteBuffer} methods ignore the buffer's own
 * {@link ByteBuffer#order() order} setting (the method name decides) and leave it unchanged. Nothing
 * allocates.
 */
public final class Pcm16 {
    private Pcm16() {
    }

    /**
     * Converts little-endian PCM bytes to samples.
     *
     * @param src PCM bytes
     * @param srcOff index of the first byte
     * @param byteLen number of bytes; must be even
     * @param dst receives {@code byteLen / 2} samples
     * @param dstOff index in {@code dst} of the first sample written
     * @return the number of samples written
     * @throws IllegalArgumentException if {@code byteLen} is odd
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static int fromLittleEndian(byte[] src, int srcOff, int byteLen, short[] dst, int dstOff) {
        int n = checkBytes(src, srcOff, byteLen, dst, dstOff);
        for (int i = 0; i < n; i++) {
            int p = srcOff + 2 * i;
            dst[dstOff + i] = (short) ((src[p] & 0xFF) | (src[p + 1] << 8));
        }
        return n;
    }

    /**
     * Converts big-endian (network order) PCM bytes to samples.
     *
     * @param src PCM bytes
     * @param srcOff index of the first byte
     * @param byteLen number of bytes; must be even
     * @param dst receives {@code byteLen / 2} samples
     * @param dstOff index in {@code dst} of the first sample written
     * @return the number of samples written
     * @throws IllegalArgumentException if {@code byteLen} is odd
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static int fromBigEndian(byte[] src, int srcOff, int byteLen, short[] dst, int dstOff) {
        int n = checkBytes(src, srcOff, byteLen, dst, dstOff);
        for (int i = 0; i < n; i++) {
            int p = srcOff + 2 * i;
            dst[dstOff + i] = (short) ((src[p] << 8) | (src[p + 1] & 0xFF));
        }
        return n;
    }

    /**
     * Converts samples to little-endian PCM bytes.
     *
     * @param src samples
     * @param srcOff index of the first sample
     * @param len number of samples
     * @param dst receives {@code 2 * len} bytes
     * @param dstOff index in {@code dst} of the first byte written
     * @return the number of bytes written
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static int toLittleEndian(short[] src, int srcOff, int len, byte[] dst, int dstOff) {
        checkSamples(src, srcOff, len, dst, dstOff);
        for (int i = 0; i < len; i++) {
            short s = src[srcOff + i];
            int p = dstOff + 2 * i;
            dst[p] = (byte) s;
            dst[p + 1] = (byte) (s >> 8);
        }
        return 2 * len;
    }

    /**
     * Converts samples to big-endian (network order) PCM bytes.
     *
     * @param src samples
     * @param srcOff index of the first sample
     * @param len number of samples
     * @param dst receives {@code 2 * len} bytes
     * @param dstOff index in {@code dst} of the first byte written
     * @return the number of bytes written
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static int toBigEndian(short[] src, int srcOff, int len, byte[] dst, int dstOff) {
        checkSamples(src, srcOff, len, dst, dstOff);
        for (int i = 0; i < len; i++) {
            short s = src[srcOff + i];
            int p = dstOff + 2 * i;
            dst[p] = (byte) (s >> 8);
            dst[p + 1] = (byte) s;
        }
        return 2 * len;
    }

    /**
     * Reads every remaining byte of a buffer as little-endian samples. Reading starts at the position,
     * which then advances to the limit.
     *
     * @param src PCM bytes between position and limit; their number must be even
     * @param dst receives {@code src.remaining() / 2} samples
     * @param dstOff index in {@code dst} of the first sample written
     * @return the number of samples written
     * @throws IllegalArgumentException if {@code src.remaining()} is odd; the position is then unchanged
     * @throws IndexOutOfBoundsException if {@code dst} has no room; the position is then unchanged
     */
    public static int fromLittleEndian(ByteBuffer src, short[] dst, int dstOff) {
        return read(src, dst, dstOff, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads every remaining byte of a buffer as big-endian samples. Reading starts at the position, which
     * then advances to the limit.
     *
     * @param src PCM bytes between position and limit; their number must be even
     * @param dst receives {@code src.remaining() / 2} samples
     * @param dstOff index in {@code dst} of the first sample written
     * @return the number of samples written
     * @throws IllegalArgumentException if {@code src.remaining()} is odd; the position is then unchanged
     * @throws IndexOutOfBoundsException if {@code dst} has no room; the position is then unchanged
     */
    public static int fromBigEndian(ByteBuffer src, short[] dst, int dstOff) {
        return read(src, dst, dstOff, ByteOrder.BIG_ENDIAN);
    }

    /**
     * Writes samples to a buffer as little-endian bytes, starting at the position, which then advances by
     * {@code 2 * len}.
     *
     * @param src samples
     * @param srcOff index of the first sample
     * @param len number of samples
     * @param dst receives {@code 2 * len} bytes
     * @throws IndexOutOfBoundsException if the source range lies outside {@code src}
     * @throws BufferOverflowException if fewer than {@code 2 * len} bytes remain; nothing is written then
     * @throws ReadOnlyBufferException if {@code dst} is read-only
     */
    public static void toLittleEndian(short[] src, int srcOff, int len, ByteBuffer dst) {
        write(src, srcOff, len, dst, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Writes samples to a buffer as big-endian bytes, starting at the position, which then advances by
     * {@code 2 * len}.
     *
     * @param src samples
     * @param srcOff index of the first sample
     * @param len number of samples
     * @param dst receives {@code 2 * len} bytes
     * @throws IndexOutOfBoundsException if the source range lies outside {@code src}
     * @throws BufferOverflowException if fewer than {@code 2 * len} bytes remain; nothing is written then
     * @throws ReadOnlyBufferException if {@code dst} is read-only
     */
    public static void toBigEndian(short[] src, int srcOff, int len, ByteBuffer dst) {
        write(src, srcOff, len, dst, ByteOrder.BIG_ENDIAN);
    }

    /**
     * Swaps the two bytes of every sample in a region, in place, converting big-endian PCM to
     * little-endian and back.
     *
     * @param buf PCM bytes
     * @param off index of the first byte
     * @param byteLen number of bytes; must be even
     * @throws IllegalArgumentException if {@code byteLen} is odd
     * @throws IndexOutOfBoundsException if the region lies outside {@code buf}
     */
    public static void swapByteOrder(byte[] buf, int off, int byteLen) {
        requireEven(byteLen);
        Objects.checkFromIndexSize(off, byteLen, buf.length);
        for (int p = off; p < off + byteLen; p += 2) {
            byte b = buf[p];
            buf[p] = buf[p + 1];
            buf[p + 1] = b;
        }
    }

    private static int read(ByteBuffer src, short[] dst, int dstOff, ByteOrder order) {
        int pos = src.position();
        int byteLen = src.limit() - pos;
        requireEven(byteLen);
        int n = byteLen >>> 1;
        Objects.checkFromIndexSize(dstOff, n, dst.length);
        if (src.hasArray()) {
            int base = src.arrayOffset() + pos;
            if (order == ByteOrder.LITTLE_ENDIAN) {
                fromLittleEndian(src.array(), base, byteLen, dst, dstOff);
            } else {
                fromBigEndian(src.array(), base, byteLen, dst, dstOff);
            }
        } else {
            // getShort uses the buffer's configured order; undo it when it differs from the one asked for.
            boolean swap = src.order() != order;
            for (int i = 0; i < n; i++) {
                short s = src.getShort(pos + 2 * i);
                dst[dstOff + i] = swap ? Short.reverseBytes(s) : s;
            }
        }
        src.position(pos + byteLen);
        return n;
    }

    private static void write(short[] src, int srcOff, int len, ByteBuffer dst, ByteOrder order) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int byteLen = 2 * len;
        if (dst.remaining() < byteLen) {
            throw new BufferOverflowException();
        }
        int pos = dst.position();
        if (dst.hasArray()) {
            int base = dst.arrayOffset() + pos;
            if (order == ByteOrder.LITTLE_ENDIAN) {
                toLittleEndian(src, srcOff, len, dst.array(), base);
            } else {
                toBigEndian(src, srcOff, len, dst.array(), base);
            }
        } else {
            boolean swap = dst.order() != order;
            for (int i = 0; i < len; i++) {
                short s = src[srcOff + i];
                dst.putShort(pos + 2 * i, swap ? Short.reverseBytes(s) : s);
            }
        }
        dst.position(pos + byteLen);
    }

    private static int checkBytes(byte[] src, int srcOff, int byteLen, short[] dst, int dstOff) {
        requireEven(byteLen);
        Objects.checkFromIndexSize(srcOff, byteLen, src.length);
        int n = byteLen >>> 1;
        Objects.checkFromIndexSize(dstOff, n, dst.length);
        return n;
    }

    private static void checkSamples(short[] src, int srcOff, int len, byte[] dst, int dstOff) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        if (len > Integer.MAX_VALUE / 2) {
            throw new IndexOutOfBoundsException("too many samples for a byte array: " + len);
        }
        Objects.checkFromIndexSize(dstOff, 2 * len, dst.length);
    }

    private static void requireEven(int byteLen) {
        if ((byteLen & 1) != 0) {
            throw new IllegalArgumentException(
                    "16-bit PCM needs an even number of bytes, got " + byteLen
                            + " (a sample split across buffers must be carried over by the caller)");
        }
    }
}
