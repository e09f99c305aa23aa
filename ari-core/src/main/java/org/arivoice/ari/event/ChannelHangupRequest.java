package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Channel;

/**
 * A hangup was requested on the channel.
 *
 * <p>The ARI event {@code ChannelHangupRequest} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "ChannelHangupRequest"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param cause Integer representation of the cause of the hangup. May be {@code null}.
 * @param techCause Integer representation of the technology-specific off-nominal cause of the hangup. May be {@code null}.
 * @param soft Whether the hangup request was a soft hangup request. May be {@code null}.
 * @param channel The channel on which the hangup was requested.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelHangupRequest(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("cause") Integer cause,
        @JsonProperty("tech_cause") Integer techCause,
        @JsonProperty("soft") Boolean soft,
        @JsonProperty("channel") Channel channel) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(channel == null ? null : channel.id());
    }
}
