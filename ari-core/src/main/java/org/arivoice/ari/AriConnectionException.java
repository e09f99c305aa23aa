package org.arivoice.ari;

/**
 * No HTTP response could be obtained: the connection was refused, reset, the host could not be resolved, or
 * TLS failed. For a refused connection the message says to check that Asterisk's HTTP server is enabled
 * ({@code http.conf}: {@code enabled = yes}, {@code bindaddr}, {@code bindport}) and that the base URL's host
 * and port are right. {@link #status()} is 0.
 */
public class AriConnectionException extends AriException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param cause the I/O exception reported by the HTTP client
     */
    public AriConnectionException(String message, AriOperation operation, Throwable cause) {
        super(message, operation, 0, null, cause);
    }
}
