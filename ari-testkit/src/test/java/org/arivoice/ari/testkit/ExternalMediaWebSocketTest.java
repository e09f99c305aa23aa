package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** chan_websocket ExternalMedia as recorded in externalmedia-websocket.jsonl (testdata/asterisk-ari/transcripts). */
class ExternalMediaWebSocketTest {
    FakeAsterisk fake;
    TestAri ari;
    TestAri.Events events;

    @BeforeEach
    void start() {
        fake = FakeAsterisk.builder().build().start();
        ari = new TestAri(fake);
        events = ari.connect("app=voicebot");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** Collects a media socket's text and binary messages. */
    static final class Media implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                texts.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                frames.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }

    private WebSocket connectMedia(String connectionId, Media media) {
        return ari.http.newWebSocketBuilder().subprotocols("media")
                .buildAsync(URI.create(fake.baseUrl().replace("http://", "ws://") + "/media/" + connectionId), media)
                .join();
    }

    @Test
    void theMediaSocketCarriesTheCallersAudioAndTheRecordedControlMessages() {
        ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot&channelId=c&otherChannelId=c-peer");
        events.await("StasisStart", "c");
        ari.call("POST", "/bridges?type=mixing&bridgeId=b");
        ari.call("POST", "/bridges/b/addChannel?channel=c");
        TestAri.Resp em = ari.call("POST", "/channels/externalMedia?app=voicebot&channelId=em&transport=websocket"
                + "&encapsulation=none&connection_type=server&format=ulaw");
        assertThat(em.status()).isEqualTo(200);
        assertThat(em.body().path("name").asText()).startsWith("WebSocket/INCOMING/0x");
        assertThat(em.body().path("channelvars").path("MEDIA_WEBSOCKET_OPTIMAL_FRAME_SIZE").asText()).isEqualTo("160");
        // Recorded: no StasisStart until the media socket connects; the variable is readable before that.
        String id = ari.call("GET", "/channels/em/variable?variable=MEDIA_WEBSOCKET_CONNECTION_ID")
                .body().path("value").asText();
        assertThat(id).isEqualTo(em.body().path("channelvars").path("MEDIA_WEBSOCKET_CONNECTION_ID").asText());
        assertThat(fake.events()).noneMatch(e -> e.contains("\"StasisStart\"") && e.contains("\"em\""));
        assertThat(ari.call("POST", "/bridges/b/addChannel?channel=em").status()).isEqualTo(422);

        Media media = new Media();
        WebSocket ws = connectMedia(id, media);
        assertThat(ws.getSubprotocol()).isEqualTo("media");
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> !media.texts.isEmpty());
        assertThat(media.texts.get(0)).isEqualTo("MEDIA_START connection_id:" + id + " channel:"
                + em.body().path("name").asText() + " channel_id:em format:ulaw optimal_frame_size:160 ptime:20");
        events.await("StasisStart", "em");
        assertThat(ari.call("POST", "/bridges/b/addChannel?channel=em").status()).isEqualTo(204);

        Awaitility.await().atMost(Timeouts.seconds(10)).until(() -> media.frames.size() >= 20);
        byte[] said = fake.callerAudio();
        for (int i = 0; i < 20; i++) {
            assertThat(media.frames.get(i)).isEqualTo(Arrays.copyOfRange(said, 160 * i, 160 * (i + 1)));
        }

        ws.sendText("GET_STATUS", true).join();
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> media.texts.stream().anyMatch(t -> t.startsWith("STATUS")));
        assertThat(media.texts).contains("STATUS channel_id:em queue_length:0 xon_level:800 xoff_level:900"
                + " queue_full:false bulk_media:false media_paused:false");

        byte[] sent = new byte[10 * 160];
        for (int i = 0; i < 10; i++) {
            byte[] frame = new byte[160];
            Arrays.fill(frame, (byte) (0x10 + i));
            System.arraycopy(frame, 0, sent, 160 * i, 160);
            ws.sendBinary(ByteBuffer.wrap(frame), true).join();
        }
        ws.sendText("MARK_MEDIA m1", true).join();
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> media.texts.contains("MEDIA_MARK_PROCESSED m1"));
        assertThat(fake.receivedAudio("em")).isEqualTo(sent);

        ws.sendText("HANGUP", true).join();
        assertThat(TestAri.within(media.closed)).isEqualTo(1000);
        JsonNode destroyed = events.await("ChannelDestroyed", "em");
        assertThat(destroyed.path("tech_cause").asInt()).isEqualTo(1000);
        assertThat(Replay.perResource(events.received).get("em")).containsSubsequence("ChannelHangupRequest:16",
                "ChannelVarset:BRIDGEPEER=''", "ChannelLeftBridge", "StasisEnd", "ChannelVarset:STASISSTATUS=set",
                "ChannelDestroyed");
        assertThat(ari.call("DELETE", "/channels/em").message()).isEqualTo("Channel not found");
    }

    @Test
    void alawTheApplicationSendsIsDecodedIntoTheChannelsRecording() throws InterruptedException {
        TestAri.Resp em = ari.call("POST", "/channels/externalMedia?app=voicebot&channelId=wa&transport=websocket"
                + "&encapsulation=none&connection_type=server&format=alaw");
        String id = em.body().path("channelvars").path("MEDIA_WEBSOCKET_CONNECTION_ID").asText();
        WebSocket ws = connectMedia(id, new Media());
        events.await("StasisStart", "wa");
        assertThat(ari.call("POST", "/channels/wa/record?name=wa-rec&format=wav").status()).isEqualTo(201);
        events.await(e -> "RecordingStarted".equals(e.path("type").asText()));
        short[] pcm = new short[160];
        byte[] frame = new byte[160];
        for (int i = 0; i < 60; i++) { // 1.2 s of 1 kHz in A-law, sent as fast as the socket takes it
            for (int s = 0; s < 160; s++) {
                pcm[s] = (short) Math.round(9000 * Math.sin(2 * Math.PI * 1000 * (160 * i + s) / 8000.0));
            }
            org.arivoice.rtp.codec.G711.linearToAlaw(pcm, 0, 160, frame, 0);
            ws.sendBinary(ByteBuffer.wrap(frame.clone()), true).join();
        }
        Thread.sleep(2500); // the media clock plays the 1.2 s of queued frames at 20 ms each
        ari.call("POST", "/recordings/live/wa-rec/stop");
        JsonNode finished = events.await(e -> "RecordingFinished".equals(e.path("type").asText()));
        assertThat(finished.path("recording").path("duration").asInt()).isEqualTo(1);
        short[] samples = ToneAndRecordingAudioTest.wavSamples(ari.call("GET", "/recordings/stored/wa-rec/file").raw());
        assertThat(samples).hasSize(60 * 160);
        assertThat(ToneAndRecordingAudioTest.power(samples, 1000))
                .isGreaterThan(100 * ToneAndRecordingAudioTest.power(samples, 440));
        ws.sendText("HANGUP", true).join();
        events.await("ChannelDestroyed", "wa");
    }

    @Test
    void anUnknownConnectionIdIsRefused() {
        assertThatThrownBy(() -> connectMedia("no-such-connection", new Media()))
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);
    }
}
