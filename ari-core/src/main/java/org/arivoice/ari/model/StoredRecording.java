package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A past recording that may be played back.
 *
 * <p>The ARI model {@code StoredRecording} declared in {@code recordings.json}. Fields this version does not know are ignored.
 *
 * @param name The name of the recording, used as its id in {@code /recordings/stored/{name}}.
 * @param format The file format of the recording, for example {@code wav}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredRecording(
        @JsonProperty("name") String name,
        @JsonProperty("format") String format) {
}
