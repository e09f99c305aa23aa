package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorEventsTest {
    private FakeRealtimeServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        server = FakeRealtimeServer.builder().build().start();
        client = TestClient.open(server);
    }

    @AfterEach
    void stop() {
        // Every error leaves the socket open: a later event is still answered.
        client.send(TestClient.event("input_audio_buffer.clear"));
        client.next("input_audio_buffer.cleared");
        client.assertSchemaValid();
        client.close();
        server.close();
    }

    private JsonNode error() {
        return client.next("error").get("error");
    }

    @Test
    void invalidJsonIsAnErrorEvent() {
        client.send("{not json");
        JsonNode e = error();
        assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(e.get("code").asText()).isEqualTo("invalid_json");
    }

    @Test
    void missingTypeIsAnInvalidEvent() {
        client.send("{\"event_id\":\"e1\"}");
        JsonNode e = error();
        assertThat(e.get("code").asText()).isEqualTo("invalid_event");
        assertThat(e.get("message").asText()).isEqualTo("The 'type' field is missing.");
        assertThat(e.get("event_id").asText()).isEqualTo("e1");
    }

    @Test
    void unknownTypeIsAnInvalidValueOfType() {
        client.send("{\"type\":\"input_audio_buffer.appendd\"}");
        JsonNode e = error();
        assertThat(e.get("code").asText()).isEqualTo("invalid_value");
        assertThat(e.get("param").asText()).isEqualTo("type");
        assertThat(e.get("message").asText()).contains("'input_audio_buffer.appendd'");
    }

    @Test
    void badBase64IsRejected() {
        client.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"***not base64***\"}");
        JsonNode e = error();
        assertThat(e.get("param").asText()).isEqualTo("audio");
        assertThat(e.get("code").asText()).isEqualTo("invalid_value");
    }

    @Test
    void committingLessThan100msIsBufferCommitEmpty() {
        client.send(TestClient.event("input_audio_buffer.commit"));
        JsonNode empty = error();
        assertThat(empty.get("code").asText()).isEqualTo("input_audio_buffer_commit_empty");
        assertThat(empty.get("message").asText()).contains("0.00ms");
        client.append(TestAudio.pcm16Silence(50));
        client.send(TestClient.event("input_audio_buffer.commit"));
        JsonNode short50 = error();
        assertThat(short50.get("code").asText()).isEqualTo("input_audio_buffer_commit_empty");
        assertThat(short50.get("message").asText()).contains("50.00ms");
        client.append(TestAudio.pcm16Silence(60));
        client.send(TestClient.event("input_audio_buffer.commit"));
        assertThat(client.next("input_audio_buffer.committed").get("item_id").asText()).startsWith("item_");
    }

    @Test
    void cancellingWithoutAResponseIsResponseCancelNotActive() {
        client.send(TestClient.event("response.cancel"));
        assertThat(error().get("code").asText()).isEqualTo("response_cancel_not_active");
    }

    @Test
    void unknownItemsAreRejectedByRetrieveTruncateAndDelete() {
        client.send(TestClient.event("conversation.item.retrieve").put("item_id", "item_missing"));
        assertThat(error().get("param").asText()).isEqualTo("item_id");
        client.send(TestClient.event("conversation.item.delete").put("item_id", "item_missing"));
        assertThat(error().get("param").asText()).isEqualTo("item_id");
        client.send(TestClient.event("conversation.item.truncate").put("item_id", "item_missing")
                .put("content_index", 0).put("audio_end_ms", 10));
        assertThat(error().get("param").asText()).isEqualTo("item_id");
    }

    @Test
    void outputAudioBufferClearIsNotForWebSockets() {
        client.send(TestClient.event("output_audio_buffer.clear"));
        assertThat(error().get("message").asText()).contains("WebRTC");
    }

    @Test
    void aFunctionCallOutputForAnUnknownCallIsRejected() {
        client.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\","
                + "\"call_id\":\"call_nope\",\"output\":\"{}\"}}");
        assertThat(error().get("param").asText()).isEqualTo("item.call_id");
    }

    @Test
    void malformedEventsOfEveryShapeGetAnErrorAndTheConnectionSurvives() {
        String[] bad = {"[1,2,3]", "\"just a string\"", "42", "{\"type\":7}", "{\"type\":\"session.update\",\"session\":\"x\"}",
            "{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"audio\":[]}}",
            "{\"type\":\"input_audio_buffer.append\",\"audio\":123}", "{\"type\":\"input_audio_buffer.append\"}",
            "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":\"x\"}}",
            "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"robot\",\"content\":[]}}",
            "{\"type\":\"conversation.item.create\",\"item\":[]}", "{\"type\":\"conversation.item.truncate\",\"item_id\":\"x\"}",
            "{\"type\":\"response.create\",\"response\":{\"output_modalities\":\"audio\"}}",
            "{\"type\":\"response.create\",\"response\":5}"};
        for (String message : bad) {
            client.send(message);
            JsonNode e = error();
            assertThat(e.get("type").asText()).as(message).isEqualTo("invalid_request_error");
            assertThat(e.get("message").asText()).as(message).isNotBlank();
        }
        client.sendBinary(new byte[] {1, 2, 3});
        assertThat(error().get("code").asText()).isEqualTo("invalid_json");
    }
}
