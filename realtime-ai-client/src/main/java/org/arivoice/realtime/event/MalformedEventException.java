package org.arivoice.realtime.event;

/**
 * Thrown by {@link EventCodec} when a message from the server is not a JSON object. The session logs
 * such a message and carries on; it never ends the connection.
 */
public final class MalformedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     * @param cause the parser's exception, or {@code null}
     */
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
