package org.arivoice.ari;

/**
 * HTTP 404: the resource named in the path does not exist (any more), e.g. {@code Channel not found} or
 * {@code Bridge not found}. Teardown code usually treats it as "already done": a snoop channel, for example,
 * ends by itself when the channel it watches hangs up.
 */
public class AriNotFoundException extends AriException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param status the HTTP status (404)
     * @param asteriskMessage the {@code message} field of Asterisk's JSON error body, or {@code null}
     */
    public AriNotFoundException(String message, AriOperation operation, int status, String asteriskMessage) {
        super(message, operation, status, asteriskMessage, null);
    }
}
