package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Asterisk system information.
 *
 * <p>The ARI model {@code AsteriskInfo} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param build Info about how Asterisk was built. May be {@code null}.
 * @param system Info about the system running Asterisk. May be {@code null}.
 * @param config Info about Asterisk configuration. May be {@code null}.
 * @param status Info about Asterisk status. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AsteriskInfo(
        @JsonProperty("build") BuildInfo build,
        @JsonProperty("system") SystemInfo system,
        @JsonProperty("config") ConfigInfo config,
        @JsonProperty("status") StatusInfo status) {
}
