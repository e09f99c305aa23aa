package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Info about Asterisk.
 *
 * <p>The ARI model {@code SystemInfo} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param version Asterisk version.
 * @param entityId The entity id of this Asterisk system (by default its MAC address), used to tell instances apart.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SystemInfo(
        @JsonProperty("version") String version,
        @JsonProperty("entity_id") String entityId) {
}
