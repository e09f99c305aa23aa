package org.arivoice.realtime.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.arivoice.realtime.AudioFormat;
import org.arivoice.realtime.SessionConfig;
import org.arivoice.realtime.Tool;
import org.arivoice.realtime.TurnDetection;
import org.arivoice.realtime.internal.AppendEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every client event this library can send validates against OpenAI's GA schema. */
class ClientEventContractTest {
    private static RealtimeSchemas schemas;
    private final EventCodec codec = EventCodec.standard();

    @BeforeAll
    static void load() throws Exception {
        schemas = RealtimeSchemas.load();
    }

    static SessionConfig fullConfig() {
        ObjectNode params = RealtimeSchemas.JSON.createObjectNode();
        params.put("type", "object");
        params.putObject("properties").putObject("extension").put("type", "string");
        params.putArray("required").add("extension");
        return SessionConfig.builder()
                .model("gpt-realtime")
                .outputModalities("audio")
                .instructions("You are the switchboard. Be brief.")
                .inputFormat(AudioFormat.PCM16_24K)
                .outputFormat(AudioFormat.PCMU)
                .turnDetection(TurnDetection.serverVad().threshold(0.55).prefixPaddingMs(300).silenceDurationMs(450)
                        .idleTimeoutMs(8000).createResponse(true).interruptResponse(true))
                .inputTranscription("gpt-4o-mini-transcribe", "en", "Names of departments")
                .noiseReduction("far_field")
                .voice("marin")
                .speed(1.1)
                .tool(new Tool("transfer", "Transfers the caller", params,
                        args -> CompletableFuture.completedFuture("ok")))
                .toolChoiceFunction("transfer")
                .maxOutputTokens(Integer.MAX_VALUE)
                .tracingAuto()
                .truncation("auto")
                .build();
    }

    private List<ClientEvent> everyClientEvent() {
        ObjectNode responseParams = RealtimeSchemas.JSON.createObjectNode();
        responseParams.put("instructions", "Say goodbye.");
        responseParams.putArray("output_modalities").add("audio");
        responseParams.put("conversation", "none");
        List<ClientEvent> events = new ArrayList<>();
        events.add(fullConfig().toEvent("evt_1"));
        events.add(new ClientEvent.InputAudioBufferAppend("evt_2", "AAECAw=="));
        events.add(new ClientEvent.InputAudioBufferCommit("evt_3"));
        events.add(new ClientEvent.InputAudioBufferClear(null));
        events.add(new ClientEvent.OutputAudioBufferClear("evt_5"));
        events.add(new ClientEvent.ConversationItemCreate("evt_6", null,
                ConversationItems.functionCallOutput("call_1", "{\"ok\":true}")));
        events.add(new ClientEvent.ConversationItemRetrieve("evt_7", "item_1"));
        events.add(new ClientEvent.ConversationItemTruncate("evt_8", "item_1", 0, 1234));
        events.add(new ClientEvent.ConversationItemDelete("evt_9", "item_1"));
        events.add(new ClientEvent.ResponseCreate("evt_10", responseParams));
        events.add(new ClientEvent.ResponseCancel("evt_11", "resp_1"));
        return events;
    }

    @Test
    void everyClientEventTypeOfTheSchemaIsCoveredAndValid() {
        Set<String> schemaTypes = new TreeSet<>();
        for (String name : schemas.unionMembers("RealtimeClientEvent")) {
            schemaTypes.add(schemas.raw(name).path("properties").path("type").path("enum").get(0).asText());
        }
        Set<String> sent = new TreeSet<>();
        for (ClientEvent event : everyClientEvent()) {
            JsonNode json = roundTrip(event);
            sent.add(json.path("type").asText());
            assertValid("RealtimeClientEvent", json);
            assertValid(componentFor(json.path("type").asText()), json);
        }
        assertThat(schemaTypes).hasSize(11);
        assertThat(sent).isEqualTo(schemaTypes);
    }

    @Test
    void conversationItemsValidate() {
        for (ObjectNode item : List.of(ConversationItems.userText("hello"), ConversationItems.systemText("be kind"),
                ConversationItems.functionCallOutput("c", "{}"))) {
            assertValid("RealtimeClientEventConversationItemCreate",
                    roundTrip(new ClientEvent.ConversationItemCreate(null, null, item)));
        }
    }

    @Test
    void sessionUpdateVariantsValidate() {
        List<SessionConfig> configs = List.of(
                SessionConfig.defaults(),
                fullConfig(),
                SessionConfig.builder().noTurnDetection().audioFormat(AudioFormat.PCMA).outputModalities("text")
                        .toolChoice("none").maxOutputTokens(512).truncation("disabled").build(),
                SessionConfig.builder().turnDetection(TurnDetection.semanticVad()
                        .eagerness(TurnDetection.Eagerness.HIGH).createResponse(false).interruptResponse(false))
                        .inputTranscription("whisper-1").noiseReduction("near_field").speed(0.25).build(),
                SessionConfig.builder().turnDetection(TurnDetection.serverVad()).build());
        for (SessionConfig config : configs) {
            JsonNode json = roundTrip(config.toEvent(null));
            assertValid("RealtimeClientEventSessionUpdate", json);
            assertValid("RealtimeClientEvent", json);
        }
        JsonNode disabled = configs.get(2).toSessionJson();
        assertThat(disabled.path("audio").path("input").get("turn_detection").isNull()).isTrue();
        assertThat(fullConfig().toSessionJson().path("audio").path("input").path("format").path("rate").asInt())
                .isEqualTo(24000);
    }

    @Test
    void theFastAppendEncoderProducesSchemaValidJson() throws Exception {
        AppendEncoder encoder = new AppendEncoder();
        byte[] frame = new byte[960];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) (i * 7);
        }
        int n = encoder.encode(frame, 0, frame.length);
        JsonNode json = RealtimeSchemas.JSON.readTree(new String(encoder.buffer(), 0, n, StandardCharsets.US_ASCII));
        assertValid("RealtimeClientEventInputAudioBufferAppend", json);
        assertValid("RealtimeClientEvent", json);
    }

    @Test
    void aBetaShapedSessionUpdateIsRejectedByTheSchema() {
        // Proves the validator bites: the retired beta shape (no session.type) is not a GA session.update.
        ObjectNode beta = RealtimeSchemas.JSON.createObjectNode();
        beta.put("type", "session.update");
        ObjectNode session = beta.putObject("session");
        session.putArray("modalities").add("audio").add("text");
        session.put("input_audio_format", "pcm16");
        assertThat(schemas.validate("RealtimeClientEventSessionUpdate", beta)).isNotEmpty();
    }

    private JsonNode roundTrip(ClientEvent event) {
        try {
            return RealtimeSchemas.JSON.readTree(codec.write(event));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String componentFor(String type) {
        for (String name : schemas.unionMembers("RealtimeClientEvent")) {
            if (schemas.raw(name).path("properties").path("type").path("enum").get(0).asText().equals(type)) {
                return name;
            }
        }
        throw new AssertionError("no schema for " + type);
    }

    private static void assertValid(String component, JsonNode json) {
        Set<ValidationMessage> errors = schemas.validate(component, json);
        assertThat(errors).as("%s against %s", json, component).isEmpty();
    }
}
