package org.arivoice.ari.stream;

/**
 * The state of an {@link AriEventStream}'s WebSocket connection.
 *
 * <pre>
 * CONNECTING -&gt; CONNECTED -&gt; DISCONNECTED -&gt; RECONNECTING -&gt; CONNECTED ...
 *      \-&gt; AUTH_FAILED (terminal)         CONNECTED -&gt; REPLACED      any -&gt; CLOSED (terminal)
 * </pre>
 */
public enum ConnectionState {
    /** The first connection attempt is in progress. */
    CONNECTING,
    /** The WebSocket is open and events flow. */
    CONNECTED,
    /** The connection dropped (or an attempt failed); a new attempt will be scheduled. Events sent meanwhile are lost. */
    DISCONNECTED,
    /** Waiting for the backoff delay, or a new connection attempt is in progress. */
    RECONNECTING,
    /**
     * Another WebSocket took over every application of this stream (Asterisk sent {@code ApplicationReplaced}
     * for each). Asterisk sends nothing more on this connection; the stream does not reconnect, since that
     * would take the applications back from the other client. Two processes need different application names.
     */
    REPLACED,
    /**
     * Asterisk answered the handshake with {@code 401}: the user or password is wrong. Terminal: the stream
     * does not retry, since retrying cannot fix a configuration error.
     */
    AUTH_FAILED,
    /** The stream was closed by {@link AriEventStream#close()} (or ended after {@link #REPLACED}). Terminal. */
    CLOSED;

    /**
     * Whether the stream stays in this state for good.
     *
     * @return {@code true} for {@link #AUTH_FAILED} and {@link #CLOSED}
     */
    public boolean isTerminal() {
        return this == AUTH_FAILED || this == CLOSED;
    }
}
