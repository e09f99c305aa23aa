package org.arivoice.rtp;

/**
 * The outcome of {@link RtpPacket#parse(byte[], int, int)}: {@link #OK}, or the reason a datagram is not an
 * acceptable RTP packet.
 *
 * <p>Every reason has a {@link #description() sentence} suitable for a log line or a counter label, so
 * that an operator can tell "someone is sending RTCP to the RTP port" from "the sender pads wrongly".
 */
public enum RtpParseResult {
    /** The datagram is a well-formed RTP version 2 packet. */
    OK("a valid RTP packet"),
    /** Fewer than the 12 bytes of the fixed header. */
    TOO_SHORT("shorter than the 12-byte RTP fixed header"),
    /** The version field is not 2 (for example STUN, DTLS or stray traffic on the RTP port). */
    BAD_VERSION("RTP version is not 2 (stray or non-RTP traffic on the port)"),
    /** The second byte is an RTCP packet type (RFC 5761 section 4): RTCP sent to the RTP port. */
    RTCP("an RTCP packet (packet type 192-223) sent to the RTP port"),
    /** The CSRC count claims more identifiers than the datagram holds. */
    CSRC_OVERRUN("the CSRC count runs past the end of the datagram"),
    /** The X bit is set but the 4-byte extension header is missing. */
    EXTENSION_HEADER_OVERRUN("the X bit is set but the header extension header is truncated"),
    /** The header extension length runs past the end of the datagram. */
    EXTENSION_OVERRUN("the header extension length runs past the end of the datagram"),
    /** An RFC 8285 one-byte or two-byte extension element runs past the extension block. */
    BAD_EXTENSION_ELEMENT("an RFC 8285 header extension element runs past the extension block"),
    /** The P bit is set but the pad count is 0 or larger than the payload it would remove. */
    BAD_PADDING("the P bit is set but the pad count is 0 or larger than the payload");

    private final String description;

    RtpParseResult(String description) {
        this.description = description;
    }

    /** {@return {@code true} only for {@link #OK}} */
    public boolean isOk() {
        return this == OK;
    }

    /** {@return a short sentence saying what was wrong with the datagram} */
    public String description() {
        return description;
    }
}
