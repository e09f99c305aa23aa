package org.arivoice.rtp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts rejected datagrams by {@link RtpParseResult reason}. Safe to update from a media thread while
 * another thread reads a {@link #snapshot()}.
 */
public final class RtpRejectCounters {
    private static final RtpParseResult[] REASONS = RtpParseResult.values();

    private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

    /** Creates counters that all start at zero. */
    public RtpRejectCounters() {
    }

    /**
     * Records one datagram with the given parse outcome. {@link RtpParseResult#OK} is counted too, so the
     * ratio of good to bad traffic is visible.
     *
     * @param result the outcome of parsing one datagram
     */
    public void record(RtpParseResult result) {
        counts.incrementAndGet(result.ordinal());
    }

    /**
     * Returns how many datagrams had the given outcome.
     *
     * @param result the outcome to look up
     * @return the count since these counters were created
     */
    public long count(RtpParseResult result) {
        return counts.get(result.ordinal());
    }

    /** {@return the number of rejected datagrams, whatever the reason} */
    public long totalRejected() {
        long total = 0;
        for (RtpParseResult r : REASONS) {
            if (!r.isOk()) {
                total += counts.get(r.ordinal());
            }
        }
        return total;
    }

    /** {@return a copy of the non-zero counts, reason by reason} */
    public Map<RtpParseResult, Long> snapshot() {
        Map<RtpParseResult, Long> map = new EnumMap<>(RtpParseResult.class);
        for (RtpParseResult r : REASONS) {
            long c = counts.get(r.ordinal());
            if (c != 0) {
                map.put(r, c);
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return "RtpRejectCounters" + snapshot();
    }
}
