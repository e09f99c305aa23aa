package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private FakeRealtimeServer server;

    @BeforeEach
    void start() {
        server = FakeRealtimeServer.builder().acceptedApiKeys("sk-good").build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * Sends a WebSocket upgrade request by hand and returns the raw HTTP response; a refusal must end with
     * the server closing its side (the read times out otherwise).
     */
    private String rawHandshake(String path, String extraHeaders) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                response.write(buf, 0, n);
                String text = response.toString(StandardCharsets.UTF_8);
                if (text.startsWith("HTTP/1.1 101") && text.contains("\r\n\r\n")) {
                    break;
                }
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void bearerKeyOpensASessionWithTheModelFromTheQuery() {
        try (TestClient c = TestClient.connect(URI.create(server.url() + "?model=gpt-realtime-mini"),
                Map.of("Authorization", "Bearer sk-good"))) {
            JsonNode created = c.next("session.created");
            assertThat(created.at("/session/model").asText()).isEqualTo("gpt-realtime-mini");
            assertThat(server.url().toString()).isEqualTo("ws://127.0.0.1:" + server.port() + "/v1/realtime");
            c.assertSchemaValid();
        }
    }

    @Test
    void missingKeyIsRefusedWithHttp401AndOpenAisJsonBody() throws IOException {
        String response = rawHandshake("/v1/realtime?model=gpt-realtime", "");
        assertThat(response).startsWith("HTTP/1.1 401 Unauthorized\r\n");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        JsonNode error = TestClient.JSON.readTree(body).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains("didn't provide an API key");
        assertThat(server.connectionsAccepted()).isZero();
    }

    @Test
    void wrongKeyIsRefusedWith401WithoutEchoingTheKey() throws IOException {
        String response = rawHandshake("/v1/realtime?model=gpt-realtime", "Authorization: Bearer sk-wrong-secret\r\n");
        assertThat(response).startsWith("HTTP/1.1 401 ");
        assertThat(response).contains("\"code\":\"invalid_api_key\"").doesNotContain("sk-wrong-secret");
    }

    @Test
    void aJavaWebSocketClientSeesThe401Status() {
        try (TestClient c = TestClient.connect(URI.create(server.url() + "?model=gpt-realtime"),
                Map.of("Authorization", "Bearer nope"))) {
            TestClient.Closed closed = c.awaitClose();
            assertThat(closed.reason()).contains("401");
        }
    }

    @Test
    void unknownPathGets404() throws IOException {
        String response = rawHandshake("/v2/realtime", "Authorization: Bearer sk-good\r\n");
        assertThat(response).startsWith("HTTP/1.1 404 Not Found\r\n").contains("Invalid URL (GET /v2/realtime)");
    }

    @Test
    void azureGaPathAcceptsTheApiKeyHeaderAndReportsTheDeploymentAsModel() {
        try (TestClient c = TestClient.connect(server.azureUrl("my-realtime-deployment"),
                Map.of("api-key", "sk-good"))) {
            assertThat(c.next("session.created").at("/session/model").asText()).isEqualTo("my-realtime-deployment");
        }
    }

    @Test
    void azurePreviewPathTakesTheDeploymentParameter() {
        URI uri = URI.create("ws://127.0.0.1:" + server.port()
                + "/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-4o-realtime-preview");
        try (TestClient c = TestClient.connect(uri, Map.of("api-key", "sk-good"))) {
            assertThat(c.next("session.created").at("/session/model").asText()).isEqualTo("gpt-4o-realtime-preview");
        }
    }

    @Test
    void azurePathAlsoAcceptsABearerToken() {
        try (TestClient c = TestClient.connect(server.azureUrl("dep"), Map.of("Authorization", "Bearer sk-good"))) {
            assertThat(c.next("session.created").at("/session/type").asText()).isEqualTo("realtime");
        }
    }

    @Test
    void apiKeyHeaderIsNotAcceptedOnTheOpenAiPath() throws IOException {
        assertThat(rawHandshake("/v1/realtime?model=gpt-realtime", "api-key: sk-good\r\n")).startsWith("HTTP/1.1 401 ");
    }

    @Test
    void betaHeaderGetsBetaApiShapeDisabledThenClose4000() {
        try (TestClient c = TestClient.connect(URI.create(server.url() + "?model=gpt-realtime"),
                Map.of("Authorization", "Bearer sk-good", "OpenAI-Beta", "realtime=v1"))) {
            JsonNode error = c.next("error");
            assertThat(error.at("/error/code").asText()).isEqualTo("beta_api_shape_disabled");
            assertThat(c.awaitClose().code()).isEqualTo(4000);
            assertThat(c.types()).doesNotContain("session.created");
            c.assertSchemaValid();
        }
    }

    @Test
    void anyNonBlankKeyIsAcceptedWhenNoKeysAreConfigured() {
        try (FakeRealtimeServer open = FakeRealtimeServer.builder().build().start();
                TestClient c = TestClient.connect(URI.create(open.url() + "?model=m"),
                        Map.of("Authorization", "Bearer anything"))) {
            assertThat(c.next("session.created").at("/session/model").asText()).isEqualTo("m");
        }
    }
}
