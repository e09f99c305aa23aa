package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Dialed channel information.
 *
 * <p>The ARI model {@code Dialed} declared in {@code channels.json}. Fields this version does not know are ignored.
 *
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Dialed() {
}
