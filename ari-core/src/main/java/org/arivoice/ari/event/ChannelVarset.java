package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Channel;

/**
 * Channel variable changed.
 *
 * <p>The ARI event {@code ChannelVarset} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "ChannelVarset"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param variable The variable that changed.
 * @param value The new value of the variable.
 * @param channel The channel on which the variable was set. If missing, the variable is a global variable. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelVarset(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("variable") String variable,
        @JsonProperty("value") String value,
        @JsonProperty("channel") Channel channel) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(channel == null ? null : channel.id());
    }
}
