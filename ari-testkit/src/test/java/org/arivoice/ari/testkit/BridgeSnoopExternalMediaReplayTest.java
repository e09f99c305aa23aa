package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays the REST calls of the recorded bridge/snoop/ExternalMedia flow against FakeAsterisk at the
 * recorded times, with our own UDP socket as {@code external_host}, and compares with the recording: every
 * status code and error message, the JSON shape of every reply and event, the order of events, and the RTP.
 *
 * <p>Order is compared per resource (per channel, bridge or playback): real Asterisk emits the events of
 * different channels from different threads, so their interleaving is not deterministic (the four
 * recordings of the same originate disagree on it), while the order of one resource's events is. The
 * events that the recording shows arriving before a REST reply are checked against the fake's send log at
 * the moment the reply arrives, which is deterministic.
 */
class BridgeSnoopExternalMediaReplayTest {

    @Test
    void replayingTheRecordedFlowGivesTheRecordedStatusesEventsAndAudio() throws Exception {
        List<JsonNode> lines = Transcripts.lines(Transcripts.transcript("bridge-snoop-externalmedia.jsonl"));
        Replay.onTime(() -> {
            try (FakeAsterisk fake = FakeAsterisk.builder().build().start();
                 RtpCollector rtp = new RtpCollector()) {
                List<byte[]> packets = rtp.packets;
                String ourHost = rtp.hostPort();
                Replay replay = new Replay(fake, lines).substitute("127.0.0.1:58250", ourHost).afterEachCall((path, r) -> {
                    if (path.startsWith("/channels/externalMedia") && r.status() == 200) {
                        assertThat(sent(fake, "StasisStart", "em-1"))
                                .as("StasisStart of the ExternalMedia channel is sent before the REST reply").isTrue();
                    }
                    if (path.equals("/bridges/bridge-1/addChannel?channel=em-1")) {
                        assertThat(sent(fake, "ChannelEnteredBridge", "em-1"))
                                .as("ChannelEnteredBridge is sent before addChannel's 204").isTrue();
                    }
                }).run();
                assertThat(replay.mismatches).isEmpty();
                assertThat(replay.replies).hasSize((int) lines.stream()
                        .filter(l -> "rest".equals(l.path("kind").asText())).count());
                replay.assertPerResourceOrder();
                replay.assertEventShapes();

                // RTP as recorded: version 2, PT 0, 160-byte payloads, first timestamp 160, no marker; and the
                // payloads are exactly the caller's audio.
                assertThat(packets).isNotEmpty();
                byte[] first = packets.get(0);
                assertThat(first.length).isEqualTo(172);
                assertThat(first[0] & 0xFF).isEqualTo(0x80);
                assertThat(first[1] & 0xFF).isZero();
                assertThat(ByteBuffer.wrap(first, 4, 4).getInt()).isEqualTo(160);
                byte[] heard = concatPayloads(packets);
                byte[] said = fake.callerAudio();
                assertThat(heard.length).isGreaterThan(160 * 150);
                int n = Math.min(heard.length, said.length);
                assertThat(Arrays.copyOf(heard, n)).isEqualTo(Arrays.copyOf(said, n));
                fake.assertNoLeaks();
            }
        });
    }

    private static boolean sent(FakeAsterisk fake, String type, String channelId) {
        return fake.events().stream().map(TestAri::parse)
                .anyMatch(e -> type.equals(e.path("type").asText()) && channelId.equals(TestAri.channelId(e)));
    }

    private static byte[] concatPayloads(List<byte[]> packets) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : packets) {
            out.write(p, 12, p.length - 12);
        }
        return out.toByteArray();
    }
}
