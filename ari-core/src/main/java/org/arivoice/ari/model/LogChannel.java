package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Details of an Asterisk log channel.
 *
 * <p>The ARI model {@code LogChannel} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param channel The log channel path.
 * @param type Types of logs for the log channel.
 * @param status Whether or not a log type is enabled.
 * @param configuration The various log levels.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogChannel(
        @JsonProperty("channel") String channel,
        @JsonProperty("type") String type,
        @JsonProperty("status") String status,
        @JsonProperty("configuration") String configuration) {
}
