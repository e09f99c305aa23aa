package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Bridge;
import org.arivoice.ari.model.Channel;

/**
 * Notification that a channel has entered a bridge.
 *
 * <p>The ARI event {@code ChannelEnteredBridge} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "ChannelEnteredBridge"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param bridge The bridge the channel entered.
 * @param channel The channel that entered the bridge. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelEnteredBridge(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("bridge") Bridge bridge,
        @JsonProperty("channel") Channel channel) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(channel == null ? null : channel.id());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> bridgeIds() {
        return Immutables.ids(bridge == null ? null : bridge.id());
    }
}
