package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.arivoice.ari.model.Endpoint;

/**
 * Endpoint state changed.
 *
 * <p>The ARI event {@code EndpointStateChange} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "EndpointStateChange"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param endpoint The endpoint, with its new state.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EndpointStateChange(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("endpoint") Endpoint endpoint) implements AriEvent {
}
