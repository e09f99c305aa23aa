package org.arivoice.ari;

/**
 * HTTP 412: a precondition of the operation is not met, e.g. the channel is not in the dialplan state the
 * operation requires.
 */
public class AriPreconditionFailedException extends AriException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param status the HTTP status (412)
     * @param asteriskMessage the {@code message} field of Asterisk's JSON error body, or {@code null}
     */
    public AriPreconditionFailedException(String message, AriOperation operation, int status, String asteriskMessage) {
        super(message, operation, status, asteriskMessage, null);
    }
}
