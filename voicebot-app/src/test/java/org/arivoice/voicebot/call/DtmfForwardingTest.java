package org.arivoice.voicebot.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.resources.OriginateOptions;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

/** Keys the caller presses reach the model as text. */
class DtmfForwardingTest {

    @Test
    void aCallersKeypressIsSentToTheModelAsAUserMessage() {
        try (BotFixture f = new BotFixture(null, FakeRealtimeServer.builder(), c -> c);
                AriClient ari = AriClient.builder().baseUrl(f.asterisk.baseUrl())
                        .credentials("voicebot", "voicebot-secret").build()) {
            // A Local/stasis@ari-it pair: both legs enter the application, so both are callers of the bot; a
            // digit sent on one leg arrives on the other as ChannelDtmfReceived (as a phone's keypress does).
            String caller = "dtmf-caller";
            String peer = "dtmf-caller-peer";
            ari.channels().originateWithId(caller, OriginateOptions.builder("Local/stasis@ari-it").app("voicebot")
                    .otherChannelId(peer).build()).await();
            await().atMost(Timeouts.seconds(15)).until(() -> f.ready.containsKey(caller) && f.ready.containsKey(peer));
            await().atMost(Timeouts.seconds(10)).until(() -> f.model.connectionsAccepted() == 2
                    && f.model.receivedEvents("session.update").size() == 2);
            ari.channels().sendDtmf(peer, "5").await();
            await().atMost(Timeouts.seconds(10)).until(() -> f.model.receivedEvents("conversation.item.create")
                    .stream().anyMatch(DtmfForwardingTest::isKeypress));
            JsonNode item = f.model.receivedEvents("conversation.item.create").stream()
                    .filter(DtmfForwardingTest::isKeypress).findFirst().orElseThrow().path("item");
            assertThat(item.path("role").asText()).isEqualTo("user");
            assertThat(item.at("/content/0/type").asText()).isEqualTo("input_text");
            ari.channels().hangup(caller).await();
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }

    private static boolean isKeypress(JsonNode e) {
        return e.at("/item/content/0/text").asText().contains("pressed the key 5");
    }
}
