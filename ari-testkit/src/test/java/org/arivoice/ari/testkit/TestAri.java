package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;

/** A small JDK-only ARI client for the tests: REST through HttpClient, events through java.net.http.WebSocket. */
final class TestAri {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Timeouts.seconds(5)).build();
    final String base;
    private final FakeAsterisk fake;

    TestAri(FakeAsterisk fake) {
        this.fake = fake;
        this.base = fake.baseUrl();
    }

    record Resp(int status, JsonNode body, HttpHeaders headers, byte[] raw) {
        String message() {
            return body == null ? null : body.path("message").asText(null);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Resp call(String method, String pathAndQuery) {
        return call(method, pathAndQuery, basic("voicebot", "voicebot-secret"));
    }

    Resp call(String method, String pathAndQuery, String authorization) {
        return send(method, pathAndQuery, authorization, HttpRequest.BodyPublishers.noBody());
    }

    Resp callWithJson(String method, String pathAndQuery, String json) {
        return send(method, pathAndQuery, basic("voicebot", "voicebot-secret"),
                HttpRequest.BodyPublishers.ofString(json));
    }

    private Resp send(String method, String pathAndQuery, String authorization, HttpRequest.BodyPublisher requestBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/ari" + pathAndQuery))
                .timeout(Timeouts.seconds(10))
                .header("Content-Type", "application/json")
                .method(method, requestBody);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.body().length > 0 && type.startsWith("application/json")) {
                body = JSON.readTree(r.body());
            }
            return new Resp(r.statusCode(), body, r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Events connect(String query) {
        return connect(query, basic("voicebot", "voicebot-secret"));
    }

    Events connect(String query, String authorization) {
        Events events = new Events();
        WebSocket.Builder b = http.newWebSocketBuilder();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        int before = fake.openEventSockets();
        events.socket = b.buildAsync(URI.create(base.replace("http://", "ws://") + "/ari/events?" + query), events)
                .join();
        // Registered while the upgrade was answered, as Asterisk does: counted by the time the client sees it.
        org.assertj.core.api.Assertions.assertThat(fake.openEventSockets()).isGreaterThan(before);
        return events;
    }

    /** Collects the events of one socket. */
    static final class Events implements WebSocket.Listener {
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        JsonNode await(Predicate<JsonNode> match) {
            return Awaitility.await().atMost(Timeouts.seconds(15)).until(
                    () -> received.stream().filter(match).findFirst().orElse(null), java.util.Objects::nonNull);
        }

        JsonNode await(String type, String channelId) {
            return await(e -> type.equals(e.path("type").asText()) && channelId.equals(channelId(e)));
        }

        List<String> typesFor(String resourceId) {
            return received.stream().filter(e -> resourceId.equals(channelId(e))).map(e -> e.path("type").asText())
                    .toList();
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }

    /** Waits for a future, at most 10 s (scaled), so that a lost completion fails the test instead of hanging it. */
    static <T> T within(CompletableFuture<T> future) {
        return future.orTimeout(Timeouts.seconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join();
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The resource an event is about: the channel (the peer for Dial), else the playback, bridge or recording. */
    static String channelId(JsonNode e) {
        if (e.has("channel")) {
            return e.get("channel").path("id").asText();
        }
        if (e.has("peer")) {
            return e.get("peer").path("id").asText();
        }
        if (e.has("playback")) {
            return e.get("playback").path("id").asText();
        }
        if (e.has("bridge")) {
            return e.get("bridge").path("id").asText();
        }
        if (e.has("recording")) {
            return e.get("recording").path("name").asText();
        }
        return "";
    }
}
