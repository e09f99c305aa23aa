package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * REST over Websocket header.
 *
 * <p>The ARI model {@code RESTHeader} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param name Header name.
 * @param value Header value.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RESTHeader(
        @JsonProperty("name") String name,
        @JsonProperty("value") String value) {
}
