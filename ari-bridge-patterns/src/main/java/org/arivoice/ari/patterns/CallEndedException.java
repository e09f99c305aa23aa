package org.arivoice.ari.patterns;

/**
 * An operation on a call could not run because the call has ended or is being torn down (the caller hung
 * up, the call timed out, the application is shutting down).
 */
public class CallEndedException extends CallPatternException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a sentence naming the call and what did not happen
     */
    public CallEndedException(String message) {
        super(message, null);
    }
}
