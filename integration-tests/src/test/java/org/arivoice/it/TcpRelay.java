package org.arivoice.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback TCP relay in front of the target's HTTP port, so a test can cut a client's connection to a real
 * Asterisk the way a network failure would: {@link #cutAll()} closes every relayed connection at once, and new
 * connections are relayed as before.
 */
final class TcpRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpRelay.class);

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-relay");
        t.setDaemon(true);
        return t;
    });

    private TcpRelay(ServerSocket server, String upstreamHost, int upstreamPort) {
        this.server = server;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        threads.execute(this::acceptLoop);
    }

    /**
     * Starts relaying a free loopback port to the host and port of an {@code http://} base URL.
     *
     * @param baseUrl e.g. {@code http://127.0.0.1:8088}
     * @return the running relay
     * @throws IOException if no port can be opened
     */
    static TcpRelay to(String baseUrl) throws IOException {
        URI uri = URI.create(baseUrl);
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("the relay forwards plain TCP; " + uri.getScheme()
                    + " URLs (TLS) would need the relay to terminate TLS");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TcpRelay(server, uri.getHost(), port);
    }

    /**
     * The URL clients use instead of the upstream one.
     *
     * @return {@code http://127.0.0.1:<relay port>}
     */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /**
     * How many connections the relay has accepted so far.
     *
     * @return the count
     */
    int accepted() {
        return accepted.get();
    }

    /** Closes every relayed connection, both sides, without any WebSocket close handshake. */
    void cutAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                threads.execute(() -> relay(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("relay accept failed: {}", e.toString());
                }
            }
        }
    }

    private void relay(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5_000);
        } catch (IOException e) {
            LOG.warn("relay could not reach {}:{}: {}", upstreamHost, upstreamPort, e.toString());
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        threads.execute(() -> pump(upstream, client));
        pump(client, upstream);
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException closed) {
            // cut by cutAll() or closed by a peer: both ends go
        } catch (IOException e) {
            LOG.debug("relay connection ended: {}", e.toString());
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    /** Stops accepting, cuts every connection and stops the relay's threads. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the listening socket is gone either way
        }
        cutAll();
        threads.shutdownNow();
    }
}
