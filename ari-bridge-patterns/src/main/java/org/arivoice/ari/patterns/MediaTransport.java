package org.arivoice.ari.patterns;

/**
 * How the ExternalMedia channel carries audio: the {@code encapsulation} and {@code transport} pair of
 * {@code POST /channels/externalMedia}.
 */
public enum MediaTransport {
    /**
     * RTP over UDP to {@code external_host} (chan_rtp). Asterisk sends from the address in the channel
     * variables {@code UNICASTRTP_LOCAL_ADDRESS} / {@code UNICASTRTP_LOCAL_PORT}.
     */
    RTP_UDP("rtp", "udp"),
    /** AudioSocket over TCP: Asterisk connects to {@code external_host} (chan_audiosocket). */
    AUDIOSOCKET_TCP("audiosocket", "tcp"),
    /**
     * chan_websocket (Asterisk 20.16+ / 22.6+), {@code connection_type=server}: the application connects to
     * {@code ws://<asterisk>:8088/media/<MEDIA_WEBSOCKET_CONNECTION_ID>} with subprotocol {@code media}, and
     * Asterisk sends the channel's {@code StasisStart} only once it has. No {@code external_host}.
     */
    WEBSOCKET("none", "websocket");

    private final String encapsulation;
    private final String transport;

    MediaTransport(String encapsulation, String transport) {
        this.encapsulation = encapsulation;
        this.transport = transport;
    }

    /**
     * The {@code encapsulation} value.
     *
     * @return e.g. {@code rtp}
     */
    public String encapsulation() {
        return encapsulation;
    }

    /**
     * The {@code transport} value.
     *
     * @return e.g. {@code udp}
     */
    public String transport() {
        return transport;
    }

    /**
     * Whether Asterisk needs an {@code external_host} to send to.
     *
     * @return {@code false} only for {@link #WEBSOCKET}
     */
    public boolean needsExternalHost() {
        return this != WEBSOCKET;
    }
}
