package org.arivoice.realtime.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;

/**
 * A socket channel that can answer a refused WebSocket handshake with a real HTTP status.
 *
 * <p>Java-WebSocket 1.6.0 answers every handshake refused by
 * {@code onWebsocketHandshakeReceivedAsServer} with {@code HTTP/1.1 404 WebSocket Upgrade Failure}, whatever
 * the code of the {@code InvalidDataException}. OpenAI answers a missing or wrong key with {@code 401} and a
 * JSON body, and clients rely on that status to say "check your API key". So the server marks the channel
 * with the response it wants before refusing, and this channel writes that response in place of the
 * library's 404.
 */
final class RejectableChannel implements ByteChannel {
    private static final byte[] LIBRARY_REFUSAL = "HTTP/1.1 404 WebSocket Upgrade Failure".getBytes(StandardCharsets.US_ASCII);
    private static final long WRITE_TIMEOUT_NANOS = 2_000_000_000L;

    private final SocketChannel delegate;
    private volatile byte[] replacement;

    RejectableChannel(SocketChannel delegate) {
        this.delegate = delegate;
    }

    /** Sets the full HTTP response to send instead of the library's refusal. */
    void replaceRefusalWith(byte[] httpResponse) {
        this.replacement = httpResponse;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        byte[] response = replacement;
        if (response != null && startsWithRefusal(src)) {
            replacement = null;
            int consumed = src.remaining();
            ByteBuffer out = ByteBuffer.wrap(response);
            long deadline = System.nanoTime() + WRITE_TIMEOUT_NANOS;
            // A few hundred bytes on a fresh socket go out at once; the loop only guards a full send buffer.
            while (out.hasRemaining() && System.nanoTime() < deadline) {
                if (delegate.write(out) == 0) {
                    Thread.onSpinWait();
                }
            }
            src.position(src.limit());
            // The library never closes a connection whose handshake it refused; a half-close lets the
            // client read the response to its end.
            delegate.shutdownOutput();
            return consumed;
        }
        return delegate.write(src);
    }

    private static boolean startsWithRefusal(ByteBuffer src) {
        if (src.remaining() < LIBRARY_REFUSAL.length) {
            return false;
        }
        for (int i = 0; i < LIBRARY_REFUSAL.length; i++) {
            if (src.get(src.position() + i) != LIBRARY_REFUSAL[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /** The factory that gives every accepted connection a {@link RejectableChannel}. */
    static final class Factory implements WebSocketServerFactory {
        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
            return new WebSocketImpl(adapter, draft);
        }

        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
            return new WebSocketImpl(adapter, drafts);
        }

        @Override
        public ByteChannel wrapChannel(SocketChannel channel, java.nio.channels.SelectionKey key) {
            return new RejectableChannel(channel);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
