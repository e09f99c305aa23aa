package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays the REST calls and event-socket opens/closes of two more recordings against FakeAsterisk at the
 * recorded times and compares statuses, messages, reply shapes and the per-resource event order (see
 * {@link BridgeSnoopExternalMediaReplayTest} for why the order is compared per resource).
 */
class RecordedFlowsReplayTest {

    @Test
    void eventSocketReconnectAndTakeoverBehaveAsRecorded() throws Exception {
        List<JsonNode> lines = Transcripts.lines(Transcripts.transcript("event-socket-reconnect.jsonl"));
        Replay.onTime(() -> {
            try (FakeAsterisk fake = FakeAsterisk.builder().build().start()) {
                Replay replay = new Replay(fake, lines).run();
                assertThat(replay.mismatches).isEmpty();
                replay.assertPerResourceOrder();
                replay.assertEventShapes();
                // The replaced socket (ws2) got ApplicationReplaced and nothing after it.
                List<JsonNode> ws2 = replay.sockets.get("ws2").received;
                assertThat(ws2.get(ws2.size() - 1).path("type").asText()).isEqualTo("ApplicationReplaced");
                assertThat(replay.sockets.get("ws3").received).anyMatch(e -> "StasisStart".equals(e.path("type").asText())
                        && "call-5".equals(TestAri.channelId(e)));
                fake.assertNoLeaks();
            }
        });
    }

    @Test
    void playbackRecordDtmfAndContinueBehaveAsRecorded() throws Exception {
        List<JsonNode> lines = Transcripts.lines(Transcripts.transcript("playback-record-dtmf-continue.jsonl"));
        Replay.onTime(() -> {
            try (FakeAsterisk fake = FakeAsterisk.builder().build().start()) {
                Replay replay = new Replay(fake, lines).run();
                assertThat(replay.mismatches).isEmpty();
                // The recorder closed its socket 2 ms after DELETE /bridges/bridge-2 and so missed the
                // BridgeDestroyed that the other recordings show arriving before that DELETE's 204; drop it here.
                replay.sockets.get("ws1").received.removeIf(e -> "BridgeDestroyed".equals(e.path("type").asText()));
                replay.assertPerResourceOrder();
                replay.assertEventShapes();
                assertThat(fake.channels()).isEmpty();
                assertThat(fake.bridges()).isEmpty();
            }
        });
    }

    @Test
    void aSimulatedSipCallRunsTheRecordedBridgeSnoopExternalMediaFlow() throws Exception {
        List<JsonNode> lines = Transcripts.lines(Transcripts.transcript("sip-call-bridge-snoop-externalmedia.jsonl"));
        Replay.onTime(() -> {
            try (FakeAsterisk fake = FakeAsterisk.builder().build().start()) {
                Replay replay = new Replay(fake, lines).substitute("127.0.0.1:36776", "127.0.0.1:9");
                String[] phone = new String[1];
                replay.at(1860, () -> {
                    phone[0] = fake.simulateIncomingCall("1000");
                    replay.substitute("1795636663.0", phone[0]);
                });
                replay.at(10859, () -> fake.hangUpFromFarEnd(phone[0]));
                replay.run();
                assertThat(replay.mismatches).isEmpty();
                // The fake computes no RTP quality statistics, SIP Call-ID peer variables or connected-line
                // updates, so the ChannelVarset RTPAUDIOQOS* / BRIDGEPVTCALLID and ChannelConnectedLine events of
                // the real SIP call are left out of the comparison.
                replay.assertPerResourceOrder(e -> !e.path("variable").asText().startsWith("RTPAUDIOQOS")
                        && !"BRIDGEPVTCALLID".equals(e.path("variable").asText())
                        && !"ChannelConnectedLine".equals(e.path("type").asText()));
                replay.assertEventShapes();
                fake.assertNoLeaks();
            }
        });
    }

    @Test
    void chanWebsocketExternalMediaBehavesAsRecorded() throws Exception {
        List<JsonNode> lines = Transcripts.lines(Transcripts.transcript("externalmedia-websocket.jsonl"));
        Replay.onTime(() -> {
            try (FakeAsterisk fake = FakeAsterisk.builder().build().start()) {
                Replay replay = new Replay(fake, lines);
                ExternalMediaWebSocketTest.Media media = new ExternalMediaWebSocketTest.Media();
                java.net.http.WebSocket[] ws = new java.net.http.WebSocket[1];
                // The application's media-socket actions, at the recorded times (media-open, STATUS, mark, HANGUP).
                replay.at(6009, () -> {
                    String id = replay.replies.get(replay.replies.size() - 1).body().path("value").asText();
                    ws[0] = replay.ari.http.newWebSocketBuilder().subprotocols("media").buildAsync(java.net.URI.create(
                            fake.baseUrl().replace("http://", "ws://") + "/media/" + id), media).join();
                    replay.sockets.get("ws1").await("StasisStart", "em-6");
                });
                replay.at(7510, () -> ws[0].sendText("GET_STATUS", true).join());
                replay.at(7520, () -> {
                    for (int i = 0; i < 25; i++) {
                        ws[0].sendBinary(java.nio.ByteBuffer.wrap(new byte[160]), true).join();
                    }
                    ws[0].sendText("MARK_MEDIA m1", true).join();
                });
                replay.at(9012, () -> ws[0].sendText("HANGUP", true).join());
                replay.run();
                assertThat(replay.mismatches).isEmpty();
                replay.assertPerResourceOrder();
                replay.assertEventShapes();
                List<String> recordedTexts = lines.stream().filter(l -> "media-text".equals(l.path("kind").asText()))
                        .map(l -> l.path("data").asText().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "ID")
                                .replaceAll("0x[0-9a-f]+", "0x"))
                        .toList();
                assertThat(media.texts.stream().map(t -> t.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "ID")
                        .replaceAll("0x[0-9a-f]+", "0x")).toList()).isEqualTo(recordedTexts);
                assertThat(TestAri.within(media.closed)).isEqualTo(1000);
                assertThat(media.frames).allMatch(f -> f.length == 160);
                fake.assertNoLeaks();
            }
        });
    }
}
