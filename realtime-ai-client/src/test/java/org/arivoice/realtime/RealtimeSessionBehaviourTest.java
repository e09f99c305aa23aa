package org.arivoice.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.arivoice.realtime.event.ServerEvent;
import org.arivoice.testsupport.LogCapture;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RealtimeSessionBehaviourTest {
    private ScriptedRealtimeServer server;
    private RealtimeClient client;
    private RecordingListener listener;
    private RealtimeSession session;
    private final List<String> toolThreads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        server = ScriptedRealtimeServer.startNew();
        client = RealtimeClient.builder().endpoint(server.endpoint()).apiKey("sk-x").build();
        listener = new RecordingListener();
        ObjectNode schema = ScriptedRealtimeServer.JSON.createObjectNode();
        schema.put("type", "object");
        schema.putObject("properties").putObject("city").put("type", "string");
        SessionConfig config = SessionConfig.builder()
                .tool(new Tool("weather", "Current weather for a city", schema, args -> {
                    toolThreads.add(Thread.currentThread().getName());
                    return CompletableFuture.completedFuture("{\"city\":\"" + args.path("city").asText()
                            + "\",\"sky\":\"clear\"}");
                }))
                .tool(new Tool("broken", "Always fails", schema, args -> {
                    throw new IllegalStateException("database is down");
                }))
                // As a bot's end_call does: the application closes the session before the tool's result is ready.
                .tool(new Tool("hang_up", "Ends the conversation", schema, args -> {
                    session.closeAsync();
                    return CompletableFuture.completedFuture("{\"status\":\"ended\"}");
                }))
                .build();
        session = client.connect(config, listener);
        server.next("session.update");
    }

    @AfterEach
    void close() throws Exception {
        // Whatever the session sent in the test must be a valid GA client event.
        var schemas = org.arivoice.realtime.event.RealtimeSchemas.load();
        for (JsonNode sent : server.everything) {
            assertThat(schemas.validate("RealtimeClientEvent", sent)).as("sent %s", sent).isEmpty();
        }
        session.close();
        client.close();
        server.close();
    }

    @Test
    void appendEncodesTheExactBytesAsBase64() throws Exception {
        Random random = new Random(42);
        byte[] first = new byte[960];
        byte[] second = new byte[961];
        random.nextBytes(first);
        random.nextBytes(second);
        byte[] big = new byte[2000];
        random.nextBytes(big);
        ByteBuffer direct = ByteBuffer.allocateDirect(161);
        byte[] directBytes = new byte[161];
        random.nextBytes(directBytes);
        direct.put(directBytes).flip();

        assertThat(session.appendAudio(first)).isTrue();
        assertThat(session.appendAudio(second)).isTrue();
        assertThat(session.appendAudio(big, 7, 1000)).isTrue();
        assertThat(session.appendAudio(direct)).isTrue();
        assertThat(direct.position()).isZero();

        assertThat(decodedAppend()).isEqualTo(first);
        assertThat(decodedAppend()).isEqualTo(second);
        assertThat(decodedAppend()).isEqualTo(java.util.Arrays.copyOfRange(big, 7, 1007));
        assertThat(decodedAppend()).isEqualTo(directBytes);
    }

    private byte[] decodedAppend() throws InterruptedException {
        JsonNode append = server.next("input_audio_buffer.append");
        return Base64.getDecoder().decode(append.path("audio").asText());
    }

    @Test
    void outputAudioIsDecodedAndCountedPerItem() throws Exception {
        byte[] chunk = new byte[4800];
        new Random(1).nextBytes(chunk);
        String b64 = Base64.getEncoder().encodeToString(chunk);
        server.emit(audioDelta("resp_1", "item_1", b64));
        server.emit(audioDelta("resp_1", "item_1", b64));
        await().until(() -> listener.audio.size() == 2);
        OutputAudio a = listener.audio.get(1);
        assertThat(a.audio()).isEqualTo(chunk);
        assertThat(a.itemId()).isEqualTo("item_1");
        assertThat(a.responseId()).isEqualTo("resp_1");
        assertThat(listener.audio.get(0).itemMillis()).isEqualTo(100);
        assertThat(a.itemMillis()).isEqualTo(200);
        assertThat(session.audioMillisReceived("item_1").get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isEqualTo(200);
    }

    @Test
    void g711OutputCountsEightBytesPerMillisecond() throws Exception {
        session.updateSession(SessionConfig.builder().audioFormat(AudioFormat.PCMU).build()).get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        server.emit(audioDelta("resp_1", "item_u", Base64.getEncoder().encodeToString(new byte[1600])));
        await().until(() -> listener.audio.size() == 1);
        assertThat(listener.audio.get(0).itemMillis()).isEqualTo(200);
    }

    @Test
    void truncateClampsToReceivedAudioAndDeletesAtZero() throws Exception {
        server.emit(audioDelta("resp_1", "item_7", Base64.getEncoder().encodeToString(new byte[48 * 300])));
        await().until(() -> listener.audio.size() == 1);

        assertThat(session.truncate("item_7", 5000).get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isEqualTo(300);
        JsonNode truncate = server.next("conversation.item.truncate");
        assertThat(truncate.path("item_id").asText()).isEqualTo("item_7");
        assertThat(truncate.path("audio_end_ms").asLong()).isEqualTo(300);
        assertThat(truncate.path("content_index").asInt()).isZero();

        assertThat(session.truncate("item_7", 120).get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isEqualTo(120);
        assertThat(server.next("conversation.item.truncate").path("audio_end_ms").asLong()).isEqualTo(120);

        assertThat(session.truncate("item_7", 0).get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isZero();
        assertThat(server.next("conversation.item.delete").path("item_id").asText()).isEqualTo("item_7");
    }

    @Test
    void responseCreateIsQueuedWhileOneIsActive() throws Exception {
        session.createResponse().get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        server.next("response.create");
        server.emit("{\"type\":\"response.created\",\"event_id\":\"e1\",\"response\":{\"id\":\"resp_A\","
                + "\"status\":\"in_progress\"}}");
        await().until(() -> session.activeResponseId().isPresent());
        CompletableFuture<Void> second = session.createResponse();
        Thread.sleep(200);
        assertThat(second).isNotDone();
        assertThat(server.received.stream().noneMatch(n -> n.path("type").asText().equals("response.create")))
                .isTrue();
        server.emit("{\"type\":\"response.done\",\"event_id\":\"e2\",\"response\":{\"id\":\"resp_A\","
                + "\"status\":\"completed\",\"usage\":{\"total_tokens\":30,\"input_tokens\":10,\"output_tokens\":20}}}");
        second.get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        server.next("response.create");
        assertThat(session.usageTotals().totalTokens()).isEqualTo(30);
        assertThat(listener.responses).extracting(r -> r.id()).containsExactly("resp_A");
    }

    @Test
    void cancelIsSentOnlyWhileAResponseIsActive() throws Exception {
        assertThat(session.cancelResponse().get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isFalse();
        server.emit("{\"type\":\"response.created\",\"event_id\":\"e1\",\"response\":{\"id\":\"resp_B\"}}");
        await().until(() -> session.activeResponseId().isPresent());
        assertThat(session.cancelResponse().get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(server.next("response.cancel").path("response_id").asText()).isEqualTo("resp_B");
    }

    @Test
    void toolCallRunsOffTheIoThreadAndAnswersWithOutputThenResponse() throws Exception {
        server.emit("{\"type\":\"response.created\",\"event_id\":\"e1\",\"response\":{\"id\":\"resp_T\"}}");
        server.emit("{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"e2\",\"response_id\":\"resp_T\","
                + "\"item_id\":\"fc_1\",\"output_index\":0,\"call_id\":\"call_1\",\"name\":\"weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}");
        JsonNode create = server.next("conversation.item.create");
        assertThat(create.path("item").path("type").asText()).isEqualTo("function_call_output");
        assertThat(create.path("item").path("call_id").asText()).isEqualTo("call_1");
        assertThat(create.path("item").path("output").asText()).isEqualTo("{\"city\":\"Oslo\",\"sky\":\"clear\"}");
        assertThat(toolThreads).hasSize(1);
        assertThat(toolThreads.get(0)).startsWith("realtime-tool-");
        // The response that made the call is still active: the follow-up waits for its response.done.
        server.emit("{\"type\":\"response.done\",\"event_id\":\"e3\",\"response\":{\"id\":\"resp_T\"}}");
        server.next("response.create");
    }

    @Test
    void failingToolReportsItsErrorToTheModel() throws Exception {
        server.emit("{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"e2\",\"response_id\":\"r\","
                + "\"item_id\":\"fc_2\",\"output_index\":0,\"call_id\":\"call_2\",\"name\":\"broken\","
                + "\"arguments\":\"{}\"}");
        JsonNode create = server.next("conversation.item.create");
        JsonNode output = ScriptedRealtimeServer.JSON.readTree(create.path("item").path("output").asText());
        assertThat(output.path("error").asText()).contains("broken").contains("database is down");
        server.next("response.create");
    }

    @Test
    void failingToolIsToldToTheListener() throws Exception {
        server.emit("{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"e2\",\"response_id\":\"r\","
                + "\"item_id\":\"fc_2\",\"output_index\":0,\"call_id\":\"call_2\",\"name\":\"broken\","
                + "\"arguments\":\"{}\"}");
        server.next("conversation.item.create");
        await().until(() -> !listener.toolErrors.isEmpty());
        assertThat(listener.toolErrors).containsExactly("call_2:broken:Tool 'broken' failed: database is down");
    }

    @Test
    void unknownToolIsLoggedAtWarnToldToTheListenerAndReportedToTheModel() throws Exception {
        try (LogCapture log = LogCapture.of(RealtimeSession.class)) {
            server.emit("{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"e2\","
                    + "\"response_id\":\"r\",\"item_id\":\"fc_3\",\"output_index\":0,\"call_id\":\"call_3\","
                    + "\"name\":\"teleport\",\"arguments\":\"{}\"}");
            JsonNode create = server.next("conversation.item.create");
            assertThat(create.path("item").path("call_id").asText()).isEqualTo("call_3");
            assertThat(create.path("item").path("output").asText()).contains("No tool named 'teleport'");
            assertThat(listener.toolErrors).containsExactly("call_3:teleport:No tool named 'teleport' is available");
            assertThat(log.messagesAt(Level.WARN)).singleElement().asString().contains("'teleport'")
                    .contains("call_3").contains("no tool of that name");
        }
    }

    @Test
    void aCallWhoseDoneEventLeavesOutTheNameRunsTheToolItsItemNamed() throws Exception {
        // As @copilotkit/aimock does: the name is only in the item announced by response.output_item.added.
        server.emit("{\"type\":\"response.created\",\"event_id\":\"e1\",\"response\":{\"id\":\"resp_N\"}}");
        server.emit("{\"type\":\"response.output_item.added\",\"event_id\":\"e2\",\"response_id\":\"resp_N\","
                + "\"output_index\":0,\"item\":{\"id\":\"fc_4\",\"object\":\"realtime.item\",\"type\":\"function_call\","
                + "\"status\":\"in_progress\",\"call_id\":\"call_4\",\"name\":\"weather\",\"arguments\":\"\"}}");
        server.emit("{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"e3\",\"response_id\":\"resp_N\","
                + "\"item_id\":\"fc_4\",\"output_index\":0,\"call_id\":\"call_4\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}");
        JsonNode create = server.next("conversation.item.create");
        assertThat(create.path("item").path("call_id").asText()).isEqualTo("call_4");
        assertThat(create.path("item").path("output").asText()).isEqualTo("{\"city\":\"Oslo\",\"sky\":\"clear\"}");
        // ... or only in conversation.item.added.
        server.emit("{\"type\":\"conversation.item.added\",\"event_id\":\"e4\",\"previous_item_id\":\"fc_4\","
                + "\"item\":{\"id\":\"fc_5\",\"object\":\"realtime.item\",\"type\":\"function_call\","
                + "\"status\":\"in_progress\",\"call_id\":\"call_5\",\"name\":\"weather\",\"arguments\":\"\"}}");
        server.emit("{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"e5\",\"response_id\":\"resp_N\","
                + "\"item_id\":\"fc_5\",\"output_index\":1,\"call_id\":\"call_5\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}");
        create = server.next("conversation.item.create");
        assertThat(create.path("item").path("call_id").asText()).isEqualTo("call_5");
        assertThat(create.path("item").path("output").asText()).isEqualTo("{\"city\":\"Rome\",\"sky\":\"clear\"}");
        assertThat(toolThreads).hasSize(2);
        assertThat(listener.toolErrors).isEmpty();
    }

    @Test
    void aCallWithoutAnyNameIsLoggedAtWarnToldToTheListenerAndReportedToTheModel() throws Exception {
        // The item named the function, but its response is done: the session no longer remembers it.
        server.emit("{\"type\":\"response.output_item.added\",\"event_id\":\"e1\",\"response_id\":\"resp_F\","
                + "\"output_index\":0,\"item\":{\"id\":\"fc_6\",\"type\":\"function_call\",\"call_id\":\"call_6\","
                + "\"name\":\"weather\",\"arguments\":\"\"}}");
        server.emit("{\"type\":\"response.done\",\"event_id\":\"e2\",\"response\":{\"id\":\"resp_F\"}}");
        try (LogCapture log = LogCapture.of(RealtimeSession.class)) {
            server.emit("{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"e3\","
                    + "\"response_id\":\"resp_G\",\"item_id\":\"fc_6\",\"output_index\":0,\"call_id\":\"call_6\","
                    + "\"arguments\":\"{}\"}");
            JsonNode create = server.next("conversation.item.create");
            assertThat(create.path("item").path("call_id").asText()).isEqualTo("call_6");
            JsonNode output = ScriptedRealtimeServer.JSON.readTree(create.path("item").path("output").asText());
            assertThat(output.path("error").asText()).contains("without the name of a tool");
            assertThat(listener.toolErrors).singleElement().asString().startsWith("call_6::");
            assertThat(log.messagesAt(Level.WARN)).singleElement().asString().contains("call_6")
                    .contains("without a function name");
        }
        assertThat(toolThreads).isEmpty();
    }

    @Test
    void aToolResultTheClosedSessionCannotTakeIsNotLoggedAsAFailure() throws Exception {
        try (LogCapture log = LogCapture.of(RealtimeSession.class)) {
            server.emit("{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"e2\","
                    + "\"response_id\":\"r\",\"item_id\":\"fc_7\",\"output_index\":0,\"call_id\":\"call_7\","
                    + "\"name\":\"hang_up\",\"arguments\":\"{}\"}");
            session.closeFuture().get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
            await().until(() -> log.events().stream().anyMatch(e -> e.getFormattedMessage().contains("hang_up")
                    || e.getFormattedMessage().startsWith("Tool result delivery skipped")));
            assertThat(log.messagesAtLeast(Level.INFO)).noneMatch(m -> m.contains("hang_up"));
        }
    }

    @Test
    void unknownEventTypeArrivesAsUnknownWithRawJsonAndMalformedJsonIsSkipped() throws Exception {
        server.emit("this is not json");
        server.emit("{\"type\":\"response.hologram.delta\",\"event_id\":\"e9\",\"beam\":42}");
        server.emit("{\"type\":\"input_audio_buffer.speech_started\",\"event_id\":\"e10\",\"audio_start_ms\":1500,"
                + "\"item_id\":\"u1\",\"new_field\":true}");
        await().until(() -> listener.speech.size() == 1);
        ServerEvent.Unknown unknown = listener.events.stream().filter(ServerEvent.Unknown.class::isInstance)
                .map(ServerEvent.Unknown.class::cast).findFirst().orElseThrow();
        assertThat(unknown.type()).isEqualTo("response.hologram.delta");
        assertThat(unknown.eventId()).isEqualTo("e9");
        assertThat(unknown.raw().path("beam").asInt()).isEqualTo(42);
        assertThat(listener.speech).containsExactly("started:u1:1500");
    }

    @Test
    void errorsTranscriptsAndRateLimitsReachTheListenerInOrderOffTheIoThread() throws Exception {
        server.emit("{\"type\":\"error\",\"event_id\":\"e1\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"code\":\"invalid_value\",\"message\":\"bad\",\"param\":\"item_id\",\"event_id\":\"evt_client_3\"}}");
        server.emit("{\"type\":\"conversation.item.input_audio_transcription.delta\",\"event_id\":\"e2\","
                + "\"item_id\":\"u1\",\"content_index\":0,\"delta\":\"Hel\"}");
        server.emit("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"event_id\":\"e3\","
                + "\"item_id\":\"u1\",\"content_index\":0,\"transcript\":\"Hello\",\"usage\":{\"type\":\"duration\","
                + "\"seconds\":1}}");
        server.emit("{\"type\":\"response.output_audio_transcript.delta\",\"event_id\":\"e4\",\"response_id\":\"r\","
                + "\"item_id\":\"a1\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\"}");
        server.emit("{\"type\":\"response.output_audio_transcript.done\",\"event_id\":\"e5\",\"response_id\":\"r\","
                + "\"item_id\":\"a1\",\"output_index\":0,\"content_index\":0,\"transcript\":\"Hi there\"}");
        server.emit("{\"type\":\"rate_limits.updated\",\"event_id\":\"e6\",\"rate_limits\":[{\"name\":\"tokens\","
                + "\"limit\":1000,\"remaining\":900,\"reset_seconds\":1.5}]}");
        await().until(() -> listener.rateLimits.size() == 1);
        assertThat(listener.errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("invalid_value");
            assertThat(e.param()).isEqualTo("item_id");
            assertThat(e.eventId()).isEqualTo("evt_client_3");
        });
        assertThat(listener.transcripts).containsExactly("in-delta:u1:Hel", "in-done:u1:Hello",
                "out-delta:a1:Hi", "out-done:a1:Hi there");
        assertThat(session.rateLimits()).singleElement().satisfies(l -> assertThat(l.remaining()).isEqualTo(900));
        assertThat(listener.eventThreads).allMatch(t -> t.startsWith("realtime-events-"));
        List<String> ids = listener.events.stream().map(ServerEvent::eventId).toList();
        assertThat(ids.subList(ids.size() - 6, ids.size())).containsExactly("e1", "e2", "e3", "e4", "e5", "e6");
    }

    @Test
    void activeResponseRaceIsRetriedAfterTheWinningResponse() throws Exception {
        server.onMessage = (conn, msg) -> {
            if ("response.create".equals(msg.path("type").asText()) && server.received.size() < 50) {
                server.onMessage = (c, m) -> { };
                conn.send("{\"type\":\"response.created\",\"event_id\":\"e1\",\"response\":{\"id\":\"resp_vad\"}}");
                conn.send("{\"type\":\"error\",\"event_id\":\"e2\",\"error\":{\"type\":\"invalid_request_error\","
                        + "\"code\":\"conversation_already_has_active_response\",\"message\":\"busy\",\"event_id\":\""
                        + msg.path("event_id").asText() + "\"}}");
            }
        };
        session.createResponse().get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        server.next("response.create");
        await().until(() -> listener.errors.size() == 1);
        server.emit("{\"type\":\"response.done\",\"event_id\":\"e3\",\"response\":{\"id\":\"resp_vad\"}}");
        server.next("response.create");
    }

    private static String audioDelta(String responseId, String itemId, String b64) {
        return "{\"type\":\"response.output_audio.delta\",\"event_id\":\"ev\",\"response_id\":\"" + responseId
                + "\",\"item_id\":\"" + itemId + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + b64 + "\"}";
    }

    @Test
    void aRejectedUpdateKeepsTheOldConfigAndSaysWhy() throws Exception {
        server.autoSessionUpdated = false;
        server.onMessage = (conn, msg) -> {
            if ("session.update".equals(msg.path("type").asText())) {
                conn.send("{\"type\":\"error\",\"event_id\":\"e\",\"error\":{\"type\":\"invalid_request_error\","
                        + "\"code\":\"invalid_value\",\"message\":\"Invalid voice.\",\"param\":\"session.audio.output.voice\","
                        + "\"event_id\":\"" + msg.path("event_id").asText() + "\"}}");
            }
        };
        SessionConfig before = session.config();
        CompletableFuture<JsonNode> update = session.updateSession(SessionConfig.builder().voice("nobody").build());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> update.get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(RealtimeServerErrorException.class)
                .hasMessageContaining("Invalid voice.")
                .hasMessageContaining("session.audio.output.voice");
        assertThat(session.config()).isSameAs(before);
    }

    @Test
    void closeReportsCode1000ToTheListener() throws Exception {
        CloseInfo close = session.closeAsync().get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        assertThat(close.code()).isEqualTo(1000);
        assertThat(close.remote()).isFalse();
        assertThat(listener.closes).hasSize(1);
        assertThat(session.appendAudio(new byte[10])).isFalse();
        await().atMost(Timeouts.seconds(5)).until(() -> session.commit().isCompletedExceptionally());
    }
}
