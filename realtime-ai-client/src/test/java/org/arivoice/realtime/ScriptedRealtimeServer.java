package org.arivoice.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.arivoice.testsupport.StrandedWriteFlusher;
import org.arivoice.testsupport.Timeouts;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A loopback WebSocket server whose side of the conversation each test scripts: it answers the handshake,
 * sends {@code session.created}, answers {@code session.update} with {@code session.updated} (unless told
 * otherwise), and records every message and handshake for assertions.
 */
final class ScriptedRealtimeServer extends WebSocketServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final List<JsonNode> everything = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> handshakes = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final List<String> receivingThreads = new CopyOnWriteArrayList<>();
    volatile boolean autoSessionUpdated = true;
    volatile boolean sendSessionCreated = true;
    /** False makes the server a silent peer: it reads pings and never answers them (a dead NAT path). */
    volatile boolean answerPings = true;
    final AtomicInteger pingsReceived = new AtomicInteger();
    volatile long expiresAtEpochSeconds = System.currentTimeMillis() / 1000 + 3600;
    volatile BiConsumer<WebSocket, JsonNode> onMessage = (c, m) -> { };
    volatile WebSocket current;
    private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

    /** Java-WebSocket's server can leave a message unsent (see StrandedWriteFlusher): it stalled a session.update. */
    private final StrandedWriteFlusher flusher = new StrandedWriteFlusher(this, "scripted-realtime-flusher");

    ScriptedRealtimeServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    static ScriptedRealtimeServer startNew() throws InterruptedException {
        ScriptedRealtimeServer s = new ScriptedRealtimeServer();
        s.startAndWait();
        return s;
    }

    /** Starts (after any socket factory was set) and waits until the port is bound. */
    void startAndWait() throws InterruptedException {
        start();
        if (!started.await(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS) || getPort() <= 0) {
            throw new IllegalStateException("the scripted Realtime server did not start");
        }
    }

    String endpoint() {
        return "ws://127.0.0.1:" + getPort() + "/v1/realtime";
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata ping) {
        pingsReceived.incrementAndGet();
        if (answerPings) {
            super.onWebsocketPing(conn, ping);
        }
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        handshake.iterateHttpFields().forEachRemaining(k -> headers.put(k, handshake.getFieldValue(k)));
        handshakes.add(headers);
        paths.add(handshake.getResourceDescriptor());
        int n = connections.incrementAndGet();
        current = conn;
        if (!sendSessionCreated) {
            return;
        }
        ObjectNode created = JSON.createObjectNode();
        created.put("type", "session.created");
        created.put("event_id", "event_created_" + n);
        ObjectNode session = created.putObject("session");
        session.put("type", "realtime");
        session.put("object", "realtime.session");
        session.put("id", "sess_" + n);
        session.put("model", "gpt-realtime");
        session.put("expires_at", expiresAtEpochSeconds);
        conn.send(created.toString());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (Exception e) {
            throw new IllegalStateException("client sent invalid JSON: " + message, e);
        }
        received.add(node);
        everything.add(node);
        if (autoSessionUpdated && "session.update".equals(node.path("type").asText())) {
            ObjectNode updated = JSON.createObjectNode();
            updated.put("type", "session.updated");
            updated.put("event_id", "event_updated");
            updated.set("session", node.get("session"));
            conn.send(updated.toString());
        }
        onMessage.accept(conn, node);
    }

    /** Sends an event to the current client connection. */
    void emit(String json) {
        current.send(json);
    }

    /** Takes the next received message of the given type, skipping others (appends included). */
    JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode n = received.poll(Timeouts.ms(100, TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS);
            if (n != null && type.equals(n.path("type").asText())) {
                return n;
            }
        }
        throw new AssertionError("the client sent no " + type + " within 10 s");
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        flusher.close();
        stop(1000);
    }
}
