package org.arivoice.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.arivoice.ari.testkit.ChannelSnapshot;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.rtp.net.MediaEndpoint;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

class EchoCallTest {

    @Test
    void theCallerHearsTheirOwnVoiceAndNothingIsLeftAfterTheHangup() {
        try (ExampleTarget target = ExampleTarget.fake(FakeAsterisk.builder().build().start());
             MediaEndpoint endpoint = MediaEndpoint.builder().bindAddress("127.0.0.1").ephemeralPorts().build();
             EchoCall echo = EchoCall.start(target, endpoint)) {
            FakeAsterisk fake = target.fake().orElseThrow();
            await().atMost(Timeouts.seconds(5)).until(() -> fake.registeredApplications().contains("voicebot"));
            String caller = fake.simulateIncomingCall("1000");

            await().atMost(Timeouts.seconds(10)).until(() -> fake.channels().stream()
                    .anyMatch(c -> c.kind() == ChannelSnapshot.Kind.EXTERNAL_MEDIA));
            String media = fake.channels().stream().filter(c -> c.kind() == ChannelSnapshot.Kind.EXTERNAL_MEDIA)
                    .findFirst().orElseThrow().id();
            await().atMost(Timeouts.seconds(15)).until(() -> fake.receivedAudio(media).length >= 16000);

            // What came back is the caller's own audio: half a second of it occurs in what the caller said. Both
            // halves of the last second are tried: on a busy machine a frame can come late and be concealed,
            // which breaks one unbroken second of echo without anything being wrong.
            byte[] heard = fake.receivedAudio(media);
            byte[] said = fake.callerAudio();
            byte[] first = java.util.Arrays.copyOfRange(heard, heard.length - 8000, heard.length - 4000);
            byte[] second = java.util.Arrays.copyOfRange(heard, heard.length - 4000, heard.length);
            assertThat(Math.max(indexOf(said, first), indexOf(said, second)))
                    .as("echoed audio found in the caller's audio").isNotNegative();

            fake.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).untilAsserted(fake::assertNoLeaks);
            assertThat(echo.calls().counters().callsReady()).isEqualTo(1);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
