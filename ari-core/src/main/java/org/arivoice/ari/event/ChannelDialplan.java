package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Channel;

/**
 * Channel changed location in the dialplan.
 *
 * <p>The ARI event {@code ChannelDialplan} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "ChannelDialplan"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param channel The channel that changed dialplan location.
 * @param dialplanApp The application about to be executed.
 * @param dialplanAppData The data to be passed to the application.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelDialplan(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("channel") Channel channel,
        @JsonProperty("dialplan_app") String dialplanApp,
        @JsonProperty("dialplan_app_data") String dialplanAppData) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(channel == null ? null : channel.id());
    }
}
