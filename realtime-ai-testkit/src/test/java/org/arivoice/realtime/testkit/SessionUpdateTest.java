package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionUpdateTest {
    private FakeRealtimeServer server;
    private TestClient client;
    private JsonNode created;

    @BeforeEach
    void start() {
        server = FakeRealtimeServer.builder().defaultVoice("marin").build().start();
        client = TestClient.connect(java.net.URI.create(server.url() + "?model=gpt-realtime"),
                java.util.Map.of("Authorization", "Bearer sk-test"));
        created = client.next("session.created");
    }

    @AfterEach
    void stop() {
        client.assertSchemaValid();
        client.close();
        server.close();
    }

    private JsonNode errorFor(String sessionJson) {
        client.sessionUpdate(sessionJson);
        return client.next("error").get("error");
    }

    @Test
    void sessionCreatedComesFirstWithTheGaDefaults() {
        assertThat(client.events().get(0).path("type").asText()).isEqualTo("session.created");
        JsonNode s = created.get("session");
        assertThat(s.get("type").asText()).isEqualTo("realtime");
        assertThat(s.get("object").asText()).isEqualTo("realtime.session");
        assertThat(s.get("id").asText()).startsWith("sess_");
        assertThat(s.get("output_modalities").toString()).isEqualTo("[\"audio\"]");
        assertThat(s.at("/audio/input/format").toString()).isEqualTo("{\"type\":\"audio/pcm\",\"rate\":24000}");
        assertThat(s.at("/audio/output/format").toString()).isEqualTo("{\"type\":\"audio/pcm\",\"rate\":24000}");
        assertThat(s.at("/audio/output/voice").asText()).isEqualTo("marin");
        JsonNode td = s.at("/audio/input/turn_detection");
        assertThat(td.get("type").asText()).isEqualTo("server_vad");
        assertThat(td.get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(td.get("prefix_padding_ms").asInt()).isEqualTo(300);
        assertThat(td.get("silence_duration_ms").asInt()).isEqualTo(200);
        assertThat(td.get("create_response").asBoolean()).isTrue();
        assertThat(td.get("interrupt_response").asBoolean()).isTrue();
        assertThat(td.get("idle_timeout_ms").isNull()).isTrue();
        assertThat(s.get("expires_at").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(s.get("tool_choice").asText()).isEqualTo("auto");
        assertThat(s.get("max_output_tokens").asText()).isEqualTo("inf");
    }

    @Test
    void missingSessionTypeIsRejectedWithParam() {
        JsonNode error = errorFor("{\"instructions\":\"hi\"}");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo("missing_required_parameter");
        assertThat(error.get("param").asText()).isEqualTo("session.type");
    }

    @Test
    void betaOnlyFieldsAreUnknownParameters() {
        for (String field : new String[] {"input_audio_format", "modalities", "voice", "turn_detection",
                "input_audio_transcription", "output_audio_format"}) {
            JsonNode error = errorFor("{\"type\":\"realtime\",\"" + field + "\":\"x\"}");
            assertThat(error.get("code").asText()).isEqualTo("unknown_parameter");
            assertThat(error.get("param").asText()).isEqualTo("session." + field);
            assertThat(error.get("message").asText()).isEqualTo("Unknown parameter: 'session." + field + "'.");
        }
    }

    @Test
    void pcmFormatRequiresTheRate() {
        JsonNode error = errorFor("{\"type\":\"realtime\",\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcm\"}}}}");
        assertThat(error.get("code").asText()).isEqualTo("missing_required_parameter");
        assertThat(error.get("param").asText()).isEqualTo("session.audio.input.format.rate");
        JsonNode wrongRate = errorFor(
                "{\"type\":\"realtime\",\"audio\":{\"output\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":16000}}}}");
        assertThat(wrongRate.get("param").asText()).isEqualTo("session.audio.output.format.rate");
        JsonNode unknownFormat = errorFor("{\"type\":\"realtime\",\"audio\":{\"output\":{\"format\":{\"type\":\"audio/wav\"}}}}");
        assertThat(unknownFormat.get("code").asText()).isEqualTo("invalid_value");
        assertThat(unknownFormat.get("param").asText()).isEqualTo("session.audio.output.format.type");
    }

    @Test
    void bothModalitiesAtOnceAreRejected() {
        JsonNode error = errorFor("{\"type\":\"realtime\",\"output_modalities\":[\"audio\",\"text\"]}");
        assertThat(error.get("param").asText()).isEqualTo("session.output_modalities");
    }

    @Test
    void idleTimeoutOutsideTheAllowedRangeIsRejected() {
        JsonNode error = errorFor("{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":"
                + "{\"type\":\"server_vad\",\"idle_timeout_ms\":1000}}}}");
        assertThat(error.get("param").asText()).isEqualTo("session.audio.input.turn_detection.idle_timeout_ms");
    }

    @Test
    void validUpdateIsMergedAndAnsweredWithSessionUpdated() {
        client.sessionUpdate("{\"type\":\"realtime\",\"instructions\":\"Be brief.\",\"audio\":{"
                + "\"input\":{\"format\":{\"type\":\"audio/pcmu\"},\"turn_detection\":{\"type\":\"server_vad\","
                + "\"silence_duration_ms\":500},\"transcription\":{\"model\":\"gpt-4o-mini-transcribe\"}},"
                + "\"output\":{\"format\":{\"type\":\"audio/pcma\"},\"voice\":\"cedar\"}},"
                + "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"description\":\"Weather\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}]}");
        JsonNode s = client.next("session.updated").get("session");
        assertThat(s.get("instructions").asText()).isEqualTo("Be brief.");
        assertThat(s.at("/audio/input/format/type").asText()).isEqualTo("audio/pcmu");
        assertThat(s.at("/audio/output/format/type").asText()).isEqualTo("audio/pcma");
        assertThat(s.at("/audio/output/voice").asText()).isEqualTo("cedar");
        assertThat(s.at("/audio/output/speed").asDouble()).isEqualTo(1.0);
        assertThat(s.at("/audio/input/turn_detection/silence_duration_ms").asInt()).isEqualTo(500);
        assertThat(s.at("/audio/input/turn_detection/threshold").asDouble()).isEqualTo(0.5);
        assertThat(s.at("/audio/input/transcription/model").asText()).isEqualTo("gpt-4o-mini-transcribe");
        assertThat(s.at("/tools/0/name").asText()).isEqualTo("get_weather");
        assertThat(s.get("id").asText()).isEqualTo(created.at("/session/id").asText());
    }

    @Test
    void turnDetectionCanBeSwitchedOffAndToSemanticVad() {
        client.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":null}}}");
        assertThat(client.next("session.updated").at("/session/audio/input/turn_detection").isNull()).isTrue();
        client.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":{\"type\":\"semantic_vad\"}}}}");
        JsonNode td = client.next("session.updated").at("/session/audio/input/turn_detection");
        assertThat(td.get("type").asText()).isEqualTo("semantic_vad");
        assertThat(td.get("eagerness").asText()).isEqualTo("auto");
        assertThat(td.has("threshold")).isFalse();
    }

    @Test
    void aRejectedUpdateChangesNothingAndKeepsTheSocketOpen() {
        errorFor("{\"type\":\"realtime\",\"instructions\":\"changed\",\"modalities\":[\"text\"]}");
        client.sessionUpdate("{\"type\":\"realtime\"}");
        JsonNode s = client.next("session.updated").get("session");
        assertThat(s.get("instructions").asText()).isEqualTo(created.at("/session/instructions").asText());
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void theErrorNamesTheClientEventId() {
        client.send("{\"type\":\"session.update\",\"event_id\":\"evt_client_1\",\"session\":{}}");
        assertThat(client.next("error").at("/error/event_id").asText()).isEqualTo("evt_client_1");
    }

    @Test
    void eachConnectionHasItsOwnSession() {
        client.sessionUpdate("{\"type\":\"realtime\",\"instructions\":\"first only\"}");
        client.next("session.updated");
        try (TestClient other = TestClient.open(server)) {
            JsonNode otherSession = other.events().get(0).get("session");
            assertThat(otherSession.get("id").asText()).isNotEqualTo(created.at("/session/id").asText());
            assertThat(otherSession.get("instructions").asText()).isNotEqualTo("first only");
            other.assertSchemaValid();
        }
        org.awaitility.Awaitility.await().atMost(Timeouts.seconds(10))
                .until(() -> server.openConnections() == 1);
        assertThat(server.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void numbersOutOfRangeUseOpenAisCodes() {
        JsonNode speed = errorFor("{\"type\":\"realtime\",\"audio\":{\"output\":{\"speed\":2.0}}}");
        assertThat(speed.get("code").asText()).isEqualTo("decimal_above_max_value");
        assertThat(speed.get("message").asText()).isEqualTo("Invalid 'session.audio.output.speed': decimal above"
                + " maximum value. Expected a value <= 1.5, but got 2.0 instead.");
        JsonNode idle = errorFor("{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":"
                + "{\"type\":\"server_vad\",\"idle_timeout_ms\":1000}}}}");
        assertThat(idle.get("code").asText()).isEqualTo("integer_below_min_value");
        JsonNode tokens = errorFor("{\"type\":\"realtime\",\"max_output_tokens\":0}");
        assertThat(tokens.get("code").asText()).isEqualTo("integer_below_min_value");
        JsonNode threshold = errorFor("{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":"
                + "{\"type\":\"server_vad\",\"threshold\":\"high\"}}}}");
        assertThat(threshold.get("code").asText()).isEqualTo("invalid_type");
    }
}
