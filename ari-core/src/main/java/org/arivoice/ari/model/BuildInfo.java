package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Info about how Asterisk was built.
 *
 * <p>The ARI model {@code BuildInfo} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param os OS Asterisk was built on.
 * @param kernel Kernel version Asterisk was built on.
 * @param options Compile time options, or empty string if default.
 * @param machine Machine architecture (x86_64, i686, ppc, etc.).
 * @param date Date and time when Asterisk was built.
 * @param user Username that build Asterisk.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BuildInfo(
        @JsonProperty("os") String os,
        @JsonProperty("kernel") String kernel,
        @JsonProperty("options") String options,
        @JsonProperty("machine") String machine,
        @JsonProperty("date") String date,
        @JsonProperty("user") String user) {
}
