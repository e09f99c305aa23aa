package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Channel;

/**
 * Notification that a channel has been destroyed.
 *
 * <p>The ARI event {@code ChannelDestroyed} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "ChannelDestroyed"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param cause Integer representation of the cause of the hangup.
 * @param causeTxt Text representation of the cause of the hangup.
 * @param techCause Integer representation of the technology-specific off-nominal cause of the hangup. May be {@code null}.
 * @param channel The channel that was destroyed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelDestroyed(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("cause") int cause,
        @JsonProperty("cause_txt") String causeTxt,
        @JsonProperty("tech_cause") Integer techCause,
        @JsonProperty("channel") Channel channel) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(channel == null ? null : channel.id());
    }
}
