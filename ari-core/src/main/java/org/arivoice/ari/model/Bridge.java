package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.arivoice.ari.internal.json.Immutables;

/**
 * The merging of media from one or more channels. Everyone on the bridge receives the same audio.
 *
 * <p>The ARI model {@code Bridge} declared in {@code bridges.json}. Fields this version does not know are ignored.
 *
 * @param id Unique identifier for this bridge.
 * @param technology Name of the current bridging technology.
 * @param bridgeType Type of bridge technology.
 * @param bridgeClass Bridging class.
 * @param creator Entity that created the bridge.
 * @param name Name the creator gave the bridge.
 * @param channels Ids of channels participating in this bridge. Empty when Asterisk did not send it.
 * @param videoMode The video mode the bridge is using. One of 'none', 'talker', 'sfu', or 'single'. May be {@code null}.
 * @param videoSourceId The ID of the channel that is the source of video in this bridge, if one exists. May be {@code null}.
 * @param creationtime Timestamp when bridge was created. Kept as sent by Asterisk; see {@link #creationtimeAsDateTime()}.
 * @param bridgevars Bridge variables. Empty when Asterisk did not send it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Bridge(
        @JsonProperty("id") String id,
        @JsonProperty("technology") String technology,
        @JsonProperty("bridge_type") String bridgeType,
        @JsonProperty("bridge_class") String bridgeClass,
        @JsonProperty("creator") String creator,
        @JsonProperty("name") String name,
        @JsonProperty("channels") List<String> channels,
        @JsonProperty("video_mode") String videoMode,
        @JsonProperty("video_source_id") String videoSourceId,
        @JsonProperty("creationtime") String creationtime,
        @JsonProperty("bridgevars") Map<String, String> bridgevars) {
    /** The {@code bridge_type} value {@code "mixing"}. */
    public static final String BRIDGE_TYPE_MIXING = "mixing";

    /** The {@code bridge_type} value {@code "holding"}. */
    public static final String BRIDGE_TYPE_HOLDING = "holding";

    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param id Unique identifier for this bridge.
     * @param technology Name of the current bridging technology.
     * @param bridgeType Type of bridge technology.
     * @param bridgeClass Bridging class.
     * @param creator Entity that created the bridge.
     * @param name Name the creator gave the bridge.
     * @param channels Ids of channels participating in this bridge. Empty when Asterisk did not send it.
     * @param videoMode The video mode the bridge is using. One of 'none', 'talker', 'sfu', or 'single'. May be {@code null}.
     * @param videoSourceId The ID of the channel that is the source of video in this bridge, if one exists. May be {@code null}.
     * @param creationtime Timestamp when bridge was created. Kept as sent by Asterisk; see {@link #creationtimeAsDateTime()}.
     * @param bridgevars Bridge variables. Empty when Asterisk did not send it.
     */
    public Bridge {
        channels = Immutables.list(channels);
        bridgevars = Immutables.map(bridgevars);
    }

    /**
     * Parses {@link #creationtime()} into a date-time.
     *
     * @return the instant with Asterisk's UTC offset, or {@code null} if the field is absent
     * @throws java.time.format.DateTimeParseException if Asterisk sent a value in an unknown format
     */
    public OffsetDateTime creationtimeAsDateTime() {
        return AriTimestamps.parse(creationtime);
    }
}
