package org.arivoice.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.resources.ExternalMediaOptions;
import org.arivoice.ari.resources.SnoopOptions;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Error handling against a real HTTP server on loopback that answers with the status codes and
 * {@code message} texts recorded from a real Asterisk ({@code testdata/asterisk-ari/transcripts/bridge-snoop-externalmedia.jsonl}
 * and the conformance recordings in {@code testdata/asterisk-ari/conformance}).
 */
class AriClientErrorsTest {
    private static final String PASSWORD = "Unique-Pa55word-xyz";

    private AriTestServer server;
    private AriClient ari;
    private final List<Throwable> seen = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new AriTestServer();
        ari = AriClient.builder().baseUrl(server.baseUrl()).credentials("voicebot", PASSWORD).build();
    }

    @AfterEach
    void stop() {
        ari.close();
        server.close();
        for (Throwable t : seen) {
            assertNoSecret(t);
        }
    }

    private void answer(int status, String body) {
        server.respond(r -> AriTestServer.Reply.json(status, body));
    }

    private <T extends AriException> T failure(Class<T> type, Function<AriClient, AriFuture<?>> call) {
        AriFuture<?> future = call.apply(ari);
        Throwable thrown = null;
        try {
            future.await();
        } catch (Throwable t) {
            thrown = t;
        }
        assertThat(thrown).isInstanceOf(type);
        seen.add(thrown);
        return type.cast(thrown);
    }

    private static void assertNoSecret(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        String all = text + " " + t;
        String basic = Base64.getEncoder().encodeToString(("voicebot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(all).doesNotContain(PASSWORD).doesNotContain(basic);
    }

    @Test
    void channelNotFoundIs404WithAsteriskMessageAndOperation() {
        answer(404, "{\"message\":\"Channel not found\"}");
        AriNotFoundException e = failure(AriNotFoundException.class, a -> a.channels().get("does-not-exist"));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.asteriskMessage()).contains("Channel not found");
        assertThat(e.operation()).isEqualTo(new AriOperation("channels.get", "GET", "/channels/does-not-exist"));
        assertThat(e.getMessage()).contains("channels.get", "GET /channels/does-not-exist", "404",
                "Channel not found");
    }

    @Test
    void addChannelWithUnknownChannelIs400BadRequest() {
        answer(400, "{\"message\":\"Channel not found\"}");
        AriBadRequestException e = failure(AriBadRequestException.class,
                a -> a.bridges().addChannel("bridge-1", "does-not-exist"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.asteriskMessage()).contains("Channel not found");
        assertThat(e.operation().name()).isEqualTo("bridges.addChannel");
    }

    @Test
    void unknownBridgeIs404() {
        answer(404, "{\"message\":\"Bridge not found\"}");
        AriNotFoundException e = failure(AriNotFoundException.class,
                a -> a.bridges().addChannel("no-such-bridge", "call-1"));
        assertThat(e.asteriskMessage()).contains("Bridge not found");
    }

    @Test
    void externalMediaValidationErrorsAre400() {
        answer(400, "{\"message\":\"external_host must be <host>:<port> for all transports other than websocket\"}");
        AriBadRequestException e = failure(AriBadRequestException.class, a -> a.channels().externalMedia(
                ExternalMediaOptions.builder("voicebot", "ulaw").externalHost("127.0.0.1").build()));
        assertThat(e.getMessage()).contains("external_host must be <host>:<port>");

        answer(400, "{\"message\":\"transport must be 'udp' for rtp encapsulation\"}");
        e = failure(AriBadRequestException.class, a -> a.channels().externalMedia(
                ExternalMediaOptions.builder("voicebot", "ulaw").externalHost("127.0.0.1:9").encapsulation("rtp")
                        .transport("tcp").build()));
        assertThat(e.asteriskMessage()).contains("transport must be 'udp' for rtp encapsulation");
    }

    @Test
    void unknownFormatIsServerError() {
        answer(500, "{\"message\":\"An internal error prevented this request from being handled\"}");
        AriServerException e = failure(AriServerException.class, a -> a.channels().externalMedia(
                ExternalMediaOptions.builder("voicebot", "nosuchformat").externalHost("127.0.0.1:9").build()));
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.getMessage()).contains("Asterisk log");
    }

    @Test
    void invalidSpyDirectionIs400() {
        answer(400, "{\"message\":\"Invalid direction specified for spy\"}");
        AriBadRequestException e = failure(AriBadRequestException.class,
                a -> a.channels().snoop("call-1", SnoopOptions.builder("voicebot").build()));
        assertThat(e.asteriskMessage()).contains("Invalid direction specified for spy");
    }

    @Test
    void channelNotInStasisIs422() {
        answer(422, "{\"message\":\"Channel not in Stasis application\"}");
        AriUnprocessableException e = failure(AriUnprocessableException.class,
                a -> a.bridges().addChannel("bridge-1", "call-1-peer"));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.asteriskMessage()).contains("Channel not in Stasis application");
    }

    @Test
    void conflictAndPreconditionFailedHaveTheirTypes() {
        // Not in the recordings; status codes from the spec's errorResponses, texts illustrative.
        answer(409, "{\"message\":\"Channel not in a state to answer\"}");
        assertThat(failure(AriConflictException.class, a -> a.channels().answer("c")).status()).isEqualTo(409);
        answer(412, "{\"message\":\"Channel in invalid state\"}");
        assertThat(failure(AriPreconditionFailedException.class, a -> a.channels().ring("c")).status())
                .isEqualTo(412);
        answer(418, "{\"message\":\"teapot\"}");
        AriException other = failure(AriException.class, a -> a.channels().ring("c"));
        assertThat(other.getClass()).isEqualTo(AriException.class);
        assertThat(other.status()).isEqualTo(418);
        answer(503, "");
        assertThat(failure(AriServerException.class, a -> a.asterisk().ping()).asteriskMessage()).isEmpty();
    }

    @Test
    void unauthorizedNamesUserAndUrlAndAriConf() {
        server.respond(r -> new AriTestServer.Reply(401, "{\"message\":\"Authentication required\"}",
                Map.of("WWW-Authenticate", "Basic realm=\"Asterisk REST Interface\"",
                        "Content-Type", "application/json"), null));
        AriUnauthorizedException e = failure(AriUnauthorizedException.class, a -> a.asterisk().getInfo());
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.username()).contains("voicebot");
        assertThat(e.asteriskMessage()).contains("Authentication required");
        assertThat(e.getMessage()).contains("'voicebot'", server.baseUrl() + "/ari/", "ari.conf");
    }

    @Test
    void unauthorizedWithoutCredentialsSaysNoneWereConfigured() {
        server.respond(r -> AriTestServer.Reply.json(401, "{\"message\":\"Authentication required\"}"));
        try (AriClient anonymous = AriClient.builder().baseUrl(server.baseUrl()).build()) {
            AriUnauthorizedException e = (AriUnauthorizedException) catchAri(anonymous.asterisk().ping());
            assertThat(e.username()).isEmpty();
            assertThat(e.getMessage()).contains("no credentials were configured", "credentials(user, password)");
        }
        assertThat(server.received().get(0).header("Authorization")).isNull();
    }

    @Test
    void writeAccessDeniedSaysTheUserIsReadOnly() {
        answer(403, "{\"message\":\"Write access denied\"}");
        AriForbiddenException e = failure(AriForbiddenException.class,
                a -> a.bridges().create(BridgeOptions.builder().type("mixing").build()));
        assertThat(e.readOnlyUser()).isTrue();
        assertThat(e.getMessage()).contains("'voicebot'", "read-only", "read_only = yes", "ari.conf");

        answer(403, "{\"message\":\"Recording file could not be opened\"}");
        AriForbiddenException other = failure(AriForbiddenException.class,
                a -> a.recordings().getStoredFile("rec"));
        assertThat(other.readOnlyUser()).isFalse();
    }

    @Test
    void trailingSlashMessageIsPassedOn() {
        answer(404, "{\"message\":\"ARI URLs do not end with a slash. Try /ari/channels\"}");
        AriNotFoundException e = failure(AriNotFoundException.class, a -> a.channels().list());
        assertThat(e.getMessage()).contains("ARI URLs do not end with a slash. Try /ari/channels");
    }

    @Test
    void nonAriNotFoundPointsAtTheBaseUrl() {
        server.respond(r -> new AriTestServer.Reply(404, "<html>Not Found</html>", Map.of("Content-Type",
                "text/html"), null));
        AriNotFoundException e = failure(AriNotFoundException.class, a -> a.asterisk().ping());
        assertThat(e.asteriskMessage()).isEmpty();
        assertThat(e.getMessage()).contains("not answering like ARI", "res_ari");
    }

    @Test
    void malformedJsonIsAProtocolErrorNotACrash() {
        answer(200, "{\"id\": \"call-1\", ");
        AriProtocolException e = failure(AriProtocolException.class, a -> a.channels().get("call-1"));
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.getMessage()).contains("not a valid Channel");
        answer(200, "");
        assertThat(failure(AriProtocolException.class, a -> a.channels().get("call-1")).getMessage())
                .contains("Channel");
        // the client still works afterwards
        answer(200, "{\"id\":\"call-1\"}");
        assertThat(ari.channels().get("call-1").await().id()).isEqualTo("call-1");
    }

    @Test
    void refusedConnectionSaysToCheckHttpConf() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (AriClient refused = AriClient.builder().baseUrl("http://127.0.0.1:" + port)
                .credentials("voicebot", PASSWORD).build()) {
            AriException e = catchAri(refused.asterisk().ping());
            assertThat(e).isInstanceOf(AriConnectionException.class);
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains("refused", "http.conf", "enabled = yes", "bindaddr", "bindport",
                    "127.0.0.1:" + port);
            seen.add(e);
        }
    }

    @Test
    void timeoutSaysSoWithTheTimeoutValue() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        server.respond(r -> {
            try {
                release.await(Timeouts.ms(30, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AriTestServer.Reply.noContent();
        });
        try {
            AriClient quick = ari.withTimeout(Duration.ofMillis(300));
            AriException e = catchAri(quick.channels().answer("call-1"));
            assertThat(e).isInstanceOf(AriTimeoutException.class);
            assertThat(((AriTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(300));
            assertThat(e.getMessage()).contains("300 ms", "channels.answer", "may still have been carried out");
            seen.add(e);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBodyThatStallsAfterTheHeadersAlsoTimesOut() {
        CountDownLatch release = new CountDownLatch(1);
        server.respondRaw(exchange -> {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write("{\"id\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                release.await(Timeouts.ms(30, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            AriException e = catchAri(ari.withTimeout(Duration.ofMillis(300)).channels().get("call-1"));
            assertThat(e).isInstanceOf(AriTimeoutException.class);
            assertThat(e.getMessage()).contains("300 ms");
            seen.add(e);
        } finally {
            release.countDown();
        }
    }

    @Test
    void secretsNeverAppearInToStringOrMessagesWithApiKey() {
        Credentials key = Credentials.apiKey("voicebot", PASSWORD);
        assertThat(key.toString()).doesNotContain(PASSWORD).contains("voicebot", "***");
        assertThat(Credentials.basic("voicebot", PASSWORD).toString()).doesNotContain(PASSWORD);
        assertThat(ari.toString()).doesNotContain(PASSWORD).contains("voicebot");
        answer(404, "{\"message\":\"Channel not found\"}");
        try (AriClient withKey = AriClient.builder().baseUrl(server.baseUrl()).credentials(key).build()) {
            assertThat(withKey.toString()).doesNotContain(PASSWORD);
            AriException e = catchAri(withKey.channels().get("gone"));
            seen.add(e);
            AriTestServer.Received r = server.received().get(0);
            assertThat(r.query()).containsEntry("api_key", "voicebot:" + PASSWORD);
            assertThat(r.header("Authorization")).isNull();
            assertThat(e.operation().path()).isEqualTo("/channels/gone");
        }
        // a 401 names the user, never the password
        answer(401, "{\"message\":\"Authentication required\"}");
        seen.add(catchAri(ari.asterisk().ping()));
    }

    @Test
    void awaitRethrowsTheTypedExceptionAndFutureFailsWithIt() {
        answer(404, "{\"message\":\"Channel not found\"}");
        AriFuture<?> future = ari.channels().get("x");
        assertThatThrownBy(future::await).isInstanceOf(AriNotFoundException.class);
        assertThatThrownBy(future::join).hasCauseInstanceOf(AriNotFoundException.class);
        // derived stages are AriFutures too
        AriFuture<String> derived = (AriFuture<String>) ari.channels().get("x").thenApply(c -> c.id());
        assertThatThrownBy(derived::await).isInstanceOf(AriNotFoundException.class);
    }

    private static AriException catchAri(AriFuture<?> future) {
        try {
            future.await();
        } catch (AriException e) {
            return e;
        }
        throw new AssertionError("expected an AriException");
    }
}
