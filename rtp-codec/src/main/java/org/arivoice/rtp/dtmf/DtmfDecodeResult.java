package org.arivoice.rtp.dtmf;

/** What {@link DtmfDecoder} did with one telephone-event packet. */
public enum DtmfDecodeResult {
    /** The first packet seen of a new event (it may have been preceded by an implicit end of the previous). */
    STARTED,
    /** A later update of the event in progress (duration grows; reordered updates are harmless). */
    UPDATED,
    /** The first packet of the next segment of a long event (RFC 4733 section 2.5.1.3). */
    CONTINUED,
    /** An end packet: the event was reported to the listener. */
    ENDED,
    /** A packet of an event already reported (a retransmitted end packet or a late update): ignored. */
    REPEATED,
    /** A packet older than the most recent event of its source that matches no known event: ignored. */
    STALE,
    /** The payload is shorter than the 4-byte event report: ignored. */
    TOO_SHORT,
    /** The {@code RtpPacket} passed in held no successfully parsed packet: ignored. */
    NOT_PARSED
}
