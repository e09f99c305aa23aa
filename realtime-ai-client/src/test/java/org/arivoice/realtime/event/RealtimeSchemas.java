package org.arivoice.realtime.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.arivoice.testsupport.TestData;

/**
 * The OpenAI Realtime schemas from {@code testdata/openai-realtime/realtime-events-subset.json},
 * turned from an OpenAPI 3 fragment into JSON Schema 2020-12 so a standard validator can check events.
 *
 * <p>The rewrite: {@code #/components/schemas/X} references become {@code #/$defs/X}; the OpenAPI 3.0
 * keyword {@code nullable: true} (met once, on {@code tracing}) becomes {@code anyOf: [<schema>, {type: null}]};
 * {@code discriminator}, {@code example} and {@code x-*} vendor keywords are dropped, because they are not
 * JSON Schema and only describe (a discriminator adds no constraint beyond the {@code enum}s of the
 * branches). A {@code oneOf} whose branches are all plain strings (the OpenAPI idiom "any string; these
 * values are known", e.g. {@code response.conversation}: {@code oneOf: [string, enum [auto, none]]}) becomes
 * {@code anyOf}: read literally, {@code "auto"} would match both branches and fail {@code oneOf}, which is
 * clearly not what the document means. Property names are never touched, even when one happens to be called {@code example}.
 */
public final class RealtimeSchemas {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DROPPED = Set.of("discriminator", "example", "nullable");

    final JsonNode document;
    final ObjectNode defs;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private RealtimeSchemas(JsonNode document) {
        this.document = document;
        this.defs = (ObjectNode) rewrite(document.path("components").path("schemas"), true);
    }

    /**
     * Loads the schemas (a fixture of the repository: a missing file fails the calling test).
     *
     * @return the schemas
     * @throws IOException if the file cannot be read
     */
    public static RealtimeSchemas load() throws IOException {
        return new RealtimeSchemas(
                JSON.readTree(TestData.file("openai-realtime/realtime-events-subset.json").toFile()));
    }

    /** The raw OpenAPI schema of a component. */
    JsonNode raw(String name) {
        return document.path("components").path("schemas").path(name);
    }

    /** The names referenced by a union such as {@code RealtimeServerEvent}. */
    java.util.List<String> unionMembers(String union) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (JsonNode ref : raw(union).path("anyOf")) {
            String r = ref.path("$ref").asText();
            names.add(r.substring(r.lastIndexOf('/') + 1));
        }
        return names;
    }

    /**
     * Validates an instance against the named component.
     *
     * @param component e.g. {@code RealtimeClientEvent}
     * @param instance the JSON to check
     * @return the violations, empty when valid
     */
    public Set<ValidationMessage> validate(String component, JsonNode instance) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/$defs/" + component);
        root.set("$defs", defs);
        JsonSchema schema = factory.getSchema(root);
        return schema.validate(instance);
    }

    /** True for {@code oneOf: [{type: string}, {type: string, enum: [...]}]}: "any string, these are known". */
    private static boolean allStrings(JsonNode branches) {
        if (!branches.isArray() || branches.isEmpty()) {
            return false;
        }
        for (JsonNode b : branches) {
            if (!"string".equals(b.path("type").asText()) || b.has("$ref")) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode rewrite(JsonNode node, boolean nameMap) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(rewrite(n, false)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (nameMap) {
            // A map from names to schemas ("properties", or components.schemas itself): keep every name.
            node.fields().forEachRemaining(e -> out.set(e.getKey(), rewrite(e.getValue(), false)));
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (DROPPED.contains(key) || key.startsWith("x-")) {
                continue;
            }
            if (key.equals("oneOf") && allStrings(value)) {
                out.set("anyOf", rewrite(value, false));
            } else if (key.equals("$ref") && value.isTextual()) {
                out.put("$ref", value.asText().replace("#/components/schemas/", "#/$defs/"));
            } else {
                out.set(key, rewrite(value, key.equals("properties") || key.equals("patternProperties")));
            }
        }
        if (node.path("nullable").asBoolean(false)) {
            ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
            ArrayNode anyOf = wrapped.putArray("anyOf");
            anyOf.add(out);
            anyOf.addObject().put("type", "null");
            return wrapped;
        }
        return out;
    }
}
