package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.arivoice.rtp.RtpPacketWriter;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RobustnessTest {
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
    void malformedJsonBodiesGet400AndTheServerKeepsWorking() {
        TestAri.Resp r = ari.callWithJson("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot", "{not json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).isEqualTo("Error parsing request body"); // res_ari.c; recorded (channels-basic)
        assertThat(ari.call("GET", "/channels").status()).isEqualTo(200);
    }

    @Test
    void originateVariablesFromTheBodyAreSetOnTheChannel() {
        TestAri.Events events = ari.connect("app=voicebot");
        ari.callWithJson("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot&channelId=j",
                "{\"variables\":{\"CALLER_LANG\":\"de\"}}");
        events.await("StasisStart", "j");
        assertThat(ari.call("GET", "/channels/j/variable?variable=CALLER_LANG").body().path("value").asText())
                .isEqualTo("de");
    }

    @Test
    void garbageDatagramsToAnExternalMediaPortAreIgnored() throws Exception {
        ari.connect("app=voicebot");
        TestAri.Resp em = ari.call("POST", "/channels/externalMedia?app=voicebot&channelId=g&external_host=127.0.0.1:9"
                + "&format=ulaw");
        int port = Integer.parseInt(em.body().path("channelvars").path("UNICASTRTP_LOCAL_PORT").asText());
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        try (DatagramChannel udp = DatagramChannel.open()) {
            udp.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), target);
            udp.send(ByteBuffer.wrap(new byte[40]), target);
            byte[] dgram = new byte[200];
            int n = new RtpPacketWriter().payloadType(0).write(new byte[160], 0, 160, dgram, 0);
            udp.send(ByteBuffer.wrap(dgram, 0, n), target);
        }
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.rtpPacketsReceived("g") == 1);
        assertThat(fake.receivedAudio("g")).hasSize(160);
    }

    @Test
    void textSentOnTheEventSocketIsIgnored() {
        TestAri.Events events = ari.connect("app=voicebot");
        events.socket.sendText("{\"hello\":", true).join();
        ari.call("POST", "/channels?endpoint=Local/caller@ari-it&app=voicebot&channelId=q");
        events.await("StasisStart", "q");
    }

    @Test
    void passwordsDoNotAppearInToString() {
        assertThat(new AriUser("voicebot", "voicebot-secret", false).toString()).doesNotContain("secret");
        assertThat(fake.toString()).doesNotContain("secret");
    }
}
