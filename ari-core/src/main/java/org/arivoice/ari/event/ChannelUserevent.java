package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Bridge;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.model.Endpoint;

/**
 * User-generated event with additional user-defined fields in the object.
 *
 * <p>The ARI event {@code ChannelUserevent} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "ChannelUserevent"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param eventname The name of the user event.
 * @param channel A channel that is signaled with the user event. May be {@code null}.
 * @param bridge A bridge that is signaled with the user event. May be {@code null}.
 * @param endpoint A endpoint that is signaled with the user event. May be {@code null}.
 * @param userevent Custom Userevent data.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelUserevent(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("eventname") String eventname,
        @JsonProperty("channel") Channel channel,
        @JsonProperty("bridge") Bridge bridge,
        @JsonProperty("endpoint") Endpoint endpoint,
        @JsonProperty("userevent") JsonNode userevent) implements AriEvent {
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
