package org.arivoice.ari.stream;

/**
 * Why an {@link AriEventStream} could not connect, given to the future of {@link AriEventStream#connect()}.
 */
public final class EventStreamException extends RuntimeException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The state the stream was in when the failure was reported. */
    private final ConnectionState state;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do about it
     * @param state the state the stream ended in, e.g. {@link ConnectionState#AUTH_FAILED}
     */
    public EventStreamException(String message, ConnectionState state) {
        super(message);
        this.state = state;
    }

    /**
     * The state the stream was in when the failure was reported.
     *
     * @return the state
     */
    public ConnectionState state() {
        return state;
    }
}
