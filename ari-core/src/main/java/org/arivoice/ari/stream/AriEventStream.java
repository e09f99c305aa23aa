package org.arivoice.ari.stream;

import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.event.AriEvent;
import org.arivoice.ari.event.AriEventParseException;
import org.arivoice.ari.event.AriEvents;
import org.arivoice.ari.event.ApplicationReplaced;
import org.arivoice.ari.event.BridgeDestroyed;
import org.arivoice.ari.event.ChannelDestroyed;
import org.arivoice.ari.event.StasisEnd;
import org.arivoice.ari.internal.http.AriUrls;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ARI event WebSocket ({@code /ari/events}): one connection for one or more Stasis applications, kept
 * open with pings and re-opened with backoff after any drop, with events dispatched to subscriptions off the
 * I/O thread.
 *
 * <pre>{@code
 * AriEventStream events = AriEventStream.builder()
 *         .baseUrl("http://127.0.0.1:8088")
 *         .credentials(Credentials.basic("voicebot", secret))
 *         .applications("voicebot")
 *         .resyncHook((n, gap) -> reconcileWith(ari.channels().list()))
 *         .build();
 * events.subscribe(event -> {
 *     if (event instanceof StasisStart start) {
 *         onNewCall(start.channel());
 *     }
 * });
 * Subscription em = events.subscribeChannel("em-1", this::onMediaChannelEvent); // before creating em-1
 * events.connect().join();
 * }</pre>
 *
 * <p><b>Dispatch.</b> Each {@link Subscription} is a serial lane on the dispatch executor: its handler runs
 * one event at a time, in the order Asterisk sent them, never on the WebSocket thread. Channel and bridge
 * subscriptions can be made before the resource exists (with ids chosen by the application), which matters
 * because Asterisk sends, for example, the {@code StasisStart} of an ExternalMedia channel before the REST
 * call that created it returns. A channel subscription ends after {@code StasisEnd} or
 * {@code ChannelDestroyed} of its channel, a bridge subscription after {@code BridgeDestroyed}. A full queue
 * drops (and counts) the newest events; a throwing handler is logged and counted.
 *
 * <p><b>Connection.</b> Credentials go in an {@code Authorization: Basic} header (or the {@code api_key} query
 * parameter with {@link Credentials#apiKey}); a {@code 401} at the handshake ends the stream in
 * {@link ConnectionState#AUTH_FAILED} without retrying. Any other failure or drop leads to
 * {@link ConnectionState#RECONNECTING} and a new attempt after {@link ReconnectPolicy exponential backoff with
 * jitter}; after each successful reconnect the {@link ResyncHook} is called, because Asterisk does not replay
 * events lost in the gap. {@code ApplicationReplaced} is reported to the state listeners, and when every
 * application of the stream has been taken over the state becomes {@link ConnectionState#REPLACED} and the
 * stream does not reconnect. Malformed messages are logged, counted in {@link #stats()} and skipped.
 *
 * <p>Thread-safe. Secrets never appear in logs or {@link #toString()}. All threads the stream starts are daemon
 * threads: an application whose only work is handling events must keep its main thread alive.
 */
public final class AriEventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AriEventStream.class);
    private static final Pattern HANDSHAKE_STATUS = Pattern.compile("Invalid status code received: (\\d{3})");
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();
    /** How long {@link #close()} waits for Asterisk's reply to the close before it drops the connection. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final URI connectUri;
    private final String displayUri;
    private final List<String> applications;
    private final Credentials credentials;
    private final Map<String, String> headers;
    private final ReconnectPolicy reconnectPolicy;
    private final int pingSeconds;
    private final int connectTimeoutMillis;
    private final SSLContext sslContext;
    private final boolean trustAll;
    private final int queueCapacity;
    private final Executor dispatch;
    private final ExecutorService ownedDispatch;
    private final ScheduledExecutorService timer;
    private final List<ConnectionStateListener> stateListeners;
    private final ResyncHook resyncHook;
    private final SerialExecutor control;
    private final StreamCounters counters = new StreamCounters();
    private final EventRouter router = new EventRouter();
    private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();

    private final Object lock = new Object();
    // guarded by lock
    private ConnectionState state = ConnectionState.CONNECTING;
    private Connection current;
    private boolean started;
    private boolean everConnected;
    private int failedAttempts;
    private int reconnectCount;
    private long disconnectedSinceNanos;
    private final Set<String> replaced = new HashSet<>();
    private long malformedLogged;

    private AriEventStream(Builder b) {
        URI base = AriUrls.normaliseBaseUrl(b.baseUrl);
        URI events = AriUrls.eventsUri(base, b.applications, b.subscribeAll);
        this.displayUri = events.toString();
        this.credentials = b.credentials;
        this.applications = List.copyOf(b.applications);
        Map<String, String> h = new HashMap<>();
        if (credentials.scheme() == Credentials.Scheme.API_KEY) {
            this.connectUri = URI.create(events + "&api_key=" + credentials.apiKeyQueryValue());
        } else {
            this.connectUri = events;
            h.put("Authorization", credentials.authorizationHeaderValue());
        }
        this.headers = Map.copyOf(h);
        this.reconnectPolicy = b.reconnectPolicy;
        this.pingSeconds = (int) Math.min(Integer.MAX_VALUE, b.pingInterval.toSeconds());
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, b.connectTimeout.toMillis());
        this.trustAll = b.trustAll;
        this.sslContext = b.trustAll ? trustAllContext() : b.sslContext;
        this.queueCapacity = b.queueCapacity;
        if (b.dispatchExecutor != null) {
            this.dispatch = b.dispatchExecutor;
            this.ownedDispatch = null;
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                    new SynchronousQueue<>(),
                    r -> daemon(r, "ari-event-dispatch-" + THREAD_IDS.incrementAndGet()));
            this.dispatch = pool;
            this.ownedDispatch = pool;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(
                r -> daemon(r, "ari-event-reconnect-" + THREAD_IDS.incrementAndGet()));
        this.stateListeners = List.copyOf(b.stateListeners);
        this.resyncHook = b.resyncHook;
        this.control = new SerialExecutor(dispatch, "ARI event stream listeners");
        if (trustAll) {
            LOG.warn("ARI event stream to {} accepts ANY TLS certificate (insecureTrustAllCertificates()):"
                    + " anyone on the network path can read and alter the events and the credentials. Use"
                    + " this only against a test server.", displayUri);
        }
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with the defaults described on its methods
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the WebSocket (once; later calls return the same future).
     *
     * @return a future completed when the first connection is open; it fails with an
     *         {@link EventStreamException} if the credentials are rejected or the stream is closed first. While
     *         Asterisk cannot be reached the stream keeps retrying and the future stays pending: bound the wait
     *         with {@link CompletableFuture#orTimeout} or {@link #awaitConnected(Duration)}
     */
    public CompletableFuture<Void> connect() {
        synchronized (lock) {
            if (started || state.isTerminal()) {
                return firstConnection;
            }
            started = true;
        }
        LOG.info("Connecting ARI event stream {}", displayUri);
        openSocket();
        return firstConnection;
    }

    /**
     * Connects and waits for the first connection.
     *
     * @param timeout how long to wait
     * @throws EventStreamException if the credentials are rejected, the stream is closed, or the timeout
     *         passes first (the stream then keeps trying in the background)
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public void awaitConnected(Duration timeout) throws InterruptedException {
        try {
            connect().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EventStreamException ese) {
                throw ese;
            }
            throw new EventStreamException("ARI event stream " + displayUri + " failed: " + e.getCause(), state());
        } catch (TimeoutException e) {
            throw new EventStreamException("ARI event stream " + displayUri + " did not connect within " + timeout
                    + " (state " + state() + "); check that Asterisk runs and that http.conf has enabled = yes"
                    + " and a bindaddr/bindport matching the URL", state());
        }
    }

    /**
     * Subscribes to every event of the stream.
     *
     * @param handler called for each event, serially and in order
     * @return the subscription; close it to stop
     */
    public Subscription subscribe(Consumer<? super AriEvent> handler) {
        Objects.requireNonNull(handler, "handler");
        Lane[] self = new Lane[1];
        self[0] = lane("all", handler, e -> false, () -> router.removeAll(self[0]));
        router.addAll(self[0]);
        return self[0];
    }

    /**
     * Subscribes to the events of one application of this stream.
     *
     * @param application an application name given to {@link Builder#applications(String...)}
     * @param handler called for each event, serially and in order
     * @return the subscription; close it to stop
     * @throws IllegalArgumentException if this stream does not subscribe to that application
     */
    public Subscription subscribeApplication(String application, Consumer<? super AriEvent> handler) {
        Objects.requireNonNull(handler, "handler");
        if (!applications.contains(application)) {
            throw new IllegalArgumentException("this event stream carries the applications " + applications
                    + ", not '" + application + "'; add it to the builder's applications(...)");
        }
        Lane[] self = new Lane[1];
        self[0] = lane("application:" + application, handler, e -> false,
                () -> router.removeApplication(application, self[0]));
        router.addApplication(application, self[0]);
        return self[0];
    }

    /**
     * Subscribes to the events about one channel, which need not exist yet: create the channel with this id
     * afterwards ({@code channelId} of originate, externalMedia or snoop) to miss none of its events. The
     * subscription closes itself after delivering the channel's {@code StasisEnd} or {@code ChannelDestroyed}.
     *
     * @param channelId the channel id
     * @param handler called for each event that carries this channel (or targets it, for playbacks and
     *        recordings), serially and in order
     * @return the subscription
     */
    public Subscription subscribeChannel(String channelId, Consumer<? super AriEvent> handler) {
        requireId(channelId, "channel");
        Objects.requireNonNull(handler, "handler");
        Lane[] self = new Lane[1];
        self[0] = lane("channel:" + channelId, handler, e -> endsChannel(e, channelId),
                () -> router.removeChannel(channelId, self[0]));
        router.addChannel(channelId, self[0]);
        return self[0];
    }

    /**
     * Subscribes to the events about one bridge, which need not exist yet (create it with this
     * {@code bridgeId} afterwards). The subscription closes itself after delivering {@code BridgeDestroyed}.
     *
     * @param bridgeId the bridge id
     * @param handler called for each event that carries this bridge (or targets it), serially and in order
     * @return the subscription
     */
    public Subscription subscribeBridge(String bridgeId, Consumer<? super AriEvent> handler) {
        requireId(bridgeId, "bridge");
        Objects.requireNonNull(handler, "handler");
        Lane[] self = new Lane[1];
        self[0] = lane("bridge:" + bridgeId, handler,
                e -> e instanceof BridgeDestroyed d && d.bridge() != null && bridgeId.equals(d.bridge().id()),
                () -> router.removeBridge(bridgeId, self[0]));
        router.addBridge(bridgeId, self[0]);
        return self[0];
    }

    /**
     * The current connection state.
     *
     * @return the state
     */
    public ConnectionState state() {
        synchronized (lock) {
            return state;
        }
    }

    /**
     * A snapshot of the stream's counters.
     *
     * @return the counters
     */
    public EventStreamStats stats() {
        return counters.snapshot();
    }

    /**
     * The applications this stream subscribes to.
     *
     * @return the application names, unmodifiable
     */
    public List<String> applications() {
        return applications;
    }

    /**
     * The WebSocket URL, without any credentials.
     *
     * @return e.g. {@code ws://127.0.0.1:8088/ari/events?app=voicebot&subscribeAll=false}
     */
    public String url() {
        return displayUri;
    }

    /**
     * Closes the WebSocket, stops reconnecting and closes every subscription. Idempotent.
     */
    @Override
    public void close() {
        Connection c;
        synchronized (lock) {
            if (state == ConnectionState.CLOSED) {
                return;
            }
            c = current;
            current = null;
            setState(ConnectionState.CLOSED, "closed by the application");
        }
        timer.shutdownNow();
        if (c != null) {
            c.close(CloseFrame.NORMAL, "client closing");
            c.awaitEnd();
        }
        for (Lane lane : router.lanes()) {
            lane.close();
        }
        firstConnection.completeExceptionally(new EventStreamException(
                "ARI event stream " + displayUri + " was closed before it connected", ConnectionState.CLOSED));
        if (ownedDispatch != null) {
            ownedDispatch.shutdown();
        }
    }

    /**
     * Describes the stream without credentials.
     *
     * @return e.g. {@code AriEventStream[ws://h:8088/ari/events?app=voicebot&subscribeAll=false, user=voicebot,
     *         CONNECTED]}
     */
    @Override
    public String toString() {
        return "AriEventStream[" + displayUri + ", user=" + credentials.username() + ", " + state() + "]";
    }

    // ------------------------------------------------------------------------------------------------------

    private Lane lane(String scope, Consumer<? super AriEvent> handler,
            Predicate<AriEvent> ends, Runnable onClose) {
        return new Lane(scope, handler, ends, queueCapacity, dispatch, counters, onClose);
    }

    private static boolean endsChannel(AriEvent e, String id) {
        if (e instanceof StasisEnd s) {
            return s.channel() != null && id.equals(s.channel().id());
        }
        if (e instanceof ChannelDestroyed d) {
            return d.channel() != null && id.equals(d.channel().id());
        }
        return false;
    }

    private static void requireId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a " + what + " subscription needs a non-blank " + what + " id");
        }
    }

    private void openSocket() {
        Connection c;
        synchronized (lock) {
            if (state.isTerminal() || state == ConnectionState.REPLACED) {
                return;
            }
            c = new Connection();
            current = c;
        }
        c.setConnectionLostTimeout(pingSeconds);
        c.setDaemon(true);
        if (connectUri.getScheme().equals("wss")) {
            try {
                SSLContext ctx = sslContext != null ? sslContext : SSLContext.getDefault();
                c.setSocketFactory(ctx.getSocketFactory());
            } catch (java.security.NoSuchAlgorithmException e) {
                failTerminal(ConnectionState.CLOSED, "no TLS implementation is available in this JVM: " + e);
                return;
            }
        }
        c.connect();
    }

    private void onOpen(Connection c) {
        boolean reconnect;
        int n;
        Duration gap;
        synchronized (lock) {
            if (c != current) {
                c.close(CloseFrame.NORMAL, "superseded");
                return;
            }
            counters.connects.increment();
            reconnect = everConnected;
            everConnected = true;
            failedAttempts = 0;
            n = reconnect ? ++reconnectCount : 0;
            gap = reconnect ? Duration.ofNanos(System.nanoTime() - disconnectedSinceNanos) : Duration.ZERO;
            if (reconnect) {
                counters.reconnects.increment();
            }
            setState(ConnectionState.CONNECTED, reconnect ? "reconnected (reconnect " + n + ")" : "connected");
        }
        LOG.info("ARI event stream {} connected{}", displayUri, reconnect ? " again after " + gap.toMillis()
                + " ms; events raised in the gap are lost" : "");
        if (reconnect && resyncHook != null) {
            control.execute(() -> resyncHook.afterReconnect(n, gap));
        }
        firstConnection.complete(null);
    }

    private void onText(String text) {
        AriEvent event;
        try {
            event = AriEvents.parse(text);
        } catch (AriEventParseException e) {
            counters.malformed.increment();
            long n;
            synchronized (lock) {
                n = ++malformedLogged;
            }
            if (n <= 10 || n % 1000 == 0) {
                LOG.warn("ARI event stream {}: skipped a malformed message ({} so far): {}", displayUri, n,
                        e.getMessage());
            } else {
                LOG.debug("ARI event stream {}: skipped a malformed message: {}", displayUri, e.getMessage());
            }
            return;
        }
        counters.events.increment();
        if (event instanceof ApplicationReplaced r) {
            onReplaced(r.application());
        }
        router.route(event);
    }

    private void onBinary() {
        counters.malformed.increment();
        LOG.warn("ARI event stream {}: skipped a binary message (ARI events are text)", displayUri);
    }

    private void onReplaced(String application) {
        LOG.warn("ARI event stream {}: Asterisk sent ApplicationReplaced for '{}': another WebSocket subscribed"
                + " to that application and now receives its events. Two processes need different application"
                + " names.", displayUri, application);
        for (ConnectionStateListener l : stateListeners) {
            control.execute(() -> l.onApplicationReplaced(application));
        }
        synchronized (lock) {
            if (application != null) {
                replaced.add(application);
            }
            if (replaced.containsAll(applications) && state == ConnectionState.CONNECTED) {
                setState(ConnectionState.REPLACED, "another WebSocket took over " + applications
                        + "; not reconnecting");
            }
        }
    }

    private void onClosed(Connection c, int code, String reason, Exception error) {
        Duration delay;
        synchronized (lock) {
            if (c != current) {
                return;
            }
            current = null;
            if (state.isTerminal()) {
                return;
            }
            Integer status = handshakeStatus(reason);
            if (status != null && status == 401) {
                failTerminalLocked(ConnectionState.AUTH_FAILED, "Asterisk rejected the credentials of ARI user '"
                        + credentials.username() + "' for " + displayUri + " (401 on the WebSocket handshake);"
                        + " check the user's password in ari.conf. Not retrying.");
                return;
            }
            if (state == ConnectionState.REPLACED) {
                setState(ConnectionState.CLOSED, "the connection closed after all its applications were"
                        + " replaced; not reconnecting");
                timer.shutdownNow();
                return;
            }
            String why = describeClose(code, reason, status, error);
            if (state == ConnectionState.CONNECTED) {
                disconnectedSinceNanos = System.nanoTime();
            }
            failedAttempts++;
            delay = reconnectPolicy.delayBefore(failedAttempts, ThreadLocalRandom.current().nextDouble());
            setState(ConnectionState.DISCONNECTED, why);
            setState(ConnectionState.RECONNECTING, "next attempt in " + delay.toMillis() + " ms");
            if (failedAttempts == 1 || failedAttempts % 10 == 0) {
                LOG.warn("ARI event stream {}: {}; reconnecting in {} ms (attempt {})", displayUri, why,
                        delay.toMillis(), failedAttempts);
            } else {
                LOG.debug("ARI event stream {}: {}; reconnecting in {} ms (attempt {})", displayUri, why,
                        delay.toMillis(), failedAttempts);
            }
        }
        try {
            timer.schedule(this::openSocket, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("ARI event stream {} closed; no reconnect", displayUri);
        }
    }

    private String describeClose(int code, String reason, Integer status, Exception error) {
        if (status != null) {
            String hint = switch (status) {
                case 403 -> " (the user may not use this resource)";
                case 404 -> " (check the URL: a wrong http.conf prefix, or res_ari not loaded)";
                case 400 -> " (Asterisk refused the request; check the application names)";
                default -> "";
            };
            return "Asterisk answered the WebSocket handshake with HTTP " + status + hint;
        }
        if (code == CloseFrame.NEVER_CONNECTED || code == CloseFrame.ABNORMAL_CLOSE && error != null) {
            if (error instanceof ConnectException) {
                return "connection refused by " + connectUri.getHost() + ":" + connectUri.getPort()
                        + "; check that Asterisk runs and that http.conf has enabled = yes and a bindaddr and"
                        + " bindport matching the URL";
            }
            return "could not connect (" + (error != null ? error.toString() : reason) + ")";
        }
        return "connection closed (code " + code + (reason == null || reason.isEmpty() ? "" : ", " + reason) + ")";
    }

    private static Integer handshakeStatus(String reason) {
        if (reason == null) {
            return null;
        }
        Matcher m = HANDSHAKE_STATUS.matcher(reason);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private void failTerminal(ConnectionState terminal, String message) {
        synchronized (lock) {
            failTerminalLocked(terminal, message);
        }
    }

    private void failTerminalLocked(ConnectionState terminal, String message) {
        setState(terminal, message);
        LOG.error("ARI event stream {}: {}", displayUri, message);
        timer.shutdownNow();
        firstConnection.completeExceptionally(new EventStreamException(message, terminal));
    }

    /** Must hold {@link #lock}. */
    private void setState(ConnectionState next, String reason) {
        ConnectionState prev = state;
        if (prev == next) {
            return;
        }
        state = next;
        LOG.debug("ARI event stream {}: {} -> {} ({})", displayUri, prev, next, reason);
        for (ConnectionStateListener l : stateListeners) {
            control.execute(() -> l.onStateChanged(prev, next, reason));
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static SSLContext trustAllContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustAllManager()}, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context: " + e, e);
        }
    }

    /** Accepts any certificate; only reachable through {@link Builder#insecureTrustAllCertificates()}. */
    private static final class TrustAllManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // trusts everything on purpose: the user asked for it by name
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusts everything on purpose: the user asked for it by name
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** One WebSocket connection attempt; a new one is made for every reconnect. */
    private final class Connection extends WebSocketClient {
        private volatile Exception error;
        /** Java-WebSocket's reading thread, which calls onOpen and, just before it ends, onClose. */
        private volatile Thread reader;
        private final CountDownLatch ended = new CountDownLatch(1);

        Connection() {
            super(connectUri, new org.java_websocket.drafts.Draft_6455(), headers, connectTimeoutMillis);
        }

        /**
         * After {@code close}: waits for the server's reply to the close (at most {@link #CLOSE_WAIT}, then the
         * connection is dropped) and for the reading thread to end, so that it is not left inside a socket read.
         * At exit HotSpot waits up to 300 ms for threads inside a native call.
         */
        void awaitEnd() {
            Thread reading = reader;
            if (reading == Thread.currentThread()) {
                return; // closed from one of this connection's own callbacks: it ends when they return
            }
            try {
                if (!ended.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.debug("ARI event stream {}: no reply to the close within {} ms; dropping the connection",
                            displayUri, CLOSE_WAIT.toMillis());
                    closeConnection(CloseFrame.ABNORMAL_CLOSE, "no reply to the close");
                    ended.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (reading != null) {
                    reading.join(CLOSE_WAIT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            reader = Thread.currentThread();
            AriEventStream.this.onOpen(this);
        }

        @Override
        public void onMessage(String message) {
            AriEventStream.this.onText(message);
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            AriEventStream.this.onBinary();
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            try {
                AriEventStream.this.onClosed(this, code, reason, error);
            } finally {
                ended.countDown();
            }
        }

        @Override
        public void onError(Exception ex) {
            error = ex;
            LOG.debug("ARI event stream {}: WebSocket error", displayUri, ex);
        }

        @Override
        protected void onSetSSLParameters(SSLParameters sslParameters) {
            if (!trustAll) {
                super.onSetSSLParameters(sslParameters); // verifies the host name against the certificate
            }
        }
    }

    /**
     * Options of an {@link AriEventStream}. Required: {@link #baseUrl(String)}, {@link #credentials(Credentials)}
     * and {@link #applications(String...)}.
     */
    public static final class Builder {
        private String baseUrl;
        private Credentials credentials;
        private List<String> applications = List.of();
        private boolean subscribeAll;
        private ReconnectPolicy reconnectPolicy = ReconnectPolicy.defaults();
        private Duration pingInterval = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private SSLContext sslContext;
        private boolean trustAll;
        private int queueCapacity = 10_000;
        private Executor dispatchExecutor;
        private final List<ConnectionStateListener> stateListeners = new ArrayList<>();
        private ResyncHook resyncHook;

        private Builder() {
        }

        /**
         * Asterisk's HTTP address, as for the REST client: {@code http://host:8088}, {@code http://host:8088/ari}
         * or {@code http://host:8088/ari/} ({@code https} for TLS). The stream connects to
         * {@code ws(s)://host:port/ari/events}. A URL with an operation path such as {@code /ari/asterisk} is
         * rejected by {@link #build()} with an explanation.
         *
         * @param baseUrl the base URL
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * The ARI user ({@code ari.conf}); {@link Credentials#basic} sends an {@code Authorization} header,
         * {@link Credentials#apiKey} the {@code api_key} query parameter.
         *
         * @param credentials the credentials
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * The Stasis applications whose events this one connection carries.
         *
         * @param applications one or more application names
         * @return this builder
         */
        public Builder applications(String... applications) {
            return applications(List.of(applications));
        }

        /**
         * The Stasis applications whose events this one connection carries.
         *
         * @param applications one or more application names
         * @return this builder
         */
        public Builder applications(List<String> applications) {
            this.applications = List.copyOf(applications);
            return this;
        }

        /**
         * Whether to receive all of Asterisk's events ({@code subscribeAll=true}), not only those of the
         * applications' own channels, bridges and endpoints. Default {@code false}.
         *
         * @param subscribeAll the flag
         * @return this builder
         */
        public Builder subscribeAll(boolean subscribeAll) {
            this.subscribeAll = subscribeAll;
            return this;
        }

        /**
         * The backoff between reconnect attempts. Default {@link ReconnectPolicy#defaults()}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder reconnectPolicy(ReconnectPolicy policy) {
            this.reconnectPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How often to ping Asterisk; a connection that answers no ping within this interval is treated as
         * lost and re-opened. Whole seconds; {@link Duration#ZERO} disables pings. Default 30 s.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder pingInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the ping interval cannot be negative: " + interval);
            }
            this.pingInterval = interval;
            return this;
        }

        /**
         * How long one connection attempt (TCP, TLS and handshake) may take. Default 10 s.
         *
         * @param timeout the timeout, positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the connect timeout must be positive: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * The TLS context for {@code https} base URLs, e.g. one trusting a private CA. Default: the JVM's
         * default trust store. The server's host name is always verified against its certificate.
         *
         * @param sslContext the context
         * @return this builder
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * Accepts any TLS certificate and host name. This removes all protection against someone on the
         * network reading the events and the password; a warning is logged. For test servers only.
         *
         * @return this builder
         */
        public Builder insecureTrustAllCertificates() {
            this.trustAll = true;
            return this;
        }

        /**
         * The most events a subscription may have waiting; beyond it new events for that subscription are
         * dropped and counted. Default 10,000.
         *
         * @param capacity the capacity, positive
         * @return this builder
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queue capacity must be positive: " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * The executor that runs handlers and listeners. Default: a pool of daemon threads owned (and shut down)
         * by the stream; each subscription uses at most one thread at a time.
         *
         * @param executor the executor; not shut down by the stream
         * @return this builder
         */
        public Builder dispatchExecutor(Executor executor) {
            this.dispatchExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Adds a listener for connection state changes and {@code ApplicationReplaced}.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder stateListener(ConnectionStateListener listener) {
            this.stateListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The hook called after each reconnect.
         *
         * @param hook the hook
         * @return this builder
         */
        public Builder resyncHook(ResyncHook hook) {
            this.resyncHook = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * Creates the stream (not yet connected: call {@link AriEventStream#connect()}).
         *
         * @return the stream
         * @throws IllegalArgumentException if the base URL is invalid, or no application is given
         * @throws IllegalStateException if the base URL or the credentials are missing
         */
        public AriEventStream build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required, e.g. http://127.0.0.1:8088");
            }
            if (credentials == null) {
                throw new IllegalStateException("credentials are required: ARI always authenticates with a user"
                        + " from ari.conf");
            }
            if (applications.isEmpty()) {
                throw new IllegalArgumentException("at least one Stasis application name is required; it is the"
                        + " name used in the dialplan's Stasis(...) application");
            }
            return new AriEventStream(this);
        }
    }
}
