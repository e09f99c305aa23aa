package org.arivoice.rtp;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Serialises RTP packets into caller-owned buffers. Set the header fields once per stream, change the
 * per-packet ones (sequence number, timestamp, marker) and call {@link #write(byte[], int, int, byte[], int)};
 * nothing is allocated per packet.
 *
 * <pre>{@code
 * RtpPacketWriter w = new RtpPacketWriter().payloadType(0).ssrc(ssrc);
 * int n = w.sequenceNumber(seq).timestamp(ts).marker(first).write(ulaw, 0, 160, datagram, 0);
 * channel.send(ByteBuffer.wrap(datagram, 0, n), remote);
 * }</pre>
 *
 * <p>Mutable and not thread-safe: one writer per outgoing stream. Out-of-range field values are rejected
 * with {@link IllegalArgumentException} at the setter, so a bad value never reaches the wire.
 */
public final class RtpPacketWriter {
    private int payloadType;
    private boolean marker;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private final long[] csrcs = new long[15];
    private int csrcCount;
    private int extensionProfile = -1;
    private final byte[] extension = new byte[1024];
    private int extensionLength;
    private int padding;

    /** Creates a writer with every field zero, no CSRCs, no extension and no padding. */
    public RtpPacketWriter() {
    }

    /**
     * Sets the payload type.
     *
     * @param payloadType 0-63 or 96-127 (0 is PCMU, 8 is PCMA, 101 is the usual telephone-event); 64-95 are
     *     refused because with the marker bit set they make the second byte 192-223, which receivers
     *     (including {@link RtpPacket#parse}) take for RTCP (RFC 5761 section 4)
     * @return this writer
     */
    public RtpPacketWriter payloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTP payload type must be 0-127, was " + payloadType);
        }
        if (payloadType >= 64 && payloadType <= 95) {
            throw new IllegalArgumentException("RTP payload types 64-95 collide with RTCP packet types when the"
                    + " marker bit is set (RFC 5761 section 4), was " + payloadType);
        }
        this.payloadType = payloadType;
        return this;
    }

    /**
     * Sets the marker bit.
     *
     * @param marker for audio, {@code true} on the first packet of a talkspurt
     * @return this writer
     */
    public RtpPacketWriter marker(boolean marker) {
        this.marker = marker;
        return this;
    }

    /**
     * Sets the sequence number; only the low 16 bits are used, so a counter can be passed as it grows.
     *
     * @param sequenceNumber the sequence number (taken modulo 65536)
     * @return this writer
     */
    public RtpPacketWriter sequenceNumber(int sequenceNumber) {
        this.sequenceNumber = sequenceNumber & 0xFFFF;
        return this;
    }

    /**
     * Sets the timestamp; only the low 32 bits are used, so a running {@code long} can be passed.
     *
     * @param timestamp the timestamp (taken modulo 2^32)
     * @return this writer
     */
    public RtpPacketWriter timestamp(long timestamp) {
        this.timestamp = timestamp & 0xFFFF_FFFFL;
        return this;
    }

    /**
     * Sets the synchronisation source.
     *
     * @param ssrc 0 to 2^32-1
     * @return this writer
     */
    public RtpPacketWriter ssrc(long ssrc) {
        this.ssrc = requireU32("SSRC", ssrc);
        return this;
    }

    /**
     * Replaces the CSRC list.
     *
     * @param sources up to 15 contributing sources, each 0 to 2^32-1
     * @return this writer
     */
    public RtpPacketWriter csrcs(long... sources) {
        if (sources.length > 15) {
            throw new IllegalArgumentException("an RTP packet holds at most 15 CSRCs, got " + sources.length);
        }
        for (int i = 0; i < sources.length; i++) {
            csrcs[i] = requireU32("CSRC", sources[i]);
        }
        csrcCount = sources.length;
        return this;
    }

    /**
     * Sets a header extension block (the X bit). For RFC 8285 one-byte elements pass
     * {@link RtpPacket#ONE_BYTE_EXTENSION_PROFILE} and elements encoded as {@code (id << 4 | (len - 1))}
     * followed by {@code len} data bytes, padded with zero bytes to a multiple of 4.
     *
     * @param profile the 16-bit "defined by profile" value
     * @param data the extension data (copied)
     * @param offset where the data starts
     * @param length a multiple of 4, at most 1024
     * @return this writer
     */
    public RtpPacketWriter extension(int profile, byte[] data, int offset, int length) {
        if (profile < 0 || profile > 0xFFFF) {
            throw new IllegalArgumentException("extension profile must be 0-0xFFFF, was " + profile);
        }
        if (length % 4 != 0 || length > extension.length) {
            throw new IllegalArgumentException(
                    "extension data length must be a multiple of 4 and at most 1024 bytes, was " + length);
        }
        Objects.checkFromIndexSize(offset, length, data.length);
        System.arraycopy(data, offset, extension, 0, length);
        extensionProfile = profile;
        extensionLength = length;
        return this;
    }

    /**
     * Removes the header extension.
     *
     * @return this writer
     */
    public RtpPacketWriter clearExtension() {
        extensionProfile = -1;
        extensionLength = 0;
        return this;
    }

    /**
     * Sets the number of padding bytes appended to each packet (the P bit is set when non-zero).
     *
     * @param bytes 0 (no padding) to 255
     * @return this writer
     */
    public RtpPacketWriter padding(int bytes) {
        if (bytes < 0 || bytes > 255) {
            throw new IllegalArgumentException("RTP padding must be 0-255 bytes, was " + bytes);
        }
        this.padding = bytes;
        return this;
    }

    /** {@return header length in bytes with the current CSRCs and extension} */
    public int headerLength() {
        return RtpPacket.FIXED_HEADER_LENGTH + 4 * csrcCount + (extensionProfile >= 0 ? 4 + extensionLength : 0);
    }

    /**
     * Writes one packet carrying {@code payloadLength} bytes of {@code payload} into {@code dst}.
     *
     * @param payload the payload bytes
     * @param payloadOffset where they start
     * @param payloadLength how many
     * @param dst the datagram buffer
     * @param dstOffset where the packet starts in {@code dst}
     * @return the packet length in bytes
     * @throws IllegalArgumentException if {@code dst} is too small for the packet
     */
    public int write(byte[] payload, int payloadOffset, int payloadLength, byte[] dst, int dstOffset) {
        Objects.checkFromIndexSize(payloadOffset, payloadLength, payload.length);
        int total = headerLength() + payloadLength + padding;
        if (dstOffset < 0 || dst.length - dstOffset < total) {
            throw new IllegalArgumentException("destination has room for " + (dst.length - dstOffset)
                    + " bytes but the RTP packet needs " + total);
        }
        int p = writeHeader(dst, dstOffset);
        System.arraycopy(payload, payloadOffset, dst, p, payloadLength);
        p += payloadLength;
        writePadding(dst, p);
        return total;
    }

    /**
     * Writes one packet carrying the remaining bytes of {@code payload} at the position of {@code dst}.
     * Both buffers' positions advance by what was read and written.
     *
     * @param payload the payload (position to limit)
     * @param dst the destination
     * @return the packet length in bytes
     * @throws IllegalArgumentException if {@code dst} has too little room left
     */
    public int write(ByteBuffer payload, ByteBuffer dst) {
        int payloadLength = payload.remaining();
        int total = headerLength() + payloadLength + padding;
        if (dst.remaining() < total) {
            throw new IllegalArgumentException("destination has room for " + dst.remaining()
                    + " bytes but the RTP packet needs " + total);
        }
        dst.put((byte) ((RtpPacket.VERSION << 6) | (padding > 0 ? 0x20 : 0)
                | (extensionProfile >= 0 ? 0x10 : 0) | csrcCount));
        dst.put((byte) ((marker ? 0x80 : 0) | payloadType));
        dst.putShort((short) sequenceNumber);
        dst.putInt((int) timestamp);
        dst.putInt((int) ssrc);
        for (int i = 0; i < csrcCount; i++) {
            dst.putInt((int) csrcs[i]);
        }
        if (extensionProfile >= 0) {
            dst.putShort((short) extensionProfile);
            dst.putShort((short) (extensionLength / 4));
            dst.put(extension, 0, extensionLength);
        }
        dst.put(payload);
        if (padding > 0) {
            for (int i = 0; i < padding - 1; i++) {
                dst.put((byte) 0);
            }
            dst.put((byte) padding);
        }
        return total;
    }

    private int writeHeader(byte[] d, int o) {
        d[o] = (byte) ((RtpPacket.VERSION << 6) | (padding > 0 ? 0x20 : 0)
                | (extensionProfile >= 0 ? 0x10 : 0) | csrcCount);
        d[o + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        d[o + 2] = (byte) (sequenceNumber >>> 8);
        d[o + 3] = (byte) sequenceNumber;
        writeU32(d, o + 4, timestamp);
        writeU32(d, o + 8, ssrc);
        int p = o + RtpPacket.FIXED_HEADER_LENGTH;
        for (int i = 0; i < csrcCount; i++, p += 4) {
            writeU32(d, p, csrcs[i]);
        }
        if (extensionProfile >= 0) {
            d[p] = (byte) (extensionProfile >>> 8);
            d[p + 1] = (byte) extensionProfile;
            int words = extensionLength / 4;
            d[p + 2] = (byte) (words >>> 8);
            d[p + 3] = (byte) words;
            System.arraycopy(extension, 0, d, p + 4, extensionLength);
            p += 4 + extensionLength;
        }
        return p;
    }

    private void writePadding(byte[] d, int p) {
        if (padding > 0) {
            java.util.Arrays.fill(d, p, p + padding - 1, (byte) 0);
            d[p + padding - 1] = (byte) padding;
        }
    }

    private static void writeU32(byte[] d, int p, long v) {
        d[p] = (byte) (v >>> 24);
        d[p + 1] = (byte) (v >>> 16);
        d[p + 2] = (byte) (v >>> 8);
        d[p + 3] = (byte) v;
    }

    private static long requireU32(String what, long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " must be 0 to 4294967295, was " + v);
        }
        return v;
    }
}
