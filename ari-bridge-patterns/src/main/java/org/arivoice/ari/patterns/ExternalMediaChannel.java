package org.arivoice.ari.patterns;

import java.util.Objects;
import java.util.Optional;
import org.arivoice.ari.model.Channel;

/**
 * The ExternalMedia channel as Asterisk created it, handed to {@link MediaConnector#connect} before the flow
 * waits for the channel's {@code StasisStart}.
 *
 * @param callId the call it belongs to
 * @param channel the channel from the REST reply
 * @param format its audio format
 * @param transport how it carries audio
 * @param websocketConnectionId for {@link MediaTransport#WEBSOCKET}: the id to connect to at
 *     {@code /media/<id>} (channel variable {@code MEDIA_WEBSOCKET_CONNECTION_ID}); empty otherwise
 */
public record ExternalMediaChannel(String callId, Channel channel, MediaFormat format, MediaTransport transport,
        Optional<String> websocketConnectionId) {
    /**
     * Checks the fields.
     *
     * @param callId the call it belongs to
     * @param channel the channel from the REST reply
     * @param format its audio format
     * @param transport how it carries audio
     * @param websocketConnectionId the chan_websocket connection id, or empty
     */
    public ExternalMediaChannel {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(websocketConnectionId, "websocketConnectionId");
    }
}
