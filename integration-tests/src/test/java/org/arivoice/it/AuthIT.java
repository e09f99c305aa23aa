package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.AriForbiddenException;
import org.arivoice.ari.AriUnauthorizedException;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.model.AsteriskInfo;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.ari.stream.ConnectionState;
import org.arivoice.testsupport.HangGuard;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

/**
 * ARI authentication as Asterisk enforces it ({@code ari.conf}): a wrong password is 401
 * {@code Authentication required} on REST and on the event WebSocket handshake (where the stream gives up in
 * {@code AUTH_FAILED} instead of retrying), and the read-only user may read but gets 403
 * {@code Write access denied} on any write.
 */
@HangGuard(seconds = 60)
class AuthIT extends ScenarioSupport {

    @Test
    void wrongPasswordIsRefusedWith401OnRestAndTheMessageHidesIt() {
        String wrong = "wrong-" + prefix() + "password";
        try (AriClient intruder = AriClient.builder().baseUrl(target.baseUrl())
                .credentials(target.user(), wrong).build()) {
            assertThatThrownBy(() -> intruder.asterisk().getInfo().await())
                    .isInstanceOfSatisfying(AriUnauthorizedException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.asteriskMessage()).contains("Authentication required");
                    })
                    .hasMessageNotContaining(wrong);
        }
    }

    @Test
    void wrongPasswordEndsTheEventStreamInAuthFailedWithoutRetrying() {
        String wrong = "wrong-" + prefix() + "password";
        try (AriEventStream intruder = AriEventStream.builder()
                .baseUrl(target.baseUrl())
                .credentials(Credentials.basic(target.user(), wrong))
                .applications(id("intruder"))
                .build()) {
            CompletableFuture<Void> connected = intruder.connect();
            await().atMost(Timeouts.seconds(10)).until(connected::isDone);
            assertThat(connected).isCompletedExceptionally();
            assertThat(intruder.state()).isEqualTo(ConnectionState.AUTH_FAILED);
            assertThat(intruder.stats().connects()).isZero();
            assertThat(intruder.toString()).doesNotContain(wrong);
        }
    }

    @Test
    void readOnlyUserCanReadButGets403OnAWrite() {
        try (AriClient reader = AriClient.builder().baseUrl(target.baseUrl())
                .credentials(target.readOnlyUser(), target.readOnlyPassword()).build()) {
            AsteriskInfo info = reader.asterisk().getInfo().await();
            assertThat(info.system()).isNotNull();
            assertThat(reader.channels().list().await()).isNotNull();
            assertThat(reader.bridges().list().await()).isNotNull();

            String bridgeId = id("readonly-bridge");
            assertThatThrownBy(() -> reader.bridges().create(BridgeOptions.builder().type("mixing")
                    .bridgeId(bridgeId).build()).await())
                    .isInstanceOfSatisfying(AriForbiddenException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.asteriskMessage()).contains("Write access denied");
                    });
            // The refused write had no effect (the after-test check would also find the bridge).
            assertThat(ari.bridges().list().await()).noneMatch(b -> b.id().equals(bridgeId));
        }
    }
}
