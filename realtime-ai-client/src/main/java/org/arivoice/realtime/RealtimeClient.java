package org.arivoice.realtime;

import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A client for the OpenAI Realtime API (GA protocol) over WebSocket, also for Azure OpenAI and compatible
 * servers. Configured once with {@link #builder()}, immutable and thread-safe afterwards; one client serves
 * many concurrent sessions. Close it when the application stops to end its timer and tool threads.
 *
 * <pre>{@code
 * RealtimeClient client = RealtimeClient.builder()
 *         .apiKey(System.getenv("OPENAI_API_KEY"))
 *         .model("gpt-realtime")
 *         .build();
 * RealtimeSession session = client.connect(SessionConfig.builder().audioFormat(AudioFormat.PCMU).build(),
 *         new RealtimeListener() {
 *             public void onOutputAudio(OutputAudio a) { player.play(a.audio()); }
 *         });
 * session.appendAudio(frame);
 * }</pre>
 *
 * <p>The beta protocol (header {@code OpenAI-Beta: realtime=v1}) was retired by OpenAI on 2026-05-07 and is
 * never sent.
 */
public final class RealtimeClient implements AutoCloseable {
    /** The OpenAI endpoint. */
    public static final String OPENAI_ENDPOINT = "wss://api.openai.com/v1/realtime";

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long {@link #close()} waits for connections whose closing handshake is still under way. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final URI endpoint;
    private final String model;
    private final Credentials credentials;
    private final Map<String, String> extraHeaders;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration pingInterval;
    private final Duration expiryWarning;
    private final ReconnectPolicy reconnectPolicy;
    private final Executor toolExecutor;
    private final ExecutorService ownedToolExecutor;
    private final ScheduledExecutorService timers;
    private final ExecutorService eventPool;
    private final HttpClient http;
    private final Object connections = new Object();
    /** WebSockets opening, open or closing on {@link #http}; guarded by {@link #connections}. */
    private int openConnections;
    /** Whether {@link #close()} was called; guarded by {@link #connections}. */
    private boolean closed;
    private final AtomicBoolean httpShutDown = new AtomicBoolean();

    private RealtimeClient(Builder b) {
        this.endpoint = b.endpoint;
        this.model = b.model;
        this.credentials = b.credentials;
        this.extraHeaders = Map.copyOf(b.extraHeaders);
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.pingInterval = b.pingInterval;
        this.expiryWarning = b.expiryWarning;
        this.reconnectPolicy = b.reconnectPolicy;
        if (b.toolExecutor != null) {
            this.toolExecutor = b.toolExecutor;
            this.ownedToolExecutor = null;
        } else {
            this.ownedToolExecutor = Executors.newCachedThreadPool(r -> daemon(r, "realtime-tool-"));
            this.toolExecutor = ownedToolExecutor;
        }
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "realtime-timer-"));
        // The sessions' event handling: each session runs its events in order on a thread borrowed from here,
        // so idle sessions hold no thread (a thread per session was one per call).
        this.eventPool = Executors.newCachedThreadPool(r -> daemon(r, "realtime-events-"));
        // One HTTP client for every session: its connections share one selector thread. Its executor stays the
        // JDK's default (a cached pool: threads for connect bursts, gone after 60 s idle); a small fixed pool
        // made message delivery stall now and then in the connection tests.
        // The default proxy selector honours -Dhttps.proxyHost/-Dhttps.proxyPort (and http.nonProxyHosts).
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(connectTimeout);
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            http.proxy(proxies);
        }
        if (b.sslContext != null) {
            http.sslContext(b.sslContext);
        }
        this.http = http.build();
    }

    private static Thread daemon(Runnable r, String prefix) {
        Thread t = new Thread(r, prefix + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /**
     * A new builder: OpenAI's endpoint, model {@code gpt-realtime}, 10 s connect and request timeouts,
     * 30 s keepalive pings, default reconnect policy, expiry warning 2 minutes ahead.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a session and waits until it is ready (see {@link #connectAsync}).
     *
     * @param config the session configuration to send
     * @param listener receives the session's events
     * @return the ready session
     * @throws RealtimeException if the connection or the configuration failed (the message says why)
     */
    public RealtimeSession connect(SessionConfig config, RealtimeListener listener) {
        try {
            return connectAsync(config, listener).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RealtimeException("Interrupted while connecting to the Realtime server", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /**
     * Opens a session: connects, waits for {@code session.created}, sends the configuration as
     * {@code session.update} and waits for {@code session.updated}.
     *
     * @param config the session configuration to send
     * @param listener receives the session's events
     * @return a future that completes with the ready session, or fails with a {@link RealtimeException}
     *     ({@link RealtimeAuthenticationException} for rejected credentials, {@link RealtimeServerErrorException}
     *     when the configuration was rejected)
     */
    public CompletableFuture<RealtimeSession> connectAsync(SessionConfig config, RealtimeListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        RealtimeSession session = new RealtimeSession(this, config, listener);
        return session.start();
    }

    /**
     * Stops the client's timer and event threads and (unless one was supplied) its tool threads, then its HTTP
     * client, so that none of its threads outlives it (a selector thread left in a native call kept the JVM
     * from exiting for 300 ms). Open sessions should be closed first: this waits up to a second for connections
     * whose closing handshake is still under way (a session closed with {@link RealtimeSession#closeAsync()}),
     * then cuts off whatever is left.
     */
    @Override
    public void close() {
        timers.shutdownNow();
        eventPool.shutdown();
        if (ownedToolExecutor != null) {
            ownedToolExecutor.shutdown();
        }
        synchronized (connections) {
            closed = true;
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            long left;
            while (openConnections > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(connections, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        shutDownHttp(true);
    }

    /** A session starts opening a WebSocket on the shared HTTP client; {@link #connectionEnded()} follows once. */
    void connectionStarted() {
        synchronized (connections) {
            openConnections++;
        }
    }

    /** A WebSocket of {@link #connectionStarted()} has ended (or never opened). */
    void connectionEnded() {
        boolean lastAfterClose;
        synchronized (connections) {
            openConnections--;
            lastAfterClose = closed && openConnections == 0;
            connections.notifyAll();
        }
        if (lastAfterClose) {
            // On one of the HTTP client's own threads: it must not wait for them.
            shutDownHttp(false);
        }
    }

    private void shutDownHttp(boolean awaitThreads) {
        // close() waits even when the last connection's end, on the client's own thread, shut it down a moment
        // before without waiting: shutting down again is harmless, and close() returns with the threads gone.
        if (httpShutDown.compareAndSet(false, true) || awaitThreads) {
            JdkHttpClientShutdown.shutdown(http, awaitThreads);
        }
    }

    URI sessionUri() {
        String base = endpoint.toString();
        String sep = endpoint.getRawQuery() == null ? "?" : "&";
        return URI.create(base + sep + "model=" + URLEncoder.encode(model, StandardCharsets.UTF_8));
    }

    Map<String, String> handshakeHeaders() {
        Map<String, String> h = new LinkedHashMap<>(extraHeaders);
        credentials.apply(h);
        return h;
    }

    String authFailureMessage(int status) {
        return credentials.failureMessage(status, endpoint);
    }

    String model() {
        return model;
    }

    URI endpoint() {
        return endpoint;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    Duration pingInterval() {
        return pingInterval;
    }

    Duration expiryWarning() {
        return expiryWarning;
    }

    ReconnectPolicy reconnectPolicy() {
        return reconnectPolicy;
    }

    Executor toolExecutor() {
        return toolExecutor;
    }

    HttpClient http() {
        return http;
    }

    Executor eventPool() {
        return eventPool;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    static RealtimeException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RealtimeException re) {
            return re;
        }
        return new RealtimeException("Realtime request failed: " + t.getMessage(), t);
    }

    /**
     * Shows the endpoint, model and kind of credential, never the credential itself.
     *
     * @return a description without secrets
     */
    @Override
    public String toString() {
        return "RealtimeClient{endpoint=" + endpoint + ", model=" + model + ", auth=" + credentials + "}";
    }

    /** How the handshake authenticates. {@code toString()} never reveals the secret. */
    private abstract static class Credentials {
        abstract void apply(Map<String, String> headers);

        abstract String failureMessage(int status, URI endpoint);
    }

    private static final class OpenAiKey extends Credentials {
        private final String key;

        OpenAiKey(String key) {
            this.key = key;
        }

        @Override
        void apply(Map<String, String> headers) {
            headers.put("Authorization", "Bearer " + key);
        }

        @Override
        String failureMessage(int status, URI endpoint) {
            return "OpenAI rejected the API key (check OPENAI_API_KEY): HTTP " + status + " from "
                    + endpoint.getHost();
        }

        @Override
        public String toString() {
            return "bearer API key (hidden)";
        }
    }

    private static final class TokenSupplier extends Credentials {
        private final Supplier<String> tokens;

        TokenSupplier(Supplier<String> tokens) {
            this.tokens = tokens;
        }

        @Override
        void apply(Map<String, String> headers) {
            String token = tokens.get();
            if (token == null || token.isBlank()) {
                throw new RealtimeException("The bearer token supplier returned no token: check the Entra ID"
                        + " (or other) credential that provides it");
            }
            headers.put("Authorization", "Bearer " + token);
        }

        @Override
        String failureMessage(int status, URI endpoint) {
            return "The Realtime server at " + endpoint.getHost() + " rejected the bearer token (HTTP " + status
                    + "): check that the token is current and grants access to this resource";
        }

        @Override
        public String toString() {
            return "bearer token supplier";
        }
    }

    private static final class AzureKey extends Credentials {
        private final String key;

        AzureKey(String key) {
            this.key = key;
        }

        @Override
        void apply(Map<String, String> headers) {
            headers.put("api-key", key);
        }

        @Override
        String failureMessage(int status, URI endpoint) {
            return "Azure OpenAI rejected the api-key (HTTP " + status + " from " + endpoint.getHost()
                    + "): check the key of this Azure OpenAI resource (AZURE_OPENAI_API_KEY)";
        }

        @Override
        public String toString() {
            return "azure api-key (hidden)";
        }
    }

    private static final class NoCredentials extends Credentials {
        @Override
        void apply(Map<String, String> headers) {
        }

        @Override
        String failureMessage(int status, URI endpoint) {
            return "The Realtime server at " + endpoint.getHost() + " requires credentials (HTTP " + status
                    + "): configure apiKey(...), azureApiKey(...) or bearerToken(...)";
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /** Builds a {@link RealtimeClient}. Not thread-safe. */
    public static final class Builder {
        private URI endpoint = URI.create(OPENAI_ENDPOINT);
        private String model = "gpt-realtime";
        private Credentials credentials = new NoCredentials();
        private final Map<String, String> extraHeaders = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration pingInterval = Duration.ofSeconds(30);
        private SSLContext sslContext;
        private Duration expiryWarning = Duration.ofMinutes(2);
        private ReconnectPolicy reconnectPolicy = ReconnectPolicy.defaults();
        private Executor toolExecutor;

        private Builder() {
        }

        /**
         * An OpenAI API key, sent as {@code Authorization: Bearer}.
         *
         * @param key the key (never logged)
         * @return this builder
         */
        public Builder apiKey(String key) {
            this.credentials = new OpenAiKey(requireSecret(key, "API key", "set OPENAI_API_KEY"));
            return this;
        }

        /**
         * An Azure OpenAI key, sent as the {@code api-key} header.
         *
         * @param key the key (never logged)
         * @return this builder
         */
        public Builder azureApiKey(String key) {
            this.credentials = new AzureKey(requireSecret(key, "Azure api-key", "set AZURE_OPENAI_API_KEY"));
            return this;
        }

        /**
         * A source of bearer tokens (for example Microsoft Entra ID access tokens), asked at every connect and
         * reconnect.
         *
         * @param tokens supplies a current token
         * @return this builder
         */
        public Builder bearerToken(Supplier<String> tokens) {
            this.credentials = new TokenSupplier(Objects.requireNonNull(tokens, "tokens"));
            return this;
        }

        /**
         * The WebSocket endpoint without the {@code model} parameter, e.g. {@code wss://api.openai.com/v1/realtime},
         * a proxy, or {@code ws://127.0.0.1:8089/v1/realtime} for a local fake.
         *
         * @param url a {@code ws://} or {@code wss://} URL
         * @return this builder
         */
        public Builder endpoint(String url) {
            Objects.requireNonNull(url, "url");
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Realtime endpoint '" + url + "' is not a valid URL: "
                        + e.getReason(), e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new IllegalArgumentException("Realtime endpoint '" + url
                        + "' must start with wss:// (or ws:// for a local server)");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("Realtime endpoint '" + url + "' has no host");
            }
            if (uri.getRawQuery() != null && uri.getRawQuery().contains("model=")) {
                throw new IllegalArgumentException("Realtime endpoint '" + url
                        + "' already has a model parameter: give the model with model(...) instead");
            }
            this.endpoint = uri;
            return this;
        }

        /**
         * An Azure OpenAI resource: the endpoint becomes
         * {@code wss://<resource>.openai.azure.com/openai/v1/realtime}, and {@link #model(String)} names the
         * deployment.
         *
         * @param resourceName the resource name (the first label of its host name)
         * @return this builder
         */
        public Builder azureResource(String resourceName) {
            Objects.requireNonNull(resourceName, "resourceName");
            if (!resourceName.matches("[A-Za-z0-9-]{2,64}")) {
                throw new IllegalArgumentException("Azure resource name '" + resourceName
                        + "' is invalid: give the name only, e.g. my-resource, not a URL");
            }
            return endpoint("wss://" + resourceName + ".openai.azure.com/openai/v1/realtime");
        }

        /**
         * The model (for Azure: the deployment name), sent as the {@code model} query parameter.
         *
         * @param value e.g. {@code gpt-realtime}
         * @return this builder
         */
        public Builder model(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("model must not be empty");
            }
            this.model = value;
            return this;
        }

        /**
         * An extra handshake header (for a proxy, say). {@code OpenAI-Beta} is refused: the beta protocol is
         * retired.
         *
         * @param name the header name
         * @param value the header value (never logged)
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.equalsIgnoreCase("OpenAI-Beta")) {
                throw new IllegalArgumentException("The OpenAI-Beta header selects the beta Realtime protocol,"
                        + " which OpenAI retired on 2026-05-07; this client speaks the GA protocol only");
            }
            extraHeaders.put(name, value);
            return this;
        }

        /**
         * How long connecting may take, until {@code session.created} arrives.
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for the server to confirm a request such as {@code session.update}.
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive(value, "requestTimeout");
            return this;
        }

        /**
         * Interval of WebSocket keepalive pings; a connection from which nothing (no pong, no message) has
         * arrived for one and a half intervals is treated as lost (close 1006, which reconnects).
         * {@link Duration#ZERO} disables pings.
         *
         * @param value the interval (default 30 s)
         * @return this builder
         */
        public Builder pingInterval(Duration value) {
            Objects.requireNonNull(value, "pingInterval");
            if (value.isNegative()) {
                throw new IllegalArgumentException("pingInterval must not be negative");
            }
            this.pingInterval = value;
            return this;
        }

        /**
         * How long before {@code expires_at} to call {@link RealtimeListener#onSessionExpiring}.
         *
         * @param value the lead time
         * @return this builder
         */
        public Builder expiryWarning(Duration value) {
            Objects.requireNonNull(value, "expiryWarning");
            if (value.isNegative()) {
                throw new IllegalArgumentException("expiryWarning must not be negative");
            }
            this.expiryWarning = value;
            return this;
        }

        /**
         * Reconnect behaviour after recoverable closes.
         *
         * @param value the policy ({@link ReconnectPolicy#disabled()} to never reconnect)
         * @return this builder
         */
        public Builder reconnectPolicy(ReconnectPolicy value) {
            this.reconnectPolicy = Objects.requireNonNull(value, "reconnectPolicy");
            return this;
        }

        /**
         * The executor that runs tool handlers (default: a cached pool of daemon threads owned by the client).
         *
         * @param value the executor
         * @return this builder
         */
        public Builder toolExecutor(Executor value) {
            this.toolExecutor = Objects.requireNonNull(value, "toolExecutor");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         */
        public RealtimeClient build() {
            return new RealtimeClient(this);
        }

        /**
         * The TLS context for {@code wss://} endpoints, for a private CA (a corporate TLS-inspecting proxy, an
         * internal gateway). By default the JVM's trust store is used. Host names are always verified.
         *
         * @param context the context, initialised with the trust material to use
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        private static String requireSecret(String v, String what, String hint) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("The " + what + " is empty: " + hint);
            }
            if (!v.equals(v.strip())) {
                throw new IllegalArgumentException("The " + what + " has leading or trailing whitespace: " + hint
                        + " without spaces or newlines");
            }
            return v;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
