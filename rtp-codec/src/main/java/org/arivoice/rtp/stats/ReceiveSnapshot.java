package org.arivoice.rtp.stats;

/**
 * An immutable, internally consistent copy of the counters of a {@link ReceiveStatistics}, safe to hand
 * to any thread.
 *
 * <p>Per-source figures (everything except {@link #sourceChanges()}) restart when the SSRC changes;
 * {@link #packetsReceived()}, {@link #packetsExpected()} and {@link #extendedHighestSequence()} also restart
 * on a {@link ReceiveResult#RESYNC resynchronisation}, exactly as {@code init_seq} does in RFC 3550 A.1.
 *
 * @param ssrc the synchronisation source being tracked, or -1 before the first packet
 * @param sourceValid whether the source has passed probation (two sequential packets)
 * @param packetsReceived packets counted as received (RFC 3550 A.1 {@code received}, duplicates excluded)
 * @param packetsExpected {@code extendedHighestSequence - base + 1} (RFC 3550 A.3); 0 while not valid
 * @param cumulativeLost {@code packetsExpected - packetsReceived}; negative when packets older than the
 *     first counted one arrive late, which RFC 3550 6.4.1 allows
 * @param extendedHighestSequence the highest sequence number received, extended with the count of 16-bit
 *     wrap-arounds ({@code cycles + max_seq}); -1 while not valid
 * @param duplicates packets dropped because their sequence number had already been received
 * @param reordered packets that arrived after a higher sequence number but were still counted
 * @param badSequence packets rejected as a jump of 3000 or more ahead or 100 or more behind
 * @param resyncs times counting restarted after two sequential packets following a bad jump
 * @param sourceChanges times the SSRC changed (cumulative over the life of the object)
 * @param jitter the RFC 3550 A.8 interarrival jitter estimate, in timestamp units
 * @param clockRate the RTP clock rate of the stream, Hz
 * @param generation incremented whenever per-source counting restarts (end of probation, resync, new
 *     source); two snapshots with equal generation count from the same base
 */
public record ReceiveSnapshot(
        long ssrc,
        boolean sourceValid,
        long packetsReceived,
        long packetsExpected,
        long cumulativeLost,
        long extendedHighestSequence,
        long duplicates,
        long reordered,
        long badSequence,
        long resyncs,
        long sourceChanges,
        double jitter,
        int clockRate,
        long generation) {

    /**
     * The interarrival jitter converted to milliseconds.
     *
     * @return {@code jitter * 1000 / clockRate}
     */
    public double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }
}
