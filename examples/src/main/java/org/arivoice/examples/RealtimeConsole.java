package org.arivoice.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.arivoice.realtime.AudioFormat;
import org.arivoice.realtime.OutputAudio;
import org.arivoice.realtime.RealtimeClient;
import org.arivoice.realtime.RealtimeListener;
import org.arivoice.realtime.event.RealtimeResponse;
import org.arivoice.realtime.RealtimeSession;
import org.arivoice.realtime.SessionConfig;
import org.arivoice.realtime.Tool;
import org.arivoice.realtime.event.ConversationItems;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.realtime.testkit.ScriptedResponse;

/**
 * The Realtime client alone, no telephony: type a line, the model answers with audio (its transcript is
 * printed, the audio counted) and may call a tool, {@code get_time}, which this program answers.
 *
 * <p>What it shows: {@link RealtimeClient} and {@link SessionConfig}, a user text item plus
 * {@code createResponse()}, output audio and transcripts through {@link RealtimeListener}, and a {@link Tool}
 * whose result the client sends back and continues the response with, by itself.
 *
 * <p>Run: {@code OPENAI_API_KEY=sk-... java -cp examples.jar org.arivoice.examples.RealtimeConsole}; without
 * a key it talks to an in-process {@link FakeRealtimeServer} with a scripted answer.
 */
public final class RealtimeConsole implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RealtimeSession session;
    private final PrintStream out;
    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private volatile CompletableFuture<RealtimeResponse> turn = new CompletableFuture<>();

    private RealtimeConsole(RealtimeClient client, Clock clock, PrintStream out) {
        this.out = out;
        JsonNode noArguments = JSON.createObjectNode().put("type", "object")
                .set("properties", JSON.createObjectNode());
        Tool getTime = new Tool("get_time", "Tells the current time in UTC", noArguments, arguments -> {
            out.println("[tool get_time called]");
            return CompletableFuture.completedFuture("{\"utc\":\"" + clock.instant() + "\"}");
        });
        SessionConfig config = SessionConfig.builder()
                .instructions("You are a terse assistant in a text console. Use get_time for the time.")
                .audioFormat(AudioFormat.PCMU)
                .noTurnDetection()                    // text turns: the program decides when to respond
                .tool(getTime)
                .build();
        this.session = client.connect(config, new RealtimeListener() {
            @Override
            public void onOutputAudio(OutputAudio a) {
                synchronized (audio) {
                    audio.write(a.audio(), 0, a.audio().length);
                }
            }

            @Override
            public void onOutputTranscriptDone(String responseId, String itemId, String transcript) {
                out.println("model: " + transcript);
            }

            @Override
            public void onResponseDone(RealtimeResponse response) {
                // A response that only called a tool is followed by the one that uses its result.
                if (response.output().stream().noneMatch(item -> "function_call".equals(item.type()))) {
                    turn.complete(response);
                }
            }
        });
    }

    /**
     * Connects a console session.
     *
     * @param client the Realtime client
     * @param clock the clock {@code get_time} reads
     * @param out where the conversation is printed
     * @return the console
     */
    public static RealtimeConsole connect(RealtimeClient client, Clock clock, PrintStream out) {
        return new RealtimeConsole(client, clock, out);
    }

    /**
     * Sends one user line and waits for the model's complete answer (tool calls included).
     *
     * @param text what the user typed
     * @param timeout how long to wait
     * @return the final response of the turn
     */
    public RealtimeResponse say(String text, Duration timeout) {
        turn = new CompletableFuture<>();
        session.createItem(ConversationItems.userText(text)).thenCompose(x -> session.createResponse()).join();
        return turn.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** {@return how many bytes of G.711 audio the model has sent so far (8 per millisecond)} */
    public int audioBytes() {
        synchronized (audio) {
            return audio.size();
        }
    }

    @Override
    public void close() {
        session.close();
    }

    /**
     * Reads lines from standard input until end of input.
     *
     * @param args none
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        String key = System.getenv("OPENAI_API_KEY");
        FakeRealtimeServer fake = null;
        RealtimeClient.Builder client = RealtimeClient.builder().model("gpt-realtime");
        if (key == null || key.isBlank()) {
            fake = FakeRealtimeServer.builder().acceptedApiKeys("sk-demo")
                    .responses(ScriptedResponse.functionCall("get_time", "{}"),
                            ScriptedResponse.message("It is a fine time to test a voice bot."))
                    .build().start();
            client.endpoint(fake.url().toString()).apiKey("sk-demo");
            System.out.println("(no OPENAI_API_KEY: talking to a scripted local server)");
        } else {
            client.apiKey(key);
        }
        try (RealtimeConsole console = RealtimeConsole.connect(client.build(), Clock.systemUTC(), System.out)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.out.println("Type a line (end of input to quit):");
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    console.say(line, Duration.ofSeconds(60));
                    System.out.println("(" + console.audioBytes() / 8 + " ms of audio so far)");
                }
            }
        } finally {
            if (fake != null) {
                fake.close();
            }
        }
    }
}
