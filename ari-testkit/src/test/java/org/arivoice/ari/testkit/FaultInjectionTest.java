package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    FakeAsterisk fake;
    TestAri ari;

    @BeforeEach
    void start() {
        fake = FakeAsterisk.builder().build().start();
        ari = new TestAri(fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void chosenRequestsFailTheGivenNumberOfTimesWithoutSideEffects() {
        fake.failRequests("POST", "/bridges", 503, 2);
        assertThat(ari.call("POST", "/bridges?bridgeId=f").status()).isEqualTo(503);
        assertThat(ari.call("GET", "/bridges").status()).isEqualTo(200);
        assertThat(ari.call("POST", "/bridges?bridgeId=f").status()).isEqualTo(503);
        assertThat(fake.bridges()).isEmpty();
        assertThat(ari.call("POST", "/bridges?bridgeId=f").status()).isEqualTo(200);
    }

    @Test
    void chosenRequestsAreDelayed() {
        fake.delayRequests("GET", "/channels", Duration.ofMillis(300), 1);
        long t0 = System.nanoTime();
        assertThat(ari.call("GET", "/channels").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        fake.clearFaults();
    }

    @Test
    void refusedConnectionsComeBackOnTheSamePort() {
        TestAri.Events events = ari.connect("app=voicebot");
        fake.refuseConnections(Duration.ofMillis(500));
        TestAri.within(events.closed);
        assertThatThrownBy(() -> ari.call("GET", "/channels")).hasCauseInstanceOf(java.net.ConnectException.class);
        Awaitility.await().atMost(Timeouts.seconds(10)).ignoreExceptions()
                .until(() -> ari.call("GET", "/channels").status() == 200);
        assertThat(fake.registeredApplications()).contains("voicebot");
    }

    @Test
    void droppedEventSocketsLeaveTheApplicationRegistered() {
        TestAri.Events events = ari.connect("app=voicebot");
        fake.dropEventSockets();
        TestAri.within(events.closed);
        assertThat(fake.registeredApplications()).containsExactly("voicebot");
        // The client can see the close before the server's side of the close handshake has finished.
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.openEventSockets() == 0);
        assertThat(fake.registeredApplications()).containsExactly("voicebot");
    }

    @Test
    void restartForgetsEveryChannelBridgeAndApplication() {
        TestAri.Events events = ari.connect("app=voicebot");
        ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot&channelId=r&otherChannelId=r-peer");
        events.await("StasisStart", "r");
        ari.call("POST", "/bridges?bridgeId=rb");
        fake.restart();
        TestAri.within(events.closed);
        assertThat(fake.channels()).isEmpty();
        assertThat(fake.bridges()).isEmpty();
        assertThat(fake.registeredApplications()).isEmpty();
        assertThat(ari.call("GET", "/channels/r").status()).isEqualTo(404);
        fake.assertNoLeaks();
    }

    @Test
    void assertNoLeaksNamesWhatIsLeft() {
        ari.call("POST", "/bridges?bridgeId=leak");
        assertThatThrownBy(fake::assertNoLeaks).isInstanceOf(AssertionError.class).hasMessageContaining("bridge leak");
    }
}
