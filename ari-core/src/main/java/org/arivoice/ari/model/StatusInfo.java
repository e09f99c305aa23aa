package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/**
 * Info about Asterisk status.
 *
 * <p>The ARI model {@code StatusInfo} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param startupTime Time when Asterisk was started. Kept as sent by Asterisk; see {@link #startupTimeAsDateTime()}.
 * @param lastReloadTime Time when Asterisk was last reloaded. Kept as sent by Asterisk; see {@link #lastReloadTimeAsDateTime()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusInfo(
        @JsonProperty("startup_time") String startupTime,
        @JsonProperty("last_reload_time") String lastReloadTime) {
    /**
     * Parses {@link #startupTime()} into a date-time.
     *
     * @return the instant with Asterisk's UTC offset, or {@code null} if the field is absent
     * @throws java.time.format.DateTimeParseException if Asterisk sent a value in an unknown format
     */
    public OffsetDateTime startupTimeAsDateTime() {
        return AriTimestamps.parse(startupTime);
    }

    /**
     * Parses {@link #lastReloadTime()} into a date-time.
     *
     * @return the instant with Asterisk's UTC offset, or {@code null} if the field is absent
     * @throws java.time.format.DateTimeParseException if Asterisk sent a value in an unknown format
     */
    public OffsetDateTime lastReloadTimeAsDateTime() {
        return AriTimestamps.parse(lastReloadTime);
    }
}
