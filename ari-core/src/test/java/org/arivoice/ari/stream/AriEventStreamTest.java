package org.arivoice.ari.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.event.AriEvent;
import org.arivoice.ari.event.ChannelVarset;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.testsupport.Timeouts;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AriEventStreamTest {
    private static final Duration WAIT = Timeouts.seconds(10);
    private static final ReconnectPolicy FAST =
            new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 2.0, 0.5);

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(cleanup);
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private TestEventServer server() throws InterruptedException {
        TestEventServer s = TestEventServer.startOnFreePort();
        cleanup.add(s::shutdown);
        return s;
    }

    private AriEventStream.Builder builder(String baseUrl) {
        return AriEventStream.builder().baseUrl(baseUrl).credentials(Credentials.basic("voicebot", "s3cret!"))
                .applications("voicebot").reconnectPolicy(FAST);
    }

    private AriEventStream track(AriEventStream stream) {
        cleanup.add(stream);
        return stream;
    }

    @Test
    void sendsBasicAuthAndOneUrlForSeveralApps() throws Exception {
        TestEventServer server = server();
        AriEventStream stream = track(builder(server.baseUrl() + "/ari/").applications("voicebot", "monitor")
                .subscribeAll(true).build());
        stream.awaitConnected(WAIT);
        server.nextConnection();
        assertThat(server.resources).containsExactly("/ari/events?app=voicebot,monitor&subscribeAll=true");
        assertThat(server.authorizations).containsExactly("Basic "
                + Base64.getEncoder().encodeToString("voicebot:s3cret!".getBytes(StandardCharsets.UTF_8)));
        assertThat(stream.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(stream.toString()).contains("voicebot").doesNotContain("s3cret");
        assertThat(stream.url()).isEqualTo("ws://127.0.0.1:" + server.getPort()
                + "/ari/events?app=voicebot,monitor&subscribeAll=true");
    }

    @Test
    void apiKeyTravelsInTheQueryButNotInUrlOrToString() throws Exception {
        TestEventServer server = server();
        AriEventStream stream = track(builder(server.baseUrl() + "/ari")
                .credentials(Credentials.apiKey("voicebot", "s3cret!")).build());
        stream.awaitConnected(WAIT);
        server.nextConnection(); // the server's own open callback may run just after the client's
        assertThat(server.resources).containsExactly(
                "/ari/events?app=voicebot&subscribeAll=false&api_key=voicebot:s3cret!");
        assertThat(server.authorizations).containsExactly("");
        assertThat(stream.url() + stream).doesNotContain("s3cret");
    }

    @Test
    void urlWithAnOperationPathIsRejectedWithAnExplanation() {
        assertThatThrownBy(() -> builder("http://127.0.0.1:8088/ari/asterisk").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/ari/asterisk");
        assertThatThrownBy(() -> AriEventStream.builder().baseUrl("http://127.0.0.1:8088")
                .credentials(Credentials.basic("u", "p")).build())
                .hasMessageContaining("application");
    }

    @Test
    void unauthorizedHandshakeEndsInAuthFailedWithoutRetrying() throws Exception {
        try (Unauthorized server = new Unauthorized()) {
            List<ConnectionState> states = new CopyOnWriteArrayList<>();
            AriEventStream stream = track(builder("http://127.0.0.1:" + server.port())
                    .stateListener((prev, cur, why) -> states.add(cur)).build());
            assertThatThrownBy(() -> stream.connect().join())
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("voicebot").hasMessageContaining("ari.conf")
                    .hasMessageNotContaining("s3cret");
            assertThat(stream.state()).isEqualTo(ConnectionState.AUTH_FAILED);
            await().atMost(WAIT).until(() -> states.contains(ConnectionState.AUTH_FAILED));
            // With 20 ms backoff a retry loop would have made several more attempts in this time.
            Thread.sleep(300);
            assertThat(server.connections.get()).isEqualTo(1);
            assertThat(states).doesNotContain(ConnectionState.RECONNECTING);
        }
    }

    @Test
    void serverDropLeadsToReconnectAndResync() throws Exception {
        TestEventServer server = server();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        List<Integer> resyncs = new CopyOnWriteArrayList<>();
        AriEventStream stream = track(builder(server.baseUrl())
                .stateListener((prev, cur, why) -> states.add(cur))
                .resyncHook((n, gap) -> resyncs.add(n)).build());
        List<String> received = new CopyOnWriteArrayList<>();
        stream.subscribe(e -> received.add(e.type()));
        stream.awaitConnected(WAIT);
        WebSocket first = server.nextConnection();
        first.send(Events.stasisStart("call-1"));
        await().atMost(WAIT).until(() -> received.size() == 1);

        first.close(1000);
        WebSocket second = server.nextConnection();
        await().atMost(WAIT).until(() -> resyncs.equals(List.of(1)));
        second.send(Events.channelEvent("StasisEnd", "call-1", ""));
        await().atMost(WAIT).until(() -> received.size() == 2);

        second.closeConnection(1006, "network gone");
        server.nextConnection();
        await().atMost(WAIT).until(() -> resyncs.equals(List.of(1, 2)));
        assertThat(states).containsSubsequence(ConnectionState.CONNECTED,
                ConnectionState.DISCONNECTED, ConnectionState.RECONNECTING, ConnectionState.CONNECTED,
                ConnectionState.DISCONNECTED, ConnectionState.RECONNECTING, ConnectionState.CONNECTED);
        assertThat(stream.stats().reconnects()).isEqualTo(2);
        assertThat(stream.stats().connects()).isEqualTo(3);
    }

    @Test
    void keepsRetryingWhileAsteriskIsDownThenReconnects() throws Exception {
        TestEventServer server = server();
        int port = server.getPort();
        AtomicInteger disconnects = new AtomicInteger();
        List<String> reasons = new CopyOnWriteArrayList<>();
        AriEventStream stream = track(builder(server.baseUrl())
                .stateListener((prev, cur, why) -> {
                    if (cur == ConnectionState.DISCONNECTED) {
                        reasons.add(why);
                        disconnects.incrementAndGet();
                    }
                }).build());
        stream.awaitConnected(WAIT);
        server.nextConnection();
        server.shutdown();
        await().atMost(WAIT).until(() -> disconnects.get() >= 3); // the drop, then refused attempts
        TestEventServer restarted = TestEventServer.startOn(port);
        cleanup.add(restarted::shutdown);
        restarted.nextConnection();
        await().atMost(WAIT).until(() -> stream.state() == ConnectionState.CONNECTED);
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("refused").contains("http.conf"));
    }

    @Test
    void perChannelDeliveryIsInOrderUnderConcurrencyAndOffTheIoThread() throws Exception {
        TestEventServer server = server();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        cleanup.add(pool::shutdownNow);
        AriEventStream stream = track(builder(server.baseUrl()).dispatchExecutor(pool).build());
        int channels = 8;
        int perChannel = 400;
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        for (int c = 0; c < channels; c++) {
            String id = "call-" + c;
            List<Integer> list = new CopyOnWriteArrayList<>();
            seen.put(id, list);
            inFlight.put(id, new AtomicInteger());
            stream.subscribeChannel(id, e -> {
                if (inFlight.get(id).incrementAndGet() != 1) {
                    violations.add("concurrent delivery on " + id);
                }
                if (Thread.currentThread().getName().startsWith("WebSocket")) {
                    violations.add("handled on the I/O thread " + Thread.currentThread().getName());
                }
                list.add(Integer.parseInt(((ChannelVarset) e).value()));
                inFlight.get(id).decrementAndGet();
            });
        }
        stream.awaitConnected(WAIT);
        WebSocket ws = server.nextConnection();
        for (int i = 0; i < perChannel; i++) {
            for (int c = 0; c < channels; c++) {
                ws.send(Events.varset("call-" + c, Integer.toString(i)));
            }
        }
        await().atMost(WAIT).until(() -> seen.values().stream().allMatch(l -> l.size() == perChannel));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < perChannel; i++) {
            expected.add(i);
        }
        for (List<Integer> l : seen.values()) {
            assertThat(l).isEqualTo(expected);
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void subscriptionMadeBeforeTheChannelExistsGetsItsStasisStartAndClosesOnStasisEnd() throws Exception {
        TestEventServer server = server();
        AriEventStream stream = track(builder(server.baseUrl()).build());
        List<AriEvent> em = new CopyOnWriteArrayList<>();
        Subscription sub = stream.subscribeChannel("em-1", em::add);
        List<String> all = new CopyOnWriteArrayList<>();
        stream.subscribe(e -> all.add(e.type()));
        stream.awaitConnected(WAIT);
        WebSocket ws = server.nextConnection();
        ws.send(Events.stasisStart("em-1"));
        ws.send(Events.stasisStart("other"));
        ws.send(Events.varset("em-1", "1"));
        ws.send(Events.channelEvent("StasisEnd", "em-1", ""));
        ws.send(Events.channelEvent("ChannelDestroyed", "em-1", "\"cause\":16,\"cause_txt\":\"Normal Clearing\""));
        ws.send(Events.varset("em-1", "2"));
        await().atMost(WAIT).until(() -> all.size() == 6);
        sub.closed().get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        assertThat(sub.isOpen()).isFalse();
        assertThat(em).extracting(AriEvent::type).containsExactly("StasisStart", "ChannelVarset", "StasisEnd");
        assertThat(((StasisStart) em.get(0)).channel().id()).isEqualTo("em-1");
    }

    @Test
    void bridgeSubscriptionClosesOnBridgeDestroyedAndPlaybackEventsReachTheirTarget() throws Exception {
        TestEventServer server = server();
        AriEventStream stream = track(builder(server.baseUrl()).build());
        List<String> bridge = new CopyOnWriteArrayList<>();
        List<String> channel = new CopyOnWriteArrayList<>();
        Subscription b = stream.subscribeBridge("bridge-1", e -> bridge.add(e.type()));
        stream.subscribeChannel("call-2", e -> channel.add(e.type()));
        stream.awaitConnected(WAIT);
        WebSocket ws = server.nextConnection();
        ws.send(Events.bridgeEvent("BridgeCreated", "bridge-1"));
        ws.send("{\"type\":\"PlaybackStarted\",\"application\":\"voicebot\",\"timestamp\":\"t\",\"playback\":"
                + "{\"id\":\"pb-1\",\"media_uri\":\"sound:hello-world\",\"target_uri\":\"channel:call-2\","
                + "\"language\":\"en\",\"state\":\"playing\"}}");
        ws.send(Events.bridgeEvent("BridgeDestroyed", "bridge-1"));
        ws.send(Events.bridgeEvent("BridgeCreated", "bridge-1"));
        b.closed().get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        await().atMost(WAIT).until(() -> channel.size() == 1);
        assertThat(bridge).containsExactly("BridgeCreated", "BridgeDestroyed");
        assertThat(channel).containsExactly("PlaybackStarted");
    }

    @Test
    void throwingHandlerIsCountedAndDeliveryContinues() throws Exception {
        TestEventServer server = server();
        AriEventStream stream = track(builder(server.baseUrl()).build());
        List<String> values = new CopyOnWriteArrayList<>();
        stream.subscribeChannel("call-1", e -> {
            String v = ((ChannelVarset) e).value();
            values.add(v);
            if (v.equals("1")) {
                throw new IllegalStateException("handler bug");
            }
        });
        stream.awaitConnected(WAIT);
        WebSocket ws = server.nextConnection();
        for (int i = 1; i <= 3; i++) {
            ws.send(Events.varset("call-1", Integer.toString(i)));
        }
        await().atMost(WAIT).until(() -> values.size() == 3);
        assertThat(values).containsExactly("1", "2", "3");
        assertThat(stream.stats().handlerFailures()).isEqualTo(1);
    }

    @Test
    void malformedMessagesAreCountedAndSkipped() throws Exception {
        TestEventServer server = server();
        AriEventStream stream = track(builder(server.baseUrl()).build());
        List<String> types = new CopyOnWriteArrayList<>();
        stream.subscribe(e -> types.add(e.type()));
        stream.awaitConnected(WAIT);
        WebSocket ws = server.nextConnection();
        ws.send("this is not json");
        ws.send("{\"no\":\"type\"}");
        ws.send("{\"type\":\"StasisStart\",\"channel\":[1,2]}");
        ws.send(new byte[] {1, 2, 3});
        ws.send("{\"type\":\"SomethingNew\",\"application\":\"voicebot\"}");
        ws.send(Events.stasisStart("call-1"));
        await().atMost(WAIT).until(() -> types.size() == 2);
        assertThat(types).containsExactly("SomethingNew", "StasisStart");
        assertThat(stream.stats().malformed()).isEqualTo(4);
        assertThat(stream.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void fullQueueDropsAndCounts() throws Exception {
        TestEventServer server = server();
        AriEventStream stream = track(builder(server.baseUrl()).queueCapacity(4).build());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        Subscription sub = stream.subscribeChannel("call-1", e -> {
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            delivered.incrementAndGet();
        });
        stream.awaitConnected(WAIT);
        WebSocket ws = server.nextConnection();
        for (int i = 0; i < 20; i++) {
            ws.send(Events.varset("call-1", Integer.toString(i)));
        }
        await().atMost(WAIT).until(() -> stream.stats().events() == 20);
        release.countDown();
        await().atMost(WAIT).until(() -> delivered.get() + sub.dropped() == 20);
        assertThat(sub.dropped()).isBetween(15L, 16L);
        assertThat(stream.stats().dropped()).isEqualTo(sub.dropped());
    }

    @Test
    void applicationReplacedIsSurfacedAndNotFoughtOver() throws Exception {
        TestEventServer server = server();
        List<String> replacedApps = new CopyOnWriteArrayList<>();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        AriEventStream stream = track(builder(server.baseUrl()).stateListener(new ConnectionStateListener() {
            @Override
            public void onStateChanged(ConnectionState previous, ConnectionState current, String reason) {
                states.add(current);
            }

            @Override
            public void onApplicationReplaced(String application) {
                replacedApps.add(application);
            }
        }).build());
        List<String> types = new CopyOnWriteArrayList<>();
        stream.subscribe(e -> types.add(e.type()));
        stream.awaitConnected(WAIT);
        WebSocket ws = server.nextConnection();
        ws.send(Events.applicationReplaced("voicebot"));
        await().atMost(WAIT).until(() -> stream.state() == ConnectionState.REPLACED);
        await().atMost(WAIT).until(() -> replacedApps.equals(List.of("voicebot")) && types.size() == 1);
        ws.close(1000);
        await().atMost(WAIT).until(() -> stream.state() == ConnectionState.CLOSED);
        Thread.sleep(300); // a reconnect would happen within 20-200 ms
        assertThat(server.resources).hasSize(1);
        assertThat(types).containsExactly("ApplicationReplaced");
        assertThat(states).doesNotContain(ConnectionState.RECONNECTING);
    }

    @Test
    void applicationSubscriptionsSeeOnlyTheirApplicationAndOneReplacedAppDoesNotStopTheStream()
            throws Exception {
        TestEventServer server = server();
        List<String> replacedApps = new CopyOnWriteArrayList<>();
        AriEventStream stream = track(builder(server.baseUrl()).applications("voicebot", "monitor")
                .stateListener(new ConnectionStateListener() {
                    @Override
                    public void onStateChanged(ConnectionState previous, ConnectionState current, String r) {
                    }

                    @Override
                    public void onApplicationReplaced(String application) {
                        replacedApps.add(application);
                    }
                }).build());
        List<String> monitor = new CopyOnWriteArrayList<>();
        List<String> all = new CopyOnWriteArrayList<>();
        stream.subscribeApplication("monitor", e -> monitor.add(e.type()));
        stream.subscribe(e -> all.add(e.application()));
        stream.awaitConnected(WAIT);
        WebSocket ws = server.nextConnection();
        ws.send(Events.stasisStart("call-1"));
        ws.send(Events.stasisStart("snoop-1").replace("\"application\":\"voicebot\"", "\"application\":\"monitor\""));
        ws.send(Events.applicationReplaced("monitor"));
        ws.send(Events.varset("call-1", "still flowing"));
        await().atMost(WAIT).until(() -> all.size() == 4 && replacedApps.size() == 1);
        assertThat(monitor).containsExactly("StasisStart", "ApplicationReplaced");
        assertThat(all).containsExactly("voicebot", "monitor", "monitor", "voicebot");
        assertThat(stream.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void closeEndsSubscriptionsAndIsIdempotent() throws Exception {
        TestEventServer server = server();
        AriEventStream stream = builder(server.baseUrl()).build();
        Subscription sub = stream.subscribe(e -> { });
        stream.awaitConnected(WAIT);
        stream.close();
        stream.close();
        assertThat(sub.isOpen()).isFalse();
        assertThat(sub.closed()).isDone();
        assertThat(stream.state()).isEqualTo(ConnectionState.CLOSED);
        assertThatThrownBy(() -> stream.subscribeApplication("other", e -> { }))
                .hasMessageContaining("voicebot");
    }

    @Test
    void afterCloseNoThreadOfTheStreamIsLeftWaitingOnTheNetwork() throws Exception {
        TestEventServer server = server();
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        AriEventStream stream = builder(server.baseUrl()).build();
        stream.awaitConnected(WAIT);

        stream.close();

        // At exit HotSpot waits up to 300 ms for threads inside a native call: a reading thread still waiting
        // for the server's close reply delayed the exit of a process that had just closed its stream.
        assertThat(threadsInNativeIo(before)).isEmpty();
    }

    @Test
    void closeEndsTheReadingThreadAlsoWhenTheServerNeverAnswersTheClose() throws Exception {
        try (MuteAfterHandshake server = new MuteAfterHandshake()) {
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            AriEventStream stream = builder("http://127.0.0.1:" + server.port()).build();
            stream.awaitConnected(WAIT);

            long started = System.nanoTime();
            stream.close();

            assertThat(threadsInNativeIo(before)).isEmpty();
            // Bounded: the close waits about a second for the reply, then drops the connection.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /**
     * Threads started since {@code before} that are inside a native network call, with that call; not the test
     * servers' (Java-WebSocket's {@code WebSocketWorker}/{@code WebSocketSelector}, and {@code test-*}).
     */
    private static List<String> threadsInNativeIo(Set<Thread> before) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> !before.contains(e.getKey()) && e.getKey().isAlive() && e.getValue().length > 0)
                .filter(e -> !e.getKey().getName().matches("(WebSocketWorker|WebSocketSelector|test-).*"))
                .filter(e -> e.getValue()[0].isNativeMethod() && e.getValue()[0].getClassName().startsWith("sun.nio."))
                .map(e -> e.getKey().getName() + " in " + e.getValue()[0])
                .toList();
    }

    /** Answers every request like Asterisk does for a bad password: 401 with a Basic challenge. */
    private static final class Unauthorized implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket socket;
        private final Thread thread;

        Unauthorized() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "test-401-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    InputStream in = s.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        int c = in.read();
                        if (c < 0) {
                            break;
                        }
                        head.append((char) c);
                    }
                    String body = "{\"message\":\"Authentication required\"}";
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 401 Unauthorized\r\n"
                            + "WWW-Authenticate: Basic realm=\"Asterisk REST Interface\"\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length()
                            + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // socket closed by close(), or the client went away
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Accepts one WebSocket upgrade, then reads and ignores everything: it never answers a close frame. */
    private static final class MuteAfterHandshake implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        MuteAfterHandshake() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(this::serve, "test-mute-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            try {
                Socket s = socket.accept();
                accepted.add(s);
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    head.append((char) c);
                }
                String key = head.toString().lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
                byte[] digest = MessageDigest.getInstance("SHA-1").digest((key
                        + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(digest) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] ignored = new byte[4096];
                while (in.read(ignored) >= 0) {
                    // a close frame included: no reply
                }
            } catch (IOException | java.security.NoSuchAlgorithmException e) {
                // closed by close(), or the client went away
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
