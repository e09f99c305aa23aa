package org.arivoice.ari.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    private final ReconnectPolicy policy =
            new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.5);

    @Test
    void growsExponentiallyUntilTheCapWithoutJitter() {
        assertThat(policy.delayBefore(1, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayBefore(2, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayBefore(4, 0.0)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.delayBefore(7, 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayBefore(10_000, 0.0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitterRemovesUpToItsFraction() {
        assertThat(policy.delayBefore(1, 0.999999)).isBetween(Duration.ofMillis(50), Duration.ofMillis(51));
    }

    @Property
    void delayStaysWithinJitterBandOfTheCappedExponential(@ForAll @IntRange(min = 1, max = 100) int attempt,
            @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false) double random) {
        double exp = Math.min(100.0 * Math.pow(2, attempt - 1), 5000.0);
        double millis = policy.delayBefore(attempt, random).toNanos() / 1e6;
        assertThat(millis).isBetween(exp * 0.5 - 1e-6, exp + 1e-6);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 0))
                .hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0))
                .hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.5))
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> policy.delayBefore(0, 0)).hasMessageContaining("start at 1");
    }
}
