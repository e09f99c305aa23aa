package org.arivoice.voicebot.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * A summary of one stage's latencies since start, for reports that are not scraped (such as a benchmark's
 * printout). The count, mean and maximum are exact; the percentiles are estimated from the stage's histogram
 * buckets (see {@link MicrometerBotMetrics#stageLatency}), so they are as precise as the buckets are narrow.
 *
 * @param stage the stage
 * @param count measurements since start
 * @param mean their mean ({@link Duration#ZERO} without measurements)
 * @param p50 the estimated median
 * @param p95 the estimated 95th percentile
 * @param p99 the estimated 99th percentile
 * @param max the largest measurement
 */
public record StageLatency(BotMetrics.Stage stage, long count, Duration mean, Duration p50, Duration p95,
        Duration p99, Duration max) {

    /**
     * Validates the summary.
     *
     * @param stage the stage
     * @param count measurements since start
     * @param mean their mean
     * @param p50 the estimated median
     * @param p95 the estimated 95th percentile
     * @param p99 the estimated 99th percentile
     * @param max the largest measurement
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
