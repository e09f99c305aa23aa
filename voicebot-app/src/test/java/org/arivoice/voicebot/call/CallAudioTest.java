package org.arivoice.voicebot.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.patterns.MediaFormat;
import org.arivoice.testsupport.Timeouts;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.realtime.testkit.AudioSource;
import org.arivoice.rtp.codec.Pcm16;
import org.arivoice.voicebot.metrics.BotMetrics.Stage;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.junit.jupiter.api.Test;

/** Audio both ways through the real RTP, bridge and Realtime code, checked by tone detection. */
class CallAudioTest {

    @Test
    void callerAudioReachesTheModelAndTheModelsAudioReachesTheCaller() {
        // The caller: 600 ms of silence, then 1000 Hz; the model answers with 440 Hz.
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(600, 1000, 1500),
                FakeRealtimeServer.builder().audioSource(AudioSource.tone(440, Duration.ofMillis(1500), 0.3)),
                c -> c)) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(15)).until(() -> BotFixture.framesWithTone(f.heard(caller), 440, 1000) >= 50);

            // The session asked for G.711 µ-law both ways (no transcoding).
            JsonNode update = f.model.receivedEvents("session.update").get(0);
            assertThat(update.at("/session/audio/input/format/type").asText()).isEqualTo("audio/pcmu");
            assertThat(update.at("/session/audio/output/format/type").asText()).isEqualTo("audio/pcmu");

            // The caller's 1000 Hz tone arrived at the model.
            await().atMost(Timeouts.seconds(10))
                    .until(() -> BotFixture.framesWithTone(f.appendedToModel(), 1000, 440) >= 50);
            // And the model's 440 Hz tone arrived at the caller, greeting first (the model speaks first).
            assertThat(BotFixture.framesWithTone(f.heard(caller), 440, 1000)).isGreaterThanOrEqualTo(50);
            assertThat(BotFixture.framesWithTone(f.heard(caller), 1000, 440)).isZero();
            List<JsonNode> creates = f.model.receivedEvents("response.create");
            assertThat(creates).isNotEmpty();
            assertThat(creates.get(0).at("/response/instructions").asText()).isEqualTo(f.config.conversation().greeting());

            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.ended.containsKey(caller));
            assertThat(f.ended.get(caller).reason()).isEqualTo("CALLER_HUNG_UP");
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();

            // What the bot reported along the way.
            CountingMetrics m = f.metrics;
            assertThat(m.started.get()).isEqualTo(1);
            assertThat(m.endedReasons).containsExactly("CALLER_HUNG_UP");
            assertThat(m.ariConnected).isTrue();
            assertThat(m.realtimeSuccesses.get()).isEqualTo(1);
            assertThat(m.latencyCount(Stage.CALL_SETUP)).isEqualTo(1);
            assertThat(m.latencyCount(Stage.REALTIME_CONNECT)).isEqualTo(1);
            assertThat(m.latencyCount(Stage.FIRST_AUDIO_TO_FIRST_RTP)).isGreaterThanOrEqualTo(1);
            assertThat(m.latencyCount(Stage.INBOUND_AUDIO)).isGreaterThan(50);
            assertThat(m.latencyCount(Stage.OUTBOUND_AUDIO)).isGreaterThan(5);
            await().atMost(Timeouts.seconds(5)).until(() -> m.rtpReceived.get() > 50);
            assertThat(m.outputTokens.get()).isPositive();
        }
    }

    @Test
    void theGreetingIsSentToTheReportedAddressBeforeAsteriskSendsAnything() {
        // The caller says nothing for 8 s, so Asterisk sends no RTP: the greeting must not wait for a packet.
        try (BotFixture f = new BotFixture(a -> a.callerSpeaksAfter(Duration.ofSeconds(8)),
                BotFixture.silenceThenTone(0, 1000, 1500),
                FakeRealtimeServer.builder().audioSource(AudioSource.tone(440, Duration.ofMillis(1000), 0.3)),
                c -> c)) {
            String caller = f.call();
            // Well before the 3 s after which a bot without the reported address would greet anyway.
            await().atMost(Timeouts.millis(2800))
                    .until(() -> BotFixture.framesWithTone(f.heard(caller), 440, 1000) >= 25);
            assertThat(f.asterisk.rtpPacketsSent(f.mediaChannel(caller))).isZero();
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }

    @Test
    void slin16IsResampledTo24kHzPcmForTheModelAndBackForTheCaller() {
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(600, 1000, 1500),
                FakeRealtimeServer.builder().audioSource(AudioSource.tone(440, Duration.ofMillis(1500), 0.3)),
                c -> BotFixture.withFormat(c, MediaFormat.SLIN16))) {
            String caller = f.call();
            JsonNode update = f.model.receivedEvents("session.update").get(0);
            assertThat(update.at("/session/audio/input/format/type").asText()).isEqualTo("audio/pcm");
            assertThat(update.at("/session/audio/input/format/rate").asInt()).isEqualTo(24000);
            // The model's 24 kHz tone reaches the caller as 16 kHz big-endian slin.
            await().atMost(Timeouts.seconds(15)).until(() -> {
                byte[] be = f.asterisk.receivedAudio(f.mediaChannel(caller));
                short[] pcm = new short[be.length / 2];
                Pcm16.fromBigEndian(be, 0, pcm.length * 2, pcm, 0);
                return BotFixture.framesWithTone(pcm, 440, 1000, 16000) >= 50;
            });
            // The caller's tone reaches the model as 24 kHz little-endian PCM.
            await().atMost(Timeouts.seconds(10)).until(() -> {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                for (JsonNode e : f.model.receivedEvents("input_audio_buffer.append")) {
                    all.writeBytes(java.util.Base64.getDecoder().decode(e.path("audio").asText()));
                }
                byte[] le = all.toByteArray();
                short[] pcm = new short[le.length / 2];
                Pcm16.fromLittleEndian(le, 0, pcm.length * 2, pcm, 0);
                return BotFixture.framesWithTone(pcm, 1000, 440, 24000) >= 50;
            });
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
        }
    }

    @Test
    void withRecordCallsTheBridgeIsRecordedAndTheFileKept() {
        try (BotFixture f = new BotFixture(BotFixture.silenceThenTone(600, 1000, 800, 300),
                FakeRealtimeServer.builder().audioSource(AudioSource.tone(440, Duration.ofMillis(800), 0.3)),
                c -> new BotConfig(c.ari(), c.media(), c.realtime(), c.conversation(), c.tools(), c.limits(),
                        new BotConfig.Observability(0, java.util.Optional.empty(), true)))) {
            String caller = f.call();
            await().atMost(Timeouts.seconds(15)).until(() -> BotFixture.framesWithTone(f.heard(caller), 440, 1000) >= 20
                    && BotFixture.framesWithTone(f.appendedToModel(), 1000, 440) >= 20);
            String callId = f.ready.get(caller).callId();
            f.asterisk.hangUpFromFarEnd(caller);
            await().atMost(Timeouts.seconds(10)).until(() -> f.bot.activeCalls() == 0);
            f.assertNoLeaks();
            try (AriClient ari = AriClient.builder().baseUrl(f.asterisk.baseUrl())
                    .credentials("voicebot", "voicebot-secret").build()) {
                byte[] wav = ari.recordings().getStoredFile(callId).await();
                short[] pcm = new short[(wav.length - 44) / 2];
                java.nio.ByteBuffer.wrap(wav, 44, pcm.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .asShortBuffer().get(pcm);
                // The recording holds both sides: the caller's 1000 Hz and the bot's 440 Hz.
                assertThat(BotFixture.framesWithTone(pcm, 1000, 440)).isGreaterThanOrEqualTo(10);
                assertThat(BotFixture.framesWithTone(pcm, 440, 1000)).isGreaterThanOrEqualTo(10);
            }
        }
    }
}
