package org.arivoice.voicebot.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.event.AriEvent;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

/**
 * The files a user deploys with: the project's Asterisk configuration ({@code asterisk/conf}) and the sample
 * {@code config/voicebot.yaml} fit together.
 */
class ShippedDeploymentTest {
    private static final Path ASTERISK_CONF = Path.of("../asterisk/conf");
    private static final String KEY = "sk-shipped-Pw40";

    @Test
    void theSoftphoneExtensionEntersTheBotsApplication() throws Exception {
        try (FakeAsterisk asterisk = FakeAsterisk.builder().asteriskConfig(ASTERISK_CONF).build().start();
                AriEventStream events = AriEventStream.builder().baseUrl(asterisk.baseUrl())
                        .credentials(Credentials.basic("voicebot", "voicebot-secret")).applications("voicebot")
                        .build()) {
            List<AriEvent> seen = new CopyOnWriteArrayList<>();
            events.subscribe(seen::add);
            events.awaitConnected(Timeouts.seconds(10));
            String caller = asterisk.simulateIncomingCall("voicebot", "1000");
            await().atMost(Timeouts.seconds(10)).until(() -> seen.stream().anyMatch(e -> e instanceof StasisStart s
                    && s.channel().id().equals(caller)));
            asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> asterisk.leftovers().isEmpty());
        }
    }

    @Test
    void theSoftphoneAccountIsRoutedToTheVoicebotContext() throws IOException {
        List<String> section = new ArrayList<>();
        boolean inEndpoint = false;
        for (String line : Files.readAllLines(ASTERISK_CONF.resolve("pjsip.conf"))) {
            String l = line.strip();
            if (l.startsWith("[")) {
                inEndpoint = false;
            }
            if (l.equals("type=endpoint") && section.isEmpty()) {
                inEndpoint = true;
            }
            if (inEndpoint && !l.startsWith(";")) {
                section.add(l);
            }
        }
        assertThat(section).contains("context=voicebot", "allow=ulaw", "direct_media=no", "rtp_symmetric=yes",
                "auth=1000", "aors=1000");
    }

    @Test
    void doctorPassesWithTheSampleConfigurationAndTheProjectsAsterisk() {
        try (FakeAsterisk asterisk = FakeAsterisk.builder().asteriskConfig(ASTERISK_CONF).build().start();
                FakeRealtimeServer model = FakeRealtimeServer.builder().acceptedApiKeys(KEY).build().start()) {
            Map<String, String> env = Map.of("ARI_URL", asterisk.baseUrl(), "ARI_PASSWORD", "voicebot-secret",
                    "OPENAI_API_KEY", KEY, "OPENAI_ENDPOINT", model.url().toString());
            List<String> lines = new ArrayList<>();
            DoctorReport report = Doctor.builder().ariTimeout(Timeouts.seconds(10)).build()
                    .diagnose(Optional.of(Path.of("config/voicebot.yaml")), env, c -> lines.add(c.line()));
            assertThat(report.exitCode()).as(String.join("\n", lines)).isZero();
            assertThat(lines).hasSize(10).allSatisfy(l -> assertThat(l).startsWith("OK "));
            asterisk.assertNoLeaks();
        }
    }
}
