package org.arivoice.realtime.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * Converts between wire JSON and the typed events. Thread-safe and stateless; one shared instance is
 * available from {@link #standard()}.
 *
 * <p>Parsing is tolerant by design: unknown fields are ignored, and an event whose type is unknown (or
 * whose known type arrives in a shape that cannot be bound, for example a field whose type changed in a new
 * release) becomes {@link ServerEvent.Unknown} with the raw JSON. Only text that is not a JSON object at all
 * is rejected, with {@link MalformedEventException}.
 */
public final class EventCodec {
    private static final EventCodec STANDARD = new EventCodec();
    private static final java.util.Set<String> AUDIO_DELTA_FIELDS = java.util.Set.of("type", "event_id",
            "response_id", "item_id", "output_index", "content_index", "delta");
    private static final String AUDIO_DELTA_MARKER = "\"type\":\"" + ServerEvent.ResponseOutputAudioDelta.TYPE + "\"";

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    /**
     * The shared codec.
     *
     * @return the codec instance
     */
    public static EventCodec standard() {
        return STANDARD;
    }

    /**
     * The Jackson mapper the codec uses (snake_case names, unknown properties ignored). Do not reconfigure it.
     *
     * @return the mapper
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Parses one server event.
     *
     * @param json the text of one WebSocket message
     * @return the typed event, or {@link ServerEvent.Unknown} for a type this version does not know
     * @throws MalformedEventException if the text is not a JSON object
     */
    public ServerEvent parse(String json) {
        Objects.requireNonNull(json, "json");
        if (json.startsWith(AUDIO_DELTA_MARKER, firstField(json))) {
            ServerEvent fast = parseAudioDelta(json);
            if (fast != null) {
                return fast;
            }
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("The Realtime server sent a message that is not valid JSON ("
                    + e.getOriginalMessage() + "); it was ignored", e);
        }
        return parse(tree);
    }

    private static int firstField(String json) {
        int i = 0;
        while (i < json.length() && json.charAt(i) <= ' ') {
            i++;
        }
        return i + 1;
    }

    /**
     * The hot path: {@code response.output_audio.delta} is most of the traffic (about 50 events per second of
     * speech, each a few KB of base64). When its text starts with the type, as OpenAI's does, it is read
     * with the streaming parser straight into the record, with no intermediate tree. Anything unexpected
     * returns {@code null} and the general path takes over, so the result is always the same.
     */
    private ServerEvent parseAudioDelta(String json) {
        String eventId = null;
        String responseId = null;
        String itemId = null;
        Integer outputIndex = null;
        Integer contentIndex = null;
        String delta = null;
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    if (AUDIO_DELTA_FIELDS.contains(name)) {
                        return null; // a known field of an unexpected shape: let the general path decide
                    }
                    p.skipChildren();
                    continue;
                }
                boolean isNull = value == JsonToken.VALUE_NULL;
                switch (name) {
                    case "type" -> {
                        if (!ServerEvent.ResponseOutputAudioDelta.TYPE.equals(p.getValueAsString())) {
                            return null;
                        }
                    }
                    case "event_id" -> eventId = isNull ? null : p.getValueAsString();
                    case "response_id" -> responseId = isNull ? null : p.getValueAsString();
                    case "item_id" -> itemId = isNull ? null : p.getValueAsString();
                    case "delta" -> delta = isNull ? null : p.getValueAsString();
                    case "output_index" -> {
                        if (!isNull && value != JsonToken.VALUE_NUMBER_INT) {
                            return null;
                        }
                        outputIndex = isNull ? null : p.getIntValue();
                    }
                    case "content_index" -> {
                        if (!isNull && value != JsonToken.VALUE_NUMBER_INT) {
                            return null;
                        }
                        contentIndex = isNull ? null : p.getIntValue();
                    }
                    default -> {
                        // unknown scalar field: ignored, as everywhere
                    }
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return new ServerEvent.ResponseOutputAudioDelta(eventId, responseId, itemId, outputIndex, contentIndex, delta);
    }

    /**
     * Binds one server event that is already a JSON tree.
     *
     * @param tree the event object
     * @return the typed event, or {@link ServerEvent.Unknown} for a type this version does not know
     * @throws MalformedEventException if the tree is not a JSON object
     */
    public ServerEvent parse(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new MalformedEventException("The Realtime server sent a message that is not a JSON object ("
                    + (tree == null ? "nothing" : tree.getNodeType().toString().toLowerCase()) + "); it was ignored",
                    null);
        }
        String type = tree.path("type").asText("");
        String eventId = tree.path("event_id").isTextual() ? tree.get("event_id").asText() : null;
        Class<? extends ServerEvent> cls = Registry.TYPES.get(type);
        if (cls == null) {
            return new ServerEvent.Unknown(type, eventId, tree);
        }
        try {
            return mapper.treeToValue(tree, cls);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new ServerEvent.Unknown(type, eventId, tree);
        }
    }

    /**
     * Serialises one client event to the JSON text to send.
     *
     * @param event the event
     * @return its JSON text
     */
    public String write(ClientEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Could not serialise the client event " + event.type()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Serialises one server event (for fake servers and tests); {@code null} fields are omitted and an
     * {@link ServerEvent.Unknown} is written exactly as it was received.
     *
     * @param event the event
     * @return its JSON text
     */
    public String write(ServerEvent event) {
        Objects.requireNonNull(event, "event");
        if (event instanceof ServerEvent.Unknown unknown) {
            return unknown.raw().toString();
        }
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Could not serialise the server event " + event.type() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Converts one client event to a JSON tree (for inspection and tests).
     *
     * @param event the event
     * @return its JSON tree
     */
    public JsonNode toTree(ClientEvent event) {
        return mapper.valueToTree(Objects.requireNonNull(event, "event"));
    }
}
