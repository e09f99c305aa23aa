package org.arivoice.voicebot.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * A function the model can call during a call. Implementations are found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/org.arivoice.voicebot.tools.BotTool}) or registered in code with
 * {@code VoiceBot.builder(config).tool(...)}. One instance serves every call, so keep it thread-safe.
 */
public interface BotTool {

    /**
     * The function name the model uses, e.g. {@code book_appointment}: letters, digits, {@code _} and {@code -}.
     *
     * @return the name, unique among the bot's tools
     */
    String name();

    /**
     * What the tool does and when to use it, for the model.
     *
     * @return the description
     */
    String description();

    /**
     * The JSON Schema of the arguments (an {@code object} schema).
     *
     * @return the schema
     */
    JsonNode parameters();

    /**
     * Runs one call of the tool. Runs on a tool thread, never on a media or event thread; a failed future or
     * a thrown exception is reported to the model as an error text.
     *
     * @param context the call the tool runs in
     * @param arguments the arguments the model chose (an empty object when none)
     * @return the result the model reads, customarily JSON
     */
    CompletableFuture<String> call(ToolContext context, JsonNode arguments);
}
