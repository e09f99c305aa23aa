package org.arivoice.ari;

/**
 * HTTP 422: the request is well formed but cannot be carried out on this resource, e.g.
 * {@code Channel not in Stasis application} when adding a channel that is not controlled by any ARI
 * application to a bridge.
 */
public class AriUnprocessableException extends AriException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param status the HTTP status (422)
     * @param asteriskMessage the {@code message} field of Asterisk's JSON error body, or {@code null}
     */
    public AriUnprocessableException(String message, AriOperation operation, int status, String asteriskMessage) {
        super(message, operation, status, asteriskMessage, null);
    }
}
