package org.arivoice.voicebot.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.testsupport.Timeouts;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.config.ConfigLoader;
import org.arivoice.voicebot.config.Secret;
import org.arivoice.voicebot.metrics.BotMetrics;
import org.arivoice.voicebot.metrics.MetricsServer;
import org.arivoice.voicebot.metrics.MicrometerBotMetrics;
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
    void afterShutdownNoThreadOfTheBotIsLeftWaitingOnTheNetwork() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(600, 1000, 1500), FakeRealtimeServer.builder(),
                c -> c)) {
            // As `voicebot run` does: the metrics endpoint too, closed after the bot.
            MetricsServer metricsServer = MetricsServer.start(0, new MicrometerBotMetrics());
            String caller = f.call();
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.ended.containsKey(caller));

            f.bot.shutdown(Duration.ofSeconds(1));
            metricsServer.close();

            // At exit HotSpot waits up to 300 ms for threads inside a native call, so each of these delayed the
            // process's exit after "Shut down". None may be left, and no thread the bot started keeps the JVM up.
            assertThat(threadsOfTheBot(before)).noneMatch(t -> t.contains("in native"))
                    .noneMatch(t -> t.contains("non-daemon"));
        }
    }

    /**
     * Threads started since {@code before} that are not the fakes' (told apart by name), each described with
     * "non-daemon" when it is one and "in native" with the call when it is inside a native network call.
     */
    private static List<String> threadsOfTheBot(Set<Thread> before) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> !before.contains(e.getKey()) && e.getKey().isAlive())
                .filter(e -> !FAKES_THREADS.matcher(e.getKey().getName()).lookingAt())
                .map(e -> {
                    StackTraceElement[] stack = e.getValue();
                    boolean inNativeIo = stack.length > 0 && stack[0].isNativeMethod()
                            && stack[0].getClassName().startsWith("sun.nio.");
                    return e.getKey().getName() + (e.getKey().isDaemon() ? "" : " non-daemon")
                            + (inNativeIo ? " in native " + stack[0] : "");
                })
                .toList();
    }

    /**
     * FakeAsterisk's threads (Jetty's are named by its pool and scheduler) and FakeRealtimeServer's (a
     * Java-WebSocket server); the bot's ARI event socket is a Java-WebSocket client, whose threads are named
     * {@code WebSocketConnectReadThread} and {@code WebSocketWriteThread}, so they are not excluded.
     */
    private static final java.util.regex.Pattern FAKES_THREADS = java.util.regex.Pattern.compile(
            "fake-|Scheduler-|WebSocketSelector-|WebSocketWorker-|connectionLostChecker-");

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
