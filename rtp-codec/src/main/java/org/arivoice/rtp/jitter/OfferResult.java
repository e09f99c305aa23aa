package org.arivoice.rtp.jitter;

/**
 * What {@link JitterBuffer#offer(org.arivoice.rtp.RtpPacket, long)} did with a packet. Every outcome is
 * also counted in {@link JitterBufferStats}.
 */
public enum OfferResult {
    /** Stored; it will be released in timestamp order when its playout time comes. */
    ACCEPTED,
    /** A copy of a packet that is already buffered or was already played; dropped. */
    DUPLICATE,
    /** Its audio lies before what has already been played out (it was concealed); dropped. */
    LATE,
    /**
     * An RFC 4733 telephone-event packet: not part of the audio stream and not stored. Route the packet to
     * a DTMF decoder.
     */
    TELEPHONE_EVENT,
    /** An RFC 3389 comfort-noise packet: not part of the audio stream and not stored. */
    COMFORT_NOISE,
    /** A payload type that is neither the configured audio, telephone-event nor comfort-noise type. */
    WRONG_PAYLOAD_TYPE,
    /**
     * Not usable as audio: the view holds no valid packet, the payload is empty, is not a whole number of
     * samples, or is longer than {@link JitterBufferConfig#maxPacketMillis()}.
     */
    MALFORMED,
    /** Every slot is in use; dropped. The consumer is not polling, or the capacity is too small. */
    OVERFLOW,
    /**
     * The stream restarted: a new SSRC, a sequence number jump outside the RFC 3550 windows, a timestamp
     * jump beyond {@link JitterBufferConfig#maxTimestampJumpMillis()}, or a sender whose timestamps stayed
     * behind the playout clock. Everything buffered was discarded and this packet starts the new stream.
     */
    RESET
}
