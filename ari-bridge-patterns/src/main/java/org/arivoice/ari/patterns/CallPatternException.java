package org.arivoice.ari.patterns;

/**
 * The base of the exceptions of the call patterns; the message says what failed and what to check.
 * The cause, when there is one, is usually an {@link org.arivoice.ari.AriException} with Asterisk's status
 * and message.
 */
public class CallPatternException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, as a sentence
     * @param cause the underlying failure, or {@code null}
     */
    public CallPatternException(String message, Throwable cause) {
        super(message, cause);
    }
}
