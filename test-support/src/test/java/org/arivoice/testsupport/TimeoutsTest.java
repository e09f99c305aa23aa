package org.arivoice.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimeoutsTest {

    @Test
    void noSettingMeansScaleOne() {
        assertThat(Timeouts.parse(null, null)).isEqualTo(1.0);
        assertThat(Timeouts.parse(" ", "")).isEqualTo(1.0);
    }

    @Test
    void thePropertyWinsOverTheEnvironment() {
        assertThat(Timeouts.parse("3", "5")).isEqualTo(3.0);
        assertThat(Timeouts.parse(null, "2.5")).isEqualTo(2.5);
    }

    @Test
    void aValueThatIsNotAScaleSaysWhatIsExpected() {
        assertThatThrownBy(() -> Timeouts.parse("fast", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Timeouts.PROPERTY).hasMessageContaining("'fast'")
                .hasMessageContaining("between 0.1 and 100");
        assertThatThrownBy(() -> Timeouts.parse(null, "0")).hasMessageContaining(Timeouts.ENVIRONMENT);
        assertThatThrownBy(() -> Timeouts.parse("1000", null)).hasMessageContaining("'1000'");
        assertThatThrownBy(() -> Timeouts.parse("NaN", null)).hasMessageContaining("'NaN'");
    }

    @Test
    void boundsAreMultipliedByTheScaleInForce() {
        double s = Timeouts.scale();
        assertThat(Timeouts.seconds(10).toMillis()).isEqualTo((long) Math.ceil(10_000 * s));
        assertThat(Timeouts.millis(250).toNanos()).isEqualTo((long) Math.ceil(250_000_000L * s));
        assertThat(Timeouts.ms(2, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo((long) Math.ceil(2_000 * s));
    }
}
