package org.arivoice.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.resources.OriginateOptions;
import org.arivoice.ari.resources.PlayOptions;
import org.arivoice.ari.resources.RecordOptions;
import org.arivoice.ari.resources.VariableValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AriClientTest {
    private AriTestServer server;
    private AriClient ari;

    @BeforeEach
    void start() throws IOException {
        server = new AriTestServer();
        ari = AriClient.builder().baseUrl(server.baseUrl() + "/ari/").credentials("voicebot", "pw").build();
    }

    @AfterEach
    void stop() {
        ari.close();
        server.close();
    }

    @Test
    void sendsPreemptiveBasicAuthOnEveryRequest() {
        ari.channels().answer("a").await();
        ari.channels().answer("b").await();
        assertThat(server.received()).hasSize(2).allSatisfy(r ->
                assertThat(r.header("Authorization")).isEqualTo("Basic dm9pY2Vib3Q6cHc="));
    }

    @Test
    void reusesOneConnectionForSequentialRequests() {
        for (int i = 0; i < 5; i++) {
            ari.channels().answer("c" + i).await();
        }
        assertThat(server.received()).extracting(AriTestServer.Received::remotePort).containsOnly(
                server.received().get(0).remotePort());
    }

    @Test
    void concurrentRequestsFromManyThreadsAllComplete() throws Exception {
        server.respond(r -> AriTestServer.Reply.json(200,
                "{\"id\":\"" + r.path().substring(r.path().lastIndexOf('/') + 1) + "\"}"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Channel>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String id = "ch-" + i;
                futures.add(CompletableFuture.supplyAsync(() -> ari.channels().get(id).await(), pool));
            }
            for (int i = 0; i < 64; i++) {
                assertThat(futures.get(i).join().id()).isEqualTo("ch-" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void variablesGoInTheJsonBodyAndOtherParametersInTheQuery() throws IOException {
        server.respond(r -> AriTestServer.Reply.json(200, "{\"id\":\"call-9\",\"state\":\"Down\"}"));
        Channel c = ari.channels().originate(OriginateOptions.builder("PJSIP/1000").app("voicebot")
                .channelId("call-9").variable("CALLERID(name)", "Alice")
                .variable("Call_State", VariableValue.reported("Waiting")).build()).await();
        assertThat(c.id()).isEqualTo("call-9");
        AriTestServer.Received r = server.received().get(0);
        assertThat(r.path()).isEqualTo("/ari/channels");
        assertThat(r.query()).containsExactly(Map.entry("endpoint", "PJSIP/1000"), Map.entry("app", "voicebot"),
                Map.entry("channelId", "call-9"));
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body())).isEqualTo(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"variables\":{\"CALLERID(name)\":"
                        + "\"Alice\",\"Call_State\":{\"value\":\"Waiting\",\"report_events\":true}}}"));
    }

    @Test
    void playlistAndDtmfAreEncodedAsAsteriskRecordedThem() {
        server.respond(r -> AriTestServer.Reply.json(201, "{\"id\":\"pb-2\",\"state\":\"queued\"}"));
        ari.channels().play("call-2", PlayOptions.builder("tone:440/200,0/200").playbackId("pb-2").build()).await();
        ari.channels().sendDtmf("call-2-peer", "#", null, null, 120, null).await();
        assertThat(server.received().get(0).rawQuery()).isEqualTo("media=tone:440/200,0/200&playbackId=pb-2");
        assertThat(server.received().get(1).rawQuery()).isEqualTo("dtmf=%23&duration=120");
    }

    @Test
    void storedFileIsReturnedAsBytesOrAStream() throws IOException {
        byte[] wav = "RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.ISO_8859_1);
        server.respond(r -> AriTestServer.Reply.bytes(wav, "audio/wav"));
        assertThat(ari.recordings().getStoredFile("rec-call-2").await()).isEqualTo(wav);
        try (InputStream in = ari.recordings().getStoredFileStream("rec-call-2").await()) {
            assertThat(in.readAllBytes()).isEqualTo(wav);
        }
        server.respond(r -> AriTestServer.Reply.json(404, "{\"message\":\"Recording not found\"}"));
        assertThatThrownBy(() -> ari.recordings().getStoredFileStream("gone").await())
                .isInstanceOf(AriNotFoundException.class).hasMessageContaining("Recording not found");
    }

    @Test
    void withTimeoutSharesTheClientButNotTheTimeout() {
        AriClient slow = ari.withTimeout(Duration.ofSeconds(60));
        assertThat(slow.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ari.timeout()).isEqualTo(Duration.ofSeconds(10));
        slow.channels().answer("x").await();
        ari.channels().answer("y").await();
        assertThat(server.received()).extracting(AriTestServer.Received::remotePort).containsOnly(
                server.received().get(0).remotePort());
        assertThatThrownBy(() -> ari.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedClientLeavesNoThreadWaitingOnTheNetwork() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        AriClient own = AriClient.builder().baseUrl(server.baseUrl() + "/ari/").credentials("voicebot", "pw")
                .build();
        own.channels().answer("a").await();

        own.close();

        // At exit HotSpot waits up to 300 ms for threads inside a native call: the JDK HTTP client's selector
        // thread, left in epoll_wait, cost every process that used a client that much.
        assertThat(threadsInNativeIo(before)).isEmpty();
    }

    /**
     * Threads started since {@code before} that are inside a native network call, with that call; not the test
     * server's (the JDK server's dispatcher, and its handler pool's {@code pool-N-thread-M}, which it makes on
     * demand).
     */
    static List<String> threadsInNativeIo(Set<Thread> before) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> !before.contains(e.getKey()) && e.getKey().isAlive() && e.getValue().length > 0)
                .filter(e -> !e.getKey().getName().startsWith("pool-")
                        && !e.getKey().getName().startsWith("HTTP-Dispatcher"))
                .filter(e -> e.getValue()[0].isNativeMethod() && e.getValue()[0].getClassName().startsWith("sun.nio."))
                .map(e -> e.getKey().getName() + " in " + e.getValue()[0])
                .toList();
    }

    @Test
    void closedClientRefusesNewRequests() {
        ari.close();
        ari.close();
        assertThatThrownBy(() -> ari.asterisk().ping().join()).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(server.received()).isEmpty();
        assertThat(ari.toString()).contains("closed");
    }

    @Test
    void executorCompletesTheFutures() {
        AtomicReference<String> thread = new AtomicReference<>();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "ari-test-executor"));
        try (AriClient custom = AriClient.builder().baseUrl(server.baseUrl()).executor(executor).build()) {
            custom.channels().answer("x").thenRun(() -> thread.set(Thread.currentThread().getName())).join();
        } finally {
            executor.shutdownNow();
        }
        assertThat(thread.get()).isEqualTo("ari-test-executor");
    }

    @Test
    void builderValidatesItsInput() {
        assertThatThrownBy(() -> AriClient.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> AriClient.builder().credentials("", "pw")).hasMessageContaining("blank");
        assertThatThrownBy(() -> AriClient.builder().credentials("a:b", "pw")).hasMessageContaining("':'");
        assertThatThrownBy(() -> AriClient.builder().credentials("voicebot", "")).hasMessageContaining("empty");
        assertThatThrownBy(() -> AriClient.builder().defaultTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AriClient.builder().baseUrl("http://h:8088/ari/channels"))
                .hasMessageContaining("operation path");
    }

    @Test
    void invalidArgumentsFailBeforeAnythingIsSent() {
        assertThatThrownBy(() -> ari.channels().get(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ari.channels().record("c", RecordOptions.builder("n", "wav")
                .recorderFormat("slin16").build())).hasMessageContaining("bridge recordings only");
        assertThatThrownBy(() -> ari.channels().play("c", PlayOptions.builder("sound:x").announcerFormat("ulaw")
                .build())).hasMessageContaining("bridge playbacks only");
        assertThatThrownBy(() -> ari.bridges().createWithId("b1", BridgeOptions.builder().bridgeId("b2").build()))
                .hasMessageContaining("another bridgeId");
        assertThatThrownBy(() -> PlayOptions.builder(List.of()).build()).hasMessageContaining("at least one");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void eventWebSocketUriFollowsTheBaseUrl() {
        assertThat(ari.events().webSocketUri(List.of("voicebot"), false)).hasToString(
                "ws://127.0.0.1:" + server.port() + "/ari/events?app=voicebot&subscribeAll=false");
        assertThat(ari.baseUri()).hasToString(server.baseUrl() + "/ari/");
    }

    @Test
    void apiKeyWithReservedCharactersIsEncodedAndNotSentAsHeader() {
        try (AriClient keyed = AriClient.builder().baseUrl(server.baseUrl())
                .credentials(Credentials.apiKey("voicebot", "p&w=+ #")).build()) {
            keyed.asterisk().setGlobalVariable("X", "1").await();
        }
        AriTestServer.Received r = server.received().get(0);
        assertThat(r.rawQuery()).isEqualTo("variable=X&value=1&api_key=voicebot:p%26w%3D%2B%20%23");
        assertThat(r.query()).containsEntry("api_key", "voicebot:p&w=+ #");
        assertThat(r.header("Authorization")).isNull();
    }

    @Test
    void pathParametersAreEncodedSoIdsCannotChangeThePath() {
        ari.channels().answer("a/b?c").await();
        assertThat(server.received().get(0).path()).isEqualTo("/ari/channels/a%2Fb%3Fc/answer");
    }
}
