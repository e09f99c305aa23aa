package org.arivoice.realtime;

import java.util.Objects;
import org.arivoice.realtime.event.ErrorDetail;

/**
 * The server answered a request with an {@code error} event (for example a {@code session.update} it
 * rejected). The event's fields are available from {@link #error()}.
 */
public final class RealtimeServerErrorException extends RealtimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorDetail error;

    /**
     * Creates the exception.
     *
     * @param what the request that failed, e.g. "The session.update"
     * @param error the server's error
     */
    public RealtimeServerErrorException(String what, ErrorDetail error) {
        super(what + " was rejected by the Realtime server: " + Objects.requireNonNull(error, "error").message()
                + " (type " + error.type() + (error.code() != null ? ", code " + error.code() : "")
                + (error.param() != null ? ", param " + error.param() : "") + ")");
        this.error = error;
    }

    /**
     * The server's error.
     *
     * @return the error detail
     */
    public ErrorDetail error() {
        return error;
    }
}
