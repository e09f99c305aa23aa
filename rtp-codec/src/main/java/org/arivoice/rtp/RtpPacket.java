package org.arivoice.rtp;

import java.nio.ByteBuffer;

/**
 * A reusable, mutable view of one RTP packet (RFC 3550 section 5.1) held in a byte array that the caller
 * owns. {@link #parse(byte[], int, int)} validates the datagram and records where each part lies; the
 * accessors then read straight from the array, so a receive loop parses packet after packet with one
 * {@code RtpPacket} and allocates nothing.
 *
 * <pre>{@code
 * RtpPacket packet = new RtpPacket();
 * RtpParseResult r = packet.parse(datagram, 0, length);
 * if (r.isOk()) {
 *     handle(packet.sequenceNumber(), packet.timestamp(), packet.buffer(), packet.payloadOffset(), packet.payloadLength());
 * } else {
 *     rejects.record(r);
 * }
 * }</pre>
 *
 * <p>The view is valid until the array is overwritten or the next {@code parse}. It is not thread-safe:
 * use one per receive loop. Unsigned 32-bit fields (timestamp, SSRC, CSRC) are returned as {@code long}
 * values in {@code 0..2^32-1}.
 *
 * <p>Header extensions: the raw block is exposed ({@link #extensionProfile()}, {@link #extensionOffset()},
 * {@link #extensionLength()}); RFC 8285 one-byte ({@code 0xBEDE}) and two-byte ({@code 0x100x}) element
 * lists are validated during parsing and can be searched with {@link #findExtensionElement(int)}.
 */
public final class RtpPacket {
    /** The only RTP version this class accepts. */
    public static final int VERSION = 2;
    /** Length of the fixed RTP header in bytes. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** RFC 8285 profile value of a one-byte header extension block. */
    public static final int ONE_BYTE_EXTENSION_PROFILE = 0xBEDE;
    /** RFC 8285 profile value of a two-byte header extension block (the low 4 bits are "appbits"). */
    public static final int TWO_BYTE_EXTENSION_PROFILE = 0x1000;
    /** Largest number of bytes a UDP datagram carrying RTP can hold (IPv4, no fragmentation concerns). */
    public static final int MAX_DATAGRAM = 65_507;

    private byte[] buf;
    private int off;
    private int len;
    private int extensionProfile = -1;
    private int extensionOffset;
    private int extensionLength;
    private int payloadOffset;
    private int payloadLength;
    private int paddingLength;
    private byte[] directCopy;
    private boolean valid;

    /** Creates an empty view; {@link #isValid()} is {@code false} until a successful parse. */
    public RtpPacket() {
    }

    /**
     * Parses {@code length} bytes of {@code data} starting at {@code offset} and, when they form a valid RTP
     * packet, makes this view point at them. Never throws for malformed content; the reason is returned.
     *
     * @param data the datagram buffer (not copied)
     * @param offset where the datagram starts
     * @param length the datagram length
     * @return {@link RtpParseResult#OK}, or why the datagram was rejected (the view is then invalid)
     * @throws IndexOutOfBoundsException if offset/length do not lie within {@code data}: a caller bug,
     *     not a property of the received bytes
     */
    public RtpParseResult parse(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        valid = false;
        RtpParseResult result = locate(data, offset, length);
        if (result.isOk()) {
            buf = data;
            off = offset;
            len = length;
            valid = true;
        }
        return result;
    }

    /**
     * Parses the remaining bytes of {@code datagram} (position to limit); the buffer's position is not
     * changed. A heap buffer is viewed in place; the content of a direct buffer is copied once into an
     * internal array that is reused for later packets.
     *
     * @param datagram the received datagram, flipped for reading
     * @return {@link RtpParseResult#OK}, or why the datagram was rejected
     */
    public RtpParseResult parse(ByteBuffer datagram) {
        int length = datagram.remaining();
        if (datagram.hasArray()) {
            return parse(datagram.array(), datagram.arrayOffset() + datagram.position(), length);
        }
        if (directCopy == null || directCopy.length < length) {
            directCopy = new byte[Math.max(length, 2048)];
        }
        datagram.get(datagram.position(), directCopy, 0, length);
        return parse(directCopy, 0, length);
    }

    private RtpParseResult locate(byte[] d, int o, int n) {
        if (n < FIXED_HEADER_LENGTH) {
            return RtpParseResult.TOO_SHORT;
        }
        int b0 = d[o] & 0xFF;
        if ((b0 >>> 6) != VERSION) {
            return RtpParseResult.BAD_VERSION;
        }
        int b1 = d[o + 1] & 0xFF;
        if (b1 >= 192 && b1 <= 223) {
            return RtpParseResult.RTCP;
        }
        int pos = FIXED_HEADER_LENGTH + 4 * (b0 & 0x0F);
        if (pos > n) {
            return RtpParseResult.CSRC_OVERRUN;
        }
        int profile = -1;
        int extOff = 0;
        int extLen = 0;
        if ((b0 & 0x10) != 0) {
            if (pos + 4 > n) {
                return RtpParseResult.EXTENSION_HEADER_OVERRUN;
            }
            profile = ((d[o + pos] & 0xFF) << 8) | (d[o + pos + 1] & 0xFF);
            extLen = 4 * (((d[o + pos + 2] & 0xFF) << 8) | (d[o + pos + 3] & 0xFF));
            extOff = pos + 4;
            pos = extOff + extLen;
            if (pos > n) {
                return RtpParseResult.EXTENSION_OVERRUN;
            }
            if (!elementsFit(d, o + extOff, extLen, profile)) {
                return RtpParseResult.BAD_EXTENSION_ELEMENT;
            }
        }
        int pad = 0;
        if ((b0 & 0x20) != 0) {
            pad = d[o + n - 1] & 0xFF;
            // RFC 3550 5.1: the last octet counts itself, so 0 is invalid; padding may not eat the header.
            if (pad == 0 || pad > n - pos) {
                return RtpParseResult.BAD_PADDING;
            }
        }
        extensionProfile = profile;
        extensionOffset = o + extOff;
        extensionLength = extLen;
        payloadOffset = o + pos;
        payloadLength = n - pos - pad;
        paddingLength = pad;
        return RtpParseResult.OK;
    }

    /** Walks an RFC 8285 element list and checks that every element lies within the block. */
    private static boolean elementsFit(byte[] d, int start, int length, int profile) {
        boolean oneByte = profile == ONE_BYTE_EXTENSION_PROFILE;
        boolean twoByte = (profile & 0xFFF0) == TWO_BYTE_EXTENSION_PROFILE;
        if (!oneByte && !twoByte) {
            return true; // some other profile: its content is opaque to us
        }
        int p = start;
        int end = start + length;
        while (p < end) {
            int first = d[p] & 0xFF;
            if (first == 0) {
                p++; // padding byte between elements
                continue;
            }
            if (oneByte) {
                int id = first >>> 4;
                if (id == 15) {
                    return true; // RFC 8285 4.2: stop processing the rest of the block
                }
                p += 1 + (first & 0x0F) + 1;
            } else {
                if (p + 1 >= end) {
                    return false;
                }
                p += 2 + (d[p + 1] & 0xFF);
            }
            if (p > end) {
                return false;
            }
        }
        return true;
    }

    /** {@return whether the last {@code parse} succeeded and the accessors may be used} */
    public boolean isValid() {
        return valid;
    }

    private void requireValid() {
        if (!valid) {
            throw new IllegalStateException("no valid RTP packet: call parse(...) and check that it returned OK");
        }
    }

    /** {@return the array holding the packet (not a copy)} */
    public byte[] buffer() {
        requireValid();
        return buf;
    }

    /** {@return offset of the first header byte in {@link #buffer()}} */
    public int offset() {
        requireValid();
        return off;
    }

    /** {@return total length of the packet, header to padding} */
    public int length() {
        requireValid();
        return len;
    }

    /** {@return whether the P bit is set} */
    public boolean hasPadding() {
        return (b0() & 0x20) != 0;
    }

    /** {@return whether the X bit is set} */
    public boolean hasExtension() {
        return (b0() & 0x10) != 0;
    }

    /** {@return the number of CSRC identifiers (0-15)} */
    public int csrcCount() {
        return b0() & 0x0F;
    }

    /** {@return the marker bit (for audio: first packet of a talkspurt)} */
    public boolean marker() {
        requireValid();
        return (buf[off + 1] & 0x80) != 0;
    }

    /** {@return the payload type, 0-127} */
    public int payloadType() {
        requireValid();
        return buf[off + 1] & 0x7F;
    }

    /** {@return the 16-bit sequence number, 0-65535} */
    public int sequenceNumber() {
        requireValid();
        return ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
    }

    /** {@return the 32-bit timestamp as an unsigned value} */
    public long timestamp() {
        requireValid();
        return readU32(buf, off + 4);
    }

    /** {@return the 32-bit synchronisation source as an unsigned value} */
    public long ssrc() {
        requireValid();
        return readU32(buf, off + 8);
    }

    /**
     * The CSRC identifier at {@code index}.
     *
     * @param index 0 to {@code csrcCount() - 1}
     * @return the contributing source as an unsigned value
     */
    public long csrc(int index) {
        java.util.Objects.checkIndex(index, csrcCount());
        return readU32(buf, off + FIXED_HEADER_LENGTH + 4 * index);
    }

    /** {@return the 16-bit "defined by profile" value of the header extension, or -1 when there is none} */
    public int extensionProfile() {
        requireValid();
        return extensionProfile;
    }

    /** {@return offset in {@link #buffer()} of the header extension data (after its 4-byte header)} */
    public int extensionOffset() {
        requireValid();
        return extensionOffset;
    }

    /** {@return length in bytes of the header extension data (a multiple of 4; 0 when there is none)} */
    public int extensionLength() {
        requireValid();
        return extensionLength;
    }

    /**
     * Finds an RFC 8285 header extension element by id in a one-byte ({@code 0xBEDE}) or two-byte
     * ({@code 0x100x}) block.
     *
     * @param id the element id (1-14 for one-byte, 1-255 for two-byte)
     * @return the offset in {@link #buffer()} of the element's data, or -1 when absent; the data length is
     *     {@link #extensionElementLength(int)}
     */
    public int findExtensionElement(int id) {
        long found = scanElements(id);
        return found < 0 ? -1 : (int) (found >>> 32);
    }

    /**
     * Length in bytes of the data of the RFC 8285 element {@code id}, or -1 when absent.
     *
     * @param id the element id
     * @return the number of data bytes of that element
     */
    public int extensionElementLength(int id) {
        long found = scanElements(id);
        return found < 0 ? -1 : (int) found;
    }

    /** Returns (offset << 32 | length) of element id, or -1. The block was validated by parse. */
    private long scanElements(int id) {
        requireValid();
        boolean oneByte = extensionProfile == ONE_BYTE_EXTENSION_PROFILE;
        boolean twoByte = extensionProfile >= 0 && (extensionProfile & 0xFFF0) == TWO_BYTE_EXTENSION_PROFILE;
        if (!oneByte && !twoByte) {
            return -1;
        }
        int p = extensionOffset;
        int end = extensionOffset + extensionLength;
        while (p < end) {
            int first = buf[p] & 0xFF;
            if (first == 0) {
                p++;
                continue;
            }
            int elementId;
            int dataOff;
            int dataLen;
            if (oneByte) {
                elementId = first >>> 4;
                if (elementId == 15) {
                    return -1;
                }
                dataOff = p + 1;
                dataLen = (first & 0x0F) + 1;
            } else {
                elementId = first;
                dataOff = p + 2;
                dataLen = buf[p + 1] & 0xFF;
            }
            if (elementId == id) {
                return ((long) dataOff << 32) | dataLen;
            }
            p = dataOff + dataLen;
        }
        return -1;
    }

    /** {@return offset in {@link #buffer()} of the first payload byte} */
    public int payloadOffset() {
        requireValid();
        return payloadOffset;
    }

    /** {@return payload length in bytes, padding excluded} */
    public int payloadLength() {
        requireValid();
        return payloadLength;
    }

    /** {@return number of padding bytes at the end of the packet (0 when the P bit is clear)} */
    public int paddingLength() {
        requireValid();
        return paddingLength;
    }

    /**
     * Copies the payload into {@code dst}.
     *
     * @param dst the destination array
     * @param dstOffset where to write
     * @return the number of bytes copied
     */
    public int copyPayload(byte[] dst, int dstOffset) {
        requireValid();
        System.arraycopy(buf, payloadOffset, dst, dstOffset, payloadLength);
        return payloadLength;
    }

    private int b0() {
        requireValid();
        return buf[off] & 0xFF;
    }

    static long readU32(byte[] b, int p) {
        return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    @Override
    public String toString() {
        if (!valid) {
            return "RtpPacket[invalid]";
        }
        return "RtpPacket[pt=" + payloadType() + ", seq=" + sequenceNumber() + ", ts=" + timestamp()
                + ", ssrc=" + ssrc() + ", marker=" + marker() + ", payload=" + payloadLength + " bytes"
                + (paddingLength > 0 ? ", padding=" + paddingLength : "")
                + (extensionProfile >= 0 ? ", extension=0x" + Integer.toHexString(extensionProfile) : "") + "]";
    }
}
