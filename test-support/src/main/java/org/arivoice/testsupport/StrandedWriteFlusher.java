package org.arivoice.testsupport;

import java.nio.channels.SelectionKey;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the messages that Java-WebSocket's server can leave unsent.
 *
 * <p>Java-WebSocket 1.6.0's {@link WebSocketServer} writes from its selector thread. A message sent from
 * another thread is queued and the connection's key is set to watch for writability
 * ({@code onWriteDemand}); but when the selector thread has just written the queue empty, it then sets the
 * key back to reads only ({@code doWrite}), and if a send lands between the two, its request is overwritten:
 * the message waits in the connection's queue until the next send on that connection. On a quiet connection
 * that can be forever: a {@code session.updated} held back for 10 s on a loaded machine was seen. This asks
 * again, every 10 ms, for every connection whose queue is not empty; on a connection that is writing anyway
 * it changes nothing.
 *
 * <p>The test servers' copy of realtime-ai-testkit's {@code StrandedWriteFlusher} (tested there), which the
 * modules below that testkit cannot use. Start one with the server and close it with the server.
 */
public final class StrandedWriteFlusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StrandedWriteFlusher.class);
    private static final long PERIOD_MS = 10;

    private final WebSocketServer server;
    private final ScheduledExecutorService timer;

    /**
     * Starts flushing {@code server}'s connections.
     *
     * @param server the server whose connections are watched
     * @param threadName the name of the flusher's daemon thread
     */
    public StrandedWriteFlusher(WebSocketServer server, String threadName) {
        this.server = server;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            for (WebSocket c : server.getConnections()) {
                if (c instanceof WebSocketImpl impl && !impl.outQueue.isEmpty()) {
                    SelectionKey key = impl.getSelectionKey();
                    if (key != null && key.isValid()) {
                        server.onWriteDemand(impl);
                    }
                }
            }
        } catch (RuntimeException e) { // a connection closing under us; the next sweep sees the new state
            LOG.debug("Flushing queued WebSocket messages failed once: {}", e.toString());
        }
    }

    /** Stops flushing. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
