package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.arivoice.testsupport.Timeouts;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;

/**
 * A message left in a connection's queue without a write request, the state in which Java-WebSocket's lost
 * write leaves it, is delivered by the flusher and not otherwise.
 */
class StrandedWriteFlusherTest {

    /** A bare server; {@code flush} says whether it runs a flusher. */
    private static final class Server extends WebSocketServer {
        final CompletableFuture<WebSocketImpl> opened = new CompletableFuture<>();
        final CountDownLatch started = new CountDownLatch(1);

        Server() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
            setDaemon(true);
        }

        @Override
        public void onOpen(org.java_websocket.WebSocket conn, ClientHandshake handshake) {
            opened.complete((WebSocketImpl) conn);
        }

        @Override
        public void onClose(org.java_websocket.WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(org.java_websocket.WebSocket conn, String message) {
        }

        @Override
        public void onError(org.java_websocket.WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    private static String strandAndReceive(boolean flush) throws Exception {
        Server server = new Server();
        server.start();
        assertThat(server.started.await(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isTrue();
        StrandedWriteFlusher flusher = flush ? new StrandedWriteFlusher(server, "test-flusher") : null;
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.getPort() + "/"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        received.add(data.toString());
                        ws.request(1);
                        return null;
                    }
                }).get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        try {
            WebSocketImpl conn = server.opened.get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
            // Let the selector finish the handshake's write and go back to reads only.
            Thread.sleep(200);
            for (Framedata frame : conn.getDraft().createFrames("stranded", false)) {
                ByteBuffer bytes = conn.getDraft().createBinaryFrame(frame);
                conn.outQueue.put(bytes); // queued, but no write requested: what the lost write leaves behind
            }
            return received.poll(flush ? Timeouts.ms(5, TimeUnit.SECONDS) : 500, TimeUnit.MILLISECONDS);
        } finally {
            client.abort();
            if (flusher != null) {
                flusher.close();
            }
            server.stop(1000);
        }
    }

    @Test
    void aMessageLeftInTheQueueIsDeliveredByTheFlusher() throws Exception {
        assertThat(strandAndReceive(true)).isEqualTo("stranded");
    }

    @Test
    void withoutTheFlusherTheSameMessageStaysQueued() throws Exception {
        // The library's own behaviour, which the flusher exists for (a newer release that fixed it would
        // deliver it here, and the flusher could go).
        assertThat(strandAndReceive(false)).isNull();
    }
}
