package org.arivoice.voicebot.call;

/**
 * The bot could not start or run: Asterisk could not be reached, refused the credentials, or a resource the
 * bot needs (an RTP port range) is not available. The message says what to fix.
 */
public class VoiceBotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to fix
     * @param cause the underlying failure, or {@code null}
     */
    public VoiceBotException(String message, Throwable cause) {
        super(message, cause);
    }
}
