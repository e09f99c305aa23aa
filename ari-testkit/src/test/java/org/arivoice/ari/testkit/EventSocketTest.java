package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventSocketTest {
    FakeAsterisk fake;
    TestAri ari;

    @BeforeEach
    void start() {
        fake = FakeAsterisk.builder().build().start();
        ari = new TestAri(fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aClosedSocketLeavesTheApplicationAndItsChannelsAndLosesTheEventsInTheGap() {
        TestAri.Events first = ari.connect("app=voicebot");
        ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot&channelId=g&otherChannelId=g-peer");
        first.await("StasisStart", "g");
        first.close();
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.openEventSockets() == 0);
        assertThat(ari.call("GET", "/applications/voicebot").body().path("channel_ids").toString())
                .isEqualTo("[\"g\",\"g-peer\"]");
        assertThat(ari.call("POST", "/channels/g/variable?variable=GAP&value=1").status()).isEqualTo(204);
        TestAri.Events second = ari.connect("app=voicebot");
        assertThat(ari.call("POST", "/channels/g/variable?variable=AFTER&value=1").status()).isEqualTo(204);
        second.await(e -> "AFTER".equals(e.path("variable").asText()));
        assertThat(second.received).noneMatch(e -> "GAP".equals(e.path("variable").asText()));
        assertThat(first.received).noneMatch(e -> "GAP".equals(e.path("variable").asText()));
    }

    @Test
    void aCallPlacedAsSoonAsTheSocketIsConnectedEntersTheApplication() {
        // Asterisk registers the application while it answers the upgrade (res_ari's event_websocket_attempted),
        // so a client may place a call the moment it sees the socket connected; no event may be lost either.
        for (int i = 0; i < 20; i++) {
            String app = "race" + i;
            TestAri.Events events = ari.connect("app=" + app);
            assertThat(fake.registeredApplications()).contains(app);
            ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=" + app + "&channelId=r" + i
                    + "&otherChannelId=r" + i + "-peer");
            events.await("StasisStart", "r" + i);
        }
    }

    @Test
    void aSecondSocketTakesOverAndTheFirstGetsApplicationReplacedAndNothingMore() {
        TestAri.Events first = ari.connect("app=voicebot");
        TestAri.Events second = ari.connect("app=voicebot");
        JsonNode replaced = first.await(e -> "ApplicationReplaced".equals(e.path("type").asText()));
        assertThat(replaced.path("application").asText()).isEqualTo("voicebot");
        ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot&channelId=t&otherChannelId=t-peer");
        second.await("StasisStart", "t");
        assertThat(first.received).hasSize(1);
    }

    @Test
    void oneSocketCanServeSeveralApplicationsAndSubscribeAllSeesEverything() {
        TestAri.Events both = ari.connect("app=a1,a2");
        ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=a2&channelId=m&otherChannelId=m-peer");
        JsonNode start = both.await("StasisStart", "m");
        assertThat(start.path("application").asText()).isEqualTo("a2");
        TestAri.Events all = ari.connect("app=watcher&subscribeAll=true");
        ari.call("POST", "/channels/m/variable?variable=SEEN&value=1");
        JsonNode seen = all.await(e -> "SEEN".equals(e.path("variable").asText()));
        assertThat(seen.path("application").asText()).isEqualTo("watcher");
        assertThat(fake.registeredApplications()).containsExactly("a1", "a2", "watcher");
    }

    @Test
    void aPlainGetOfTheEventSocketIsUpgradeRequired() {
        // Recorded (conformance-generic.jsonl): GET /events without an upgrade is 426 with an HTML page.
        assertThat(ari.call("GET", "/events").status()).isEqualTo(426);
    }

    @Test
    void stasisForAnUnregisteredApplicationHangsTheChannelUp() {
        ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=nobody&channelId=u&otherChannelId=u-peer");
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.channels().isEmpty());
    }

    @Test
    void anApplicationCanSubscribeToAnotherApplicationsChannel() {
        TestAri.Events bot = ari.connect("app=voicebot");
        TestAri.Events observer = ari.connect("app=observer");
        ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot&channelId=o&otherChannelId=o-peer");
        bot.await("StasisStart", "o");
        TestAri.Resp sub = ari.call("POST", "/applications/observer/subscription?eventSource=channel:o");
        assertThat(sub.status()).isEqualTo(200);
        assertThat(sub.body().path("channel_ids").toString()).isEqualTo("[\"o\"]");
        ari.call("POST", "/channels/o/variable?variable=WATCHED&value=1");
        observer.await(e -> "WATCHED".equals(e.path("variable").asText()));
        assertThat(ari.call("DELETE", "/applications/observer/subscription?eventSource=channel:o").status())
                .isEqualTo(200);
        // Recorded (conformance-applications.jsonl): 422 Event source was not subscribed to.
        assertThat(ari.call("DELETE", "/applications/observer/subscription?eventSource=channel:o").status())
                .isEqualTo(422);
        assertThat(ari.call("POST", "/applications/observer/subscription?eventSource=channel:nope").status())
                .isEqualTo(422);
        assertThat(ari.call("POST", "/applications/nobody/subscription?eventSource=channel:o").status())
                .isEqualTo(404);
    }
}
