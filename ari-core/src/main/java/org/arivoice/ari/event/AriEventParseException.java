package org.arivoice.ari.event;

/**
 * Thrown when text received as an ARI event is not a usable event: not JSON, not a JSON object, without a
 * textual {@code type}, or with a field whose JSON type contradicts {@code events.json} (for example a string
 * where a channel object belongs).
 *
 * <p>The event stream catches it, counts the message as malformed and carries on with the next one.
 */
public final class AriEventParseException extends RuntimeException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the event
     */
    public AriEventParseException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the parser's error as cause.
     *
     * @param message what is wrong with the event
     * @param cause the JSON parser's error
     */
    public AriEventParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
