package org.arivoice.realtime.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * An item of a Realtime conversation as the server reports it ({@code RealtimeConversationItem}): a message
 * (system, user or assistant), a function call, a function call output, or an MCP item. Which fields are
 * set depends on {@link #type()}; the others are {@code null}.
 *
 * @param id the item ID
 * @param object always {@code realtime.item} when present
 * @param type {@code message}, {@code function_call}, {@code function_call_output}, or an MCP item type
 * @param status {@code completed}, {@code incomplete} or {@code in_progress}
 * @param role for messages: {@code system}, {@code user} or {@code assistant}
 * @param content for messages: the content parts
 * @param callId for function calls and their outputs: the call ID
 * @param name for function calls: the function name
 * @param arguments for function calls: the arguments as a JSON text
 * @param output for function call outputs: the output text
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationItem(String id, String object, String type, String status, String role,
        List<ContentPart> content, String callId, String name, String arguments, String output) {
}
