package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * REST over Websocket Query String Parameter.
 *
 * <p>The ARI model {@code RESTQueryStringParameter} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param name Parameter name.
 * @param value Parameter value.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RESTQueryStringParameter(
        @JsonProperty("name") String name,
        @JsonProperty("value") String value) {
}
