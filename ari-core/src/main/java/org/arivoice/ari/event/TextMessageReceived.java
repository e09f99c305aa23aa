package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.arivoice.ari.model.Endpoint;
import org.arivoice.ari.model.TextMessage;

/**
 * A text message was received from an endpoint.
 *
 * <p>The ARI event {@code TextMessageReceived} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "TextMessageReceived"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param message The text message that was received.
 * @param endpoint The endpoint that received the message, if known. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TextMessageReceived(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("message") TextMessage message,
        @JsonProperty("endpoint") Endpoint endpoint) implements AriEvent {
}
