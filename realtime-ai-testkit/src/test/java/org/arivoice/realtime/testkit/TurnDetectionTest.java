package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnDetectionTest {
    private FakeRealtimeServer server;
    private TestClient client;

    private void start(FakeRealtimeServer.Builder builder) {
        server = builder.build().start();
        client = TestClient.open(server);
    }

    @AfterEach
    void stop() {
        client.assertSchemaValid();
        client.close();
        server.close();
    }

    @Test
    void speechIsDetectedCommittedAndAnsweredAutomatically() {
        start(FakeRealtimeServer.builder());
        client.appendChunked(TestAudio.pcm16Utterance(1000, 800, 1000), 960);
        JsonNode started = client.next("input_audio_buffer.speech_started");
        assertThat(started.get("audio_start_ms").asInt()).isEqualTo(700);
        JsonNode stopped = client.next("input_audio_buffer.speech_stopped");
        assertThat(stopped.get("audio_end_ms").asInt()).isEqualTo(2000);
        String itemId = started.get("item_id").asText();
        assertThat(stopped.get("item_id").asText()).isEqualTo(itemId);
        JsonNode committed = client.next("input_audio_buffer.committed");
        assertThat(committed.get("item_id").asText()).isEqualTo(itemId);
        assertThat(committed.get("previous_item_id").isNull()).isTrue();
        JsonNode added = client.next("conversation.item.added");
        assertThat(added.at("/item/role").asText()).isEqualTo("user");
        assertThat(added.at("/item/content/0/type").asText()).isEqualTo("input_audio");
        assertThat(client.next("conversation.item.done").at("/item/id").asText()).isEqualTo(itemId);
        client.next("response.created");
        JsonNode assistant = client.next("conversation.item.added");
        assertThat(assistant.get("previous_item_id").asText()).isEqualTo(itemId);
        assertThat(client.next("response.done").at("/response/status").asText()).isEqualTo("completed");
    }

    @Test
    void g711InputIsDecodedForTheVad() {
        start(FakeRealtimeServer.builder());
        for (String format : new String[] {"audio/pcmu", "audio/pcma"}) {
            client.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"format\":{\"type\":\"" + format
                    + "\"},\"turn_detection\":{\"type\":\"server_vad\",\"create_response\":false}}}}");
            client.next("session.updated");
            client.appendChunked(TestAudio.g711Utterance(format.equals("audio/pcmu"), 500, 600, 500), 160);
            JsonNode started = client.next("input_audio_buffer.speech_started");
            JsonNode stopped = client.next("input_audio_buffer.speech_stopped");
            assertThat(stopped.get("audio_end_ms").asLong() - started.get("audio_start_ms").asLong())
                    .as(format).isEqualTo(300 + 600 + 200);
            client.next("conversation.item.done");
        }
    }

    @Test
    void withoutCreateResponseNoResponseStarts() {
        start(FakeRealtimeServer.builder());
        client.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":"
                + "{\"type\":\"server_vad\",\"create_response\":false}}}}");
        client.next("session.updated");
        client.appendChunked(TestAudio.pcm16Utterance(300, 500, 400), 960);
        String itemId = client.next("conversation.item.done").at("/item/id").asText();
        // Events are handled in order, so anything the commit caused comes before this answer.
        client.send(TestClient.event("conversation.item.retrieve").put("item_id", itemId));
        client.next("conversation.item.retrieved");
        assertThat(client.types()).doesNotContain("response.created");
    }

    @Test
    void withoutTurnDetectionAudioIsOnlyBuffered() {
        start(FakeRealtimeServer.builder());
        client.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":null}}}");
        client.next("session.updated");
        client.appendChunked(TestAudio.pcm16Utterance(300, 500, 400), 960);
        client.send(TestClient.event("input_audio_buffer.commit"));
        client.next("input_audio_buffer.committed");
        client.next("conversation.item.done");
        assertThat(client.types()).doesNotContain("input_audio_buffer.speech_started", "response.created");
    }

    @Test
    void inputTranscriptionEventsFollowTheCommitWhenConfigured() {
        start(FakeRealtimeServer.builder().inputTranscripts("What's the weather in Paris?"));
        client.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"transcription\":"
                + "{\"model\":\"gpt-4o-mini-transcribe\"}}}}");
        client.next("session.updated");
        client.appendChunked(TestAudio.pcm16Utterance(300, 500, 400), 960);
        String itemId = client.next("input_audio_buffer.committed").get("item_id").asText();
        JsonNode delta = client.next("conversation.item.input_audio_transcription.delta");
        assertThat(delta.get("item_id").asText()).isEqualTo(itemId);
        JsonNode completed = client.next("conversation.item.input_audio_transcription.completed");
        assertThat(completed.get("transcript").asText()).isEqualTo("What's the weather in Paris?");
        assertThat(completed.at("/usage/type").asText()).isEqualTo("tokens");
        client.next("response.done");
    }

    @Test
    void idleTimeoutTriggersAfterSilenceOfInputAudio() {
        start(FakeRealtimeServer.builder().audioSource(AudioSource.tone(440, java.time.Duration.ofMillis(500), 0.3)));
        client.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":"
                + "{\"type\":\"server_vad\",\"idle_timeout_ms\":5000}}}}");
        client.next("session.updated");
        client.appendChunked(TestAudio.pcm16Utterance(300, 500, 400), 960);
        client.next("response.done");
        client.appendChunked(TestAudio.pcm16Silence(6000), 960);
        JsonNode timeout = client.next("input_audio_buffer.timeout_triggered");
        long span = timeout.get("audio_end_ms").asLong() - timeout.get("audio_start_ms").asLong();
        assertThat(span).isBetween(5000L, 5020L);
        assertThat(client.next("input_audio_buffer.committed").get("item_id").asText())
                .isEqualTo(timeout.get("item_id").asText());
        client.next("response.created");
    }

    @Test
    void positionsCountAudioSentWhileTurnDetectionWasOff() {
        start(FakeRealtimeServer.builder());
        client.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":null}}}");
        client.next("session.updated");
        client.appendChunked(TestAudio.pcm16Silence(1000), 960);
        client.send(TestClient.event("input_audio_buffer.clear"));
        client.next("input_audio_buffer.cleared");
        client.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":{\"type\":\"server_vad\"}}}}");
        client.next("session.updated");
        client.appendChunked(TestAudio.pcm16Utterance(500, 500, 400), 960);
        assertThat(client.next("input_audio_buffer.speech_started").get("audio_start_ms").asInt()).isEqualTo(1200);
        assertThat(client.next("input_audio_buffer.speech_stopped").get("audio_end_ms").asInt()).isEqualTo(2200);
    }
}
