package org.arivoice.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one function call for the model. Called on the client's tool executor, never on the WebSocket I/O
 * thread nor the event thread, so it may block briefly or return a future for longer work.
 */
@FunctionalInterface
public interface ToolHandler {
    /**
     * Runs the call.
     *
     * @param arguments the arguments the model chose, parsed from {@code arguments} (an empty object when the
     *     model sent none)
     * @return the result as text the model reads (JSON is customary); a failed future (or a thrown exception)
     *     is reported to the model as an error text, so it can apologise or retry
     */
    CompletableFuture<String> call(JsonNode arguments);
}
