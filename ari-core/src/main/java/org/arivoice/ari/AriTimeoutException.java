package org.arivoice.ari;

import java.time.Duration;
import java.util.Objects;

/**
 * No response arrived within the request's timeout (or the connection could not be established within the
 * connect timeout). The request may still have been carried out by Asterisk: for example an originate that
 * timed out may have created the channel. {@link #status()} is 0.
 */
public class AriTimeoutException extends AriException {
    private static final long serialVersionUID = 1L;

    /** The timeout that expired. */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param timeout the timeout that expired
     * @param cause the timeout exception reported by the HTTP client
     */
    public AriTimeoutException(String message, AriOperation operation, Duration timeout, Throwable cause) {
        super(message, operation, 0, null, cause);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The timeout that expired.
     *
     * @return the request or connect timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
