package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Channel;

/**
 * Notification that a channel has entered a Stasis application.
 *
 * <p>The ARI event {@code StasisStart} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "StasisStart"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param args Arguments to the application. Empty when Asterisk did not send it.
 * @param channel The channel that entered the application.
 * @param replaceChannel The channel this one replaces (after a masquerade or transfer), if any. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StasisStart(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("args") List<String> args,
        @JsonProperty("channel") Channel channel,
        @JsonProperty("replace_channel") Channel replaceChannel) implements AriEvent {
    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param type The event type, always {@code "StasisStart"}.
     * @param application The name of the Stasis application that received the event.
     * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
     * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
     * @param args Arguments to the application. Empty when Asterisk did not send it.
     * @param channel The channel that entered the application.
     * @param replaceChannel The channel this one replaces (after a masquerade or transfer), if any. May be {@code null}.
     */
    public StasisStart {
        args = Immutables.list(args);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(channel == null ? null : channel.id(), replaceChannel == null ? null : replaceChannel.id());
    }
}
