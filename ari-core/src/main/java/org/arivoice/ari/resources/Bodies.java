package org.arivoice.ari.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.arivoice.ari.internal.json.AriJson;

/** Builds the JSON bodies Asterisk expects for {@code variables}-style parameters. */
final class Bodies {
    private Bodies() {
    }

    /**
     * {@code {"NAME":"value", "OTHER":{"value":"v","report_events":true}}}: a plain string unless changes
     * are to be reported (or {@code alwaysObjects}, as the bridge-creation declaration asks for objects).
     */
    static JsonNode variables(Map<String, VariableValue> variables, boolean alwaysObjects) {
        if (variables == null || variables.isEmpty()) {
            return null;
        }
        ObjectNode node = AriJson.mapper().createObjectNode();
        variables.forEach((name, v) -> {
            if (v.reportEvents() || alwaysObjects) {
                ObjectNode o = node.putObject(name);
                o.put("value", v.value());
                if (v.reportEvents()) {
                    o.put("report_events", true);
                }
            } else {
                node.put(name, v.value());
            }
        });
        return node;
    }

    /** {@code {"key":"value",...}} for plain key/value parameters, {@code null} when empty. */
    static JsonNode strings(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        ObjectNode node = AriJson.mapper().createObjectNode();
        values.forEach((k, v) -> node.put(k, v));
        return node;
    }

    static String wire(SnoopDirection d) {
        return d == null ? null : d.wireValue();
    }

    static String wire(MuteDirection d) {
        return d == null ? null : d.wireValue();
    }

    static String wire(RecordingIfExists d) {
        return d == null ? null : d.wireValue();
    }

    static String wire(RecordingTerminateOn d) {
        return d == null ? null : d.wireValue();
    }

    /**
     * Refuses options that carry an id different from the one a {@code ...WithId} operation was given, so a
     * resource is never created under an id the caller did not mean.
     *
     * @param call how the call starts in the message, e.g. {@code "playWithId(..., "}
     * @param id the id given to the operation
     * @param field the options' component, e.g. {@code playbackId}
     * @param inOptions that component's value
     */
    static void requireSameId(String call, String id, String field, String inOptions) {
        if (inOptions != null && !inOptions.equals(id)) {
            throw new IllegalArgumentException(call + id + ", ...) was given options with another " + field
                    + " (" + inOptions + "); leave it unset");
        }
    }
}
