package org.arivoice.ari.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Set;
import org.arivoice.ari.internal.json.AriJson;

/**
 * Parses ARI events.
 *
 * <pre>{@code
 * AriEvent event = AriEvents.parse(text);
 * if (event instanceof StasisStart s) {
 *     answer(s.channel().id());
 * } else if (event instanceof ChannelDtmfReceived d) {
 *     onDigit(d.channel().id(), d.digit());
 * }
 * }</pre>
 *
 * <p>Every type of Asterisk's {@code events.json} becomes its record; any other type becomes a
 * {@link GenericEvent}. Unknown fields are ignored. Thread-safe.
 */
public final class AriEvents {
    private static final ObjectMapper MAPPER = AriJson.mapper();

    private AriEvents() {
    }

    /**
     * Parses one event from its JSON text.
     *
     * @param json the text of one WebSocket message
     * @return the event: the record of its type, or a {@link GenericEvent}
     * @throws AriEventParseException if the text is not a JSON object with a textual {@code type}, or a field
     *         has the wrong JSON type for the event's declared model
     */
    public static AriEvent parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AriEventParseException("ARI event is not valid JSON (" + e.getOriginalMessage() + "): "
                    + abbreviate(json), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new AriEventParseException("ARI event message is empty");
        }
        return parse(node);
    }

    /**
     * Parses one event from a JSON tree.
     *
     * @param node the event object
     * @return the event: the record of its type, or a {@link GenericEvent}
     * @throws AriEventParseException if the node is not an object with a textual {@code type}, or a field has
     *         the wrong JSON type for the event's declared model
     */
    public static AriEvent parse(JsonNode node) {
        Objects.requireNonNull(node, "node");
        if (!node.isObject()) {
            throw new AriEventParseException("ARI event must be a JSON object, got " + node.getNodeType()
                    + ": " + abbreviate(node.toString()));
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual() || typeNode.asText().isEmpty()) {
            throw new AriEventParseException("ARI event has no textual \"type\" field: " + abbreviate(node.toString()));
        }
        String type = typeNode.asText();
        Class<? extends AriEvent> cls = EventTypes.BY_TYPE.get(type);
        if (cls == null) {
            return GenericEvent.of(node);
        }
        try {
            return MAPPER.treeToValue(node, cls);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new AriEventParseException("ARI event " + type + " does not match its declared shape ("
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + "): "
                    + abbreviate(node.toString()), e);
        }
    }

    /**
     * The event types that parse into a dedicated record (all the event types of {@code events.json}).
     *
     * @return the type names, unmodifiable
     */
    public static Set<String> knownTypes() {
        return EventTypes.BY_TYPE.keySet();
    }

    /**
     * The record class for an event type.
     *
     * @param type an event type name, for example {@code "StasisStart"}
     * @return the record class, or {@link GenericEvent} for a type without a dedicated record
     */
    public static Class<? extends AriEvent> recordFor(String type) {
        return EventTypes.BY_TYPE.getOrDefault(type, GenericEvent.class);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "... (" + s.length() + " chars)";
    }
}
