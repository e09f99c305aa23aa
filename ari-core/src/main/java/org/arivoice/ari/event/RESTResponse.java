package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * REST over Websocket Response.
 *
 * <p>The ARI event {@code RESTResponse} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "RESTResponse"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param transactionId Opaque transaction id. Will be whatever was specified on the original request.
 * @param requestId Opaque request id. Will be whatever was specified on the original request.
 * @param statusCode HTTP status code.
 * @param reasonPhrase HTTP reason phrase.
 * @param uri Original request resource URI.
 * @param contentType The Content-Type of the message body. May be {@code null}.
 * @param messageBody Response message body. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RESTResponse(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("transaction_id") String transactionId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("status_code") int statusCode,
        @JsonProperty("reason_phrase") String reasonPhrase,
        @JsonProperty("uri") String uri,
        @JsonProperty("content_type") String contentType,
        @JsonProperty("message_body") String messageBody) implements AriEvent {
}
