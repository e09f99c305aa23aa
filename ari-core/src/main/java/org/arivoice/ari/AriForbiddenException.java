package org.arivoice.ari;

/**
 * HTTP 403: the request is not allowed. For {@code Write access denied} the ARI user is read-only
 * ({@code read_only = yes} in its {@code ari.conf} section) and tried a POST, PUT or DELETE;
 * {@link #readOnlyUser()} is then {@code true}. A stored recording file that cannot be read also answers 403.
 */
public class AriForbiddenException extends AriException {
    private static final long serialVersionUID = 1L;

    /** Whether Asterisk said the user is read-only. */
    private final boolean readOnlyUser;

    /**
     * Creates the exception.
     *
     * @param message the full, human-oriented message
     * @param operation the call that failed
     * @param asteriskMessage the {@code message} field of Asterisk's JSON error body, or {@code null}
     * @param readOnlyUser whether Asterisk refused because the user is read-only
     */
    public AriForbiddenException(String message, AriOperation operation, String asteriskMessage,
            boolean readOnlyUser) {
        super(message, operation, 403, asteriskMessage, null);
        this.readOnlyUser = readOnlyUser;
    }

    /**
     * Whether the refusal was Asterisk's {@code Write access denied} for a read-only user.
     *
     * @return {@code true} if the user has {@code read_only = yes}
     */
    public boolean readOnlyUser() {
        return readOnlyUser;
    }
}
