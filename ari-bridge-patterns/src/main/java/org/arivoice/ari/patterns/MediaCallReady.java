package org.arivoice.ari.patterns;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A call whose media path is up: the caller and the ExternalMedia channel are in one mixing bridge.
 *
 * @param callId the call's id (also the prefix of every resource id it created)
 * @param callerChannelId the caller's channel
 * @param bridgeId the mixing bridge
 * @param snoopChannelId the snoop channel, when the flow created one
 * @param externalMediaChannelId the ExternalMedia channel
 * @param rtpPeer for {@link MediaTransport#RTP_UDP}: the address Asterisk sends RTP from and expects RTP at
 *     ({@code UNICASTRTP_LOCAL_ADDRESS}:{@code UNICASTRTP_LOCAL_PORT}); empty for other transports
 * @param websocketConnectionId for {@link MediaTransport#WEBSOCKET}: the media connection id
 * @param format the audio format
 * @param transport the transport
 */
public record MediaCallReady(String callId, String callerChannelId, String bridgeId, Optional<String> snoopChannelId,
        String externalMediaChannelId, Optional<InetSocketAddress> rtpPeer, Optional<String> websocketConnectionId,
        MediaFormat format, MediaTransport transport) {
    /**
     * Checks the fields.
     *
     * @param callId the call's id
     * @param callerChannelId the caller's channel
     * @param bridgeId the mixing bridge
     * @param snoopChannelId the snoop channel, or empty
     * @param externalMediaChannelId the ExternalMedia channel
     * @param rtpPeer Asterisk's RTP address, or empty
     * @param websocketConnectionId the chan_websocket connection id, or empty
     * @param format the audio format
     * @param transport the transport
     */
    public MediaCallReady {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(callerChannelId, "callerChannelId");
        Objects.requireNonNull(bridgeId, "bridgeId");
        Objects.requireNonNull(snoopChannelId, "snoopChannelId");
        Objects.requireNonNull(externalMediaChannelId, "externalMediaChannelId");
        Objects.requireNonNull(rtpPeer, "rtpPeer");
        Objects.requireNonNull(websocketConnectionId, "websocketConnectionId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(transport, "transport");
    }
}
