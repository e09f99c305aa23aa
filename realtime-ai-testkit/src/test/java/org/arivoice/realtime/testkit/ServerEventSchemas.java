package org.arivoice.realtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.arivoice.testsupport.TestData;

/**
 * The {@code RealtimeServerEvent*} schemas of {@code testdata/openai-realtime}, keyed by event type,
 * with {@code $ref}s to {@code #/components/schemas/...} resolved against the whole document.
 */
final class ServerEventSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile ServerEventSchemas loaded;

    private final JsonNode document;
    private final Map<String, String> schemaNameByType = new TreeMap<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private ServerEventSchemas(JsonNode document) {
        this.document = document;
        for (Map.Entry<String, JsonNode> e : document.path("components").path("schemas").properties()) {
            if (e.getKey().startsWith("RealtimeServerEvent") && !e.getKey().equals("RealtimeServerEvent")) {
                JsonNode type = e.getValue().path("properties").path("type").path("enum").path(0);
                if (type.isTextual()) {
                    schemaNameByType.put(type.asText(), e.getKey());
                }
            }
        }
    }

    /** The schemas, read once (a fixture of the repository: a missing file fails the calling test). */
    static ServerEventSchemas load() {
        ServerEventSchemas result = loaded;
        if (result == null) {
            synchronized (ServerEventSchemas.class) {
                result = loaded;
                if (result == null) {
                    try {
                        result = new ServerEventSchemas(JSON.readTree(
                                TestData.file("openai-realtime/realtime-events-subset.json").toFile()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    loaded = result;
                }
            }
        }
        return result;
    }

    Set<String> knownTypes() {
        return schemaNameByType.keySet();
    }

    Optional<String> schemaName(String type) {
        return Optional.ofNullable(schemaNameByType.get(type));
    }

    /** The problems of one server event; an unknown type is itself a problem. */
    List<String> validate(JsonNode event) {
        String type = event.path("type").asText();
        String name = schemaNameByType.get(type);
        if (name == null) {
            return List.of("no RealtimeServerEvent schema has type '" + type + "'");
        }
        JsonSchema schema = compiled.computeIfAbsent(name, n -> {
            ObjectNode root = ((ObjectNode) document).deepCopy();
            root.put("$ref", "#/components/schemas/" + n);
            return factory.getSchema(root);
        });
        Set<ValidationMessage> messages = schema.validate(event);
        return messages.stream().map(m -> name + ": " + m.getMessage()).toList();
    }
}
