package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.arivoice.rtp.RtpPacketWriter;
import org.arivoice.rtp.codec.G711;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Audio through the fake, checked by frequency: PlayTones of the project's dialplan reaching ExternalMedia
 * RTP, and bridge/channel recordings carrying what the members sent in (the application's RTP included).
 */
class ToneAndRecordingAudioTest {
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

    /** Goertzel power of {@code hz} in 8 kHz samples. */
    static double power(short[] samples, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (short x : samples) {
            double s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    private static short[] ulawToLinear(byte[] ulaw) {
        short[] out = new short[ulaw.length];
        G711.ulawToLinear(ulaw, 0, ulaw.length, out, 0);
        return out;
    }

    private String bridgeWithExternalMedia(String extension, String callerId) throws IOException {
        assertThat(ari.call("POST", "/bridges?type=mixing&bridgeId=b1").status()).isEqualTo(200);
        int ourPort = rtp.port();
        TestAri.Resp em = ari.call("POST", "/channels/externalMedia?app=arivoice-it&channelId=em1"
                + "&external_host=127.0.0.1:" + ourPort + "&format=ulaw");
        assertThat(em.status()).isEqualTo(200);
        assertThat(ari.call("POST", "/channels?endpoint=Local/" + extension + "@arivoice-it&app=arivoice-it"
                + "&channelId=" + callerId + "&otherChannelId=" + callerId + "-far").status()).isEqualTo(200);
        events.await("StasisStart", callerId);
        assertThat(ari.call("POST", "/bridges/b1/addChannel?channel=em1," + callerId).status()).isEqualTo(204);
        return em.body().path("channelvars").path("UNICASTRTP_LOCAL_PORT").asText();
    }

    @Test
    void playTonesOfTheCallerReachesExternalMediaAsA440HzToneAtAboutMinus10dBm0() throws IOException {
        bridgeWithExternalMedia("caller", "c1");
        Awaitility.await().atMost(Timeouts.seconds(10)).until(() -> rtp.packets.size() >= 50);
        byte[] ulaw = new byte[50 * 160];
        for (int i = 0; i < 50; i++) {
            System.arraycopy(rtp.packets.get(i), 12, ulaw, 160 * i, 160);
        }
        short[] pcm = ulawToLinear(ulaw);
        assertThat(power(pcm, 440)).isGreaterThan(100 * power(pcm, 1000)).isGreaterThan(100 * power(pcm, 620));
        int peak = 0;
        for (short s : pcm) {
            peak = Math.max(peak, Math.abs(s));
        }
        // indications.c's default volume 7219 (a 0 dBm0 sine peaks near 22,700 in 16-bit µ-law terms).
        assertThat(peak).isBetween(6800, 7700);
    }

    @Test
    void aBridgeRecordingHoldsTheApplicationsRtpToneAndItsRealDuration() throws Exception {
        String port = bridgeWithExternalMedia("silent", "s1");
        TestAri.Resp rec = ari.call("POST", "/bridges/b1/record?name=bridge-rec&format=wav");
        assertThat(rec.status()).isEqualTo(201);
        RtpPacketWriter w = new RtpPacketWriter().payloadType(0).ssrc(77);
        byte[] dgram = new byte[200];
        short[] pcm = new short[160];
        byte[] frame = new byte[160];
        InetSocketAddress fakeRtp = new InetSocketAddress("127.0.0.1", Integer.parseInt(port));
        for (int i = 0; i < 125; i++) { // 2.5 s of 1 kHz at amplitude 10,000, paced like a real sender
            for (int s = 0; s < 160; s++) {
                pcm[s] = (short) Math.round(10000 * Math.sin(2 * Math.PI * 1000 * (160 * i + s) / 8000.0));
            }
            G711.linearToUlaw(pcm, 0, 160, frame, 0);
            int n = w.sequenceNumber(i).timestamp(160L * i).write(frame, 0, 160, dgram, 0);
            rtp.send(dgram, n, fakeRtp);
            Thread.sleep(20);
        }
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.rtpPacketsReceived("em1") == 125);
        Thread.sleep(200); // let the media clock play out what is queued
        assertThat(ari.call("POST", "/recordings/live/bridge-rec/stop").status()).isEqualTo(204);
        JsonNode finished = events.await(e -> "RecordingFinished".equals(e.path("type").asText()));
        TestAri.Resp file = ari.call("GET", "/recordings/stored/bridge-rec/file");
        assertThat(file.status()).isEqualTo(200);
        short[] samples = wavSamples(file.raw());
        assertThat(samples.length).isGreaterThanOrEqualTo(2 * 8000);
        assertThat(finished.path("recording").path("duration").asInt()).isEqualTo(samples.length / 8000);
        assertThat(power(samples, 1000)).isGreaterThan(100 * power(samples, 440))
                .isGreaterThan(100 * power(samples, 2000));
        ari.call("DELETE", "/recordings/stored/bridge-rec");
    }

    @Test
    void aChannelRecordingHoldsWhatTheChannelSendsAndNothingForASilentOne() throws Exception {
        bridgeWithExternalMedia("caller", "c1");
        // res_stasis_recording.c record_file: a channel in a bridge is not recorded (record the bridge or a snoop).
        assertThat(ari.call("POST", "/channels/c1/record?name=bridged&format=wav").status()).isEqualTo(201);
        JsonNode failed = events.await(e -> "RecordingFailed".equals(e.path("type").asText()));
        assertThat(failed.path("recording").path("name").asText()).isEqualTo("bridged");
        assertThat(ari.call("POST", "/bridges/b1/removeChannel?channel=c1,em1").status()).isEqualTo(204);
        assertThat(ari.call("POST", "/channels/c1/record?name=caller-rec&format=wav").status()).isEqualTo(201);
        assertThat(ari.call("POST", "/channels/em1/record?name=em-rec&format=wav").status()).isEqualTo(201);
        Thread.sleep(1500);
        ari.call("POST", "/recordings/live/caller-rec/stop");
        ari.call("POST", "/recordings/live/em-rec/stop");
        events.await(e -> "RecordingFinished".equals(e.path("type").asText())
                && "em-rec".equals(e.path("recording").path("name").asText()));
        events.await(e -> "RecordingFinished".equals(e.path("type").asText())
                && "caller-rec".equals(e.path("recording").path("name").asText()));
        short[] caller = wavSamples(ari.call("GET", "/recordings/stored/caller-rec/file").raw());
        assertThat(caller.length).isGreaterThan(8000);
        assertThat(power(caller, 440)).isGreaterThan(100 * power(caller, 1000));
        // The application sent nothing into em1: as on Asterisk, a bare 44-byte WAV.
        assertThat(ari.call("GET", "/recordings/stored/em-rec/file").raw()).hasSize(44);
    }

    @Test
    void recordingsEndWithTheirChannelAndBridgeAndAppendGrowsTheFile() throws Exception {
        bridgeWithExternalMedia("caller", "c1");
        events.await(e -> "ChannelDialplan".equals(e.path("type").asText())
                && "PlayTones".equals(e.path("dialplan_app").asText()));
        // A channel in a bridge is not recorded (res_stasis_recording.c record_file): take c1 out first.
        assertThat(ari.call("POST", "/bridges/b1/removeChannel?channel=c1").status()).isEqualTo(204);
        assertThat(ari.call("POST", "/channels/c1/record?name=r&format=wav").status()).isEqualTo(201);
        Thread.sleep(500);
        ari.call("POST", "/recordings/live/r/stop");
        events.await(e -> "RecordingFinished".equals(e.path("type").asText()));
        int first = ari.call("GET", "/recordings/stored/r/file").raw().length;
        assertThat(first).isGreaterThan(44);
        assertThat(ari.call("POST", "/channels/c1/record?name=r&format=wav").status()).isEqualTo(409);
        assertThat(ari.call("POST", "/channels/c1/record?name=r&format=wav&ifExists=sometimes").message())
                .isEqualTo("ifExists invalid");
        assertThat(ari.call("POST", "/channels/c1/record?name=r&format=wav&ifExists=append").status())
                .isEqualTo(201);
        assertThat(ari.call("POST", "/bridges/b1/record?name=rb&format=wav").status()).isEqualTo(201);
        Thread.sleep(500);
        // Hanging up the channel and destroying the bridge finish their recordings.
        assertThat(ari.call("DELETE", "/channels/c1").status()).isEqualTo(204);
        Awaitility.await().atMost(Timeouts.seconds(10)).until(() -> events.received.stream()
                .filter(e -> "RecordingFinished".equals(e.path("type").asText())
                        && "r".equals(e.path("recording").path("name").asText()))
                .count() == 2);
        assertThat(ari.call("GET", "/recordings/stored/r/file").raw().length).isGreaterThan(first);
        assertThat(ari.call("DELETE", "/bridges/b1").status()).isEqualTo(204);
        events.await(e -> "RecordingFinished".equals(e.path("type").asText())
                && "rb".equals(e.path("recording").path("name").asText()));
        assertThat(ari.call("DELETE", "/channels/em1").status()).isEqualTo(204);
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.leftovers().isEmpty());
    }

    /** The samples of an 8 kHz mono 16-bit WAV, after checking its header. */
    static short[] wavSamples(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(wav, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getShort(22)).isEqualTo((short) 1);
        assertThat(b.getInt(24)).isEqualTo(8000);
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(wav, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
        int length = b.getInt(40);
        assertThat(length).isEqualTo(wav.length - 44);
        short[] out = new short[length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getShort(44 + 2 * i);
        }
        return out;
    }
}
