package org.arivoice.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A function the model may call: name, description and JSON-schema parameters (sent in the session's
 * {@code tools}) and the handler that runs it.
 *
 * @param name the function name (letters, digits, {@code _} and {@code -}, at most 64)
 * @param description what the function does and when to call it, for the model
 * @param parameters the JSON schema of the arguments (an object schema)
 * @param handler runs the call
 */
public record Tool(String name, String description, JsonNode parameters, ToolHandler handler) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Validates the tool.
     *
     * @param name the function name
     * @param description the description
     * @param parameters the JSON schema of the arguments
     * @param handler the handler
     */
    public Tool {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Tool name '" + name
                    + "' is invalid: use 1 to 64 letters, digits, '_' or '-'");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parameters, "parameters");
        if (!parameters.isObject()) {
            throw new IllegalArgumentException("Parameters of tool '" + name + "' must be a JSON schema object");
        }
        parameters = parameters.deepCopy();
        Objects.requireNonNull(handler, "handler");
    }

    /**
     * The parameters schema (a copy, so the tool stays immutable).
     *
     * @return the JSON schema
     */
    @Override
    public JsonNode parameters() {
        return parameters.deepCopy();
    }

    /**
     * The tool as a {@code RealtimeFunctionTool} object for the session's {@code tools}.
     *
     * @return a new JSON object
     */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "function");
        node.put("name", name);
        node.put("description", description);
        node.set("parameters", parameters.deepCopy());
        return node;
    }
}
