package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Playback;

/**
 * Event showing the continuation of a media playback operation from one media URI to the next in the list.
 *
 * <p>The ARI event {@code PlaybackContinuing} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "PlaybackContinuing"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param playback Playback control object.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlaybackContinuing(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("playback") Playback playback) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.targetIds("channel:", playback == null ? null : playback.targetUri());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> bridgeIds() {
        return Immutables.targetIds("bridge:", playback == null ? null : playback.targetUri());
    }
}
