package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A recording that is in progress.
 *
 * <p>The ARI model {@code LiveRecording} declared in {@code recordings.json}. Fields this version does not know are ignored.
 *
 * @param name Base name for the recording.
 * @param format Recording format (wav, gsm, etc.).
 * @param targetUri URI for the channel or bridge being recorded.
 * @param state The state of the recording, for example {@code recording} or {@code done} (see the {@code STATE_*} constants).
 * @param duration Duration in seconds of the recording. May be {@code null}.
 * @param talkingDuration Duration of talking, in seconds, detected in the recording. This is only available if the recording was initiated with a non-zero maxSilenceSeconds. May be {@code null}.
 * @param silenceDuration Duration of silence, in seconds, detected in the recording. This is only available if the recording was initiated with a non-zero maxSilenceSeconds. May be {@code null}.
 * @param cause Cause for recording failure if failed. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LiveRecording(
        @JsonProperty("name") String name,
        @JsonProperty("format") String format,
        @JsonProperty("target_uri") String targetUri,
        @JsonProperty("state") String state,
        @JsonProperty("duration") Integer duration,
        @JsonProperty("talking_duration") Integer talkingDuration,
        @JsonProperty("silence_duration") Integer silenceDuration,
        @JsonProperty("cause") String cause) {
    /** The {@code state} value {@code "queued"}. */
    public static final String STATE_QUEUED = "queued";

    /** The {@code state} value {@code "recording"}. */
    public static final String STATE_RECORDING = "recording";

    /** The {@code state} value {@code "paused"}. */
    public static final String STATE_PAUSED = "paused";

    /** The {@code state} value {@code "done"}. */
    public static final String STATE_DONE = "done";

    /** The {@code state} value {@code "failed"}. */
    public static final String STATE_FAILED = "failed";

    /** The {@code state} value {@code "canceled"}. */
    public static final String STATE_CANCELED = "canceled";
}
