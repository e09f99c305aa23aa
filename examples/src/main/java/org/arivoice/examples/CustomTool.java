package org.arivoice.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.arivoice.voicebot.call.VoiceBot;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.config.ConfigLoader;
import org.arivoice.voicebot.tools.BotTool;
import org.arivoice.voicebot.tools.ToolContext;

/**
 * A tool of your own in the bundled bot: the model can look up an order's status while it talks to the
 * caller. A {@link BotTool} has a name, a description and a JSON Schema for the model, and a
 * {@link #call(ToolContext, JsonNode)} that runs on a tool thread and answers with text (JSON here); the
 * {@link ToolContext} also lets a tool hang up, transfer or send DTMF on the caller's call.
 *
 * <p>Two ways in: register it in code, {@code VoiceBot.builder(config).tool(new CustomTool(...)).start()}, as
 * {@link #main} does; or put the class on the bot's classpath and list it in
 * {@code META-INF/services/org.arivoice.voicebot.tools.BotTool}, and the bot finds it with
 * {@link java.util.ServiceLoader} (a service class needs a public no-argument constructor).
 *
 * <p>Run: {@code java -cp examples.jar org.arivoice.examples.CustomTool} with the bot's usual environment
 * ({@code ARI_URL}, {@code ARI_USER}, {@code ARI_PASSWORD}, {@code OPENAI_API_KEY}, ...).
 */
public final class CustomTool implements BotTool {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> orders;

    /**
     * A tool answering from a fixed set of orders (a real one would ask your order system).
     *
     * @param orders order number to status, e.g. {@code A-1 → shipped}
     */
    public CustomTool(Map<String, String> orders) {
        this.orders = Map.copyOf(orders);
    }

    /** A tool with two demo orders, for {@link java.util.ServiceLoader}. */
    public CustomTool() {
        this(Map.of("A-1", "shipped", "A-2", "being packed"));
    }

    @Override
    public String name() {
        return "check_order_status";
    }

    @Override
    public String description() {
        return "Looks up the status of a customer's order by its number, e.g. A-1. Use it when the caller asks "
                + "where their order is.";
    }

    @Override
    public JsonNode parameters() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("order").put("type", "string")
                .put("description", "the order number the caller gives, e.g. A-1");
        schema.putArray("required").add("order");
        return schema;
    }

    @Override
    public CompletableFuture<String> call(ToolContext context, JsonNode arguments) {
        String order = arguments.path("order").asText("");
        String status = orders.get(order.trim().toUpperCase(java.util.Locale.ROOT));
        ObjectNode result = JSON.createObjectNode().put("order", order);
        if (status == null) {
            result.put("error", "no order with that number; ask the caller to repeat it");
        } else {
            result.put("status", status);
        }
        return CompletableFuture.completedFuture(result.toString());
    }

    /**
     * Runs the bot, configured from the environment (and {@code VOICEBOT_CONFIG} if set), with this tool.
     *
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        String file = System.getenv("VOICEBOT_CONFIG");
        BotConfig config = ConfigLoader.load(java.util.Optional.ofNullable(file).map(java.nio.file.Path::of),
                System.getenv());
        try (VoiceBot bot = VoiceBot.builder(config).tool(new CustomTool()).start()) {
            System.out.println("bot running with tools " + bot.toolNames() + "; Ctrl-C to stop");
            Thread.currentThread().join();
        }
    }
}
