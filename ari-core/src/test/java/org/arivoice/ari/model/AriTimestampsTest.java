package org.arivoice.ari.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class AriTimestampsTest {

    @Test
    void parsesAsteriskOffsetWithoutColon() {
        OffsetDateTime t = AriTimestamps.parse("2026-11-25T19:34:00.573+0000");
        assertThat(t).isEqualTo(OffsetDateTime.of(2026, 11, 25, 19, 34, 0, 573_000_000, ZoneOffset.UTC));
    }

    @Test
    void parsesNonUtcOffsetsAndIsoForms() {
        assertThat(AriTimestamps.parse("2026-11-25T19:34:00.573-0530").getOffset())
                .isEqualTo(ZoneOffset.ofHoursMinutes(-5, -30));
        assertThat(AriTimestamps.parse("2026-11-25T19:34:00+01:00").getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(AriTimestamps.parse("2026-11-25T19:34:00.1Z").getNano()).isEqualTo(100_000_000);
    }

    @Test
    void nullStaysNullAndGarbageIsRejected() {
        assertThat(AriTimestamps.parse(null)).isNull();
        assertThatThrownBy(() -> AriTimestamps.parse("yesterday")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void formatRoundTripsInAsteriskForm() {
        OffsetDateTime t = OffsetDateTime.of(2026, 11, 25, 19, 34, 0, 573_000_000, ZoneOffset.UTC);
        assertThat(AriTimestamps.format(t)).isEqualTo("2026-11-25T19:34:00.573+0000");
        assertThat(AriTimestamps.parse(AriTimestamps.format(t))).isEqualTo(t);
    }

    @Test
    void channelCreationTimeConvenience() throws Exception {
        Channel c = org.arivoice.ari.internal.json.AriJson.mapper().readValue(
                "{\"id\":\"c1\",\"creationtime\":\"2026-11-25T19:34:00.573+0000\",\"new_field\":{\"x\":1}}",
                Channel.class);
        assertThat(c.creationtimeAsDateTime().getMinute()).isEqualTo(34);
        assertThat(c.channelvars()).isEmpty();
    }
}
