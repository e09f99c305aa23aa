package org.arivoice.voicebot.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's HTTP endpoint for monitoring, on the JDK's built-in HTTP server with two daemon threads:
 * <ul>
 *   <li>{@code GET /metrics}: the metrics in the Prometheus text format ({@value #PROMETHEUS_CONTENT_TYPE});</li>
 *   <li>{@code GET /health}: {@code 200} with
 *       {@code {"status":"UP","ari":"connected","lastRealtimeSuccess":"2026-01-01T10:00:00Z"}} while the ARI
 *       event WebSocket is connected, else {@code 503} with {@code "status":"DOWN"} and
 *       {@code "ari":"disconnected"}; {@code lastRealtimeSuccess} is {@code null} until a Realtime session has
 *       been ready. Only ARI decides the status: the Realtime API is reached per call, so its failures show in
 *       {@code arivoice_realtime_errors_total}, not as a DOWN bot.</li>
 * </ul>
 * {@code HEAD} is answered like {@code GET} without a body; other methods get {@code 405}, other paths
 * {@code 404}. Errors are answered with a short sentence, never a stack trace.
 */
public final class MetricsServer implements AutoCloseable {

    /** The content type of {@code /metrics}: the Prometheus text exposition format 0.0.4. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final int THREADS = 2;

    private final HttpServer server;
    private final ExecutorService executor;
    private final MicrometerBotMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MetricsServer(HttpServer server, ExecutorService executor, MicrometerBotMetrics metrics) {
        this.server = server;
        this.executor = executor;
        this.metrics = metrics;
    }

    /**
     * Starts serving {@code /metrics} and {@code /health} on every interface.
     *
     * @param port the TCP port, or 0 for a free ephemeral port (tests); see {@link #port()}
     * @param metrics the metrics to serve
     * @return the running server; close it to stop
     * @throws IllegalArgumentException when the port is outside 0..65535
     * @throws UncheckedIOException when the port cannot be bound (in use, or below 1024 without privileges)
     */
    public static MetricsServer start(int port, MicrometerBotMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The metrics port must be between 0 and 65535 (0 picks a free port),"
                    + " was " + port + ". Set observability.metrics-port to a free port such as 9090.");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve metrics on port " + port + ": " + e.getMessage()
                    + ". Free the port or set observability.metrics-port to another one (0 disables metrics).", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        MetricsServer metricsServer = new MetricsServer(server, executor, metrics);
        server.createContext("/", metricsServer::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("Serving /metrics and /health on port {}", metricsServer.port());
        return metricsServer;
    }

    /**
     * The port the server listens on (the chosen one when started with port 0).
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving at once (a scrape in progress is cut short: nothing is lost). Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdown();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            boolean known = "/metrics".equals(path) || "/health".equals(path);
            if (!known) {
                respond(exchange, 404, TEXT, "Not found: this server serves /metrics and /health.\n");
                return;
            }
            boolean head = "HEAD".equals(method);
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, TEXT, "Only GET and HEAD are allowed on " + path + ": use GET.\n");
                return;
            }
            if ("/metrics".equals(path)) {
                send(exchange, 200, PROMETHEUS_CONTENT_TYPE, metrics.scrape(), head);
            } else {
                boolean up = metrics.ariConnected();
                send(exchange, up ? 200 : 503, "application/json", health(up), head);
            }
        } catch (IOException | RuntimeException e) {
            // The client sees a sentence at most; the details go to the log only.
            LOG.warn("Answering a metrics request failed", e);
            try {
                respond(exchange, 500, TEXT, "Internal error while answering; see the bot's log.\n");
            } catch (IOException | RuntimeException ignored) {
                // The headers were sent already or the client went away: nothing more to tell it.
            }
        } finally {
            exchange.close();
        }
    }

    private String health(boolean up) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", up ? "UP" : "DOWN");
        body.put("ari", up ? "connected" : "disconnected");
        Instant last = metrics.lastRealtimeSuccess().orElse(null);
        if (last == null) {
            body.putNull("lastRealtimeSuccess");
        } else {
            body.put("lastRealtimeSuccess", last.toString());
        }
        return JSON.writeValueAsString(body);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        send(exchange, status, contentType, body, "HEAD".equals(exchange.getRequestMethod()));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body, boolean head)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (head) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "arivoice-metrics-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
