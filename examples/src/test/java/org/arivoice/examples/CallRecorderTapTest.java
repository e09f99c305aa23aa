package org.arivoice.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.rtp.codec.G711;
import org.arivoice.rtp.net.MediaEndpoint;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRecorderTapTest {

    static int indexOf(short[] haystack, short[] needle) {
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

    @Test
    void theCallersVoiceEndsUpInTheWavFileAndTheTapLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tap.wav");
        try (ExampleTarget target = ExampleTarget.fake(FakeAsterisk.builder().build().start());
             MediaEndpoint endpoint = MediaEndpoint.builder().bindAddress("127.0.0.1").ephemeralPorts().build()) {
            FakeAsterisk fake = target.fake().orElseThrow();
            String caller = fake.simulateIncomingCall("1000");
            int before = fake.channels().size();

            try (CallRecorderTap tap = CallRecorderTap.start(target, endpoint, caller, file)) {
                await().atMost(Timeouts.seconds(15)).until(() -> Files.size(file) > 44 + 2 * 16000);
            }

            assertThat(fake.channels()).hasSize(before);    // only the caller: snoop and media removed
            assertThat(fake.bridges()).isEmpty();
            byte[] wav = Files.readAllBytes(file);
            assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            int dataBytes = ByteBuffer.wrap(wav, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            assertThat(dataBytes).isEqualTo(wav.length - 44);
            // One second of the tap occurs, sample for sample, in the caller's decoded audio: it is the caller's
            // voice. (Compared as samples: µ-law has two codes for zero, so bytes need not round-trip.)
            short[] tapped = new short[8000];
            ByteBuffer.wrap(wav, wav.length - 16000, 16000).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(tapped);
            byte[] said = fake.callerAudio();
            short[] saidPcm = new short[said.length];
            G711.ulawToLinear(said, 0, said.length, saidPcm, 0);
            assertThat(indexOf(saidPcm, tapped)).as("tapped audio found in the caller's audio").isNotNegative();
            fake.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).untilAsserted(fake::assertNoLeaks);
        }
    }
}
