package org.arivoice.rtp.stats;

/**
 * The figures of one RTCP reception report block (RFC 3550 section 6.4.1), computed as in Appendix A.3 by
 * {@link ReceiveStatistics#intervalReport()} for the interval since the previous call.
 *
 * @param ssrc the source the report is about, or -1 before the first packet
 * @param fractionLost the fraction of packets lost in the interval as the RR's 8-bit fixed-point value
 *     (0-255, lost/expected * 256); 0 when nothing was expected or more arrived than expected
 * @param expectedInterval packets expected in the interval
 * @param receivedInterval packets counted as received in the interval
 * @param cumulativeLost packets lost since counting started; may be negative
 * @param extendedHighestSequence the extended highest sequence number received, or -1 while not valid
 * @param jitter the interarrival jitter, in timestamp units, truncated as the RR field is
 */
public record IntervalReport(
        long ssrc,
        int fractionLost,
        long expectedInterval,
        long receivedInterval,
        long cumulativeLost,
        long extendedHighestSequence,
        long jitter) {

    /**
     * Packets lost in the interval; negative when duplicates or late packets outnumber the losses.
     *
     * @return {@code expectedInterval - receivedInterval}
     */
    public long lostInterval() {
        return expectedInterval - receivedInterval;
    }

    /**
     * The fraction lost as a ratio.
     *
     * @return {@code fractionLost / 256.0}, in {@code [0, 1)}
     */
    public double fractionLostRatio() {
        return fractionLost / 256.0;
    }

    /**
     * The cumulative loss clamped to the RR's signed 24-bit field, as RFC 3550 A.3 does.
     *
     * @return {@code cumulativeLost} limited to {@code -0x800000..0x7FFFFF}
     */
    public int cumulativeLostForReport() {
        return (int) Math.max(-0x80_0000L, Math.min(0x7F_FFFFL, cumulativeLost));
    }
}
