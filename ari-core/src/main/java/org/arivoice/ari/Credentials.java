package org.arivoice.ari;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.arivoice.ari.internal.http.AriUrls;

/**
 * An ARI user and password, as configured in a {@code [user]} section of Asterisk's {@code ari.conf}.
 *
 * <p>By default they are sent preemptively as an HTTP Basic {@code Authorization} header on every request
 * (Asterisk never sends a challenge first for ARI clients that already know the scheme, and re-sending on a
 * 401 would double every call). {@link #apiKey(String, String)} sends them as the {@code api_key} query
 * parameter instead, which Asterisk also accepts; prefer Basic, since URLs are more likely to be logged by
 * proxies.
 *
 * <p>The password never appears in {@link #toString()}, and this client never puts it in a log line or an
 * exception message. Instances are immutable and thread-safe.
 */
public final class Credentials {
    /** How the credentials travel with each request. */
    public enum Scheme {
        /** An {@code Authorization: Basic ...} header on every request (the default). */
        BASIC,
        /** An {@code api_key=user:password} query parameter on every request. */
        API_KEY
    }

    private final String username;
    private final String password;
    private final Scheme scheme;

    private Credentials(String username, String password, Scheme scheme) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isBlank()) {
            throw new IllegalArgumentException("the ARI user name is blank; use the name of a [section] of"
                    + " ari.conf that has type = user");
        }
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("the ARI user name '" + username + "' contains ':', which"
                    + " HTTP Basic authentication cannot carry; rename the user in ari.conf");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password of ARI user '" + username + "' is empty; Asterisk"
                    + " rejects users without a password (set password = ... in ari.conf)");
        }
        this.username = username;
        this.password = password;
        this.scheme = scheme;
    }

    /**
     * Credentials sent as a preemptive HTTP Basic header.
     *
     * @param username the ARI user, e.g. {@code voicebot}
     * @param password its password from {@code ari.conf} (plain text, as {@code password_format = plain})
     * @return the credentials
     * @throws IllegalArgumentException if the user is blank or contains {@code ':'}, or the password is empty
     */
    public static Credentials basic(String username, String password) {
        return new Credentials(username, password, Scheme.BASIC);
    }

    /**
     * Credentials sent as Asterisk's {@code api_key=user:password} query parameter.
     *
     * @param username the ARI user
     * @param password its password
     * @return the credentials
     * @throws IllegalArgumentException if the user is blank or contains {@code ':'}, or the password is empty
     */
    public static Credentials apiKey(String username, String password) {
        return new Credentials(username, password, Scheme.API_KEY);
    }

    /**
     * The ARI user name (not secret; it appears in error messages).
     *
     * @return the user name
     */
    public String username() {
        return username;
    }

    /**
     * How these credentials are sent.
     *
     * @return the scheme
     */
    public Scheme scheme() {
        return scheme;
    }

    /**
     * The value of the {@code Authorization} header: {@code Basic base64(user:password)}. It contains the
     * secret: pass it to an HTTP or WebSocket client, never to a logger.
     *
     * @return the header value
     */
    public String authorizationHeaderValue() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The percent-encoded value for the {@code api_key} query parameter ({@code user:password}). It
     * contains the secret: never log a URL that carries it.
     *
     * @return the encoded query value
     */
    public String apiKeyQueryValue() {
        return AriUrls.encodeQueryValue(username + ":" + password);
    }

    /**
     * Shows the user and scheme; the password is always masked.
     *
     * @return e.g. {@code Credentials[user=voicebot, password=***, scheme=BASIC]}
     */
    @Override
    public String toString() {
        return "Credentials[user=" + username + ", password=***, scheme=" + scheme + "]";
    }
}
