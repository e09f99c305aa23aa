package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Identifies the format and language of a sound file.
 *
 * <p>The ARI model {@code FormatLangPair} declared in {@code sounds.json}. Fields this version does not know are ignored.
 *
 * @param language The language of this variant of the sound.
 * @param format The file format of this variant of the sound.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FormatLangPair(
        @JsonProperty("language") String language,
        @JsonProperty("format") String format) {
}
