package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Channel;

/**
 * Dialing state has changed.
 *
 * <p>The ARI event {@code Dial} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "Dial"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param caller The calling channel. May be {@code null}.
 * @param peer The dialed channel.
 * @param forward Forwarding target requested by the original dialed channel. May be {@code null}.
 * @param forwarded Channel that the caller has been forwarded to. May be {@code null}.
 * @param dialstring The dial string for calling the peer channel. May be {@code null}.
 * @param dialstatus Current status of the dialing attempt to the peer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Dial(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("caller") Channel caller,
        @JsonProperty("peer") Channel peer,
        @JsonProperty("forward") String forward,
        @JsonProperty("forwarded") Channel forwarded,
        @JsonProperty("dialstring") String dialstring,
        @JsonProperty("dialstatus") String dialstatus) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(caller == null ? null : caller.id(), peer == null ? null : peer.id(), forwarded == null ? null : forwarded.id());
    }
}
