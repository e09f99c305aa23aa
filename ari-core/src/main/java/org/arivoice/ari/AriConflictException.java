package org.arivoice.ari;

/**
 * HTTP 409: the request conflicts with the resource's current state, e.g. an id that is already in use or a
 * channel that is not in a state to accept the operation.
 */
public class AriConflictException extends AriException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param status the HTTP status (409)
     * @param asteriskMessage the {@code message} field of Asterisk's JSON error body, or {@code null}
     */
    public AriConflictException(String message, AriOperation operation, int status, String asteriskMessage) {
        super(message, operation, status, asteriskMessage, null);
    }
}
