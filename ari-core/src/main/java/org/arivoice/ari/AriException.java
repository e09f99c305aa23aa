package org.arivoice.ari;

import java.util.Objects;
import java.util.Optional;

/**
 * A failed ARI call. The subclasses say why: the HTTP status Asterisk answered with (400, 401, 403, 404,
 * 409, 412, 422, 5xx), a connection problem or a timeout, or a response that could not be read. This class
 * itself is used for the statuses that have no subclass.
 *
 * <p>Every instance carries the {@linkplain #operation() operation} that failed, the HTTP
 * {@linkplain #status() status} (0 when no response arrived) and Asterisk's own
 * {@linkplain #asteriskMessage() message} text, and its {@link #getMessage()} is a sentence a person can act
 * on. No instance ever contains a password or API key. Unchecked, so that it travels through
 * {@link java.util.concurrent.CompletableFuture} stages; {@link AriFuture#await()} rethrows it as is.
 */
public class AriException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The operation that failed, or {@code null}. */
    private final AriOperation operation;
    /** The HTTP status, or 0 when there was no response. */
    private final int status;
    /** Asterisk's {@code message}, or {@code null}. */
    private final String asteriskMessage;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param status the HTTP status, or 0 if no response was received
     * @param asteriskMessage the {@code message} field of Asterisk's JSON error body, or {@code null}
     * @param cause the underlying exception, or {@code null}
     */
    public AriException(String message, AriOperation operation, int status, String asteriskMessage,
            Throwable cause) {
        super(message, cause);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.status = status;
        this.asteriskMessage = asteriskMessage;
    }

    /**
     * The call that failed.
     *
     * @return operation name, method and path
     */
    public AriOperation operation() {
        return operation;
    }

    /**
     * The HTTP status Asterisk answered with.
     *
     * @return the status code, or 0 when no response was received (connection failure, timeout)
     */
    public int status() {
        return status;
    }

    /**
     * Asterisk's explanation, the {@code message} field of its JSON error body, e.g.
     * {@code Channel not found}.
     *
     * @return the message, or empty if there was no response or the body had none
     */
    public Optional<String> asteriskMessage() {
        return Optional.ofNullable(asteriskMessage);
    }
}
