package org.arivoice.voicebot.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.testsupport.Timeouts;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.config.ConfigLoader;
import org.arivoice.voicebot.config.Secret;
import org.arivoice.voicebot.metrics.BotMetrics;
import org.junit.jupiter.api.Test;

/** Start-up, limits and shutdown of the bot as a whole. */
class VoiceBotTest {

    @Test
    void refusedCredentialsStopTheStartWithASentenceNamingTheKeys() {
        try (FakeAsterisk asterisk = FakeAsterisk.builder().build().start()) {
            BotConfig c = ConfigLoader.forSimulation(asterisk.baseUrl(), "ws://127.0.0.1:9/v1/realtime", "sk-x");
            BotConfig.Ari a = c.ari();
            BotConfig wrong = new BotConfig(new BotConfig.Ari(a.url(), a.user(), new Secret("not-the-password",
                    "env ARI_PASSWORD"), a.application(), a.idPrefix(), a.sweepOnStart()), c.media(), c.realtime(),
                    c.conversation(), c.tools(), c.limits(), c.observability());
            assertThatThrownBy(() -> VoiceBot.start(wrong, BotMetrics.NONE))
                    .isInstanceOf(VoiceBotException.class)
                    .hasMessageContaining("refused the ARI user 'voicebot'")
                    .hasMessageContaining("ari.password")
                    .hasMessageNotContaining("not-the-password");
            asterisk.assertNoLeaks();
        }
    }

    @Test
    void aCallerBeyondMaxConcurrentCallsIsTurnedAwayAndHungUp() {
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(600, 1000, 1500), FakeRealtimeServer.builder(),
                c -> BotFixture.withLimits(c, 1, 3))) {
            String first = f.call();
            String second = f.asterisk.simulateIncomingCall("1000");
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.callsTurnedAway() == 1
                    && f.asterisk.channels().stream().noneMatch(ch -> ch.id().equals(second)));
            assertThat(f.bot.activeCalls()).isEqualTo(1);
            assertThat(f.asterisk.events()).anyMatch(e -> e.contains("\"PlaybackStarted\"") && e.contains(second)
                    && e.contains("sound:tt-allbusy"));
            assertThat(f.ready).doesNotContainKey(second);
            assertThat(f.model.connectionsAccepted()).isEqualTo(1);
            f.asterisk.hangUpFromFarEnd(first);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }

    @Test
    void shutdownEndsActiveCallsAfterTheGraceAndLeavesNothingBehind() {
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(600, 1000, 1500), FakeRealtimeServer.builder(),
                c -> c)) {
            String caller = f.call();
            assertThat(f.bot.activeCalls()).isEqualTo(1);
            f.bot.shutdown(Duration.ofMillis(300));
            assertThat(f.bot.activeCalls()).isZero();
            assertThat(f.ended.get(caller).reason()).isIn("REQUESTED", "SHUTDOWN");
            assertThat(f.asterisk.channels()).noneMatch(ch -> ch.id().equals(caller));
            f.assertNoLeaks();
            // After shutdown no new caller is served.
            String late = f.asterisk.simulateIncomingCall("1000");
            await().during(Duration.ofMillis(500)).atMost(Timeouts.seconds(2)).until(() -> !f.ready.containsKey(late));
            f.asterisk.hangUpFromFarEnd(late);
            f.assertNoLeaks();
        }
    }

    @Test
    void aCallerBeyondTheLimitGoesToTheOverflowLocationWhenOneIsConfigured() {
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(600, 1000, 1500), FakeRealtimeServer.builder(),
                c -> BotFixture.withCallLimits(c, Duration.ofMinutes(30), 0,
                        Optional.of(new BotConfig.DialplanLocation("ari-it", "caller", 1))))) {
            String caller = f.asterisk.simulateIncomingCall("1000");
            try (AriClient ari = AriClient.builder().baseUrl(f.asterisk.baseUrl())
                    .credentials("voicebot", "voicebot-secret").build()) {
                await().atMost(Timeouts.seconds(10)).untilAsserted(() -> {
                    Channel now = ari.channels().get(caller).await();
                    assertThat(now.dialplan().context()).isEqualTo("ari-it");
                    assertThat(now.dialplan().exten()).isEqualTo("caller");
                });
            }
            assertThat(f.bot.callsTurnedAway()).isEqualTo(1);
            assertThat(f.metrics.rejected.get()).isEqualTo(1);
            assertThat(f.model.connectionsAccepted()).isZero();
            f.asterisk.hangUpFromFarEnd(caller);
            f.assertNoLeaks();
        }
    }

    @Test
    void aCallIsEndedAtItsMaximumDuration() {
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(600, 1000, 1500), FakeRealtimeServer.builder(),
                c -> BotFixture.withCallLimits(c, Duration.ofMillis(1500), 100, Optional.empty()))) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(10)).until(() -> f.ended.containsKey(caller));
            assertThat(f.ended.get(caller).reason()).isEqualTo("CALL_TIMEOUT");
            assertThat(f.asterisk.channels()).noneMatch(ch -> ch.id().equals(caller));
            assertThat(f.bot.activeCalls()).isZero();
            f.assertNoLeaks();
        }
    }
}
