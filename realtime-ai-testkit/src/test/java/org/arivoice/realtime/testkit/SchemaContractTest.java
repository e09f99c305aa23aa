package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every server event type the fake emits validates against its {@code RealtimeServerEvent*} schema. */
class SchemaContractTest {
    /** Every event type the fake can send (besides the deliberately unknown ones of the fault injection). */
    static final Set<String> EMITTED = Set.of("session.created", "session.updated", "error",
            "input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed",
            "input_audio_buffer.cleared", "input_audio_buffer.timeout_triggered", "conversation.item.added",
            "conversation.item.done", "conversation.item.retrieved", "conversation.item.truncated",
            "conversation.item.deleted", "conversation.item.input_audio_transcription.delta",
            "conversation.item.input_audio_transcription.completed",
            "conversation.item.input_audio_transcription.failed", "response.created", "rate_limits.updated",
            "response.output_item.added", "response.content_part.added", "response.output_audio.delta",
            "response.output_audio_transcript.delta", "response.output_audio.done",
            "response.output_audio_transcript.done", "response.content_part.done", "response.output_item.done",
            "response.done", "response.output_text.delta", "response.output_text.done",
            "response.function_call_arguments.delta", "response.function_call_arguments.done");

    private ServerEventSchemas schemas;

    @BeforeEach
    void load() {
        schemas = ServerEventSchemas.load();
    }

    @Test
    void theValidatorRejectsEventsThatBreakTheSchema() {
        ObjectNode noStart = TestClient.JSON.createObjectNode().put("type", "input_audio_buffer.speech_started")
                .put("event_id", "event_1").put("item_id", "item_1");
        assertThat(schemas.validate(noStart)).isNotEmpty();
        ObjectNode nullDetails = TestClient.JSON.createObjectNode().put("type", "response.done").put("event_id", "e");
        nullDetails.putObject("response").put("status", "completed").putNull("status_details");
        assertThat(schemas.validate(nullDetails)).isNotEmpty();
        ObjectNode wrongSession = TestClient.JSON.createObjectNode().put("type", "session.created").put("event_id", "e");
        wrongSession.putObject("session").put("type", "realtime").put("object", "realtime.session").put("id", "s")
                .putObject("audio").putObject("input").putObject("format").put("type", "audio/pcm").put("rate", 16000);
        assertThat(schemas.validate(wrongSession)).isNotEmpty();
        assertThat(schemas.validate(TestClient.JSON.createObjectNode().put("type", "no.such.event"))).isNotEmpty();
        assertThat(schemas.knownTypes()).containsAll(EMITTED);
    }

    @Test
    void everyEventTypeTheFakeEmitsValidates() {
        List<JsonNode> all = new ArrayList<>();
        try (FakeRealtimeServer server = FakeRealtimeServer.builder()
                .audioSource(AudioSource.tone(440, Duration.ofMillis(800), 0.3))
                .responses(ScriptedResponse.message("Hello, caller."),
                        ScriptedResponse.functionCall("lookup", "{\"id\":42}"),
                        ScriptedResponse.message("Found it."),
                        ScriptedResponse.message("Text now."),
                        ScriptedResponse.failed("server_error", "boom"))
                .inputTranscripts("Hi there.")
                .build().start();
                TestClient c = TestClient.open(server)) {
            c.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"transcription\":{\"model\":\"whisper-1\"},"
                    + "\"noise_reduction\":{\"type\":\"near_field\"},\"turn_detection\":{\"type\":\"server_vad\","
                    + "\"idle_timeout_ms\":5000}}},\"tools\":[{\"type\":\"function\",\"name\":\"lookup\","
                    + "\"parameters\":{\"type\":\"object\"}}],\"tool_choice\":\"auto\"}");
            c.next("session.updated");
            c.appendChunked(TestAudio.pcm16Utterance(300, 600, 400), 960);
            String assistantItem = c.next("response.output_item.added").at("/item/id").asText();
            c.next("response.done");
            c.send(TestClient.event("conversation.item.truncate").put("item_id", assistantItem).put("content_index", 0)
                    .put("audio_end_ms", 300));
            c.next("conversation.item.truncated");
            c.send(TestClient.event("conversation.item.retrieve").put("item_id", assistantItem));
            c.next("conversation.item.retrieved");
            c.send(TestClient.event("response.create"));
            String callId = c.next("response.function_call_arguments.done").get("call_id").asText();
            c.next("response.done");
            c.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\",\"call_id\":\""
                    + callId + "\",\"output\":\"{\\\"ok\\\":true}\"}}");
            c.next("conversation.item.done");
            c.send(TestClient.event("response.create"));
            c.next("response.done");
            c.send("{\"type\":\"response.create\",\"response\":{\"output_modalities\":[\"text\"]}}");
            c.next("response.done");
            c.appendChunked(TestAudio.pcm16Silence(6000), 960);
            c.next("input_audio_buffer.timeout_triggered");
            c.next("response.done");
            c.send(TestClient.event("input_audio_buffer.clear"));
            c.next("input_audio_buffer.cleared");
            c.send(TestClient.event("conversation.item.delete").put("item_id", assistantItem));
            c.next("conversation.item.deleted");
            c.send(TestClient.event("response.cancel"));
            c.next("error");
            all.addAll(c.events());
        }
        try (FakeRealtimeServer failing = FakeRealtimeServer.builder().failInputTranscription(true).build().start();
                TestClient c = TestClient.open(failing)) {
            c.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"transcription\":{\"model\":\"whisper-1\"}}}}");
            c.next("session.updated");
            c.appendChunked(TestAudio.pcm16Utterance(300, 600, 400), 960);
            c.next("conversation.item.input_audio_transcription.failed");
            all.addAll(c.events());
        }
        Set<String> seen = new TreeSet<>();
        for (JsonNode event : all) {
            seen.add(event.get("type").asText());
            assertThat(schemas.validate(event)).as("schema problems of %s", event).isEmpty();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(EMITTED);
    }
}
