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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code RealtimeServerEvent*} schemas of {@code ../shared/reference/openai-realtime}, keyed by event type,
 * with {@code $ref}s to {@code #/components/schemas/...} resolved against the whole document.
 */
final class ServerEventSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile Optional<ServerEventSchemas> loaded;

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

    /** The shared folder: {@code arivoice.shared.dir}, else {@code ../../shared} from the module directory. */
    static Path sharedDir() {
        String property = System.getProperty("arivoice.shared.dir");
        return property != null ? Path.of(property) : Path.of("../../shared");
    }

    static Path schemaFile() {
        return sharedDir().resolve("reference/openai-realtime/realtime-events-subset.json");
    }

    /** The schemas, or empty when ../shared is absent. */
    static Optional<ServerEventSchemas> load() {
        Optional<ServerEventSchemas> result = loaded;
        if (result == null) {
            synchronized (ServerEventSchemas.class) {
                result = loaded;
                if (result == null) {
                    Path file = schemaFile();
                    if (!Files.isRegularFile(file)) {
                        result = Optional.empty();
                    } else {
                        try {
                            result = Optional.of(new ServerEventSchemas(JSON.readTree(file.toFile())));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
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
