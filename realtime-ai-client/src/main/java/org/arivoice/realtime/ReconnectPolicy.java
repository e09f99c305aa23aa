package org.arivoice.realtime;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often a session reconnects after a recoverable close (1001, 1006, 1011, 1012, 1013). The
 * delay before attempt {@code n} (from 1) is {@code initialBackoff * 2^(n-1)}, capped at {@code maxBackoff}.
 *
 * @param maxAttempts attempts per outage; 0 disables reconnecting
 * @param initialBackoff the delay before the first attempt
 * @param maxBackoff the largest delay
 */
public record ReconnectPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /**
     * Validates the policy.
     *
     * @param maxAttempts attempts per outage
     * @param initialBackoff first delay
     * @param maxBackoff largest delay
     */
    public ReconnectPolicy {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must not be negative, got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Backoff must satisfy 0 <= initialBackoff <= maxBackoff");
        }
    }

    /**
     * The default: 5 attempts, 500 ms doubling up to 8 s.
     *
     * @return the default policy
     */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8));
    }

    /**
     * Never reconnect.
     *
     * @return a policy with no attempts
     */
    public static ReconnectPolicy disabled() {
        return new ReconnectPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The delay before an attempt.
     *
     * @param attempt the attempt number, from 1
     * @return the delay
     */
    public Duration delayBefore(int attempt) {
        long ms = initialBackoff.toMillis();
        for (int i = 1; i < attempt && ms < maxBackoff.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
}
