package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.arivoice.ari.model.Endpoint;
import org.arivoice.ari.model.Peer;

/**
 * The state of a peer associated with an endpoint has changed.
 *
 * <p>The ARI event {@code PeerStatusChange} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "PeerStatusChange"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param endpoint The endpoint of the peer.
 * @param peer The peer and its new status.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PeerStatusChange(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("endpoint") Endpoint endpoint,
        @JsonProperty("peer") Peer peer) implements AriEvent {
}
