package org.arivoice.ari.patterns;

import java.util.Map;
import java.util.Objects;

/**
 * Counters of a {@link CallPatterns} since it was built, for dashboards and alerts.
 *
 * @param callsStarted flows started
 * @param callsReady flows that reached {@link CallPhase#READY}
 * @param setupFailures flows that failed, by the step that failed (a caller hanging up is not a failure)
 * @param abandonedDuringSetup callers who hung up before their call was ready
 * @param teardowns teardowns finished, by reason
 * @param teardownFailures resources a teardown could not remove (they may still exist in Asterisk)
 * @param transfers blind transfers, redirects and transfers to an endpoint that succeeded
 * @param sweptResources leftovers of earlier runs removed by {@link CallPatterns#sweep()}
 */
public record CallCounters(long callsStarted, long callsReady, Map<SetupStep, Long> setupFailures,
        long abandonedDuringSetup, Map<TeardownReason, Long> teardowns, long teardownFailures, long transfers,
        long sweptResources) {
    /**
     * Keeps unmodifiable copies.
     *
     * @param callsStarted flows started
     * @param callsReady flows that became ready
     * @param setupFailures failures by step
     * @param abandonedDuringSetup callers gone during set-up
     * @param teardowns teardowns by reason
     * @param teardownFailures resources not removed
     * @param transfers successful transfers
     * @param sweptResources leftovers removed by sweeps
     */
    public CallCounters {
        setupFailures = Map.copyOf(Objects.requireNonNull(setupFailures, "setupFailures"));
        teardowns = Map.copyOf(Objects.requireNonNull(teardowns, "teardowns"));
    }

    /**
     * All set-up failures, whatever the step.
     *
     * @return the sum of {@link #setupFailures()}
     */
    public long totalSetupFailures() {
        return setupFailures.values().stream().mapToLong(Long::longValue).sum();
    }
}
