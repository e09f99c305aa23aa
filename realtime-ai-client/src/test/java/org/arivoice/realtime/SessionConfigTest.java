package org.arivoice.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SessionConfigTest {
    private static final Tool ECHO = new Tool("echo", "Echoes", JsonNodeFactory.instance.objectNode()
            .put("type", "object"), args -> CompletableFuture.completedFuture(args.toString()));

    @Test
    void defaultsSendOnlyTheSessionType() {
        assertThat(SessionConfig.defaults().toSessionJson().toString()).isEqualTo("{\"type\":\"realtime\"}");
        assertThat(SessionConfig.defaults().outputFormat()).isEqualTo(AudioFormat.PCM16_24K);
    }

    @Test
    void audioSettingsLandUnderAudioInputAndOutput() {
        JsonNode s = SessionConfig.builder().audioFormat(AudioFormat.PCMA).voice("cedar").speed(1.2)
                .noiseReduction("near_field").inputTranscription("whisper-1")
                .turnDetection(TurnDetection.semanticVad().eagerness(TurnDetection.Eagerness.LOW)).build()
                .toSessionJson();
        assertThat(s.at("/audio/input/format").toString()).isEqualTo("{\"type\":\"audio/pcma\"}");
        assertThat(s.at("/audio/output/format").toString()).isEqualTo("{\"type\":\"audio/pcma\"}");
        assertThat(s.at("/audio/output/voice").asText()).isEqualTo("cedar");
        assertThat(s.at("/audio/output/speed").asDouble()).isEqualTo(1.2);
        assertThat(s.at("/audio/input/noise_reduction/type").asText()).isEqualTo("near_field");
        assertThat(s.at("/audio/input/transcription/model").asText()).isEqualTo("whisper-1");
        assertThat(s.at("/audio/input/turn_detection").toString())
                .isEqualTo("{\"type\":\"semantic_vad\",\"eagerness\":\"low\"}");
    }

    @Test
    void toolsAreSentWithoutTheirHandlersAndLookedUpByName() {
        SessionConfig c = SessionConfig.builder().tool(ECHO).toolChoice("required").build();
        assertThat(c.toSessionJson().at("/tools/0").toString())
                .isEqualTo("{\"type\":\"function\",\"name\":\"echo\",\"description\":\"Echoes\","
                        + "\"parameters\":{\"type\":\"object\"}}");
        assertThat(c.toSessionJson().at("/tool_choice").asText()).isEqualTo("required");
        assertThat(c.tool("echo")).containsSame(ECHO);
        assertThat(c.toBuilder().build().toSessionJson()).isEqualTo(c.toSessionJson());
    }

    @Test
    void invalidSettingsAreRefusedWithAnExplanation() {
        assertThatThrownBy(() -> SessionConfig.builder().speed(2.0)).hasMessageContaining("0.25 and 1.5");
        assertThatThrownBy(() -> SessionConfig.builder().outputModalities("video")).hasMessageContaining("audio or text");
        assertThatThrownBy(() -> SessionConfig.builder().tool(ECHO).tool(ECHO)).hasMessageContaining("already");
        assertThatThrownBy(() -> SessionConfig.builder().toolChoiceFunction("missing").build())
                .hasMessageContaining("no tool of that name");
        assertThatThrownBy(() -> TurnDetection.semanticVad().threshold(0.5)).hasMessageContaining("server VAD");
        assertThatThrownBy(() -> TurnDetection.serverVad().idleTimeoutMs(100)).hasMessageContaining("5000");
        assertThatThrownBy(() -> new Tool("bad name", "d", JsonNodeFactory.instance.objectNode(), a -> null))
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> RealtimeClient.builder().endpoint("https://api.openai.com/v1/realtime"))
                .hasMessageContaining("wss://");
        assertThatThrownBy(() -> RealtimeClient.builder().apiKey(" sk-with-space\n"))
                .hasMessageContaining("whitespace").hasMessageNotContaining("sk-with-space");
        assertThatThrownBy(() -> AudioFormat.fromWireType("audio/opus")).hasMessageContaining("audio/pcmu");
    }

    @Test
    void reconnectBackoffDoublesUpToTheCap() {
        ReconnectPolicy p = new ReconnectPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(1));
        assertThat(p.delayBefore(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(p.delayBefore(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.delayBefore(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delayBefore(6)).isEqualTo(Duration.ofSeconds(1));
        assertThat(new CloseInfo(1013, "", true).isRecoverable()).isTrue();
        assertThat(new CloseInfo(4000, "", true).isRecoverable()).isFalse();
    }
}
