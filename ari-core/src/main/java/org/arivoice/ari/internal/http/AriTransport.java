package org.arivoice.ari.internal.http;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.arivoice.ari.Credentials;

/**
 * The HTTP side of an {@link org.arivoice.ari.AriClient}: one shared {@link HttpClient} (so connections are
 * reused), the ARI root, the credentials and a request timeout.
 *
 * <p><b>Not API:</b> this class lives in an internal package; it may change or disappear in any release.
 *
 * <p>Immutable and thread-safe. {@link #withTimeout(Duration)} returns a view that shares the HTTP client
 * and the closed state but uses another request timeout.
 */
public final class AriTransport {
    private final HttpClient http;
    private final URI base;
    private final Credentials credentials;
    private final Duration timeout;
    private final AtomicBoolean closed;

    /**
     * Creates a transport.
     *
     * @param http the shared HTTP client
     * @param base the ARI root from {@link AriUrls#normaliseBaseUrl(String)}
     * @param credentials the credentials sent with every request, or {@code null} for none
     * @param timeout the request timeout (from sending until the whole response has arrived)
     */
    public AriTransport(HttpClient http, URI base, Credentials credentials, Duration timeout) {
        this(http, base, credentials, timeout, new AtomicBoolean());
    }

    private AriTransport(HttpClient http, URI base, Credentials credentials, Duration timeout,
            AtomicBoolean closed) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = Objects.requireNonNull(base, "base");
        this.credentials = credentials;
        this.timeout = checkTimeout(timeout);
        this.closed = closed;
    }

    /**
     * Checks that a timeout is positive.
     *
     * @param timeout the timeout
     * @return the timeout
     * @throws IllegalArgumentException if it is zero or negative
     * @throws NullPointerException if it is {@code null}
     */
    public static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return timeout;
    }

    /**
     * A view with another request timeout, sharing everything else.
     *
     * @param newTimeout the request timeout
     * @return the view
     */
    public AriTransport withTimeout(Duration newTimeout) {
        return new AriTransport(http, base, credentials, newTimeout, closed);
    }

    /**
     * Starts a request.
     *
     * @param operation {@code resource.nickname}, e.g. {@code channels.answer}
     * @param method the HTTP method
     * @param pathTemplate the spec's path, e.g. {@code /channels/{channelId}/answer}
     * @return a request builder
     */
    public AriRequest request(String operation, String method, String pathTemplate) {
        return new AriRequest(this, operation, method, pathTemplate);
    }

    /**
     * The ARI root.
     *
     * @return a URI ending in {@code /ari/}
     */
    public URI base() {
        return base;
    }

    /**
     * The credentials.
     *
     * @return the credentials, or {@code null} if none were configured
     */
    public Credentials credentials() {
        return credentials;
    }

    /**
     * The request timeout of this view.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    HttpClient http() {
        return http;
    }

    /**
     * Whether {@link #close()} was called on any view.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Refuses new requests and lets the HTTP client release its connections. On Java 21 and later the JDK
     * client is asked to shut down (requests in flight complete); on Java 17 its idle connections and
     * selector thread go away once it is unreachable.
     */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                Method shutdown = HttpClient.class.getMethod("shutdown");
                shutdown.invoke(http);
            } catch (NoSuchMethodException e) {
                // Java 17: HttpClient has no lifecycle methods; dropping the reference is all there is.
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Closing must not fail the caller; the client is unusable through this transport anyway.
            }
        }
    }
}
