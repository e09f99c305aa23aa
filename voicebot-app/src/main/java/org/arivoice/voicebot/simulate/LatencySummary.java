package org.arivoice.voicebot.simulate;

import java.util.Arrays;
import java.util.List;

/**
 * The measurements of one latency stage over a simulation.
 *
 * @param stage the stage, e.g. {@code SPEECH_STOPPED_TO_FIRST_AUDIO}
 * @param count how many measurements
 * @param p50Ms the median, in milliseconds
 * @param p99Ms the 99th percentile, in milliseconds
 * @param maxMs the largest, in milliseconds
 */
public record LatencySummary(String stage, int count, double p50Ms, double p99Ms, double maxMs) {

    /**
     * Summarises measurements.
     *
     * @param stage the stage
     * @param nanos the measurements in nanoseconds
     * @return the summary (all zero when there are none)
     */
    public static LatencySummary of(String stage, List<Long> nanos) {
        if (nanos.isEmpty()) {
            return new LatencySummary(stage, 0, 0, 0, 0);
        }
        long[] v = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return new LatencySummary(stage, v.length, ms(pick(v, 0.50)), ms(pick(v, 0.99)), ms(v[v.length - 1]));
    }

    private static long pick(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
