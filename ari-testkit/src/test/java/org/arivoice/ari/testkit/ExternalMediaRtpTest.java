package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.arivoice.rtp.RtpPacketWriter;
import org.arivoice.rtp.codec.G711;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExternalMediaRtpTest {
    FakeAsterisk fake;
    TestAri ari;
    TestAri.Events events;
    RtpCollector rtp;

    @BeforeEach
    void start() throws IOException {
        fake = FakeAsterisk.builder().build().start();
        ari = new TestAri(fake);
        events = ari.connect("app=voicebot");
        rtp = new RtpCollector();
    }

    @AfterEach
    void stop() throws IOException {
        rtp.close();
        fake.close();
    }

    private String ourHost() throws IOException {
        return "127.0.0.1:" + rtp.port();
    }

    /**
     * Caller in Stasis, in a bridge with an ExternalMedia channel aimed at our socket. The ExternalMedia
     * channel is bridged first, so it is there a whole second before the caller starts to speak (Answer
     * takes 0.5 s, then Wait(0.5)) and the first packet carries the first frame of the caller's audio.
     */
    private void bridgedCall(String format) throws IOException {
        assertThat(ari.call("POST", "/bridges?type=mixing&bridgeId=b1").status()).isEqualTo(200);
        TestAri.Resp em = ari.call("POST", "/channels/externalMedia?app=voicebot&channelId=em1&external_host="
                + ourHost() + "&format=" + format);
        assertThat(em.status()).isEqualTo(200);
        assertThat(em.body().path("channelvars").path("UNICASTRTP_LOCAL_ADDRESS").asText()).isEqualTo("127.0.0.1");
        assertThat(ari.call("POST", "/bridges/b1/addChannel?channel=em1").status()).isEqualTo(204);
        assertThat(ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot&channelId=c1"
                + "&otherChannelId=c1-peer").status()).isEqualTo(200);
        events.await("StasisStart", "c1");
        assertThat(ari.call("POST", "/bridges/b1/addChannel?channel=c1").status()).isEqualTo(204);
    }

    private static byte[] payload(byte[] packet) {
        return Arrays.copyOfRange(packet, 12, packet.length);
    }

    @Test
    void ulawPacketsCarryTheCallersAudioIn20msFramesFromTheAdvertisedPort() throws IOException {
        bridgedCall("ulaw");
        Awaitility.await().atMost(Timeouts.seconds(10)).until(() -> rtp.packets.size() >= 80);
        byte[] said = fake.callerAudio();
        int port = Integer.parseInt(ari.call("GET", "/channels/em1/variable?variable=UNICASTRTP_LOCAL_PORT")
                .body().path("value").asText());
        assertThat(port).isPositive();
        for (int i = 0; i < 80; i++) {
            byte[] p = rtp.packets.get(i);
            assertThat(p.length).isEqualTo(172);
            assertThat(p[0] & 0xFF).isEqualTo(0x80);
            assertThat(p[1] & 0x7F).isZero();
            ByteBuffer h = ByteBuffer.wrap(p);
            if (i > 0) {
                ByteBuffer prev = ByteBuffer.wrap(rtp.packets.get(i - 1));
                assertThat((h.getShort(2) - prev.getShort(2)) & 0xFFFF).isEqualTo(1);
                assertThat(h.getInt(4) - prev.getInt(4)).isEqualTo(160);
            } else {
                assertThat(h.getInt(4)).isEqualTo(160);
            }
            assertThat(payload(p)).isEqualTo(Arrays.copyOfRange(said, 160 * i, 160 * (i + 1)));
        }
        assertThat(fake.rtpPacketsSent("em1")).isGreaterThanOrEqualTo(80);
    }

    @Test
    void audioSentBackToTheExternalMediaPortIsRecordedForTheTest() throws IOException {
        bridgedCall("ulaw");
        int port = Integer.parseInt(ari.call("GET", "/channels/em1/variable?variable=UNICASTRTP_LOCAL_PORT")
                .body().path("value").asText());
        RtpPacketWriter w = new RtpPacketWriter().payloadType(0).ssrc(1234);
        byte[] expected = new byte[50 * 160];
        byte[] dgram = new byte[200];
        for (int i = 0; i < 50; i++) {
            byte[] frame = new byte[160];
            Arrays.fill(frame, (byte) i);
            System.arraycopy(frame, 0, expected, i * 160, 160);
            int n = w.sequenceNumber(i).timestamp(160L * i).write(frame, 0, 160, dgram, 0);
            rtp.send(dgram, n, new InetSocketAddress("127.0.0.1", port));
        }
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.rtpPacketsReceived("em1") == 50);
        assertThat(fake.receivedAudio("em1")).isEqualTo(expected);
        // Still readable after the channel is gone.
        assertThat(ari.call("DELETE", "/channels/em1").status()).isEqualTo(204);
        events.await("ChannelDestroyed", "em1");
        assertThat(fake.receivedAudio("em1")).isEqualTo(expected);
    }

    @Test
    void slin16UsesPayloadType118With640ByteBigEndianFrames() throws IOException {
        bridgedCall("slin16");
        Awaitility.await().atMost(Timeouts.seconds(10)).until(() -> rtp.packets.size() >= 10);
        byte[] said = fake.callerAudio();
        for (int i = 0; i < 10; i++) {
            byte[] p = rtp.packets.get(i);
            assertThat(p[1] & 0x7F).isEqualTo(118);
            assertThat(p.length).isEqualTo(12 + 640);
            ByteBuffer pcm = ByteBuffer.wrap(p, 12, 640); // big-endian by default
            for (int s = 0; s < 160; s++) {
                assertThat(pcm.getShort(12 + 4 * s)).isEqualTo(G711.ulawToLinear(said[160 * i + s]));
            }
        }
        assertThat(ByteBuffer.wrap(rtp.packets.get(0)).getInt(4)).isEqualTo(320);
    }

    @Test
    void alawUsesPayloadType8() throws IOException {
        bridgedCall("alaw");
        Awaitility.await().atMost(Timeouts.seconds(10)).until(() -> rtp.packets.size() >= 5);
        byte[] said = fake.callerAudio();
        byte[] p = rtp.packets.get(0);
        assertThat(p[1] & 0x7F).isEqualTo(8);
        for (int s = 0; s < 160; s++) {
            assertThat(p[12 + s]).isEqualTo(G711.linearToAlaw(G711.ulawToLinear(said[s])));
        }
    }

    @Test
    void stasisStartOfTheExternalMediaChannelIsSentBeforeTheReply() throws IOException {
        TestAri.Resp r = ari.call("POST", "/channels/externalMedia?app=voicebot&channelId=em9&external_host="
                + ourHost() + "&format=ulaw");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("state").asText()).isEqualTo("Down");
        assertThat(r.body().path("name").asText()).startsWith("UnicastRTP/" + ourHost() + "-0x");
        assertThat(fake.events()).anyMatch(e -> e.contains("\"StasisStart\"") && e.contains("\"em9\""));
    }

    @Test
    void invalidExternalMediaRequestsGetTheRecordedErrors() {
        TestAri.Resp noPort = ari.call("POST", "/channels/externalMedia?app=voicebot&external_host=127.0.0.1&format=ulaw");
        assertThat(noPort.status()).isEqualTo(400);
        assertThat(noPort.message()).isEqualTo("external_host must be <host>:<port> for all transports other than websocket");
        TestAri.Resp tcp = ari.call("POST", "/channels/externalMedia?app=voicebot&external_host=127.0.0.1:9"
                + "&format=ulaw&encapsulation=rtp&transport=tcp");
        assertThat(tcp.status()).isEqualTo(400);
        assertThat(tcp.message()).isEqualTo("transport must be 'udp' for rtp encapsulation");
        TestAri.Resp format = ari.call("POST", "/channels/externalMedia?app=voicebot&external_host=127.0.0.1:9"
                + "&format=nosuchformat");
        assertThat(format.status()).isEqualTo(500);
        assertThat(fake.channels()).isEmpty();
    }

    @Test
    void theExternalMediaChannelAndBridgeOutliveTheCallerWhileTheSnoopEndsWithIt() throws IOException {
        bridgedCall("ulaw");
        assertThat(ari.call("POST", "/channels/c1/snoop?spy=in&app=voicebot&snoopId=s1").status()).isEqualTo(200);
        assertThat(fake.snoops()).extracting(ChannelSnapshot::id).containsExactly("s1");
        assertThat(ari.call("DELETE", "/channels/c1-peer").status()).isEqualTo(204);
        events.await("ChannelDestroyed", "c1");
        events.await("StasisEnd", "s1");
        assertThat(fake.channels()).extracting(ChannelSnapshot::id).containsExactly("em1");
        assertThat(fake.bridges()).extracting(BridgeSnapshot::channelIds).containsExactly(List.of("em1"));
        assertThat(fake.leftovers()).hasSize(2);
        TestAri.Resp snoop = ari.call("DELETE", "/channels/s1");
        assertThat(snoop.status()).isEqualTo(404);
        assertThat(snoop.message()).isEqualTo("Channel not found");
        assertThat(ari.call("DELETE", "/channels/em1").status()).isEqualTo(204);
        assertThat(ari.call("DELETE", "/bridges/b1").status()).isEqualTo(204);
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.leftovers().isEmpty());
        fake.assertNoLeaks();
    }
}
