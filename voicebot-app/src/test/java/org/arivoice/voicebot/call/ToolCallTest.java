package org.arivoice.voicebot.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.testkit.ChannelSnapshot;
import org.arivoice.realtime.RealtimeSession;
import org.arivoice.realtime.testkit.AudioSource;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.realtime.testkit.ScriptedResponse;
import org.arivoice.testsupport.LogCapture;
import org.arivoice.testsupport.Timeouts;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.tools.BotTool;
import org.arivoice.voicebot.tools.ToolContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model calls tools: end_call, transfer_call, and a tool registered in code. */
class ToolCallTest {
    /** The caller: 600 ms of silence, a 400 ms "utterance", then silence, so the fake's VAD ends a turn. */
    private static final byte[] CALLER = BotFixture.silenceThenTone(300, 1000, 400, 1000);

    @Test
    void endCallHangsUpAfterTheFarewellHasBeenPlayed(@TempDir Path transcripts) {
        FakeRealtimeServer.Builder model = FakeRealtimeServer.builder().responses(
                ScriptedResponse.message("Goodbye!", AudioSource.tone(440, Duration.ofMillis(1600), 0.3)),
                ScriptedResponse.functionCall("end_call", "{\"reason\":\"caller is done\"}"));
        // A long guard: the caller's utterance must not cut the farewell.
        try (BotFixture f = new BotFixture(CALLER, model,
                c -> BotFixture.withTranscripts(BotFixture.withConversation(c, true, 10_000, 150), transcripts))) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(20)).until(() -> f.ended.containsKey(caller));
            assertThat(f.ended.get(caller).reason()).isEqualTo("REQUESTED");
            // The whole 1.6 s farewell reached the caller before the hang-up (end_call came at about 1 s).
            assertThat(BotFixture.framesWithTone(f.heard(caller), 440, 1000)).isGreaterThanOrEqualTo(79);
            assertThat(BotFixture.transcriptLines(transcripts)).anyMatch(l -> l.contains("\"tool_call\"")
                    && l.contains("end_call"));
            assertThat(f.asterisk.channels()).noneMatch(ch -> ch.id().equals(caller));
            f.assertNoLeaks();
        }
    }

    @Test
    void endCallLogsNoFailureWhenItsResultFindsTheSessionClosedByTheHangUp() {
        FakeRealtimeServer.Builder model = FakeRealtimeServer.builder().responses(
                ScriptedResponse.message("Goodbye!", AudioSource.tone(440, Duration.ofMillis(300), 0.3)),
                ScriptedResponse.functionCall("end_call", "{}"));
        try (LogCapture log = LogCapture.of(RealtimeSession.class);
                BotFixture f = new BotFixture(CALLER, model, c -> c)) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(20)).until(() -> f.ended.containsKey(caller));
            assertThat(f.ended.get(caller).reason()).isEqualTo("REQUESTED");
            // end_call's result is ready only after the hang-up, when the bot has closed the session: the
            // session notes (at DEBUG) that it was not sent, or drops it once the session has ended.
            await().atMost(Timeouts.seconds(10)).until(() -> f.model.openConnections() == 0
                    && log.events().stream().anyMatch(e -> e.getFormattedMessage().contains("end_call")
                            || e.getFormattedMessage().startsWith("Tool result delivery skipped")));
            assertThat(log.messagesAtLeast(Level.INFO)).noneMatch(m -> m.contains("end_call"));
            // Nor was the result sent to the model of a call that is over (it would ask for another response).
            assertThat(f.model.receivedEvents("conversation.item.create"))
                    .noneMatch(e -> e.at("/item/type").asText().equals("function_call_output"));
            f.assertNoLeaks();
        }
    }

    @Test
    void transferCallMovesTheCallerToTheDialplanLocation() {
        FakeRealtimeServer.Builder model = FakeRealtimeServer.builder().responses(
                ScriptedResponse.message("Hello", AudioSource.tone(440, Duration.ofMillis(300), 0.3)),
                ScriptedResponse.functionCall("transfer_call", "{\"target\":\"sales\"}"));
        BotConfig.Tools tools = new BotConfig.Tools(true, false, Map.of("sales", new BotConfig.TransferTarget(
                "the sales team", Optional.of(new BotConfig.DialplanLocation("ari-it", "caller", 1)), Optional.empty())));
        try (BotFixture f = new BotFixture(CALLER, model, c -> BotFixture.withTools(c, tools))) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(20)).until(() -> f.ended.containsKey(caller));
            assertThat(f.ended.get(caller).reason()).isEqualTo("TRANSFERRED");
            // The caller is alive, out of the application, running ari-it,caller.
            ChannelSnapshot ch = f.asterisk.channels().stream().filter(c -> c.id().equals(caller)).findFirst()
                    .orElseThrow(() -> new AssertionError("the caller was hung up instead of transferred"));
            assertThat(ch.stasisApp()).isEmpty();
            try (AriClient ari = AriClient.builder().baseUrl(f.asterisk.baseUrl())
                    .credentials("voicebot", "voicebot-secret").build()) {
                await().atMost(Timeouts.seconds(5)).untilAsserted(() -> {
                    Channel now = ari.channels().get(caller).await();
                    assertThat(now.dialplan().context()).isEqualTo("ari-it");
                    assertThat(now.dialplan().exten()).isEqualTo("caller");
                });
            }
            // The transfer tool described its target to the model.
            JsonNode update = f.model.receivedEvents("session.update").get(0);
            assertThat(update.toString()).contains("transfer_call").contains("the sales team");
            f.asterisk.hangUpFromFarEnd(caller);
            f.assertNoLeaks();
        }
    }

    @Test
    void transferCallToAnEndpointBridgesTheCallerWithTheNewPartyAndClosesTheModel() {
        FakeRealtimeServer.Builder model = FakeRealtimeServer.builder().responses(
                ScriptedResponse.message("Hello", AudioSource.tone(440, Duration.ofMillis(300), 0.3)),
                ScriptedResponse.functionCall("transfer_call", "{\"target\":\"agent\"}"));
        // Local/caller@ari-it: the ;2 leg answers in the dialplan, the ;1 leg enters the application.
        BotConfig.Tools tools = new BotConfig.Tools(true, false, Map.of("agent", new BotConfig.TransferTarget(
                "a person", Optional.empty(), Optional.of("Local/caller@ari-it"))));
        try (BotFixture f = new BotFixture(CALLER, model, c -> BotFixture.withTools(c, tools))) {
            String caller = f.call();
            String bridge = f.ready.get(caller).bridgeId();
            String media = f.mediaChannel(caller);
            // The ExternalMedia leg left, a new party joined the caller's bridge, and the model's session closed.
            await().atMost(Timeouts.seconds(20)).until(() -> f.model.openConnections() == 0
                    && f.asterisk.channels().stream().noneMatch(ch -> ch.id().equals(media)));
            List<String> members = f.asterisk.bridges().stream().filter(b -> b.id().equals(bridge)).findFirst()
                    .orElseThrow().channelIds();
            assertThat(members).contains(caller).hasSize(2);
            assertThat(f.ended).doesNotContainKey(caller);
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.ended.containsKey(caller));
            assertThat(f.ended.get(caller).reason()).isEqualTo("CALLER_HUNG_UP");
            f.assertNoLeaks();
        }
    }

    @Test
    void aToolRegisteredInCodeRunsWithTheCallsContextAndItsResultGoesBackToTheModel() {
        AtomicReference<String> seenCall = new AtomicReference<>();
        BotTool weather = new BotTool() {
            @Override
            public String name() {
                return "get_weather";
            }

            @Override
            public String description() {
                return "The weather in a city";
            }

            @Override
            public JsonNode parameters() {
                return new ObjectMapper().createObjectNode().put("type", "object");
            }

            @Override
            public CompletableFuture<String> call(ToolContext context, JsonNode arguments) {
                seenCall.set(context.callId());
                return CompletableFuture.completedFuture("{\"city\":\"" + arguments.path("city").asText()
                        + "\",\"sky\":\"clear\"}");
            }
        };
        FakeRealtimeServer.Builder model = FakeRealtimeServer.builder().responses(
                ScriptedResponse.message("Hello", AudioSource.tone(440, Duration.ofMillis(300), 0.3)),
                ScriptedResponse.functionCall("get_weather", "{\"city\":\"Paris\"}"));
        try (BotFixture f = new BotFixture(CALLER, model, c -> c, weather)) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(20)).until(() -> f.model.receivedEvents("conversation.item.create")
                    .stream().anyMatch(e -> e.at("/item/type").asText().equals("function_call_output")));
            JsonNode output = f.model.receivedEvents("conversation.item.create").stream()
                    .filter(e -> e.at("/item/type").asText().equals("function_call_output")).findFirst().orElseThrow();
            assertThat(output.at("/item/output").asText()).isEqualTo("{\"city\":\"Paris\",\"sky\":\"clear\"}");
            assertThat(seenCall.get()).isEqualTo(f.ready.get(caller).callId());
            assertThat(f.bot.toolNames()).containsExactly("end_call", "get_weather");
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }
}
