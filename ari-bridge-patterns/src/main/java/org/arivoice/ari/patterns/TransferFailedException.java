package org.arivoice.ari.patterns;

/**
 * A transfer did not happen: Asterisk refused it, or the new party did not answer. The call is as it was
 * before the attempt (the caller still with the application), unless the call ended meanwhile.
 */
public class TransferFailedException extends CallPatternException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, as a sentence
     * @param cause the underlying failure, or {@code null}
     */
    public TransferFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
