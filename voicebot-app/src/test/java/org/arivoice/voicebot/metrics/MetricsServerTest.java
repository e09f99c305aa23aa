package org.arivoice.voicebot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.arivoice.testsupport.Timeouts;
import org.arivoice.voicebot.metrics.BotMetrics.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Timeouts.seconds(10)).build();
    private final MicrometerBotMetrics metrics = new MicrometerBotMetrics(Clock.fixed(NOW, ZoneOffset.UTC));
    private MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Timeouts.seconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreServedInThePrometheusTextFormatWithTheRecordedValues() throws Exception {
        server = MetricsServer.start(0, metrics);
        assertThat(server.port()).isPositive();

        metrics.callStarted();
        metrics.callStarted();
        metrics.activeCalls(1);
        metrics.callEnded("caller_hung_up", Duration.ofSeconds(30));
        metrics.latency(Stage.FIRST_AUDIO_TO_FIRST_RTP, Duration.ofMillis(15));
        metrics.rtp(250, 2, 1, 0);
        metrics.realtimeError("server_error");
        metrics.tokens(400, 900, TokenPricing.estimate(400, 900));

        HttpResponse<String> response = send("GET", "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        PrometheusText text = PrometheusText.parse(response.body());
        assertThat(text.value("arivoice_calls_started_total")).hasValue(2);
        assertThat(text.value("arivoice_calls_active")).hasValue(1);
        assertThat(text.value("arivoice_calls_ended_total", "reason", "caller_hung_up")).hasValue(1);
        assertThat(text.value("arivoice_call_duration_seconds_sum")).hasValue(30);
        assertThat(text.value("arivoice_stage_latency_seconds_bucket", "stage", "first_audio_to_first_rtp",
                "le", "0.01")).hasValue(0);
        assertThat(text.value("arivoice_stage_latency_seconds_bucket", "stage", "first_audio_to_first_rtp",
                "le", "0.02")).hasValue(1);
        assertThat(response.body()).doesNotContain("quantile=");
        assertThat(text.value("arivoice_rtp_packets_received_total")).hasValue(250);
        assertThat(text.value("arivoice_rtp_packets_lost_total")).hasValue(2);
        assertThat(text.value("arivoice_realtime_errors_total", "type", "server_error")).hasValue(1);
        assertThat(text.value("arivoice_tokens_total", "direction", "output")).hasValue(900);
        // 400 * $32 + 900 * $64 per million.
        assertThat(text.value("arivoice_cost_usd_total").orElseThrow()).isCloseTo(0.0704, within());
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    @Test
    void healthIsDownUntilAriConnectsAndReportsTheLastRealtimeSuccess() throws Exception {
        server = MetricsServer.start(0, metrics);

        HttpResponse<String> down = send("GET", "/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode downBody = JSON.readTree(down.body());
        assertThat(downBody.get("status").asText()).isEqualTo("DOWN");
        assertThat(downBody.get("ari").asText()).isEqualTo("disconnected");
        assertThat(downBody.get("lastRealtimeSuccess").isNull()).isTrue();

        metrics.ariConnected(true);
        HttpResponse<String> upBeforeRealtime = send("GET", "/health");
        assertThat(upBeforeRealtime.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(upBeforeRealtime.body()).get("lastRealtimeSuccess").isNull()).isTrue();

        metrics.realtimeSucceeded();
        HttpResponse<String> up = send("GET", "/health");
        assertThat(up.statusCode()).isEqualTo(200);
        JsonNode upBody = JSON.readTree(up.body());
        assertThat(upBody.get("status").asText()).isEqualTo("UP");
        assertThat(upBody.get("ari").asText()).isEqualTo("connected");
        assertThat(upBody.get("lastRealtimeSuccess").asText()).isEqualTo("2026-03-01T10:15:30Z");

        metrics.ariConnected(false);
        HttpResponse<String> downAgain = send("GET", "/health");
        assertThat(downAgain.statusCode()).isEqualTo(503);
        JsonNode downAgainBody = JSON.readTree(downAgain.body());
        assertThat(downAgainBody.get("status").asText()).isEqualTo("DOWN");
        assertThat(downAgainBody.get("lastRealtimeSuccess").asText()).isEqualTo("2026-03-01T10:15:30Z");
    }

    @Test
    void unknownPathsAre404AndOtherMethodsAre405WithoutStackTraces() throws Exception {
        server = MetricsServer.start(0, metrics);

        for (String path : List.of("/", "/metrics/", "/healthz", "/metrics/extra", "/favicon.ico")) {
            HttpResponse<String> response = send("GET", path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).contains("/metrics").contains("/health").doesNotContain("Exception");
        }
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/metrics", "/health")) {
                HttpResponse<String> response = send(method, path);
                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
                assertThat(response.body()).contains("use GET").doesNotContain("Exception");
            }
        }
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        server = MetricsServer.start(0, metrics);

        HttpResponse<String> metricsHead = send("HEAD", "/metrics");
        HttpResponse<String> healthHead = send("HEAD", "/health");

        assertThat(metricsHead.statusCode()).isEqualTo(200);
        assertThat(metricsHead.body()).isEmpty();
        assertThat(healthHead.statusCode()).isEqualTo(503);
        assertThat(healthHead.body()).isEmpty();
    }

    @Test
    void queryStringsAreIgnored() throws Exception {
        server = MetricsServer.start(0, metrics);
        metrics.callRejected();

        HttpResponse<String> response = send("GET", "/metrics?name[]=arivoice_calls_rejected_total");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(PrometheusText.parse(response.body()).value("arivoice_calls_rejected_total")).hasValue(1);
    }

    @Test
    void concurrentScrapesAllSucceedWhileCallsRecord() throws Exception {
        server = MetricsServer.start(0, metrics);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            metrics.callStarted();
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + (i % 2 == 0 ? "/metrics" : "/health")))
                    .timeout(Timeouts.seconds(60))
                    .build();
            responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }

        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get(Timeouts.ms(2, TimeUnit.MINUTES), TimeUnit.MILLISECONDS).statusCode()).isIn(200, 503);
        }
        assertThat(PrometheusText.parse(send("GET", "/metrics").body()).value("arivoice_calls_started_total"))
                .hasValue(40);
    }

    @Test
    void garbageOnTheSocketDoesNotStopTheServer() throws Exception {
        server = MetricsServer.start(0, metrics);
        for (String garbage : List.of("NOT HTTP AT ALL\r\n\r\n", "GET\r\n\r\n", "\u0000\u0001\u0002\r\n\r\n",
                "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n")) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(garbage.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                // The JDK's own parser answers some of these with "400 Bad Request" naming an exception class
                // (e.g. NumberFormatException for a bad Content-Length) before any handler runs; never a stack.
                assertThat(answer).doesNotContain("\tat ").doesNotContain("at java.").doesNotContain("at org.");
            } catch (SocketException reset) {
                // The JDK server may simply drop a connection it cannot parse; what matters is the next request.
            }
        }

        assertThat(send("GET", "/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void aPortInUseIsReportedWithAFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> MetricsServer.start(port, metrics))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("observability.metrics-port");
        }
    }

    @Test
    void anImpossiblePortIsRejected() {
        assertThatThrownBy(() -> MetricsServer.start(70_000, metrics))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> MetricsServer.start(-1, metrics))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeStopsServingAndFreesThePort() throws Exception {
        server = MetricsServer.start(0, metrics);
        int port = server.port();
        assertThat(send("GET", "/metrics").statusCode()).isEqualTo(200);

        server.close();
        server.close();

        await().atMost(Timeouts.seconds(30)).untilAsserted(() -> assertThatThrownBy(() -> http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Timeouts.seconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class));
        // The port can be bound again.
        server = MetricsServer.start(port, metrics);
        assertThat(send("GET", "/health").statusCode()).isEqualTo(503);
    }
}
