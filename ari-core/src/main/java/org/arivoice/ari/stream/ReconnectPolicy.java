package org.arivoice.ari.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff with jitter between reconnect attempts of an {@link AriEventStream}.
 *
 * <p>The delay before attempt {@code n} (1-based) is {@code min(maxDelay, initialDelay * multiplier^(n-1))},
 * reduced by a random fraction of up to {@code jitter} of itself, so that many clients cut off at once by an
 * Asterisk restart do not reconnect in lockstep. The attempt counter resets after a successful connection.
 *
 * @param initialDelay delay before the first attempt after a drop; positive
 * @param maxDelay upper bound of any delay; at least {@code initialDelay}
 * @param multiplier growth factor per failed attempt; at least 1
 * @param jitter the largest fraction of a delay removed at random, from 0 (none) to 1
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

    /**
     * Validates the policy.
     *
     * @param initialDelay delay before the first attempt after a drop; positive
     * @param maxDelay upper bound of any delay; at least {@code initialDelay}
     * @param multiplier growth factor per failed attempt; at least 1
     * @param jitter the largest fraction of a delay removed at random, from 0 (none) to 1
     * @throws IllegalArgumentException if a value is out of range
     */
    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive, got " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + ") must be at least initialDelay ("
                    + initialDelay + ")");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
    }

    /**
     * The default policy: 500 ms, doubling up to 30 s, up to 50 % jitter.
     *
     * @return the default policy
     */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.5);
    }

    /**
     * The delay before a reconnect attempt.
     *
     * @param attempt the attempt number since the last successful connection, starting at 1
     * @param random a uniformly distributed number in [0, 1), e.g. from {@code ThreadLocalRandom}
     * @return the delay, between {@code (1 - jitter)} times the exponential delay and the exponential delay
     */
    public Duration delayBefore(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, got " + attempt);
        }
        double base = initialDelay.toNanos() * Math.pow(multiplier, Math.min(attempt - 1, 1000));
        double capped = Math.min(base, (double) maxDelay.toNanos());
        double jittered = capped * (1.0 - jitter * random);
        return Duration.ofNanos(Math.max(1L, (long) jittered));
    }
}
