package org.arivoice.ari.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import org.arivoice.ari.internal.json.Immutables;

/**
 * An event of a type this version of the library does not know, typically one added by a newer Asterisk.
 *
 * <p>The full JSON is kept in {@link #raw()}; read it with Jackson's tree API. Routing to channel and bridge
 * subscriptions still works when the event carries a {@code channel} or {@code bridge} object with an
 * {@code id}, as Asterisk's channel and bridge events do.
 *
 * @param type the {@code type} field of the event
 * @param application the {@code application} field, or {@code null} if absent
 * @param timestamp the {@code timestamp} field, or {@code null} if absent
 * @param asteriskId the {@code asterisk_id} field, or {@code null} if absent
 * @param raw the whole event as received (treat it as read-only)
 */
public record GenericEvent(String type, String application, String timestamp, String asteriskId, JsonNode raw)
        implements AriEvent {

    /**
     * Creates the event.
     *
     * @param type the {@code type} field of the event
     * @param application the {@code application} field, or {@code null} if absent
     * @param timestamp the {@code timestamp} field, or {@code null} if absent
     * @param asteriskId the {@code asterisk_id} field, or {@code null} if absent
     * @param raw the whole event as received
     * @throws NullPointerException if {@code type} or {@code raw} is {@code null}
     */
    public GenericEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raw, "raw");
    }

    /**
     * Builds a generic event from the JSON of an event.
     *
     * @param raw the event object; must have a textual {@code type}
     * @return the event
     * @throws AriEventParseException if {@code raw} has no textual {@code type}
     */
    public static GenericEvent of(JsonNode raw) {
        JsonNode type = raw.get("type");
        if (type == null || !type.isTextual()) {
            throw new AriEventParseException("An ARI event must be a JSON object with a textual \"type\" field");
        }
        return new GenericEvent(type.asText(), text(raw, "application"), text(raw, "timestamp"),
                text(raw, "asterisk_id"), raw);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(nestedId("channel"));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> bridgeIds() {
        return Immutables.ids(nestedId("bridge"));
    }

    private String nestedId(String field) {
        JsonNode node = raw.get(field);
        return node != null && node.isObject() ? text(node, "id") : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
