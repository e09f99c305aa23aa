package org.arivoice.ari;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * A real HTTP server on loopback that records every request and answers with a programmable response.
 * Asterisk's ARI is plain HTTP/1.1, so the JDK server is a faithful stand-in for the REST half.
 */
final class AriTestServer implements AutoCloseable {
    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK
        // and every exchange takes about 40 ms; Asterisk answers in well under a millisecond.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One received request. */
    record Received(String method, String path, String rawQuery, Map<String, String> query,
            Map<String, List<String>> headers, byte[] body, int remotePort) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A response to send. */
    record Reply(int status, String body, Map<String, String> headers, byte[] raw) {
        static Reply json(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"), null);
        }

        static Reply noContent() {
            return new Reply(204, null, Map.of(), null);
        }

        static Reply bytes(byte[] raw, String contentType) {
            return new Reply(200, null, Map.of("Content-Type", contentType), raw);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> responder = r -> Reply.noContent();
    private volatile RawHandler raw;

    /** Handles an exchange directly, for misbehaving-server tests. */
    @FunctionalInterface
    interface RawHandler {
        void handle(HttpExchange exchange) throws IOException;
    }

    AriTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    void respond(Function<Received, Reply> newResponder) {
        this.raw = null;
        this.responder = newResponder;
    }

    void respondRaw(RawHandler handler) {
        this.raw = handler;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> received() {
        return Collections.unmodifiableList(new ArrayList<>(received));
    }

    void clear() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    rawQuery, parseQuery(rawQuery), Map.copyOf(exchange.getRequestHeaders()), body,
                    exchange.getRemoteAddress().getPort());
            received.add(r);
            RawHandler rawHandler = raw;
            if (rawHandler != null) {
                rawHandler.handle(exchange);
                return;
            }
            Reply reply;
            try {
                reply = responder.apply(r);
            } catch (RuntimeException | AssertionError e) {
                reply = Reply.json(599, "{\"message\":\"test server: " + e.getMessage().replace('"', '\'') + "\"}");
            }
            if (reply == null) {
                return; // drop: the exchange closes without a response
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.raw() != null ? reply.raw()
                    : reply.body() == null ? null : reply.body().getBytes(StandardCharsets.UTF_8);
            if (out == null || reply.status() == 204) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    /** Percent-decodes a query without turning '+' into a space (Asterisk's own decoding keeps it). */
    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> map = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return map;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            map.put(decode(name), decode(value));
        }
        return map;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
