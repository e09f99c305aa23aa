package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;

/**
 * REST over Websocket Request.
 *
 * <p>The ARI model {@code RESTRequest} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type Message type. Must be 'RESTRequest'.
 * @param transactionId Opaque transaction id. Can be any valid string. Will be returned in any response to this request.
 * @param requestId Opaque request id. Can be any valid string. Will be returned in any response to this request.
 * @param method HTTP method (GET, PUT, POST, DELETE, etc.).
 * @param uri Resource URI with optional query string parameters.
 * @param contentType The Content-Type of the message body. May be {@code null}.
 * @param queryStrings Request query string parameters. Empty when Asterisk did not send it.
 * @param messageBody Request message body. Only content types application/json and application/x-www-form-urlencoded are supported. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RESTRequest(
        @JsonProperty("type") String type,
        @JsonProperty("transaction_id") String transactionId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("method") String method,
        @JsonProperty("uri") String uri,
        @JsonProperty("content_type") String contentType,
        @JsonProperty("query_strings") List<RESTQueryStringParameter> queryStrings,
        @JsonProperty("message_body") String messageBody) {
    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param type Message type. Must be 'RESTRequest'.
     * @param transactionId Opaque transaction id. Can be any valid string. Will be returned in any response to this request.
     * @param requestId Opaque request id. Can be any valid string. Will be returned in any response to this request.
     * @param method HTTP method (GET, PUT, POST, DELETE, etc.).
     * @param uri Resource URI with optional query string parameters.
     * @param contentType The Content-Type of the message body. May be {@code null}.
     * @param queryStrings Request query string parameters. Empty when Asterisk did not send it.
     * @param messageBody Request message body. Only content types application/json and application/x-www-form-urlencoded are supported. May be {@code null}.
     */
    public RESTRequest {
        queryStrings = Immutables.list(queryStrings);
    }
}
