package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseFlowTest {
    private FakeRealtimeServer server;
    private TestClient client;

    private void start(FakeRealtimeServer.Builder builder) {
        server = builder.build().start();
        client = TestClient.open(server);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.assertSchemaValid();
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The event types up to and including response.done, with runs of the same delta type collapsed. */
    private List<String> collapsedTypesUntilResponseDone() {
        client.next("response.done");
        List<String> out = new ArrayList<>();
        boolean started = false;
        for (JsonNode e : client.events()) {
            String type = e.path("type").asText();
            started |= type.equals("response.created");
            if (!started) {
                continue;
            }
            if (!(type.endsWith(".delta") && !out.isEmpty() && out.get(out.size() - 1).equals(type))) {
                out.add(type);
            }
            if (type.equals("response.done")) {
                break;
            }
        }
        return out;
    }

    private byte[] audioOf(String responseId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode e : client.events()) {
            if (e.path("type").asText().equals("response.output_audio.delta")
                    && e.path("response_id").asText().equals(responseId)) {
                out.writeBytes(Base64.getDecoder().decode(e.get("delta").asText()));
            }
        }
        return out.toByteArray();
    }

    @Test
    void anAudioResponseFollowsTheRealEventOrder() {
        AudioSource audio = AudioSource.tone(440, Duration.ofMillis(1000), 0.3);
        start(FakeRealtimeServer.builder().audioChunkMillis(100)
                .responses(ScriptedResponse.message("Hello there, how can I help?", audio)));
        client.send(TestClient.event("response.create"));
        List<String> types = collapsedTypesUntilResponseDone();
        assertThat(types).startsWith("response.created", "rate_limits.updated", "response.output_item.added",
                "conversation.item.added", "response.content_part.added", "response.output_audio.delta");
        assertThat(types).endsWith("response.output_audio.done", "response.output_audio_transcript.done",
                "response.content_part.done", "response.output_item.done", "conversation.item.done", "response.done");
        assertThat(types).contains("response.output_audio_transcript.delta");
        JsonNode done = client.events().stream().filter(e -> e.path("type").asText().equals("response.done"))
                .findFirst().orElseThrow().get("response");
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.at("/usage/total_tokens").asInt()).isEqualTo(
                done.at("/usage/input_tokens").asInt() + done.at("/usage/output_tokens").asInt());
        assertThat(done.at("/usage/output_token_details/audio_tokens").asInt()).isPositive();
        assertThat(done.at("/output/0/content/0/transcript").asText()).isEqualTo("Hello there, how can I help?");
        assertThat(audioOf(done.get("id").asText())).isEqualTo(audio.render(AudioFormat.PCM16));
        long deltas = client.events().stream().filter(e -> e.path("type").asText().equals("response.output_audio.delta")).count();
        assertThat(deltas).isEqualTo(10);
        String transcript = client.events().stream()
                .filter(e -> e.path("type").asText().equals("response.output_audio_transcript.delta"))
                .map(e -> e.get("delta").asText()).reduce("", String::concat);
        assertThat(transcript).isEqualTo("Hello there, how can I help?");
    }

    @Test
    void outputAudioUsesTheSessionsFormat() {
        AudioSource audio = AudioSource.tone(440, Duration.ofMillis(600), 0.3);
        start(FakeRealtimeServer.builder().audioSource(audio));
        client.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"output\":{\"format\":{\"type\":\"audio/pcmu\"}}}}");
        client.next("session.updated");
        client.send(TestClient.event("response.create"));
        JsonNode done = client.next("response.done").get("response");
        assertThat(done.at("/audio/output/format/type").asText()).isEqualTo("audio/pcmu");
        assertThat(audioOf(done.get("id").asText())).isEqualTo(audio.render(AudioFormat.PCMU)).hasSize(600 * 8);
    }

    @Test
    void aTextOnlySessionGetsTextEvents() {
        start(FakeRealtimeServer.builder().responses(ScriptedResponse.message("Only words here.")));
        client.sessionUpdate("{\"type\":\"realtime\",\"output_modalities\":[\"text\"]}");
        client.next("session.updated");
        client.send(TestClient.event("response.create"));
        List<String> types = collapsedTypesUntilResponseDone();
        assertThat(types).containsExactly("response.created", "rate_limits.updated", "response.output_item.added",
                "conversation.item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "conversation.item.done", "response.done");
        assertThat(client.events().stream().filter(e -> e.path("type").asText().equals("response.output_text.done"))
                .findFirst().orElseThrow().get("text").asText()).isEqualTo("Only words here.");
    }

    @Test
    void aResponseCanAskForTextOnlyInAnAudioSession() {
        start(FakeRealtimeServer.builder());
        client.send("{\"type\":\"response.create\",\"response\":{\"output_modalities\":[\"text\"]}}");
        JsonNode done = client.next("response.done").get("response");
        assertThat(done.at("/output/0/content/0/type").asText()).isEqualTo("output_text");
        assertThat(client.types()).doesNotContain("response.output_audio.delta");
    }

    @Test
    void aSecondResponseCreateWhileOneIsActiveIsRejected() {
        start(FakeRealtimeServer.builder().audioSource(AudioSource.tone(440, Duration.ofSeconds(60), 0.3)));
        client.send(TestClient.event("response.create"));
        String id = client.next("response.created").at("/response/id").asText();
        client.send(TestClient.event("response.create"));
        JsonNode error = client.next("error").get("error");
        assertThat(error.get("code").asText()).isEqualTo("conversation_already_has_active_response");
        assertThat(error.get("message").asText()).contains(id);
        client.send(TestClient.event("response.cancel"));
        client.next("response.done");
    }

    @Test
    void scriptedResponsesAreUsedInOrderAndThenADefault() {
        start(FakeRealtimeServer.builder().responses(ScriptedResponse.message("First."), ScriptedResponse.message("Second.")));
        List<String> transcripts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            client.send(TestClient.event("response.create"));
            transcripts.add(client.next("response.done").at("/response/output/0/content/0/transcript").asText());
        }
        assertThat(transcripts).containsExactly("First.", "Second.", "This is the fake realtime server speaking.");
    }

    @Test
    void aFailedScriptedResponseEndsWithStatusFailed() {
        start(FakeRealtimeServer.builder().responses(ScriptedResponse.failed("server_error", "model overloaded")));
        client.send(TestClient.event("response.create"));
        JsonNode done = client.next("response.done").get("response");
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.at("/status_details/type").asText()).isEqualTo("failed");
        assertThat(done.at("/status_details/error/code").asText()).isEqualTo("server_error");
        client.send(TestClient.event("response.create"));
        assertThat(client.next("response.done").at("/response/status").asText()).isEqualTo("completed");
    }

    @Test
    void anOutOfBandResponseStaysOutOfTheConversationAndEchoesMetadata() {
        start(FakeRealtimeServer.builder().responses(ScriptedResponse.message("Classified: billing.")));
        client.send("{\"type\":\"response.create\",\"response\":{\"conversation\":\"none\","
                + "\"output_modalities\":[\"text\"],\"metadata\":{\"purpose\":\"classify\"}}}");
        JsonNode done = client.next("response.done").get("response");
        assertThat(done.at("/metadata/purpose").asText()).isEqualTo("classify");
        assertThat(client.types()).doesNotContain("conversation.item.added", "conversation.item.done");
        client.send(TestClient.event("conversation.item.retrieve").put("item_id", done.at("/output/0/id").asText()));
        assertThat(client.next("error").at("/error/param").asText()).isEqualTo("item_id");
    }

    @Test
    void aLowMaxOutputTokensEndsTheResponseIncomplete() {
        AudioSource audio = AudioSource.tone(440, Duration.ofMillis(1000), 0.3);
        start(FakeRealtimeServer.builder().responses(ScriptedResponse.message("one two three four five", audio)));
        client.send("{\"type\":\"response.create\",\"response\":{\"max_output_tokens\":10}}");
        JsonNode done = client.next("response.done").get("response");
        assertThat(done.get("status").asText()).isEqualTo("incomplete");
        assertThat(done.at("/status_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(done.at("/output/0/status").asText()).isEqualTo("incomplete");
        assertThat(done.at("/output/0/content/0/transcript").asText()).isEqualTo("one two");
        assertThat(done.at("/usage/output_tokens").asInt()).isLessThanOrEqualTo(10);
        assertThat(audioOf(done.get("id").asText())).hasSize(400 * 48);
    }
}
