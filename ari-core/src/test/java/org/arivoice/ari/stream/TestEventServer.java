package org.arivoice.ari.stream;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.arivoice.testsupport.StrandedWriteFlusher;
import org.arivoice.testsupport.Timeouts;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** A real WebSocket server on loopback standing in for Asterisk's {@code /ari/events}. */
final class TestEventServer extends WebSocketServer {
    final BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> resources = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    /** Java-WebSocket's server can leave a message unsent (see StrandedWriteFlusher). */
    private final StrandedWriteFlusher flusher = new StrandedWriteFlusher(this, "test-event-server-flusher");

    TestEventServer(int port) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        setReuseAddr(true);
    }

    static TestEventServer startOnFreePort() throws InterruptedException {
        return startOn(0);
    }

    static TestEventServer startOn(int port) throws InterruptedException {
        TestEventServer s = new TestEventServer(port);
        s.startAndWait();
        return s;
    }

    /** Starts the server and waits until it listens. */
    void startAndWait() throws InterruptedException {
        start();
        if (!started.await(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("test WebSocket server did not start");
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + getPort();
    }

    /** Waits for the next client connection. */
    WebSocket nextConnection() throws InterruptedException {
        WebSocket ws = opened.poll(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        if (ws == null) {
            throw new AssertionError("the event stream did not connect within 10 s");
        }
        return ws;
    }

    void shutdown() {
        flusher.close();
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        authorizations.add(handshake.hasFieldValue("Authorization") ? handshake.getFieldValue("Authorization") : "");
        resources.add(handshake.getResourceDescriptor());
        opened.add(conn);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
