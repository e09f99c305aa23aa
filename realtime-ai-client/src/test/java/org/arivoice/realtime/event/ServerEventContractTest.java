package org.arivoice.realtime.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every GA server event shape of the schema parses into its record. */
class ServerEventContractTest {
    private static RealtimeSchemas schemas;
    private final EventCodec codec = EventCodec.standard();

    @BeforeAll
    static void load() throws Exception {
        schemas = RealtimeSchemas.load();
    }

    private static String typeOf(String component) {
        return schemas.raw(component).path("properties").path("type").path("enum").get(0).asText();
    }

    @Test
    void everyServerEventOfTheGaUnionHasARecordAndNoMore() {
        Set<String> schemaTypes = new TreeSet<>();
        for (String name : schemas.unionMembers("RealtimeServerEvent")) {
            schemaTypes.add(typeOf(name));
        }
        assertThat(schemaTypes).hasSizeGreaterThanOrEqualTo(40);
        assertThat(new TreeSet<>(ServerEvent.knownTypes().keySet())).isEqualTo(schemaTypes);
    }

    @Test
    void aGeneratedInstanceOfEveryServerEventValidatesAndParsesIntoItsRecord() {
        List<String> checked = new ArrayList<>();
        for (String name : schemas.unionMembers("RealtimeServerEvent")) {
            JsonNode instance = generate(schemas.raw(name), 0);
            assertThat(schemas.validate(name, instance)).as("generated %s: %s", name, instance).isEmpty();
            ServerEvent event = codec.parse(instance.toString());
            assertThat(event).as(name).isInstanceOf(ServerEvent.knownTypes().get(typeOf(name)));
            assertThat(event.type()).isEqualTo(typeOf(name));
            // Written back (as a fake server would), it is still schema-valid and parses to the same record.
            String written = codec.write(event);
            assertThat(schemas.validate(name, readTree(written))).as("written %s: %s", name, written).isEmpty();
            assertThat(codec.parse(written)).isEqualTo(event);
            checked.add(name);
        }
        assertThat(checked).hasSize(schemas.unionMembers("RealtimeServerEvent").size());
    }

    @Test
    void everyExampleInTheSchemaThatIsValidJsonParsesIntoItsRecord() throws Exception {
        int parsed = 0;
        for (String name : schemas.unionMembers("RealtimeServerEvent")) {
            String example = schemas.raw(name).path("x-oaiMeta").path("example").asText(null);
            if (example == null) {
                continue;
            }
            JsonNode tree;
            try {
                tree = RealtimeSchemas.JSON.readTree(example);
            } catch (Exception notJson) {
                continue; // a few examples in OpenAI's document are not valid JSON; the generator covers those types
            }
            ServerEvent event = codec.parse(tree.toString());
            if (typeOf(name).equals(tree.path("type").asText())) {
                assertThat(event).as(name).isInstanceOf(ServerEvent.knownTypes().get(typeOf(name)));
            }
            parsed++;
        }
        assertThat(parsed).isGreaterThan(30);
    }

    @Test
    void fieldsBindFromTheExamples() throws Exception {
        ServerEvent delta = codec.parse(example("RealtimeServerEventResponseAudioDelta"));
        assertThat(delta).isInstanceOfSatisfying(ServerEvent.ResponseOutputAudioDelta.class, d -> {
            assertThat(d.responseId()).isEqualTo("resp_001");
            assertThat(d.itemId()).isEqualTo("msg_008");
            assertThat(d.contentIndex()).isZero();
        });
        ServerEvent done = codec.parse(example("RealtimeServerEventResponseDone"));
        assertThat(done).isInstanceOfSatisfying(ServerEvent.ResponseDone.class, d -> {
            assertThat(d.response().id()).isNotBlank();
            assertThat(d.response().usage()).isNotNull();
            assertThat(d.response().usage().totalTokens()).isPositive();
        });
        ServerEvent error = codec.parse(example("RealtimeServerEventError"));
        assertThat(error).isInstanceOfSatisfying(ServerEvent.ErrorEvent.class,
                e -> assertThat(e.error().message()).isNotBlank());
    }

    @Test
    void aKnownTypeWithAnIncompatibleShapeBecomesUnknownInsteadOfFailing() {
        ServerEvent event = codec.parse("{\"type\":\"response.output_audio.delta\",\"event_id\":\"e\","
                + "\"content_index\":{\"nested\":true}}");
        assertThat(event).isInstanceOf(ServerEvent.Unknown.class);
        assertThat(event.eventId()).isEqualTo("e");
    }

    private static JsonNode readTree(String json) {
        try {
            return RealtimeSchemas.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String example(String name) {
        return schemas.raw(name).path("x-oaiMeta").path("example").asText();
    }

    /** Builds a minimal instance with every required property, following $refs and the first usable branch. */
    private static JsonNode generate(JsonNode schema, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return generate(schemas.raw(ref.substring(ref.lastIndexOf('/') + 1)), depth + 1);
        }
        for (String union : List.of("oneOf", "anyOf")) {
            if (schema.has(union)) {
                for (JsonNode branch : schema.get(union)) {
                    if (!"null".equals(branch.path("type").asText())) {
                        return generate(branch, depth + 1);
                    }
                }
            }
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        String type = schema.path("type").asText("object");
        switch (type) {
            case "string":
                return f.textNode("x");
            case "integer":
                return f.numberNode(schema.has("minimum") ? schema.get("minimum").asLong() : 1L);
            case "number":
                return f.numberNode(0.5);
            case "boolean":
                return f.booleanNode(true);
            case "array": {
                ArrayNode a = f.arrayNode();
                int min = schema.path("minItems").asInt(0);
                for (int i = 0; i < min; i++) {
                    a.add(generate(schema.path("items"), depth + 1));
                }
                return a;
            }
            default: {
                ObjectNode o = f.objectNode();
                for (JsonNode req : schema.path("required")) {
                    JsonNode prop = schema.path("properties").path(req.asText());
                    o.set(req.asText(), depth > 12 ? f.textNode("x") : generate(prop, depth + 1));
                }
                if (schema.path("properties").has("event_id") && !o.has("event_id")) {
                    o.put("event_id", "event_1");
                }
                return o;
            }
        }
    }
}
