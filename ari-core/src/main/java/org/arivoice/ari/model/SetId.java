package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Effective user/group id.
 *
 * <p>The ARI model {@code SetId} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param user Effective user id.
 * @param group Effective group id.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SetId(
        @JsonProperty("user") String user,
        @JsonProperty("group") String group) {
}
