package org.arivoice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.arivoice.realtime.RealtimeClient;
import org.arivoice.realtime.event.RealtimeResponse;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.realtime.testkit.ScriptedResponse;
import org.junit.jupiter.api.Test;

class RealtimeConsoleTest {

    @Test
    void aLineGetsASpokenAnswerAfterTheToolResultWasSentBack() {
        Instant noon = Instant.parse("2026-11-25T12:00:00Z");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (FakeRealtimeServer server = FakeRealtimeServer.builder().acceptedApiKeys("sk-test")
                .responses(ScriptedResponse.functionCall("get_time", "{}"), ScriptedResponse.message("It is noon."))
                .build().start();
             RealtimeConsole console = RealtimeConsole.connect(RealtimeClient.builder()
                     .endpoint(server.url().toString()).apiKey("sk-test").model("gpt-realtime").build(),
                     Clock.fixed(noon, ZoneOffset.UTC), new PrintStream(printed, true, StandardCharsets.UTF_8))) {

            RealtimeResponse answer = console.say("What time is it?", Duration.ofSeconds(20));

            assertThat(answer.status()).isEqualTo("completed");
            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("[tool get_time called]").contains("model: It is noon.");
            assertThat(console.audioBytes()).isPositive();
            // The tool's result went back to the model as a function_call_output item.
            assertThat(server.receivedEvents("conversation.item.create").toString())
                    .contains("What time is it?").contains("function_call_output").contains(noon.toString());
        }
    }
}
