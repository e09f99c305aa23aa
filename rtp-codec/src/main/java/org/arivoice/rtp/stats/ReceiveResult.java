package org.arivoice.rtp.stats;

/**
 * How {@link ReceiveStatistics#update} classified one received packet, following the sequence-number
 * validation of RFC 3550 Appendix A.1 plus duplicate detection.
 *
 * <p>Only {@link #isCounted() counted} outcomes add to the "packets received" figure of the reception
 * report; the others are tallied separately (or not at all during probation) so that a restarted or
 * misbehaving sender does not distort the loss figures.
 */
public enum ReceiveResult {
    /** An in-order packet (possibly after a gap of fewer than 3000 numbers) from a valid source. */
    ACCEPTED(true),
    /**
     * The source is not yet valid: RFC 3550 A.1 requires two packets with consecutive sequence numbers
     * before a source is believed. Also returned for the very first packet of the first source.
     */
    PROBATION(false),
    /** The sequence number was already received recently; not counted again. */
    DUPLICATE(false),
    /** Older than the highest sequence number by fewer than 100 and not seen before: late but counted. */
    REORDERED(true),
    /**
     * A jump of 3000 or more ahead, or 100 or more behind: not counted. RFC 3550 A.1 remembers it and
     * resynchronises if the next packet follows it directly.
     */
    BAD_SEQUENCE(false),
    /**
     * The packet directly follows a {@link #BAD_SEQUENCE} packet: the sender evidently restarted its
     * sequence numbers, so counting restarts from this packet (RFC 3550 A.1 {@code bad_seq}).
     */
    RESYNC(true),
    /**
     * The SSRC differs from the current source: all per-source state was reset and this packet starts the
     * new source's probation.
     */
    NEW_SOURCE(false),
    /** The {@code RtpPacket} passed in held no successfully parsed packet; nothing was recorded. */
    NOT_PARSED(false);

    private final boolean counted;

    ReceiveResult(boolean counted) {
        this.counted = counted;
    }

    /**
     * Whether the packet was counted as received (and should normally be played out).
     *
     * @return {@code true} for {@link #ACCEPTED}, {@link #REORDERED} and {@link #RESYNC}
     */
    public boolean isCounted() {
        return counted;
    }
}
