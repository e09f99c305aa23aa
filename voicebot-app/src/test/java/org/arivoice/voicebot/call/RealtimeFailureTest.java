package org.arivoice.voicebot.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.arivoice.realtime.testkit.AudioSource;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.realtime.testkit.ReceivedEvent;
import org.arivoice.realtime.testkit.ScriptedResponse;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

/** The Realtime connection fails mid-call: the caller is never left in silence. */
class RealtimeFailureTest {
    /** The caller talks (1000 Hz) for 3 s after 600 ms of silence. */
    private static final byte[] CALLER = BotFixture.silenceThenTone(300, 1000, 3000, 600);

    private static FakeRealtimeServer.Builder model() {
        return FakeRealtimeServer.builder().audioSource(AudioSource.tone(440, Duration.ofMillis(300), 0.3));
    }

    private static List<ReceivedEvent> appends(BotFixture f, int connection) {
        return f.model.receivedEvents().stream()
                .filter(e -> e.type().equals("input_audio_buffer.append") && e.connection() == connection).toList();
    }

    @Test
    void aDroppedConnectionIsRestoredAndTheCallersAudioFlowsToTheNewOne() {
        try (BotFixture f = new BotFixture(CALLER, model(), c -> c)) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(10)).until(() -> f.model.receivedEvents("input_audio_buffer.append").size() > 10);
            int first = f.model.receivedEvents().get(0).connection();
            f.model.dropConnections(); // the client sees 1006 and reconnects by itself
            await().atMost(Timeouts.seconds(15)).until(() -> f.model.connectionsAccepted() >= 2
                    && f.model.receivedEvents().stream().anyMatch(e -> e.connection() != first
                            && e.type().equals("input_audio_buffer.append")));
            int second = f.model.receivedEvents().stream().filter(e -> e.connection() != first)
                    .findFirst().orElseThrow().connection();
            // The caller's tone reaches the model over the new connection.
            await().atMost(Timeouts.seconds(10)).until(() -> {
                byte[] all = appends(f, second).stream().map(e -> Base64.getDecoder().decode(e.json().path("audio").asText()))
                        .reduce(new byte[0], RealtimeFailureTest::concat);
                return BotFixture.framesWithTone(BotFixture.ulawToPcm(all), 1000, 440) >= 10;
            });
            assertThat(f.ended).doesNotContainKey(caller);
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }

    @Test
    void aTerminalFailureOpensANewSessionWithTheConversationSoFar() {
        try (BotFixture f = new BotFixture(CALLER, model(), c -> c)) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(10)).until(() -> f.model.receivedEvents("response.create").size() >= 1
                    && f.model.receivedEvents("input_audio_buffer.append").size() > 10);
            f.model.closeConnections(1008, "policy violation"); // not a code the client reconnects on
            await().atMost(Timeouts.seconds(15)).until(() -> f.model.receivedEvents("session.update").size() >= 2);
            JsonNode second = f.model.receivedEvents("session.update").get(1);
            assertThat(second.at("/session/instructions").asText())
                    .startsWith(f.config.conversation().instructions())
                    .contains("interrupted by a technical problem");
            // The new session speaks at once (an apology), so the caller is not left in silence.
            await().atMost(Timeouts.seconds(10)).until(() -> f.model.receivedEvents("response.create").stream()
                    .anyMatch(e -> e.at("/response/instructions").asText().startsWith("Apologise")));
            assertThat(f.ended).doesNotContainKey(caller);
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }

    @Test
    void pastMaxRealtimeFailuresTheCallerHearsTheApologyAndIsHungUp() {
        try (BotFixture f = new BotFixture(CALLER, model(), c -> BotFixture.withLimits(c, 100, 0))) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(10)).until(() -> f.model.receivedEvents("input_audio_buffer.append").size() > 10);
            f.model.closeConnections(1008, "policy violation");
            await().atMost(Timeouts.seconds(15)).until(() -> f.ended.containsKey(caller));
            assertThat(f.ended.get(caller).reason()).isEqualTo("REQUESTED");
            assertThat(f.ended.get(caller).realtimeFailures()).isEqualTo(1);
            assertThat(f.asterisk.events()).anyMatch(e -> e.contains("\"PlaybackStarted\"")
                    && e.contains("sound:an-error-has-occurred"));
            assertThat(f.model.connectionsAccepted()).isEqualTo(1);
            f.assertNoLeaks();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void aSessionNearItsTimeLimitIsReplacedWithoutEndingTheCall() {
        // Sessions last 6 s here; the bot rolls over 3 s before the end (after the greeting has started).
        try (BotFixture f = new BotFixture(CALLER, model().sessionMaxDuration(Duration.ofSeconds(6)),
                c -> BotFixture.withRollover(c, Duration.ofSeconds(3)))) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(10)).until(() -> f.model.receivedEvents("session.update").size() >= 2);
            assertThat(f.model.receivedEvents("session.update").get(1).at("/session/instructions").asText())
                    .contains("continues from an earlier session");
            // The old session is closed once the new one is in place, and the caller's audio goes to the new one.
            await().atMost(Timeouts.seconds(10)).until(() -> f.model.openConnections() == 1);
            int newest = f.model.receivedEvents().get(f.model.receivedEvents().size() - 1).connection();
            await().atMost(Timeouts.seconds(10)).until(() -> !appends(f, newest).isEmpty()
                    || f.model.connectionsAccepted() > 2);
            assertThat(f.ended).doesNotContainKey(caller);
            assertThat(f.metrics.realtimeErrors).doesNotContain("connect_failed");
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }

    @Test
    void aFailedResponseIsAskedForAgainSoTheCallerHearsTheModel() {
        // The greeting fails (a rate limit); the bot asks again and the second response is heard.
        FakeRealtimeServer.Builder model = FakeRealtimeServer.builder()
                .audioSource(AudioSource.tone(440, Duration.ofMillis(600), 0.3))
                .responses(ScriptedResponse.failed("rate_limit_exceeded", "too many requests"));
        try (BotFixture f = new BotFixture(CALLER, model, c -> BotFixture.withConversation(c, true, 10_000, 150))) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(10)).until(() -> BotFixture.framesWithTone(f.heard(caller), 440, 1000) >= 25);
            assertThat(f.model.receivedEvents("response.create").size()).isGreaterThanOrEqualTo(2);
            assertThat(f.metrics.realtimeErrors).contains("rate_limit_exceeded");
            assertThat(f.ended).doesNotContainKey(caller);
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }
}
