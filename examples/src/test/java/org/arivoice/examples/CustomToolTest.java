package org.arivoice.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.realtime.testkit.ScriptedResponse;
import org.arivoice.testsupport.Timeouts;
import org.arivoice.voicebot.call.VoiceBot;
import org.arivoice.voicebot.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class CustomToolTest {

    @Test
    void theModelCallsTheToolInTheBundledBotAndReadsItsAnswer() {
        try (FakeAsterisk asterisk = FakeAsterisk.builder().build().start();
             FakeRealtimeServer model = FakeRealtimeServer.builder().acceptedApiKeys("sk-test")
                     // The greeting turn: the model looks the order up, then answers.
                     .responses(ScriptedResponse.functionCall("check_order_status", "{\"order\":\"a-1\"}"),
                             ScriptedResponse.message("Your order has shipped."))
                     .build().start();
             VoiceBot bot = VoiceBot.builder(ConfigLoader.forSimulation(asterisk.baseUrl(), model.url().toString(),
                     "sk-test")).tool(new CustomTool()).start()) {
            assertThat(bot.toolNames()).contains("check_order_status");
            String caller = asterisk.simulateIncomingCall("1000");

            await().atMost(Timeouts.seconds(20)).until(() -> model.receivedEvents("conversation.item.create")
                    .toString().contains("function_call_output"));
            assertThat(model.receivedEvents("conversation.item.create").toString())
                    .contains("\\\"status\\\":\\\"shipped\\\"");
            // The tool was offered to the model with its schema.
            assertThat(model.receivedEvents("session.update").toString()).contains("check_order_status")
                    .contains("the order number the caller gives");

            asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).untilAsserted(asterisk::assertNoLeaks);
        }
    }

    @Test
    void anUnknownOrderGivesTheModelSomethingToSay() {
        String answer = new CustomTool().call(null, new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("order", "Z-9")).join();
        assertThat(answer).contains("\"error\"").contains("ask the caller to repeat");
    }
}
