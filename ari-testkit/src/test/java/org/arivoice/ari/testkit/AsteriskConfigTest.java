package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FakeAsterisk running an Asterisk configuration folder: the project's asterisk/conf and hand-written ones. */
class AsteriskConfigTest {
    /** The project's own Asterisk configuration (asterisk/conf, part of the repository). */
    static final Path PROJECT_CONF = Path.of("../asterisk/conf");

    @TempDir
    Path dir;
    FakeAsterisk fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private FakeAsterisk start(Path conf) {
        fake = FakeAsterisk.builder().asteriskConfig(conf).build().start();
        return fake;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theProjectConfigurationsUsersAreTheOnlyUsers() throws IOException {
        write("ari.conf", "[general]\nenabled=yes\n[ops]\ntype=user\nread_only=yes\npassword=ops-pw ; comment\n"
                + "[bot]\ntype = user\npassword = bot\\;pw\n");
        start(dir);
        TestAri ari = new TestAri(fake);
        assertThat(ari.call("GET", "/channels", TestAri.basic("voicebot", "voicebot-secret")).status())
                .isEqualTo(401);
        assertThat(ari.call("GET", "/channels", TestAri.basic("ops", "ops-pw")).status()).isEqualTo(200);
        assertThat(ari.call("POST", "/bridges", TestAri.basic("ops", "ops-pw")).message())
                .isEqualTo("Write access denied");
        assertThat(ari.call("POST", "/bridges", TestAri.basic("bot", "bot;pw")).status()).isEqualTo(200);
        ari.call("DELETE", "/bridges/" + ari.call("GET", "/bridges", TestAri.basic("bot", "bot;pw")).body()
                .get(0).path("id").asText(), TestAri.basic("bot", "bot;pw"));
    }

    @Test
    void projectConfigurationRunsItsOwnStasisApplicationAndUsers() {
        start(PROJECT_CONF);
        TestAri ari = new TestAri(fake);
        TestAri.Events events = ari.connect("app=arivoice-it");
        // Stasis(arivoice-it) of the config, not the builder's default application voicebot.
        String phone = fake.simulateIncomingCall("stasis");
        JsonNode start = events.await("StasisStart", phone);
        assertThat(start.path("application").asText()).isEqualTo("arivoice-it");
        assertThat(start.path("channel").path("dialplan").path("context").asText()).isEqualTo("arivoice-it");
        assertThat(ari.call("GET", "/channels", TestAri.basic("reader", "reader-secret")).status()).isEqualTo(200);
        assertThat(ari.call("POST", "/bridges", TestAri.basic("reader", "reader-secret")).status()).isEqualTo(403);
        fake.hangUpFromFarEnd(phone);
        events.await("StasisEnd", phone);
    }

    @Test
    void originateLocalIntoAnyContextAnswersOnlyWhenTheSecondLegAnswers() {
        start(PROJECT_CONF);
        TestAri ari = new TestAri(fake);
        TestAri.Events events = ari.connect("app=arivoice-it");
        TestAri.Resp r = ari.call("POST",
                "/channels?endpoint=Local/caller@arivoice-it&app=arivoice-it&channelId=c1&otherChannelId=c2");
        assertThat(r.status()).isEqualTo(200);
        events.await("StasisStart", "c1");
        JsonNode tones = events.await(e -> "ChannelDialplan".equals(e.path("type").asText())
                && "c2".equals(TestAri.channelId(e)) && "PlayTones".equals(e.path("dialplan_app").asText()));
        assertThat(tones.path("dialplan_app_data").asText()).isEqualTo("440");
        List<String> one = events.typesFor("c1");
        assertThat(one.subList(0, 3)).containsExactly("Dial", "ChannelStateChange", "Dial");
        // The ;2 leg answered before the ;1 leg came up.
        int twoUp = indexOf(events.received, "ChannelStateChange", "c2");
        int oneUp = indexOf(events.received, "ChannelStateChange", "c1");
        assertThat(twoUp).isLessThan(oneUp);
        assertThat(ari.call("DELETE", "/channels/c1").status()).isEqualTo(204);
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.channels().isEmpty());
    }

    private static int indexOf(List<JsonNode> events, String type, String channel) {
        for (int i = 0; i < events.size(); i++) {
            if (type.equals(events.get(i).path("type").asText()) && channel.equals(TestAri.channelId(events.get(i)))) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " for " + channel + " in " + events);
    }

    @Test
    void aBusySecondLegEndsTheFirstWithoutStasis() {
        start(PROJECT_CONF);
        TestAri ari = new TestAri(fake);
        TestAri.Events events = ari.connect("app=arivoice-it");
        TestAri.Resp r = ari.call("POST",
                "/channels?endpoint=Local/busy@arivoice-it&app=arivoice-it&channelId=b1&otherChannelId=b2");
        assertThat(r.status()).isEqualTo(200);
        JsonNode destroyed = events.await("ChannelDestroyed", "b1");
        assertThat(destroyed.path("cause").asInt()).isEqualTo(17);
        assertThat(destroyed.path("cause_txt").asText()).isEqualTo("User busy");
        assertThat(events.typesFor("b1")).containsExactly("Dial", "ChannelHangupRequest", "Dial", "ChannelDestroyed");
        assertThat(events.typesFor("b2")).doesNotContain("ChannelStateChange");
        JsonNode finalDial = events.received.stream().filter(e -> "Dial".equals(e.path("type").asText()))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(finalDial.path("dialstatus").asText()).isEqualTo("BUSY");
        assertThat(events.await("ChannelDestroyed", "b2").path("cause").asInt()).isEqualTo(17);
        JsonNode firstLegRequest = events.await("ChannelHangupRequest", "b1");
        assertThat(firstLegRequest.path("cause").asInt()).isEqualTo(17);
        JsonNode secondLegRequest = events.await("ChannelHangupRequest", "b2");
        assertThat(secondLegRequest.path("cause").asInt()).as("AST_SOFTHANGUP_APPUNLOAD").isEqualTo(16);
        assertThat(secondLegRequest.path("soft").asBoolean()).isTrue();
        assertThat(fake.events()).noneMatch(e -> e.contains("StasisStart"));
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.channels().isEmpty());
    }

    @Test
    void aLocalChannelToAMissingExtensionIsAcceptedThenDestroyedWithoutDial() {
        start(PROJECT_CONF);
        TestAri ari = new TestAri(fake);
        TestAri.Events events = ari.connect("app=arivoice-it");
        TestAri.Resp r = ari.call("POST",
                "/channels?endpoint=Local/nobody@arivoice-it&app=arivoice-it&channelId=n1&otherChannelId=n2");
        assertThat(r.status()).isEqualTo(200);
        JsonNode destroyed = events.await("ChannelDestroyed", "n1");
        assertThat(destroyed.path("cause").asInt()).isZero();
        assertThat(destroyed.path("cause_txt").asText()).isEqualTo("Unknown");
        assertThat(events.typesFor("n1")).containsExactly("ChannelDestroyed");
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.channels().isEmpty());
    }

    @Test
    void setGotoNoOpLabelsStasisArgumentsAndAnUnknownApplication() throws IOException {
        write("extensions.conf", String.join("\n",
                "[general]", "static=yes",
                "[t]",
                "exten => s,1,NoOp(start)",
                " same => n,Set(FOO=bar baz)",
                " same => n,Goto(t,jump,here)",
                "exten => jump,1,NoOp(skipped)",
                " same => n(here),Answer()",
                " same => n,Stasis(app1,a1,a2)",
                "exten => _9X.,1,Answer()",
                " same => n,NoSuchApp(x)",
                ""));
        start(dir);
        TestAri ari = new TestAri(fake);
        TestAri.Events events = ari.connect("app=app1");
        ari.call("POST", "/channels?endpoint=Local/s@t&app=app1&channelId=g1&otherChannelId=g2");
        JsonNode second = events.await("StasisStart", "g2");
        assertThat(second.path("args").toString()).isEqualTo("[\"a1\",\"a2\"]");
        events.await("StasisStart", "g1");
        assertThat(ari.call("GET", "/channels/g2/variable?variable=FOO").body().path("value").asText())
                .isEqualTo("bar baz");
        assertThat(events.received).noneMatch(e -> "skipped".equals(e.path("dialplan_app_data").asText()));
        ari.call("DELETE", "/channels/g1");
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.channels().isEmpty());

        // A pattern extension; its unknown application hangs the channel up without a ChannelDialplan.
        ari.call("POST", "/channels?endpoint=Local/9123@t&app=app1&channelId=u1&otherChannelId=u2");
        events.await("StasisStart", "u1");
        JsonNode gone = events.await("ChannelDestroyed", "u2");
        assertThat(gone.path("cause").asInt()).isZero();
        assertThat(events.received).noneMatch(e -> "NoSuchApp".equals(e.path("dialplan_app").asText()));
        events.await("ChannelDestroyed", "u1");
    }

    @Test
    void busyAndCongestionEndTheCallWithTheirDialStatusAndCause() throws IOException {
        write("extensions.conf", "[d]\nexten => b,1,Busy()\nexten => c,1,congestion\n");
        start(dir);
        TestAri ari = new TestAri(fake);
        TestAri.Events events = ari.connect("app=a");
        ari.call("POST", "/channels?endpoint=Local/b@d&app=a&channelId=b1&otherChannelId=b2");
        ari.call("POST", "/channels?endpoint=Local/c@d&app=a&channelId=c1&otherChannelId=c2");
        JsonNode busy = events.await("ChannelDestroyed", "b1");
        JsonNode congestion = events.await("ChannelDestroyed", "c1");
        assertThat(busy.path("cause").asInt()).isEqualTo(17);
        assertThat(congestion.path("cause").asInt()).isEqualTo(34);
        assertThat(congestion.path("cause_txt").asText()).isEqualTo("Circuit/channel congestion");
        assertThat(events.received).filteredOn(e -> "Dial".equals(e.path("type").asText())
                        && !e.path("dialstatus").asText().isEmpty())
                .extracting(e -> e.path("dialstatus").asText()).containsExactlyInAnyOrder("BUSY", "CONGESTION");
        // Names are case-insensitive and reported as Asterisk registers the application.
        assertThat(events.received).anyMatch(e -> "Congestion".equals(e.path("dialplan_app").asText()));
        assertThat(fake.events()).noneMatch(e -> e.contains("StasisStart"));
    }

    @Test
    void playbackAnswersTheCallButWaitAndStasisDoNot() throws IOException {
        write("extensions.conf", String.join("\n", "[p]",
                "exten => play,1,Playback(hello-world)", " same => n,Wait(30)",
                "exten => park,1,Wait(0.2)", " same => n,Stasis(a,parked)",
                "exten => ring,1,Wait(60)", ""));
        start(dir);
        TestAri ari = new TestAri(fake);
        TestAri.Events events = ari.connect("app=a");
        ari.call("POST", "/channels?endpoint=Local/play@p&app=a&channelId=p1&otherChannelId=p2");
        events.await("StasisStart", "p1"); // app_playback answers an unanswered channel first
        ari.call("POST", "/channels?endpoint=Local/park@p&app=a&channelId=k1&otherChannelId=k2");
        JsonNode parked = events.await("StasisStart", "k2");
        assertThat(parked.path("args").toString()).isEqualTo("[\"parked\"]");
        assertThat(parked.path("channel").path("state").asText()).isEqualTo("Ring");
        // The ;1 leg of an unanswered call stays out of Stasis and is not Up.
        assertThat(ari.call("GET", "/channels/k1").body().path("state").asText()).isEqualTo("Down");
        assertThat(events.typesFor("k1")).doesNotContain("StasisStart");
        // Answering the ;2 leg through ARI answers the Local pair: now the ;1 leg comes up and enters Stasis.
        assertThat(ari.call("POST", "/channels/k2/answer").status()).isEqualTo(204);
        events.await("StasisStart", "k1");
        ari.call("DELETE", "/channels/k1");
        ari.call("DELETE", "/channels/p1");
        // Nobody answers within originate's timeout: both legs end, without Dial ANSWER or StasisStart.
        ari.call("POST", "/channels?endpoint=Local/ring@p&app=a&channelId=r1&otherChannelId=r2&timeout=1");
        JsonNode gaveUp = events.await("ChannelDestroyed", "r1");
        // dial.c handle_timeout_trip sets AST_CAUSE_NO_ANSWER (since Asterisk 3b4f4d2258, in the recorded build).
        assertThat(gaveUp.path("cause").asInt()).isEqualTo(19);
        assertThat(events.typesFor("r1")).containsExactly("Dial", "ChannelDestroyed");
        events.await("ChannelDestroyed", "r2");
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.channels().isEmpty());
    }

    @Test
    void continueWorksInAnyContext() {
        start(PROJECT_CONF);
        TestAri ari = new TestAri(fake);
        TestAri.Events events = ari.connect("app=arivoice-it");
        String phone = fake.simulateIncomingCall("arivoice-it", "stasis");
        events.await("StasisStart", phone);
        assertThat(ari.call("POST", "/channels/" + phone + "/continue?context=arivoice-it&extension=transferred")
                .status()).isEqualTo(204);
        events.await("StasisEnd", phone);
        // After StasisEnd the phone's events no longer reach the application; its snapshot shows the dialplan.
        JsonNode dialplan = Awaitility.await().atMost(Timeouts.seconds(5)).until(
                () -> ari.call("GET", "/channels/" + phone).body().path("dialplan"),
                d -> "Wait".equals(d.path("app_name").asText()));
        assertThat(dialplan.path("exten").asText()).isEqualTo("transferred");
        assertThat(dialplan.path("priority").asInt()).isEqualTo(3);
        assertThat(fake.channels()).singleElement().satisfies(c -> assertThat(c.stasisApp()).isEmpty());
        fake.hangUpFromFarEnd(phone);
    }

    @Test
    void malformedLinesNameFileLineAndProblem() throws IOException {
        write("extensions.conf", "[ctx]\nexten => a,1,Answer()\n same => n,Playback(x\n");
        assertThatThrownBy(() -> FakeAsterisk.builder().asteriskConfig(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extensions.conf line 3")
                .hasMessageContaining("closing ')'");
        write("extensions.conf", "[ctx]\n same => n,Answer()\n");
        assertThatThrownBy(() -> FakeAsterisk.builder().asteriskConfig(dir))
                .hasMessageContaining("line 2").hasMessageContaining("'same =>' needs an 'exten =>'");
        write("extensions.conf", "[ctx]\nexten => a,one,Answer()\n");
        assertThatThrownBy(() -> FakeAsterisk.builder().asteriskConfig(dir))
                .hasMessageContaining("line 2").hasMessageContaining("'one'");
        write("extensions.conf", "[ctx]\ninclude => other\n");
        assertThatThrownBy(() -> FakeAsterisk.builder().asteriskConfig(dir))
                .hasMessageContaining("line 2").hasMessageContaining("not 'include'");
        write("extensions.conf", "[ctx]\nexten => a,1,Answer()\nexten => a,1,Hangup()\n");
        assertThatThrownBy(() -> FakeAsterisk.builder().asteriskConfig(dir))
                .hasMessageContaining("line 3").hasMessageContaining("already has priority 1");
        Files.delete(dir.resolve("extensions.conf"));
        write("ari.conf", "[u]\ntype=user\nread_only=no\n");
        assertThatThrownBy(() -> FakeAsterisk.builder().asteriskConfig(dir))
                .hasMessageContaining("ari.conf").hasMessageContaining("[u] has no password")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> FakeAsterisk.builder().asteriskConfig(dir.resolve("missing")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void aMissingExtensionForASimulatedCallIsAnActionableError() {
        start(PROJECT_CONF);
        assertThatThrownBy(() -> fake.simulateIncomingCall("2000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'2000'").hasMessageContaining("arivoice-it [stasis, caller");
    }
}
