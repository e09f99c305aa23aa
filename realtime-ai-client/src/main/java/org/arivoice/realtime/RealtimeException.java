package org.arivoice.realtime;

/**
 * A Realtime connection or request failed. The message says what happened and what to check; it never
 * contains an API key or token.
 */
public class RealtimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     */
    public RealtimeException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do
     * @param cause the underlying failure
     */
    public RealtimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
