package org.arivoice.realtime;

/**
 * The server refused the credentials at the WebSocket handshake (HTTP 401 or 403).
 */
public final class RealtimeAuthenticationException extends RealtimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the refused handshake. */
    private final int httpStatus;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to check
     * @param httpStatus the handshake's HTTP status
     */
    public RealtimeAuthenticationException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    /**
     * The HTTP status of the refused handshake.
     *
     * @return 401 or 403
     */
    public int httpStatus() {
        return httpStatus;
    }
}
