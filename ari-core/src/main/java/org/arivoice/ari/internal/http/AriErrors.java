package org.arivoice.ari.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import org.arivoice.ari.AriBadRequestException;
import org.arivoice.ari.AriConflictException;
import org.arivoice.ari.AriConnectionException;
import org.arivoice.ari.AriException;
import org.arivoice.ari.AriForbiddenException;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.AriOperation;
import org.arivoice.ari.AriPreconditionFailedException;
import org.arivoice.ari.AriServerException;
import org.arivoice.ari.AriTimeoutException;
import org.arivoice.ari.AriUnauthorizedException;
import org.arivoice.ari.AriUnprocessableException;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.internal.json.AriJson;

/**
 * Turns HTTP statuses and I/O failures into typed {@link AriException}s with actionable messages.
 *
 * <p><b>Not API:</b> this class lives in an internal package; it may change or disappear in any release.
 *
 * <p>Messages name the operation, method and path (never the query, which may carry an {@code api_key}),
 * and never contain the password: as a last line of defence every message is scrubbed of it.
 */
public final class AriErrors {
    /** Asterisk's text for a read-only user's write attempt. */
    static final String WRITE_ACCESS_DENIED = "Write access denied";

    private AriErrors() {
    }

    /**
     * Maps an error response.
     *
     * @param op the failed call
     * @param transport the transport (for the base URL and user name)
     * @param status the HTTP status, not 2xx
     * @param body the (possibly truncated) response body
     * @return the typed exception
     */
    static AriException fromStatus(AriOperation op, AriTransport transport, int status, byte[] body) {
        String asteriskMessage = asteriskMessage(body);
        String said = asteriskMessage == null ? "(no ARI error message in the body)" : asteriskMessage;
        String head = op + " failed: Asterisk answered " + status + " " + said;
        Credentials credentials = transport.credentials();
        switch (status) {
            case 400:
                return new AriBadRequestException(scrub(head + ".", credentials), op, status, asteriskMessage);
            case 401: {
                String user = credentials == null ? null : credentials.username();
                String text = user == null
                        ? op + " failed: Asterisk at " + transport.base() + " answered 401 " + said
                        + ": no credentials were configured. Pass the user and password of an ari.conf"
                        + " [user] section (type = user) to AriClient.builder().credentials(user, password)."
                        : op + " failed: Asterisk at " + transport.base() + " answered 401 " + said
                        + ": it did not accept ARI user '" + user + "'. Check that ari.conf has a [" + user
                        + "] section with type = user and the same password (password_format = plain unless"
                        + " you configured crypt), and reload it with 'module reload res_ari.so'.";
                return new AriUnauthorizedException(scrub(text, credentials), op, asteriskMessage, user);
            }
            case 403: {
                boolean readOnly = asteriskMessage != null && asteriskMessage.startsWith(WRITE_ACCESS_DENIED);
                String text = head + ".";
                if (readOnly) {
                    String who = credentials == null ? "the ARI user" : "ARI user '" + credentials.username() + "'";
                    text = head + ": " + who + " is read-only (read_only = yes in its ari.conf section), so"
                            + " Asterisk refuses " + op.method() + " requests. Use a user with read_only = no"
                            + " for operations that change state.";
                }
                return new AriForbiddenException(scrub(text, credentials), op, asteriskMessage, readOnly);
            }
            case 404: {
                String text = head + ".";
                if (asteriskMessage == null) {
                    text = head + ". The server is not answering like ARI: check that the base URL "
                            + transport.base() + " is Asterisk's ARI root and that res_ari is loaded.";
                }
                return new AriNotFoundException(scrub(text, credentials), op, status, asteriskMessage);
            }
            case 409:
                return new AriConflictException(scrub(head + ".", credentials), op, status, asteriskMessage);
            case 412:
                return new AriPreconditionFailedException(scrub(head + ".", credentials), op, status,
                        asteriskMessage);
            case 422:
                return new AriUnprocessableException(scrub(head + ".", credentials), op, status,
                        asteriskMessage);
            default:
                if (status >= 500 && status < 600) {
                    return new AriServerException(scrub(head + "; the Asterisk log (or 'ari set debug <app>"
                            + " on') usually says why.", credentials), op, status, asteriskMessage);
                }
                return new AriException(scrub(head + ".", credentials), op, status, asteriskMessage, null);
        }
    }

    /**
     * Maps a failure that produced no response.
     *
     * @param op the failed call
     * @param transport the transport
     * @param failure what the HTTP client reported (possibly wrapped in a {@link CompletionException})
     * @param timeout the request timeout in force
     * @return the typed exception
     */
    static AriException fromIoFailure(AriOperation op, AriTransport transport, Throwable failure,
            Duration timeout) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        Credentials credentials = transport.credentials();
        String where = transport.base().getHost() + ":" + port(transport);
        if (cause instanceof AriException) {
            return (AriException) cause;
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new AriTimeoutException(scrub(op + " failed: could not connect to Asterisk at " + where
                    + " within the connect timeout. Check that the host is reachable (firewall, bindaddr in"
                    + " http.conf) or raise connectTimeout(...).", credentials), op, timeout, cause);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return new AriTimeoutException(scrub(op + " failed: no response from Asterisk at " + where
                    + " within the timeout of " + timeout.toMillis() + " ms. The request may still have"
                    + " been carried out; raise defaultTimeout(...) or use withTimeout(...) for slow"
                    + " operations.", credentials), op, timeout, cause);
        }
        if (cause instanceof ConnectException || hasCause(cause, ConnectException.class)) {
            return new AriConnectionException(scrub(op + " failed: connection to Asterisk at " + where
                    + " was refused. Check that Asterisk is running and that http.conf has enabled = yes,"
                    + " and bindaddr and bindport matching the base URL " + transport.base()
                    + " (Asterisk's HTTP server is disabled by default; bindport defaults to 8088).", credentials), op,
                    cause);
        }
        if (cause instanceof UnresolvedAddressException || hasCause(cause, UnresolvedAddressException.class)
                || cause instanceof UnknownHostException) {
            return new AriConnectionException(scrub(op + " failed: the host name '"
                    + transport.base().getHost() + "' of the base URL cannot be resolved.", credentials), op,
                    cause);
        }
        if (cause instanceof SSLException || hasCause(cause, SSLException.class)) {
            return new AriConnectionException(scrub(op + " failed: the TLS handshake with " + where
                    + " failed (" + cause.getMessage() + "). Check http.conf's tlscertfile and that the"
                    + " client trusts that certificate (sslContext(...)).", credentials), op, cause);
        }
        return new AriConnectionException(scrub(op + " failed: I/O error talking to Asterisk at " + where
                + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ").", credentials), op,
                cause);
    }

    private static int port(AriTransport transport) {
        int port = transport.base().getPort();
        if (port > 0) {
            return port;
        }
        return "https".equalsIgnoreCase(transport.base().getScheme()) ? 443 : 80;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /**
     * Extracts Asterisk's {@code message} from a JSON error body.
     *
     * @param body the body, possibly empty or not JSON
     * @return the message, or {@code null}
     */
    static String asteriskMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = AriJson.mapper().readTree(body);
            if (node != null && node.isObject() && node.path("message").isTextual()) {
                return node.get("message").asText();
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String scrub(String message, Credentials credentials) {
        if (credentials == null) {
            return message;
        }
        String header = credentials.authorizationHeaderValue();
        String userAndPassword = new String(java.util.Base64.getDecoder()
                .decode(header.substring("Basic ".length())), java.nio.charset.StandardCharsets.UTF_8);
        return message.replace(header, "***").replace(credentials.apiKeyQueryValue(), "***")
                .replace(userAndPassword, "***");
    }
}
