package org.arivoice.voicebot.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.arivoice.realtime.testkit.AudioSource;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.realtime.testkit.ScriptedResponse;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Barge-in: the caller talks over the greeting; the bot stops and truncates at what the caller heard. */
class BargeInTest {

    private static FakeRealtimeServer.Builder model() {
        return model(2500);
    }

    private static FakeRealtimeServer.Builder model(int greetingMs) {
        // A greeting at 440 Hz, then an answer at 880 Hz.
        return FakeRealtimeServer.builder().responses(
                ScriptedResponse.message("Hello, this is a long greeting.",
                        AudioSource.tone(440, Duration.ofMillis(greetingMs), 0.3)),
                ScriptedResponse.message("Yes?", AudioSource.tone(880, Duration.ofMillis(600), 0.3)));
    }

    @Test
    void callerSpeechTruncatesTheGreetingAtTheMillisecondTheCallerHeard() {
        // RTP (silence) flows from the start, so the greeting starts at once; the caller talks 0.7 s later.
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(700, 1000, 500, 300), model(), c -> c)) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(15))
                    .until(() -> f.model.receivedEvents("conversation.item.truncate").size() == 1);
            // The answer (880 Hz) follows the barge-in.
            await().atMost(Timeouts.seconds(15)).until(() -> BotFixture.framesWithTone(f.heard(caller), 880, 440) >= 25);

            JsonNode truncate = f.model.receivedEvents("conversation.item.truncate").get(0);
            long truncatedAt = truncate.path("audio_end_ms").asLong();
            int heard440 = BotFixture.framesWithTone(f.heard(caller), 440, 880) * 20;
            assertThat(truncatedAt).as("audio_end_ms vs the greeting audio the caller received")
                    .isCloseTo(heard440, org.assertj.core.data.Offset.offset(20L));
            // Interrupted well before the end of the 2.5 s greeting, and after the 300 ms guard.
            assertThat(truncatedAt).isBetween(300L, 2400L);
            List<JsonNode> truncates = f.model.receivedEvents("conversation.item.truncate");
            assertThat(truncates).hasSize(1);
            assertThat(truncate.path("item_id").asText()).isNotEmpty();

            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }

    @Test
    void speechThatStartsWithinTheGuardButGoesOnInterruptsOnceTheGuardIsOver() {
        // The caller starts talking 100 ms into the greeting and keeps talking for 1.5 s.
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(100, 1000, 1500), model(2000), c -> c)) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(15))
                    .until(() -> f.model.receivedEvents("conversation.item.truncate").size() == 1);
            long truncatedAt = f.model.receivedEvents("conversation.item.truncate").get(0).path("audio_end_ms").asLong();
            // Not before guard (300 ms) + min speech (150 ms) after the bot started, and at what was heard.
            assertThat(truncatedAt).isBetween(400L, 1500L);
            await().atMost(Timeouts.seconds(5)).untilAsserted(() -> assertThat(
                    BotFixture.framesWithTone(f.heard(caller), 440, 880) * 20L)
                    .isCloseTo(truncatedAt, org.assertj.core.data.Offset.offset(20L)));
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }

    @Test
    void speechThatEndsWithinTheGuardDoesNotInterrupt() {
        // A 10 s guard: the caller's speech 1 s into the greeting must not cut it.
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(1000, 1000, 1200), model(2000),
                c -> BotFixture.withConversation(c, true, 10_000, 150))) {
            String caller = f.call();
            // The whole 2 s greeting reaches the caller.
            await().atMost(Timeouts.seconds(20)).until(() -> BotFixture.framesWithTone(f.heard(caller), 440, 880) >= 99);
            assertThat(f.model.receivedEvents("conversation.item.truncate")).isEmpty();
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }

    @Test
    void speechShorterThanMinSpeechDoesNotInterrupt(@TempDir Path transcripts) {
        // The caller says something 120 ms long; min-speech-ms is 500.
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(1000, 1000, 120, 1500), model(2500),
                c -> BotFixture.withTranscripts(BotFixture.withConversation(c, true, 300, 500), transcripts))) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(20)).until(() -> BotFixture.framesWithTone(f.heard(caller), 440, 880) >= 124);
            // The model did hear speech start (and stop) while the bot was talking, but the bot went on.
            assertThat(BotFixture.transcriptLines(transcripts)).anyMatch(l -> l.contains("\"speech_started\""))
                    .anyMatch(l -> l.contains("\"speech_stopped\"")).noneMatch(l -> l.contains("\"barge_in\""));
            assertThat(f.model.receivedEvents("conversation.item.truncate")).isEmpty();
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }
}
