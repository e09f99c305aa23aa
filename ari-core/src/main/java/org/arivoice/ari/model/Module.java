package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Details of an Asterisk module.
 *
 * <p>The ARI model {@code Module} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param name The name of this module.
 * @param description The description of this module.
 * @param useCount The number of times this module is being used.
 * @param status The running status of this module.
 * @param supportLevel The support state of this module.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Module(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("use_count") int useCount,
        @JsonProperty("status") String status,
        @JsonProperty("support_level") String supportLevel) {
}
