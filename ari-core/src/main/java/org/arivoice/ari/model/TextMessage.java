package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.arivoice.ari.internal.json.Immutables;

/**
 * A text message.
 *
 * <p>The ARI model {@code TextMessage} declared in {@code endpoints.json}. Fields this version does not know are ignored.
 *
 * @param from A technology specific URI specifying the source of the message. For pjsip technology, any SIP URI can be specified. For xmpp, the URI must correspond to the client connection being used to send the message.
 * @param to A technology specific URI specifying the destination of the message. Valid technologies include pjsip, and xmp. The destination of a message should be an endpoint.
 * @param body The text of the message.
 * @param variables Technology specific key/value pairs (JSON object) associated with the message. Empty when Asterisk did not send it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TextMessage(
        @JsonProperty("from") String from,
        @JsonProperty("to") String to,
        @JsonProperty("body") String body,
        @JsonProperty("variables") Map<String, String> variables) {
    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param from A technology specific URI specifying the source of the message. For pjsip technology, any SIP URI can be specified. For xmpp, the URI must correspond to the client connection being used to send the message.
     * @param to A technology specific URI specifying the destination of the message. Valid technologies include pjsip, and xmp. The destination of a message should be an endpoint.
     * @param body The text of the message.
     * @param variables Technology specific key/value pairs (JSON object) associated with the message. Empty when Asterisk did not send it.
     */
    public TextMessage {
        variables = Immutables.map(variables);
    }
}
