package org.arivoice.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.arivoice.realtime.event.ServerEvent;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RealtimeConnectionTest {
    private static final String KEY = "sk-test-SECRET-0123456789abcdef";

    private ScriptedRealtimeServer server;
    private RealtimeClient client;

    @BeforeEach
    void startServer() throws Exception {
        server = ScriptedRealtimeServer.startNew();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private RealtimeClient.Builder builder() {
        return RealtimeClient.builder().endpoint(server.endpoint()).apiKey(KEY).model("gpt-realtime")
                .connectTimeout(Timeouts.seconds(5)).requestTimeout(Timeouts.seconds(5));
    }

    @Test
    void connectSendsBearerAndModelAndAwaitsSessionUpdated() throws Exception {
        client = builder().build();
        RecordingListener listener = new RecordingListener();
        SessionConfig config = SessionConfig.builder().instructions("Be brief.").audioFormat(AudioFormat.PCMU).build();
        try (RealtimeSession session = client.connect(config, listener)) {
            assertThat(session.sessionId()).isEqualTo("sess_1");
            assertThat(server.handshakes.get(0).get("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(server.handshakes.get(0)).doesNotContainKey("OpenAI-Beta");
            assertThat(server.paths.get(0)).isEqualTo("/v1/realtime?model=gpt-realtime");
            JsonNode update = server.next("session.update");
            assertThat(update.path("session").path("type").asText()).isEqualTo("realtime");
            assertThat(update.path("session").path("instructions").asText()).isEqualTo("Be brief.");
            assertThat(update.path("session").path("audio").path("input").path("format").path("type").asText())
                    .isEqualTo("audio/pcmu");
            await().until(() -> listener.events.stream().anyMatch(e -> e instanceof ServerEvent.SessionUpdated));
            assertThat(listener.events.get(0)).isInstanceOf(ServerEvent.SessionCreated.class);
        }
    }

    @Test
    void aClosedClientLeavesNoThreadWaitingOnTheNetwork() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        client = builder().build();
        RealtimeSession session = client.connect(SessionConfig.defaults(), new RecordingListener());
        RealtimeSession closing = client.connect(SessionConfig.defaults(), new RecordingListener());
        session.close();
        // Closed without waiting, as the bot does when a call ends: its closing handshake may still be going on.
        closing.closeAsync();

        client.close();

        // At exit HotSpot waits up to 300 ms for threads inside a native call: the JDK HTTP client's selector
        // thread, left in epoll_wait, cost every process that used a client that much.
        assertThat(threadsInNativeIo(before)).isEmpty();
    }

    /**
     * Threads started since {@code before} that are inside a native network call, with that call; not the test
     * server's (Java-WebSocket's {@code WebSocket*} threads).
     */
    private static List<String> threadsInNativeIo(Set<Thread> before) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> !before.contains(e.getKey()) && e.getKey().isAlive() && e.getValue().length > 0)
                .filter(e -> !e.getKey().getName().startsWith("WebSocket"))
                .filter(e -> e.getValue()[0].isNativeMethod() && e.getValue()[0].getClassName().startsWith("sun.nio."))
                .map(e -> e.getKey().getName() + " in " + e.getValue()[0])
                .toList();
    }

    @Test
    void azureKeyGoesInTheApiKeyHeader() throws Exception {
        client = RealtimeClient.builder().endpoint(server.endpoint()).azureApiKey("azure-SECRET-key")
                .model("my-deployment").build();
        try (RealtimeSession session = client.connect(SessionConfig.defaults(), new RecordingListener())) {
            assertThat(server.handshakes.get(0).get("api-key")).isEqualTo("azure-SECRET-key");
            assertThat(server.handshakes.get(0)).doesNotContainKey("Authorization");
            assertThat(server.paths.get(0)).isEqualTo("/v1/realtime?model=my-deployment");
        }
        assertThat(client.toString()).doesNotContain("azure-SECRET-key");
    }

    @Test
    void entraTokenSupplierIsAskedAtConnectAndExtraHeadersAreSent() throws Exception {
        client = RealtimeClient.builder().endpoint(server.endpoint()).bearerToken(() -> "entra-token-1")
                .header("X-Request-Source", "arivoice-test").build();
        try (RealtimeSession session = client.connect(SessionConfig.defaults(), new RecordingListener())) {
            assertThat(server.handshakes.get(0).get("Authorization")).isEqualTo("Bearer entra-token-1");
            assertThat(server.handshakes.get(0).get("X-Request-Source")).isEqualTo("arivoice-test");
        }
    }

    @Test
    void azureResourceBuildsTheAzureEndpoint() {
        RealtimeClient azure = RealtimeClient.builder().azureResource("contoso-voice").azureApiKey("k")
                .model("gpt-realtime-deploy").build();
        try {
            assertThat(azure.sessionUri().toString())
                    .isEqualTo("wss://contoso-voice.openai.azure.com/openai/v1/realtime?model=gpt-realtime-deploy");
        } finally {
            azure.close();
        }
    }

    @Test
    void http401AtHandshakeNamesTheApiKeyAndNeverShowsIt() throws Exception {
        try (ServerSocket refusing = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = refusing.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[4096];
                    StringBuilder req = new StringBuilder();
                    while (!req.toString().contains("\r\n\r\n")) {
                        int n = in.read(buf);
                        if (n < 0) {
                            break;
                        }
                        req.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    OutputStream out = s.getOutputStream();
                    String body = "{\"error\":{\"message\":\"Incorrect API key provided\"}}";
                    out.write(("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(200);
                } catch (Exception ignored) {
                    // the test asserts on the client side
                }
            });
            t.setDaemon(true);
            t.start();
            client = RealtimeClient.builder().endpoint("ws://127.0.0.1:" + refusing.getLocalPort() + "/v1/realtime")
                    .apiKey(KEY).build();
            assertThatThrownBy(() -> client.connect(SessionConfig.defaults(), new RecordingListener()))
                    .isInstanceOf(RealtimeAuthenticationException.class)
                    .hasMessageContaining("OpenAI rejected the API key (check OPENAI_API_KEY)")
                    .satisfies(e -> assertThat(((RealtimeAuthenticationException) e).httpStatus()).isEqualTo(401))
                    .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain(KEY));
        }
    }

    @Test
    void unreachableHostSaysSoWithHostAndPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        client = RealtimeClient.builder().endpoint("ws://127.0.0.1:" + port + "/v1/realtime").apiKey(KEY).build();
        assertThatThrownBy(() -> client.connect(SessionConfig.defaults(), new RecordingListener()))
                .isInstanceOf(RealtimeException.class)
                .hasMessageContaining("Cannot reach the Realtime server at 127.0.0.1:" + port)
                .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain(KEY));
    }

    @Test
    void rejectedSessionUpdateFailsConnectWithTheServerError() throws Exception {
        server.autoSessionUpdated = false;
        server.onMessage = (conn, msg) -> {
            if ("session.update".equals(msg.path("type").asText())) {
                conn.send("{\"type\":\"error\",\"event_id\":\"event_9\",\"error\":{\"type\":\"invalid_request_error\","
                        + "\"code\":\"unknown_parameter\",\"message\":\"Unknown parameter: 'session.modalities'.\","
                        + "\"param\":\"session.modalities\",\"event_id\":\"" + msg.path("event_id").asText() + "\"}}");
            }
        };
        client = builder().build();
        RecordingListener listener = new RecordingListener();
        assertThatThrownBy(() -> client.connect(SessionConfig.defaults(), listener))
                .isInstanceOf(RealtimeServerErrorException.class)
                .hasMessageContaining("Unknown parameter: 'session.modalities'.")
                .hasMessageContaining("param session.modalities")
                .satisfies(e -> assertThat(((RealtimeServerErrorException) e).error().code())
                        .isEqualTo("unknown_parameter"));
        assertThat(listener.errors).hasSize(1);
    }

    @Test
    void aServerThatNeverSendsSessionCreatedTimesOut() throws Exception {
        server.sendSessionCreated = false;
        client = builder().connectTimeout(Duration.ofMillis(500)).build();
        assertThatThrownBy(() -> client.connect(SessionConfig.defaults(), new RecordingListener()))
                .isInstanceOf(RealtimeException.class)
                .hasMessageContaining("No session.created")
                .hasMessageContaining("127.0.0.1:" + server.getPort());
    }

    @Test
    void aServerThatCreatesTheSessionButNeverConfirmsTheUpdateSaysSoAndWhatToCheck() throws Exception {
        server.autoSessionUpdated = false;
        client = builder().requestTimeout(Duration.ofMillis(500)).build();
        assertThatThrownBy(() -> client.connect(SessionConfig.defaults(), new RecordingListener()))
                .isInstanceOf(RealtimeException.class)
                .hasMessageContaining("127.0.0.1:" + server.getPort() + " answered (session.created)")
                .hasMessageContaining("did not confirm the session.update with session.updated within 500 ms")
                .hasMessageContaining("slow or overloaded").hasMessageContaining("proxy")
                .hasMessageContaining("model or the configuration")
                .hasMessageNotContaining("Cannot reach");
        assertThat(server.next("session.update").path("type").asText()).isEqualTo("session.update");
    }

    @Test
    void aTokenSupplierWithoutATokenFailsWithAnExplanation() {
        client = RealtimeClient.builder().endpoint(server.endpoint()).bearerToken(() -> null).build();
        assertThatThrownBy(() -> client.connect(SessionConfig.defaults(), new RecordingListener()))
                .isInstanceOf(RealtimeException.class)
                .hasMessageContaining("bearer token supplier returned no token");
    }

    @Test
    void toStringsAndExceptionsNeverContainTheKey() throws Exception {
        client = builder().build();
        assertThat(client.toString()).doesNotContain(KEY).contains("hidden");
        try (RealtimeSession session = client.connect(SessionConfig.defaults(), new RecordingListener())) {
            assertThat(session.toString()).doesNotContain(KEY);
        }
    }

    @Test
    void betaHeaderIsRefused() {
        assertThatThrownBy(() -> RealtimeClient.builder().header("OpenAI-Beta", "realtime=v1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retired");
    }

    @Test
    void reconnectsOn1011AndResendsTheConfig() throws Exception {
        client = builder().reconnectPolicy(new ReconnectPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)))
                .build();
        RecordingListener listener = new RecordingListener();
        SessionConfig config = SessionConfig.builder().instructions("Remember me.").build();
        try (RealtimeSession session = client.connect(config, listener)) {
            server.next("session.update");
            server.current.close(1011, "server error");
            await().atMost(Timeouts.seconds(10)).until(() -> !listener.reconnects.isEmpty());
            assertThat(listener.disconnects).extracting(CloseInfo::code).containsExactly(1011);
            JsonNode again = server.next("session.update");
            assertThat(again.path("session").path("instructions").asText()).isEqualTo("Remember me.");
            assertThat(server.connections.get()).isEqualTo(2);
            assertThat(session.sessionId()).isEqualTo("sess_2");
            assertThat(server.handshakes.get(1).get("Authorization")).isEqualTo("Bearer " + KEY);
        }
        assertThat(listener.closes).hasSize(1);
    }

    @Test
    void reconnectGivesUpAfterThePolicysAttemptsAndReportsTheClose() throws Exception {
        client = builder().reconnectPolicy(new ReconnectPolicy(2, Duration.ofMillis(20), Duration.ofMillis(40)))
                .connectTimeout(Duration.ofMillis(700)).build();
        RecordingListener listener = new RecordingListener();
        RealtimeSession session = client.connect(SessionConfig.defaults(), listener);
        server.sendSessionCreated = false; // new connections open but never become sessions
        server.current.close(1012, "service restart");
        CloseInfo close = session.closeFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(close.code()).isEqualTo(1012);
        assertThat(listener.reconnects).isEmpty();
        assertThat(listener.closes).containsExactly(close);
        assertThat(server.connections.get()).isEqualTo(3);
        assertThat(session.isConnected()).isFalse();
    }

    @Test
    void closingFromAListenerMethodDoesNotWaitOnItsOwnThread() throws Exception {
        client = builder().requestTimeout(Timeouts.seconds(60)).build();
        java.util.concurrent.atomic.AtomicReference<RealtimeSession> self = new java.util.concurrent.atomic.AtomicReference<>();
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onEvent(ServerEvent event) {
                super.onEvent(event);
                if (event instanceof ServerEvent.Unknown) {
                    self.get().close();
                }
            }
        };
        self.set(client.connect(SessionConfig.defaults(), listener));
        server.emit("{\"type\":\"please.hang.up\"}");
        CloseInfo close = self.get().closeFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(close.code()).isEqualTo(1000);
        assertThat(close.remote()).isFalse();
    }

    @Test
    void normalServerCloseEndsTheSessionWithoutReconnecting() throws Exception {
        client = builder().build();
        RecordingListener listener = new RecordingListener();
        RealtimeSession session = client.connect(SessionConfig.defaults(), listener);
        server.current.close(1000, "bye");
        CloseInfo close = session.closeFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(close.code()).isEqualTo(1000);
        assertThat(close.remote()).isTrue();
        assertThat(listener.reconnects).isEmpty();
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void aServerThatStopsAnsweringPingsIsDroppedAsA1006AndReconnected() throws Exception {
        client = builder().pingInterval(Duration.ofMillis(200)).build();
        RecordingListener listener = new RecordingListener();
        try (RealtimeSession session = client.connect(SessionConfig.defaults(), listener)) {
            // A live server answers the pings: the connection stays.
            await().atMost(Timeouts.seconds(5)).until(() -> server.pingsReceived.get() >= 3);
            assertThat(listener.disconnects).isEmpty();

            server.answerPings = false;
            await().atMost(Timeouts.seconds(5)).until(() -> !listener.disconnects.isEmpty());
            assertThat(listener.disconnects.get(0).code()).isEqualTo(1006);
            assertThat(listener.disconnects.get(0).reason()).contains("did not answer a ping");
            server.answerPings = true;
            await().atMost(Timeouts.seconds(10)).until(() -> !listener.reconnects.isEmpty());
            assertThat(server.connections.get()).isEqualTo(2);
            assertThat(session.isConnected()).isTrue();
        }
    }

    @Test
    void messagesSentFromManyThreadsAtOnceAllArriveWhole() throws Exception {
        client = builder().build();
        try (RealtimeSession session = client.connect(SessionConfig.defaults(), new RecordingListener())) {
            server.next("session.update");
            int threads = 4;
            int perThread = 500;
            byte[] frame = new byte[160];
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    byte fill = (byte) t;
                    done.add(pool.submit(() -> {
                        byte[] f = frame.clone();
                        java.util.Arrays.fill(f, fill);
                        for (int i = 0; i < perThread; i++) {
                            assertThat(session.appendAudio(f)).isTrue();
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdown();
            }
            int[] perFill = new int[threads];
            for (int i = 0; i < threads * perThread; i++) {
                JsonNode append = server.next("input_audio_buffer.append");
                byte[] audio = java.util.Base64.getDecoder().decode(append.path("audio").asText());
                assertThat(audio).hasSize(160);
                for (byte b : audio) {
                    assertThat(b).isEqualTo(audio[0]); // never two frames' bytes in one message
                }
                perFill[audio[0]]++;
            }
            assertThat(perFill).containsOnly(perThread);
        }
    }

    @Test
    void warnsBeforeTheSessionExpires() throws Exception {
        server.expiresAtEpochSeconds = Instant.now().plusSeconds(60).getEpochSecond();
        client = builder().expiryWarning(Duration.ofMinutes(5)).build();
        RecordingListener listener = new RecordingListener();
        try (RealtimeSession session = client.connect(SessionConfig.defaults(), listener)) {
            await().atMost(Timeouts.seconds(10)).until(() -> !listener.expiring.isEmpty());
            assertThat(listener.expiring.get(0).getEpochSecond()).isEqualTo(server.expiresAtEpochSeconds);
            assertThat(session.expiresAt()).contains(listener.expiring.get(0));
        }
    }
}
