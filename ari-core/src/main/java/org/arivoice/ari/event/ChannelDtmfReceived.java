package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Channel;

/**
 * DTMF received on a channel. This event is sent when the DTMF ends. There is no notification about the start of DTMF.
 *
 * <p>The ARI event {@code ChannelDtmfReceived} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "ChannelDtmfReceived"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param digit DTMF digit received (0-9, A-E, # or *).
 * @param durationMs Number of milliseconds DTMF was received.
 * @param channel The channel on which DTMF was received.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelDtmfReceived(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("digit") String digit,
        @JsonProperty("duration_ms") int durationMs,
        @JsonProperty("channel") Channel channel) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(channel == null ? null : channel.id());
    }
}
