package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.arivoice.rtp.RtpPacketWriter;
import org.arivoice.rtp.codec.G711;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Snoop directions (validation and what each direction hears) and redirect's checks and outcomes. */
class SnoopAndRedirectTest {
    FakeAsterisk fake;
    TestAri ari;
    TestAri.Events events;
    RtpCollector rtp;

    @BeforeEach
    void start() throws IOException {
        fake = FakeAsterisk.builder().asteriskConfig(AsteriskConfigTest.PROJECT_CONF).build().start();
        ari = new TestAri(fake);
        events = ari.connect("app=arivoice-it");
        rtp = new RtpCollector();
    }

    @AfterEach
    void stop() throws IOException {
        rtp.close();
        fake.close();
    }

    private void caller(String id) {
        assertThat(ari.call("POST", "/channels?endpoint=Local/caller@arivoice-it&app=arivoice-it&channelId=" + id
                + "&otherChannelId=" + id + "-far").status()).isEqualTo(200);
        events.await("StasisStart", id);
    }

    @Test
    void directionsAreValidatedInAsterisksOrderAndTexts() {
        caller("t");
        assertThat(ari.call("POST", "/channels/t/snoop?spy=sideways&app=arivoice-it").message())
                .isEqualTo("Invalid direction specified for spy");
        assertThat(ari.call("POST", "/channels/t/snoop?spy=in&whisper=up&app=arivoice-it").message())
                .isEqualTo("Invalid direction specified for whisper");
        TestAri.Resp none = ari.call("POST", "/channels/t/snoop?spy=none&whisper=none&app=arivoice-it");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.message()).isEqualTo("Direction must be specified for at least spy or whisper");
        assertThat(ari.call("POST", "/channels/t/snoop?spy=in").message()).isEqualTo("Application name is required");
        TestAri.Resp missing = ari.call("POST", "/channels/nope/snoop?spy=in&app=arivoice-it");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.message()).isEqualTo("Provided channel was not found");
        for (String direction : new String[] {"in", "out", "both"}) {
            assertThat(ari.call("POST", "/channels/t/snoop/w-" + direction + "?whisper=" + direction
                    + "&app=arivoice-it").status()).isEqualTo(200);
        }
        assertThat(fake.snoops()).hasSize(3);
        ari.call("DELETE", "/channels/t");
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.channels().isEmpty());
    }

    @Test
    void spyInHearsTheCallerAndSpyOutHearsWhatTheCallerIsSent() throws Exception {
        caller("c1");
        ari.call("POST", "/bridges?bridgeId=b1");
        int ourPort = rtp.port();
        TestAri.Resp em = ari.call("POST", "/channels/externalMedia?app=arivoice-it&channelId=em1"
                + "&external_host=127.0.0.1:" + ourPort + "&format=ulaw");
        ari.call("POST", "/bridges/b1/addChannel?channel=c1,em1");
        ari.call("POST", "/channels/c1/snoop/in1?spy=in&app=arivoice-it");
        ari.call("POST", "/channels/c1/snoop/out1?spy=out&app=arivoice-it");
        ari.call("POST", "/channels/in1/record?name=spy-in&format=wav");
        ari.call("POST", "/channels/out1/record?name=spy-out&format=wav");
        InetSocketAddress fakeRtp = new InetSocketAddress("127.0.0.1",
                em.body().path("channelvars").path("UNICASTRTP_LOCAL_PORT").asInt());
        RtpPacketWriter w = new RtpPacketWriter().payloadType(0).ssrc(5);
        byte[] dgram = new byte[200];
        short[] pcm = new short[160];
        byte[] frame = new byte[160];
        for (int i = 0; i < 75; i++) { // what the application "says" to the caller: 1 kHz
            for (int s = 0; s < 160; s++) {
                pcm[s] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 1000 * (160 * i + s) / 8000.0));
            }
            G711.linearToUlaw(pcm, 0, 160, frame, 0);
            int n = w.sequenceNumber(i).timestamp(160L * i).write(frame, 0, 160, dgram, 0);
            rtp.send(dgram, n, fakeRtp);
            Thread.sleep(20);
        }
        Thread.sleep(200);
        ari.call("POST", "/recordings/live/spy-in/stop");
        ari.call("POST", "/recordings/live/spy-out/stop");
        events.await(e -> "RecordingFinished".equals(e.path("type").asText())
                && "spy-out".equals(e.path("recording").path("name").asText()));
        events.await(e -> "RecordingFinished".equals(e.path("type").asText())
                && "spy-in".equals(e.path("recording").path("name").asText()));
        short[] in = ToneAndRecordingAudioTest.wavSamples(ari.call("GET", "/recordings/stored/spy-in/file").raw());
        short[] out = ToneAndRecordingAudioTest.wavSamples(ari.call("GET", "/recordings/stored/spy-out/file").raw());
        assertThat(in.length).isGreaterThan(8000);
        assertThat(out.length).isGreaterThan(8000);
        assertThat(ToneAndRecordingAudioTest.power(in, 440))
                .isGreaterThan(100 * ToneAndRecordingAudioTest.power(in, 1000));
        assertThat(ToneAndRecordingAudioTest.power(out, 1000))
                .isGreaterThan(100 * ToneAndRecordingAudioTest.power(out, 440));
    }

    @Test
    void redirectChecksFollowAsterisk() {
        caller("c1");
        assertThat(ari.call("POST", "/channels/nope/redirect?endpoint=Local/x@y").message())
                .isEqualTo("Channel not found");
        TestAri.Resp noEndpoint = ari.call("POST", "/channels/c1/redirect");
        assertThat(noEndpoint.status()).isEqualTo(400);
        assertThat(noEndpoint.message()).isEqualTo("Required parameter 'endpoint' not provided.");
        TestAri.Resp noTech = ari.call("POST", "/channels/c1/redirect?endpoint=transferred");
        assertThat(noTech.status()).isEqualTo(422);
        assertThat(noTech.message()).isEqualTo("Endpoint parameter 'transferred' does not contain tech/resource");
        assertThat(ari.call("POST", "/channels/c1/redirect?endpoint=Local/").message())
                .isEqualTo("No resource provided in endpoint parameter 'Local/'");
        TestAri.Resp mismatch = ari.call("POST", "/channels/c1/redirect?endpoint=PJSIP/2000");
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.message()).isEqualTo("Endpoint technology 'PJSIP' does not match channel technology 'Local'");
        // Local channels cannot transfer: 204, and the channel stays where it is.
        assertThat(ari.call("POST", "/channels/c1/redirect?endpoint=Local/transferred@arivoice-it").status())
                .isEqualTo(204);
        assertThat(fake.channels()).filteredOn(c -> c.id().equals("c1"))
                .singleElement().satisfies(c -> assertThat(c.stasisApp()).hasValue("arivoice-it"));
        // A channel outside Stasis: 409.
        String snoopless = fake.simulateIncomingCall("arivoice-it", "silent");
        assertThat(ari.call("POST", "/channels/" + snoopless + "/redirect?endpoint=PJSIP/2000").status())
                .isEqualTo(409);
        fake.hangUpFromFarEnd(snoopless);
    }

    @Test
    void redirectingAPhoneEndsItsCallLikeAFarEndHangup() {
        String phone = fake.simulateIncomingCall("stasis");
        events.await("StasisStart", phone);
        assertThat(ari.call("POST", "/channels/" + phone + "/redirect?endpoint=pjsip/2000").status()).isEqualTo(204);
        events.await("StasisEnd", phone);
        // As when the recorded SIP caller hung up: ChannelHangupRequest then StasisEnd; after StasisEnd the
        // phone's events (ChannelDestroyed) no longer reach the application.
        assertThat(events.typesFor(phone)).endsWith("ChannelHangupRequest", "StasisEnd");
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.channels().isEmpty());
    }
}
