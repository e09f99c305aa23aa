package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Info about Asterisk configuration.
 *
 * <p>The ARI model {@code ConfigInfo} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param name Asterisk system name.
 * @param defaultLanguage Default language for media playback.
 * @param maxChannels Maximum number of simultaneous channels. May be {@code null}.
 * @param maxOpenFiles Maximum number of open file handles (files, sockets). May be {@code null}.
 * @param maxLoad Maximum load avg on system. May be {@code null}.
 * @param setid Effective user/group id for running Asterisk.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigInfo(
        @JsonProperty("name") String name,
        @JsonProperty("default_language") String defaultLanguage,
        @JsonProperty("max_channels") Integer maxChannels,
        @JsonProperty("max_open_files") Integer maxOpenFiles,
        @JsonProperty("max_load") Double maxLoad,
        @JsonProperty("setid") SetId setid) {
}
