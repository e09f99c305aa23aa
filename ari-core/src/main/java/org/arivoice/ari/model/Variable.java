package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The value of a channel variable.
 *
 * <p>The ARI model {@code Variable} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param value The value of the variable requested.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Variable(
        @JsonProperty("value") String value) {
}
