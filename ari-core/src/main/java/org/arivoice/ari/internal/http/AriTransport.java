package org.arivoice.ari.internal.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final Lifecycle lifecycle;

    /** What every view shares: whether the transport is closed, and the exchanges still in flight. */
    private static final class Lifecycle {
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicBoolean clientShutDown = new AtomicBoolean();
    }

    /**
     * Creates a transport.
     *
     * @param http the shared HTTP client
     * @param base the ARI root from {@link AriUrls#normaliseBaseUrl(String)}
     * @param credentials the credentials sent with every request, or {@code null} for none
     * @param timeout the request timeout (from sending until the whole response has arrived)
     */
    public AriTransport(HttpClient http, URI base, Credentials credentials, Duration timeout) {
        this(http, base, credentials, timeout, new Lifecycle());
    }

    private AriTransport(HttpClient http, URI base, Credentials credentials, Duration timeout,
            Lifecycle lifecycle) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = Objects.requireNonNull(base, "base");
        this.credentials = credentials;
        this.timeout = checkTimeout(timeout);
        this.lifecycle = lifecycle;
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
        return new AriTransport(http, base, credentials, newTimeout, lifecycle);
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
     * Sends a request through the shared client. It counts as in flight until its future completes (for a body
     * streamed to the caller: until the headers have arrived), so that {@link #close()} ends the client only
     * once nothing is left.
     *
     * @param <T> the body type
     * @param request the request
     * @param handler the body handler
     * @return a future of the JDK client's response, completed once the exchange no longer counts as in flight
     * @throws IllegalStateException if the transport is closed
     */
    <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        lifecycle.inFlight.incrementAndGet();
        if (lifecycle.closed.get()) {
            exchangeEnded();
            throw new IllegalStateException("this AriClient is closed");
        }
        CompletableFuture<HttpResponse<T>> sent;
        try {
            sent = http.sendAsync(request, handler);
        } catch (RuntimeException e) {
            exchangeEnded();
            throw e;
        }
        // The caller sees the exchange end only after it stopped counting as in flight: a close() right after a
        // request's future completed then finds nothing in flight and shuts the client down itself (waiting for
        // its threads) rather than leaving that to this exchange's end on another thread. Cancelling the future
        // returned cancels the exchange.
        CompletableFuture<HttpResponse<T>> done = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                sent.cancel(mayInterruptIfRunning);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        sent.whenComplete((response, failure) -> {
            exchangeEnded();
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(response);
            }
        });
        return done;
    }

    private void exchangeEnded() {
        if (lifecycle.inFlight.decrementAndGet() == 0 && lifecycle.closed.get()) {
            // Possibly on one of the client's own threads: it must not wait for them.
            shutDownClient(false);
        }
    }

    private void shutDownClient(boolean awaitThreads) {
        // A caller that waits does so even when a request's end, on another thread, shut the client down a moment
        // before (without waiting): shutting down again is harmless, and close() returns with the threads gone.
        if (lifecycle.clientShutDown.compareAndSet(false, true) || awaitThreads) {
            JdkHttpClientShutdown.shutdown(http, awaitThreads);
        }
    }

    /**
     * Whether {@link #close()} was called on any view.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return lifecycle.closed.get();
    }

    /**
     * Refuses new requests; once no request is in flight (at once when none is) the HTTP client is shut down:
     * its connections are closed and its threads end (see {@code JdkHttpClientShutdown}), so none of them keeps
     * the JVM waiting at exit. On Java 17 a response body still being streamed to the caller at that moment is
     * cut off: close such streams first.
     */
    public void close() {
        if (lifecycle.closed.compareAndSet(false, true) && lifecycle.inFlight.get() == 0) {
            shutDownClient(true);
        }
    }
}
