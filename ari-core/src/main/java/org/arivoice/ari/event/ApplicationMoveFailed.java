package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Channel;

/**
 * Notification that trying to move a channel to another Stasis application failed.
 *
 * <p>The ARI event {@code ApplicationMoveFailed} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "ApplicationMoveFailed"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param channel The channel that could not be moved.
 * @param destination The name of the application the channel was to be moved to.
 * @param args Arguments to the application. Empty when Asterisk did not send it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApplicationMoveFailed(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("channel") Channel channel,
        @JsonProperty("destination") String destination,
        @JsonProperty("args") List<String> args) implements AriEvent {
    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param type The event type, always {@code "ApplicationMoveFailed"}.
     * @param application The name of the Stasis application that received the event.
     * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
     * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
     * @param channel The channel that could not be moved.
     * @param destination The name of the application the channel was to be moved to.
     * @param args Arguments to the application. Empty when Asterisk did not send it.
     */
    public ApplicationMoveFailed {
        args = Immutables.list(args);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(channel == null ? null : channel.id());
    }
}
