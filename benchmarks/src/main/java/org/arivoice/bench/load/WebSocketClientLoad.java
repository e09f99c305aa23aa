package org.arivoice.bench.load;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.TextFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;

/**
 * What a WebSocket client costs for the Realtime traffic of many calls: N connections, each sending one
 * 460-byte text message (a 20 ms µ-law {@code input_audio_buffer.append}) every 20 ms to a local server,
 * through either Java-WebSocket's client or the JDK's {@code java.net.http.WebSocket} (what
 * {@code realtime-ai-client} uses). Reports the client side's CPU per message and its threads; the server is
 * Java-WebSocket's and is not counted. This is the measurement behind realtime-ai-client's choice of
 * transport (its README, "Transport").
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.arivoice.bench.load.WebSocketClientLoad jdk 200 10 [tls]
 * }</pre>
 * Arguments: {@code jws} or {@code jdk}, connections, measured seconds, and {@code tls} for {@code wss://}
 * (a self-signed certificate made with the JDK's {@code keytool} in a temporary folder).
 */
public final class WebSocketClientLoad {
    private static final int MESSAGE_BYTES = 460;
    private static final char[] PASSWORD = "changeit".toCharArray();

    private WebSocketClientLoad() {
    }

    /**
     * Runs the comparison and prints the result.
     *
     * @param args {@code jws|jdk connections seconds [tls]}
     * @throws Exception if the set-up fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !(args[0].equals("jws") || args[0].equals("jdk"))) {
            System.err.println("usage: WebSocketClientLoad jws|jdk CONNECTIONS SECONDS [tls]");
            System.exit(2);
        }
        String client = args[0];
        int connections = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        boolean tls = args.length > 3 && args[3].equals("tls");
        AtomicLong received = new AtomicLong();
        WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
                received.incrementAndGet();
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
            }

            @Override
            public void onStart() {
            }
        };
        server.setReuseAddr(true);
        SSLContext clientContext = null;
        if (tls) {
            KeyStore ks = selfSigned();
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext serverContext = SSLContext.getInstance("TLSv1.3");
            serverContext.init(kmf.getKeyManagers(), null, null);
            server.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(serverContext));
            clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, tmf.getTrustManagers(), null);
        }
        server.start();
        while (server.getPort() <= 0) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        URI uri = URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + server.getPort() + "/");
        byte[] payload = new byte[MESSAGE_BYTES];
        Arrays.fill(payload, (byte) 'A');
        String message = new String(payload, StandardCharsets.US_ASCII);
        List<Runnable> senders = client.equals("jws")
                ? javaWebSocketClients(uri, connections, payload, clientContext)
                : jdkClients(uri, connections, message, clientContext);

        ScheduledExecutorService tick = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sender"));
        tick.scheduleAtFixedRate(() -> senders.forEach(Runnable::run), 20, 20, TimeUnit.MILLISECONDS);
        TimeUnit.SECONDS.sleep(5); // warm-up
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> before = cpuByGroup(threads);
        long r0 = received.get();
        TimeUnit.SECONDS.sleep(seconds);
        Map<String, Long> after = cpuByGroup(threads);
        long messages = received.get() - r0;

        long clientNanos = 0;
        Map<String, Long> diff = new TreeMap<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            diff.put(e.getKey(), d);
            if (!isServer(e.getKey())) {
                clientNanos += d;
            }
        }
        System.out.printf(Locale.ROOT, "%s client, %s, %d connections: %.0f messages/s, %d live threads%n",
                client.equals("jws") ? "Java-WebSocket" : "JDK java.net.http", tls ? "wss" : "ws", connections,
                messages / (double) seconds, Thread.activeCount());
        diff.forEach((group, nanos) -> {
            double cores = nanos / 1e9 / seconds;
            if (cores > 0.002) {
                System.out.printf(Locale.ROOT, "  %-32s %-7s %.3f cores%n", group,
                        isServer(group) ? "server" : "client", cores);
            }
        });
        System.out.printf(Locale.ROOT, "client side: %.3f cores, %.1f µs per message%n", clientNanos / 1e9 / seconds,
                clientNanos / 1e3 / Math.max(1, messages));
        tick.shutdownNow();
        server.stop(1000);
        System.exit(0);
    }

    private static List<Runnable> javaWebSocketClients(URI uri, int n, byte[] payload, SSLContext tls)
            throws InterruptedException {
        List<Runnable> senders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WebSocketClient c = new WebSocketClient(uri) {
                @Override
                public void onOpen(ServerHandshake handshake) {
                }

                @Override
                public void onMessage(String message) {
                }

                @Override
                public void onClose(int code, String reason, boolean remote) {
                }

                @Override
                public void onError(Exception ex) {
                }
            };
            if (tls != null) {
                c.setSocketFactory(tls.getSocketFactory());
            }
            c.connectBlocking();
            // As realtime-ai-client sent appends before: a text frame over the encoder's bytes, no String.
            senders.add(() -> {
                TextFrame f = new TextFrame();
                f.setPayload(ByteBuffer.wrap(payload));
                f.setFin(true);
                c.sendFrame(f);
            });
        }
        return senders;
    }

    private static List<Runnable> jdkClients(URI uri, int n, String message, SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder();
        if (tls != null) {
            b.sslContext(tls);
        }
        HttpClient http = b.build();
        List<Runnable> senders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            java.net.http.WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(uri, new java.net.http.WebSocket.Listener() { }).join();
            AtomicReference<CompletableFuture<?>> last =
                    new AtomicReference<>(CompletableFuture.completedFuture(null));
            senders.add(() -> {
                if (last.get().isDone()) { // one outstanding send per socket, as the JDK requires
                    last.set(ws.sendText(message, true));
                }
            });
        }
        return senders;
    }

    private static boolean isServer(String group) {
        return group.startsWith("WebSocketWorker-") || group.startsWith("WebSocketSelector-") || group.equals("main");
    }

    private static Map<String, Long> cpuByGroup(ThreadMXBean threads) {
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                cpu.merge(info.getThreadName().replaceAll("[0-9]+", "#"), threads.getThreadCpuTime(info.getThreadId()),
                        Long::sum);
            }
        }
        return cpu;
    }

    private static KeyStore selfSigned() throws Exception {
        Path dir = Files.createTempDirectory("ws-load");
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        Files.delete(store);
        Files.delete(dir);
        return ks;
    }
}
