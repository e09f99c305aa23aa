package org.arivoice.ari;

/**
 * HTTP 400: Asterisk rejected the request's parameters, e.g. {@code external_host must be <host>:<port> for all
 * transports other than websocket}, {@code Invalid direction specified for spy}, or {@code Channel not found} when
 * {@code addChannel} names a channel that does not exist.
 */
public class AriBadRequestException extends AriException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param status the HTTP status (400)
     * @param asteriskMessage the {@code message} field of Asterisk's JSON error body, or {@code null}
     */
    public AriBadRequestException(String message, AriOperation operation, int status, String asteriskMessage) {
        super(message, operation, status, asteriskMessage, null);
    }
}
