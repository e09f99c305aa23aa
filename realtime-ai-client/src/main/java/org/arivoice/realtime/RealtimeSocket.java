package org.arivoice.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client WebSocket on the JDK's {@code java.net.http} client, shaped for the Realtime session: text
 * messages in, whole; text messages out, in order, from any thread; keepalive pings; one close report.
 *
 * <p>Why the JDK client: every connection of one {@link HttpClient} shares its selector thread, and a send
 * writes on the calling thread while the socket takes the bytes. A client with a reader and a writer thread
 * per connection costs two or three threads per call and a thread hand-off per 20 ms audio append, which is
 * most of a voice bot's CPU at a few hundred calls (numbers in the module README).
 *
 * <p>The JDK allows one outstanding text send per WebSocket, so messages queue here and are written one
 * after another; a write that completes at once (the usual case) lets the next go on the same thread.
 *
 * <p>Callbacks ({@link #opened()}, {@link #message(String)}, {@link #closed(int, String, boolean)}) run on
 * the HTTP client's threads and must only hand work over. {@link #closed} is called exactly once, also when
 * the connection could not be opened ({@link #failure()} and {@link #handshakeStatus()} say why).
 */
abstract class RealtimeSocket implements WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSocket.class);
    /** What Java-WebSocket and browsers report for a connection that ended without a close frame. */
    static final int ABNORMAL = 1006;
    /** How long a close we sent may wait for the server's close before the socket is dropped. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI uri;
    private final Map<String, String> headers;
    private final Duration connectTimeout;
    private final Duration pingInterval;
    private final ScheduledExecutorService timers;

    private final ConcurrentLinkedQueue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean closeSent;
    private volatile long lastHeardNanos;
    private volatile Throwable failure;
    private volatile int handshakeStatus = -1;
    private volatile ScheduledFuture<?> pinger;

    RealtimeSocket(HttpClient http, URI uri, Map<String, String> headers, Duration connectTimeout,
            Duration pingInterval, ScheduledExecutorService timers) {
        this.http = http;
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.connectTimeout = connectTimeout;
        this.pingInterval = pingInterval;
        this.timers = timers;
    }

    /** The connection is open and may be written to. */
    abstract void opened();

    /** A whole text message arrived. */
    abstract void message(String text);

    /**
     * The connection ended (or never opened); called once.
     *
     * @param code the close code; {@value #ABNORMAL} when there was no close frame
     * @param reason the reason, possibly empty
     * @param remote whether the server or the network ended it rather than this client
     */
    abstract void closed(int code, String reason, boolean remote);

    /** Starts the opening handshake; the outcome arrives through {@link #opened()} or {@link #closed}. */
    final void connect() {
        CompletableFuture<WebSocket> opening;
        try {
            WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(connectTimeout);
            headers.forEach(b::header);
            opening = b.buildAsync(uri, this);
        } catch (RuntimeException e) { // an illegal header name or value
            failure = e;
            report(ABNORMAL, e.getMessage() == null ? e.toString() : e.getMessage(), false);
            return;
        }
        opening.whenComplete((ws, e) -> {
            if (e != null) {
                Throwable cause = unwrap(e);
                failure = cause;
                if (cause instanceof WebSocketHandshakeException h) {
                    handshakeStatus = h.getResponse().statusCode();
                }
                report(ABNORMAL, String.valueOf(cause.getMessage()), false);
            }
        });
    }

    /** The error that ended the connection or prevented it, if any. */
    final Throwable failure() {
        return failure;
    }

    /** The HTTP status of a refused opening handshake, or -1. */
    final int handshakeStatus() {
        return handshakeStatus;
    }

    final boolean isOpen() {
        WebSocket ws = socket;
        return ws != null && !closeSent && !reported.get() && !ws.isOutputClosed();
    }

    final boolean isClosed() {
        return reported.get();
    }

    /**
     * Queues a text message; it is written after everything queued before it.
     *
     * @throws IllegalStateException if the connection is not open
     */
    final void send(String text) {
        if (!isOpen()) {
            throw new IllegalStateException("the WebSocket is not open");
        }
        outbox.add(text);
        drain();
    }

    /** Sends a close frame after everything queued, then waits a few seconds for the server's. */
    final void close(int code, String reason) {
        WebSocket ws = socket;
        if (ws == null || reported.get()) {
            return;
        }
        outbox.add(new Close(code, reason));
        drain();
    }

    /** Closes with 1000 and no reason. */
    final void close() {
        close(1000, "");
    }

    // ------------------------------------------------------------------ writing

    private record Close(int code, String reason) {
    }

    /** Writes queued messages until one has to wait for the socket; that one's completion writes on. */
    private void drain() {
        while (writing.compareAndSet(false, true)) {
            CompletableFuture<WebSocket> pending = null;
            Object next;
            while ((next = outbox.poll()) != null) {
                pending = write(next);
                if (pending == null) {
                    break; // nothing more can be written
                }
                if (!pending.isDone()) {
                    break;
                }
                pending = null;
            }
            if (pending != null) {
                // Still owned by this drain: the completion releases it and writes on.
                pending.whenComplete((ws, e) -> {
                    if (e != null) {
                        writeFailed(e);
                    }
                    writing.set(false);
                    drain();
                });
                return;
            }
            writing.set(false);
            if (outbox.isEmpty()) {
                return;
            }
        }
    }

    /** Starts one write; null if the socket cannot take any more (the queue is dropped). */
    private CompletableFuture<WebSocket> write(Object next) {
        WebSocket ws = socket;
        if (ws == null || reported.get() || ws.isOutputClosed()) {
            outbox.clear();
            return null;
        }
        try {
            if (next instanceof Close c) {
                closeSent = true;
                scheduleCloseTimeout(c);
                return ws.sendClose(c.code(), c.reason());
            }
            CompletableFuture<WebSocket> f = ws.sendText((String) next, true);
            if (f.isCompletedExceptionally()) {
                f.exceptionally(e -> {
                    writeFailed(e);
                    return ws;
                });
                return CompletableFuture.completedFuture(ws);
            }
            return f;
        } catch (RuntimeException e) { // IllegalStateException after the output closed
            writeFailed(e);
            outbox.clear();
            return null;
        }
    }

    private void writeFailed(Throwable e) {
        LOG.debug("A Realtime WebSocket write failed: {}", unwrap(e).toString());
    }

    private void scheduleCloseTimeout(Close c) {
        try {
            timers.schedule(() -> {
                WebSocket ws = socket;
                if (!reported.get() && ws != null) {
                    ws.abort();
                    report(c.code(), c.reason(), false);
                }
            }, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
            report(c.code(), c.reason(), false);
        }
    }

    // ------------------------------------------------------------------ keepalive

    private void startPinger() {
        long every = pingInterval.toMillis();
        if (every <= 0) {
            return;
        }
        try {
            pinger = timers.scheduleAtFixedRate(this::ping, every, every, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("No keepalive pings: the client's timer is shut down");
        }
    }

    private void ping() {
        WebSocket ws = socket;
        if (ws == null || reported.get()) {
            return;
        }
        long silentNanos = System.nanoTime() - lastHeardNanos;
        if (silentNanos > pingInterval.toNanos() * 3 / 2) {
            LOG.debug("No pong or message from the Realtime server for {} ms: dropping the connection",
                    silentNanos / 1_000_000);
            ws.abort();
            report(ABNORMAL, "The server did not answer a ping within " + pingInterval.toMillis() * 3 / 2
                    + " ms", true);
            return;
        }
        try {
            ws.sendPing(ByteBuffer.allocate(0)).exceptionally(e -> {
                LOG.debug("Keepalive ping failed: {}", unwrap(e).toString());
                return ws;
            });
        } catch (IllegalStateException e) {
            LOG.debug("Keepalive ping skipped: {}", e.getMessage()); // the previous ping is still being sent
        }
    }

    // ------------------------------------------------------------------ WebSocket.Listener

    @Override
    public final void onOpen(WebSocket webSocket) {
        socket = webSocket;
        lastHeardNanos = System.nanoTime();
        startPinger();
        webSocket.request(1);
        opened();
    }

    @Override
    public final CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastHeardNanos = System.nanoTime();
        String whole = null;
        if (last && partial.length() == 0) {
            whole = data.toString();
        } else {
            partial.append(data);
            if (last) {
                whole = partial.toString();
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        if (whole != null) {
            message(whole);
        }
        return null;
    }

    @Override
    public final CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        lastHeardNanos = System.nanoTime();
        LOG.debug("Ignoring a binary message from the Realtime server ({} bytes)", data.remaining());
        webSocket.request(1);
        return null;
    }

    @Override
    public final CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        lastHeardNanos = System.nanoTime(); // the JDK answers with a pong by itself
        webSocket.request(1);
        return null;
    }

    @Override
    public final CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        lastHeardNanos = System.nanoTime();
        webSocket.request(1);
        return null;
    }

    @Override
    public final CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        // The JDK sends the closing handshake's reply once this returns (unless we closed first).
        report(statusCode, reason, !closeSent);
        return null;
    }

    @Override
    public final void onError(WebSocket webSocket, Throwable error) {
        failure = error;
        report(ABNORMAL, String.valueOf(error.getMessage()), true);
    }

    private void report(int code, String reason, boolean remote) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> p = pinger;
        if (p != null) {
            p.cancel(false);
        }
        outbox.clear();
        closed(code, reason == null ? "" : reason, remote);
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
