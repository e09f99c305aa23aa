package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Caller identification.
 *
 * <p>The ARI model {@code CallerID} declared in {@code channels.json}. Fields this version does not know are ignored.
 *
 * @param name The caller id name; empty when there is none.
 * @param number The caller id number; empty when there is none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallerID(
        @JsonProperty("name") String name,
        @JsonProperty("number") String number) {
}
