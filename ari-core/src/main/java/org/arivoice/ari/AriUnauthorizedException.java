package org.arivoice.ari;

import java.util.Optional;

/**
 * HTTP 401 {@code Authentication required}: Asterisk did not accept the user and password (or none were
 * configured). The message names the user and the URL and says to check {@code ari.conf}; it never contains
 * the password.
 */
public class AriUnauthorizedException extends AriException {
    private static final long serialVersionUID = 1L;

    /** The user Asterisk refused (never the password). */
    private final String username;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param asteriskMessage the {@code message} field of Asterisk's JSON error body, or {@code null}
     * @param username the ARI user that was rejected, or {@code null} if no credentials were configured
     */
    public AriUnauthorizedException(String message, AriOperation operation, String asteriskMessage,
            String username) {
        super(message, operation, 401, asteriskMessage, null);
        this.username = username;
    }

    /**
     * The ARI user that Asterisk rejected.
     *
     * @return the user name, or empty if the client had no credentials
     */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }
}
