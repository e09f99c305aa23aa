package org.arivoice.voicebot.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * A summary of one stage's latencies, for reports that are not scraped (such as {@code simulate}'s printout).
 * The count and mean cover every measurement since start; the percentiles and the maximum cover the last two
 * minutes (Micrometer's rolling window), which for a short run is the whole run.
 *
 * @param stage the stage
 * @param count measurements since start
 * @param mean their mean ({@link Duration#ZERO} without measurements)
 * @param p50 the median of the last two minutes
 * @param p95 the 95th percentile of the last two minutes
 * @param p99 the 99th percentile of the last two minutes
 * @param max the largest measurement of the last two minutes
 */
public record StageLatency(BotMetrics.Stage stage, long count, Duration mean, Duration p50, Duration p95,
        Duration p99, Duration max) {

    /**
     * Validates the summary.
     *
     * @param stage the stage
     * @param count measurements since start
     * @param mean their mean
     * @param p50 the median of the last two minutes
     * @param p95 the 95th percentile of the last two minutes
     * @param p99 the 99th percentile of the last two minutes
     * @param max the largest measurement of the last two minutes
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the count is negative
     */
    public StageLatency {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p95, "p95");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
        if (count < 0) {
            throw new IllegalArgumentException("A measurement count cannot be negative, was " + count + ".");
        }
    }
}
