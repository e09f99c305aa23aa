package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Object representing the playback of media to a channel.
 *
 * <p>The ARI model {@code Playback} declared in {@code playbacks.json}. Fields this version does not know are ignored.
 *
 * @param id ID for this playback operation.
 * @param mediaUri The URI for the media currently being played back.
 * @param nextMediaUri If a list of URIs is being played, the next media URI to be played back. May be {@code null}.
 * @param targetUri URI for the channel or bridge to play the media on.
 * @param language For media types that support multiple languages, the language requested for playback. May be {@code null}.
 * @param state Current state of the playback operation.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Playback(
        @JsonProperty("id") String id,
        @JsonProperty("media_uri") String mediaUri,
        @JsonProperty("next_media_uri") String nextMediaUri,
        @JsonProperty("target_uri") String targetUri,
        @JsonProperty("language") String language,
        @JsonProperty("state") String state) {
    /** The {@code state} value {@code "queued"}. */
    public static final String STATE_QUEUED = "queued";

    /** The {@code state} value {@code "playing"}. */
    public static final String STATE_PLAYING = "playing";

    /** The {@code state} value {@code "continuing"}. */
    public static final String STATE_CONTINUING = "continuing";

    /** The {@code state} value {@code "done"}. */
    public static final String STATE_DONE = "done";

    /** The {@code state} value {@code "failed"}. */
    public static final String STATE_FAILED = "failed";
}
