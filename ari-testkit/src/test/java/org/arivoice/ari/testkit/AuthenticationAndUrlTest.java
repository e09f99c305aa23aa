package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthenticationAndUrlTest {
    static FakeAsterisk fake;
    static TestAri ari;

    @BeforeAll
    static void start() {
        fake = FakeAsterisk.builder().build().start();
        ari = new TestAri(fake);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void missingCredentialsGet401WithTheAsteriskRealm() {
        TestAri.Resp r = ari.call("GET", "/asterisk/info", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message()).isEqualTo("Authentication required");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Asterisk REST Interface\"");
    }

    @Test
    void aWrongPasswordGets401() {
        assertThat(ari.call("GET", "/channels", TestAri.basic("voicebot", "wrong")).status()).isEqualTo(401);
        assertThat(ari.call("GET", "/channels", TestAri.basic("nobody", "voicebot-secret")).status()).isEqualTo(401);
    }

    @Test
    void theReadOnlyUserMayReadButNotWrite() {
        String reader = TestAri.basic("reader", "reader-secret");
        assertThat(ari.call("GET", "/channels", reader).status()).isEqualTo(200);
        TestAri.Resp r = ari.call("POST", "/bridges?type=mixing", reader);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.message()).isEqualTo("Write access denied");
        assertThat(fake.bridges()).isEmpty();
    }

    @Test
    void apiKeyQueryParameterIsAccepted() {
        assertThat(ari.call("GET", "/channels?api_key=voicebot:voicebot-secret", null).status()).isEqualTo(200);
        assertThat(ari.call("GET", "/channels?api_key=voicebot:nope", null).status()).isEqualTo(401);
    }

    @Test
    void customUsersReplaceTheDefaults() {
        try (FakeAsterisk custom = FakeAsterisk.builder().user("bot", "s3cret", false).build().start()) {
            TestAri c = new TestAri(custom);
            assertThat(c.call("GET", "/channels", TestAri.basic("bot", "s3cret")).status()).isEqualTo(200);
            assertThat(c.call("GET", "/channels").status()).isEqualTo(401);
        }
    }

    @Test
    void aTrailingSlashIsRejectedWithTheRecordedHint() {
        TestAri.Resp r = ari.call("GET", "/channels/");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.message()).isEqualTo("ARI URLs do not end with a slash. Try /ari/channels");
    }

    @Test
    void unknownResourcesAndMethodsAreRefused() {
        assertThat(ari.call("GET", "/nosuch").status()).isEqualTo(404);
        assertThat(ari.call("GET", "/channels/x/nosuch").status()).isEqualTo(404);
        assertThat(ari.call("PUT", "/channels").status()).isEqualTo(405);
        assertThat(ari.call("GET", "/asterisk/ping").body().path("ping").asText()).isEqualTo("pong");
    }

    @Test
    void theEventSocketHandshakeNeedsCredentials() {
        assertThatThrownBy(() -> ari.connect("app=voicebot", null))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((java.net.http.WebSocketHandshakeException) e.getCause())
                        .getResponse().statusCode()).isEqualTo(401));
        TestAri.Events ok = ari.connect("app=authcheck");
        Awaitility.await().atMost(Timeouts.seconds(5)).untilAsserted(
                () -> assertThat(fake.registeredApplications()).contains("authcheck"));
        ok.close();
    }

    @Test
    void theEventSocketAcceptsApiKey() {
        WebSocket ws = ari.http.newWebSocketBuilder().buildAsync(URI.create(fake.baseUrl().replace("http", "ws")
                + "/ari/events?app=keyed&api_key=voicebot:voicebot-secret"), new WebSocket.Listener() { }).join();
        // The server registers the application once its side of the upgrade has run, which can be a moment
        // after the client has seen the 101 (Asterisk too registers it in the "established" callback).
        Awaitility.await().atMost(Timeouts.seconds(5)).untilAsserted(
                () -> assertThat(fake.registeredApplications()).contains("keyed"));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }
}
