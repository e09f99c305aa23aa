package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InterruptionTest {
    private FakeRealtimeServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        // A minute of answer audio at ten times real time: long enough to be interrupted.
        server = FakeRealtimeServer.builder().audioSource(AudioSource.tone(440, Duration.ofSeconds(60), 0.3))
                .responses(ScriptedResponse.message("A very long answer that the caller will interrupt."),
                        ScriptedResponse.message("Short.", AudioSource.tone(440, Duration.ofMillis(400), 0.3)))
                .build().start();
        client = TestClient.open(server);
    }

    @AfterEach
    void stop() {
        client.assertSchemaValid();
        client.close();
        server.close();
    }

    @Test
    void responseCancelEndsTheResponseAsCancelledByTheClient() {
        client.send(TestClient.event("response.create"));
        String itemId = client.next("response.output_audio.delta").get("item_id").asText();
        client.send(TestClient.event("response.cancel"));
        JsonNode itemDone = client.next("response.output_item.done");
        assertThat(itemDone.at("/item/status").asText()).isEqualTo("incomplete");
        JsonNode done = client.next("response.done").get("response");
        assertThat(done.get("status").asText()).isEqualTo("cancelled");
        assertThat(done.at("/status_details/reason").asText()).isEqualTo("client_cancelled");
        assertThat(done.at("/output/0/id").asText()).isEqualTo(itemId);
        client.send(TestClient.event("response.cancel"));
        assertThat(client.next("error").at("/error/code").asText()).isEqualTo("response_cancel_not_active");
    }

    @Test
    void speechDuringAResponseCancelsItWithTurnDetected() {
        client.appendChunked(TestAudio.pcm16Utterance(300, 500, 400), 960);
        String responseId = client.next("response.created").at("/response/id").asText();
        client.next("response.output_audio.delta");
        client.appendChunked(TestAudio.pcm16Utterance(0, 500, 400), 960);
        client.next("input_audio_buffer.speech_started");
        JsonNode done = client.next("response.done").get("response");
        assertThat(done.get("id").asText()).isEqualTo(responseId);
        assertThat(done.get("status").asText()).isEqualTo("cancelled");
        assertThat(done.at("/status_details/type").asText()).isEqualTo("cancelled");
        assertThat(done.at("/status_details/reason").asText()).isEqualTo("turn_detected");
        // The caller's new turn is then answered.
        client.next("input_audio_buffer.speech_stopped");
        assertThat(client.next("response.done").at("/response/status").asText()).isEqualTo("completed");
    }

    @Test
    void truncateIsValidatedAgainstTheAudioProducedForTheItem() {
        client.send(TestClient.event("response.create"));
        String itemId = client.next("response.output_audio.delta").get("item_id").asText();
        client.send(TestClient.event("response.cancel"));
        JsonNode done = client.next("response.done").get("response");
        long producedMs = 0;
        for (JsonNode e : client.events()) {
            if (e.path("type").asText().equals("response.output_audio.delta")) {
                producedMs += java.util.Base64.getDecoder().decode(e.get("delta").asText()).length / 48;
            }
        }
        assertThat(done.get("status").asText()).isEqualTo("cancelled");
        client.send(TestClient.event("conversation.item.truncate").put("item_id", itemId).put("content_index", 0)
                .put("audio_end_ms", producedMs + 1000));
        JsonNode tooLong = client.next("error").get("error");
        assertThat(tooLong.get("param").asText()).isEqualTo("audio_end_ms");
        assertThat(tooLong.get("message").asText()).contains(producedMs + "ms");
        client.send(TestClient.event("conversation.item.truncate").put("item_id", itemId).put("content_index", 0)
                .put("audio_end_ms", 50));
        JsonNode truncated = client.next("conversation.item.truncated");
        assertThat(truncated.get("item_id").asText()).isEqualTo(itemId);
        assertThat(truncated.get("audio_end_ms").asInt()).isEqualTo(50);
        // Truncated to 50 ms, it cannot be truncated back to more.
        client.send(TestClient.event("conversation.item.truncate").put("item_id", itemId).put("content_index", 0)
                .put("audio_end_ms", 60));
        assertThat(client.next("error").at("/error/param").asText()).isEqualTo("audio_end_ms");
    }

    @Test
    void onlyAssistantAudioCanBeTruncated() {
        client.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}}");
        String userItem = client.next("conversation.item.added").at("/item/id").asText();
        client.next("conversation.item.done");
        client.send(TestClient.event("conversation.item.truncate").put("item_id", userItem).put("content_index", 0)
                .put("audio_end_ms", 0));
        assertThat(client.next("error").at("/error/message").asText()).contains("assistant");
    }

    @Test
    void itemsCanBeCreatedRetrievedAndDeleted() {
        client.send("{\"type\":\"conversation.item.create\",\"item\":{\"id\":\"item_mine\",\"type\":\"message\","
                + "\"role\":\"system\",\"content\":[{\"type\":\"input_text\",\"text\":\"Be kind.\"}]}}");
        JsonNode added = client.next("conversation.item.added");
        assertThat(added.at("/item/id").asText()).isEqualTo("item_mine");
        assertThat(added.at("/item/object").asText()).isEqualTo("realtime.item");
        client.next("conversation.item.done");
        client.send(TestClient.event("conversation.item.retrieve").put("item_id", "item_mine"));
        assertThat(client.next("conversation.item.retrieved").at("/item/content/0/text").asText()).isEqualTo("Be kind.");
        client.send(TestClient.event("conversation.item.delete").put("item_id", "item_mine"));
        assertThat(client.next("conversation.item.deleted").get("item_id").asText()).isEqualTo("item_mine");
        client.send(TestClient.event("conversation.item.delete").put("item_id", "item_mine"));
        assertThat(client.next("error").at("/error/param").asText()).isEqualTo("item_id");
    }
}
