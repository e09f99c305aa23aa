package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Asterisk ping information.
 *
 * <p>The ARI model {@code AsteriskPing} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param asteriskId Asterisk id info.
 * @param ping Always string value is pong.
 * @param timestamp The timestamp string of request received time.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AsteriskPing(
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("ping") String ping,
        @JsonProperty("timestamp") String timestamp) {
}
