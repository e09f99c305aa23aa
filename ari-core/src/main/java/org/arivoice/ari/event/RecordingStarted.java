package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.LiveRecording;

/**
 * Event showing the start of a recording operation.
 *
 * <p>The ARI event {@code RecordingStarted} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "RecordingStarted"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param recording Recording control object.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordingStarted(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("recording") LiveRecording recording) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.targetIds("channel:", recording == null ? null : recording.targetUri());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> bridgeIds() {
        return Immutables.targetIds("bridge:", recording == null ? null : recording.targetUri());
    }
}
