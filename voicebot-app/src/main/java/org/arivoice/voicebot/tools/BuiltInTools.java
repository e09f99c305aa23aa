package org.arivoice.voicebot.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.arivoice.voicebot.config.BotConfig;

/**
 * The tools the bot offers: the built-ins the configuration enables ({@code end_call}, {@code transfer_call},
 * {@code send_dtmf}) and those found with {@link ServiceLoader}.
 */
public final class BuiltInTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BuiltInTools() {
    }

    /**
     * The built-in tools the configuration enables.
     *
     * @param tools the tools section of the configuration
     * @return the tools, in a stable order
     */
    public static List<BotTool> enabled(BotConfig.Tools tools) {
        List<BotTool> list = new ArrayList<>();
        if (tools.endCall()) {
            list.add(new EndCall());
        }
        if (!tools.transferTargets().isEmpty()) {
            list.add(new TransferCall(tools.transferTargets()));
        }
        if (tools.sendDtmf()) {
            list.add(new SendDtmf());
        }
        return List.copyOf(list);
    }

    /**
     * The tools listed in {@code META-INF/services/org.arivoice.voicebot.tools.BotTool} on the class path.
     *
     * @param loader the class loader to search
     * @return the tools found
     * @throws IllegalStateException if a listed class cannot be loaded or made, saying which and what to check
     */
    public static List<BotTool> discovered(ClassLoader loader) {
        List<BotTool> list = new ArrayList<>();
        try {
            ServiceLoader.load(BotTool.class, loader).forEach(list::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("A tool listed in META-INF/services/" + BotTool.class.getName()
                    + " could not be loaded (" + e.getMessage() + "). Check the class name in that file, that the"
                    + " class is public with a public no-argument constructor and implements BotTool, and that its"
                    + " jar is on the class path.", e);
        }
        return List.copyOf(list);
    }

    private static ObjectNode objectSchema() {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        schema.putObject("properties");
        schema.putArray("required");
        return schema;
    }

    /** {@code end_call}: hangs up once the farewell has been played. */
    static final class EndCall implements BotTool {
        @Override
        public String name() {
            return "end_call";
        }

        @Override
        public String description() {
            return "Ends the phone call. Say goodbye first, in the same response; the call is hung up after "
                    + "your goodbye has been played to the caller.";
        }

        @Override
        public JsonNode parameters() {
            ObjectNode schema = objectSchema();
            ((ObjectNode) schema.get("properties")).putObject("reason").put("type", "string")
                    .put("description", "why the call ends, for the log");
            return schema;
        }

        @Override
        public CompletableFuture<String> call(ToolContext context, JsonNode arguments) {
            return context.hangUpAfterPlayout().thenApply(x -> "{\"status\":\"call ended\"}");
        }
    }

    /** {@code transfer_call}: to a configured target, by name. */
    static final class TransferCall implements BotTool {
        private final Map<String, BotConfig.TransferTarget> targets;

        TransferCall(Map<String, BotConfig.TransferTarget> targets) {
            this.targets = new TreeMap<>(targets);
        }

        @Override
        public String name() {
            return "transfer_call";
        }

        @Override
        public String description() {
            StringBuilder sb = new StringBuilder("Transfers the caller to a person or department. Tell the caller "
                    + "first, in the same response. Targets: ");
            targets.forEach((name, t) -> sb.append(name).append(" (").append(t.description()).append("); "));
            return sb.toString().trim();
        }

        @Override
        public JsonNode parameters() {
            ObjectNode schema = objectSchema();
            ObjectNode target = ((ObjectNode) schema.get("properties")).putObject("target");
            target.put("type", "string").put("description", "the target's name");
            ArrayNode names = target.putArray("enum");
            targets.keySet().forEach(names::add);
            ((ArrayNode) schema.get("required")).add("target");
            return schema;
        }

        @Override
        public CompletableFuture<String> call(ToolContext context, JsonNode arguments) {
            String name = arguments.path("target").asText("");
            BotConfig.TransferTarget target = targets.get(name);
            if (target == null) {
                return CompletableFuture.completedFuture("{\"error\":\"unknown target '" + name.replace("\"", "")
                        + "'; the targets are " + targets.keySet() + "\"}");
            }
            if (target.location().isPresent()) {
                return context.transferToDialplan(target.location().get())
                        .thenApply(x -> "{\"status\":\"transferred\"}");
            }
            String endpoint = target.endpoint().orElseThrow(() -> new IllegalStateException(
                    "transfer target '" + name + "' has neither a location nor an endpoint"));
            return context.transferToEndpoint(endpoint).thenApply(x -> "{\"status\":\"connected\"}");
        }
    }

    /** {@code send_dtmf}: digits to the caller's channel. */
    static final class SendDtmf implements BotTool {
        @Override
        public String name() {
            return "send_dtmf";
        }

        @Override
        public String description() {
            return "Sends touch-tone (DTMF) digits on the call, e.g. to navigate a phone menu.";
        }

        @Override
        public JsonNode parameters() {
            ObjectNode schema = objectSchema();
            ((ObjectNode) schema.get("properties")).putObject("digits").put("type", "string")
                    .put("pattern", "^[0-9*#A-D]{1,32}$").put("description", "the digits, e.g. 123#");
            ((ArrayNode) schema.get("required")).add("digits");
            return schema;
        }

        @Override
        public CompletableFuture<String> call(ToolContext context, JsonNode arguments) {
            String digits = arguments.path("digits").asText("");
            if (!digits.matches("[0-9*#A-D]{1,32}")) {
                return CompletableFuture.completedFuture(
                        "{\"error\":\"digits must be 1 to 32 of 0-9, *, #, A-D, e.g. 123#\"}");
            }
            return context.sendDtmf(digits).thenApply(x -> "{\"status\":\"sent\",\"digits\":\"" + digits + "\"}");
        }
    }
}
