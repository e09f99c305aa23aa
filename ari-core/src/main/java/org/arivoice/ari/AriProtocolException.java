package org.arivoice.ari;

/**
 * Asterisk answered with a success status but the body is not what the ARI declaration promises (for example
 * malformed JSON, or an HTML page because the base URL points at something that is not Asterisk).
 */
public class AriProtocolException extends AriException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param status the HTTP status of the response
     * @param cause the parsing exception, or {@code null}
     */
    public AriProtocolException(String message, AriOperation operation, int status, Throwable cause) {
        super(message, operation, status, null, cause);
    }
}
