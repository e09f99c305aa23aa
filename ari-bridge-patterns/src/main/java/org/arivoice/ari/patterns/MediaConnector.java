package org.arivoice.ari.patterns;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Connects the application's media to a call's ExternalMedia channel; {@link BridgedMediaCall} calls it at
 * the right moments of the flow.
 *
 * <ol>
 *   <li>{@link #prepare(String)} before the ExternalMedia channel is created: allocate the per-call RTP
 *       socket (or AudioSocket listener) and say where Asterisk must send, as {@code host:port};</li>
 *   <li>{@link #connect(ExternalMediaChannel)} right after Asterisk answered the create request and before
 *       the flow waits for the channel's {@code StasisStart}: for chan_websocket open
 *       {@code /media/<connection id>} here, or Asterisk never starts the channel;</li>
 *   <li>{@link #release(String)} once, when the call is torn down, whether or not the flow got that far.</li>
 * </ol>
 */
public interface MediaConnector {

    /**
     * Where Asterisk should send the call's media: {@code external_host} of the ExternalMedia request.
     *
     * @param callId the call
     * @return {@code host:port} as reachable from Asterisk (the advertised address, not a wildcard bind
     *     address); may complete with {@code null} for {@link MediaTransport#WEBSOCKET}
     */
    CompletableFuture<String> prepare(String callId);

    /**
     * Connects to the ExternalMedia channel Asterisk has just created. The default does nothing, which is
     * right for RTP and AudioSocket.
     *
     * @param channel the created channel
     * @return completes when connected
     */
    default CompletableFuture<Void> connect(ExternalMediaChannel channel) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Frees what {@link #prepare(String)} allocated. Called once per call; must not throw.
     *
     * @param callId the call
     */
    default void release(String callId) {
    }

    /**
     * A connector that always sends Asterisk to one address, for an application with a single media socket
     * that tells calls apart itself.
     *
     * @param externalHost {@code host:port}
     * @return the connector
     */
    static MediaConnector fixed(String externalHost) {
        Objects.requireNonNull(externalHost, "externalHost");
        return callId -> CompletableFuture.completedFuture(externalHost);
    }
}
