package org.arivoice.ari;

/**
 * HTTP 5xx: Asterisk failed while handling the request, e.g. {@code An internal error prevented this request
 * from being handled} (which Asterisk also answers for some invalid parameters, such as an unknown ExternalMedia
 * {@code format}). The Asterisk log usually says more.
 */
public class AriServerException extends AriException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param status the HTTP status (5xx)
     * @param asteriskMessage the {@code message} field of Asterisk's JSON error body, or {@code null}
     */
    public AriServerException(String message, AriOperation operation, int status, String asteriskMessage) {
        super(message, operation, status, asteriskMessage, null);
    }
}
