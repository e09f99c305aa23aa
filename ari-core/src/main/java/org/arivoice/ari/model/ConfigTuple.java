package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A key/value pair that makes up part of a configuration object.
 *
 * <p>The ARI model {@code ConfigTuple} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param attribute A configuration object attribute.
 * @param value The value for the attribute.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigTuple(
        @JsonProperty("attribute") String attribute,
        @JsonProperty("value") String value) {
}
