package org.arivoice.realtime.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Builds the conversation items a client commonly creates with {@code conversation.item.create}.
 */
public final class ConversationItems {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConversationItems() {
    }

    /**
     * A user message with one {@code input_text} part.
     *
     * @param text what the user said or typed
     * @return the item
     */
    public static ObjectNode userText(String text) {
        return message("user", "input_text", text);
    }

    /**
     * A system message with one {@code input_text} part (extra instructions in the conversation).
     *
     * @param text the instruction text
     * @return the item
     */
    public static ObjectNode systemText(String text) {
        return message("system", "input_text", text);
    }

    /**
     * The output of a function call, answering the model's {@code function_call} item.
     *
     * @param callId the {@code call_id} of the function call
     * @param output the result as text (often JSON) that the model reads
     * @return the item
     */
    public static ObjectNode functionCallOutput(String callId, String output) {
        ObjectNode item = NODES.objectNode();
        item.put("type", "function_call_output");
        item.put("call_id", Objects.requireNonNull(callId, "callId"));
        item.put("output", Objects.requireNonNull(output, "output"));
        return item;
    }

    private static ObjectNode message(String role, String partType, String text) {
        ObjectNode item = NODES.objectNode();
        item.put("type", "message");
        item.put("role", role);
        ObjectNode part = item.putArray("content").addObject();
        part.put("type", partType);
        part.put("text", Objects.requireNonNull(text, "text"));
        return item;
    }
}
