package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.arivoice.ari.event.ChannelDestroyed;
import org.arivoice.ari.event.ChannelEnteredBridge;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.resources.ExternalMediaOptions;
import org.arivoice.rtp.AudioPayload;
import org.arivoice.rtp.net.MediaEndpoint;
import org.arivoice.rtp.net.MediaStream;
import org.arivoice.rtp.net.MediaStreamOptions;
import org.arivoice.testsupport.HangGuard;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

/**
 * Real RTP between the target and this JVM: a caller ({@code Local/caller@<context>}, a steady 440 Hz tone) and
 * an ExternalMedia channel (ulaw over RTP/UDP to a socket of the test, at the target's
 * {@link AsteriskTarget#mediaAdvertiseHost()}) in one mixing bridge. The test hears the caller's tone, and on
 * the fake target the audio it sends back is checked where the caller would hear it.
 *
 * <p>Skipped, with the reason, where RTP from Asterisk cannot reach the JVM (a Docker engine in a VM).
 */
@HangGuard(seconds = 60)
class ExternalMediaIT extends ScenarioSupport {
    private static final int RATE = Ulaw.RATE;

    @Test
    void externalMediaCarriesTheCallersToneToTheAppAndTheAppsAudioBack() throws IOException {
        assumeRtpReachable();
        AudioCapture heard = new AudioCapture();
        try (MediaEndpoint endpoint = MediaEndpoint.builder()
                .bindAddress(target.mediaBindHost())
                .advertisedHost(target.mediaAdvertiseHost())
                .ephemeralPorts()
                .build();
             MediaStream media = MediaStream.open(endpoint,
                     heard.into(MediaStreamOptions.builder(AudioPayload.PCMU)).build())) {
            String callerId = originateInto("caller");
            String bridgeId = id("bridge");
            ari.bridges().create(BridgeOptions.builder().type("mixing").bridgeId(bridgeId).build()).await();
            ari.bridges().addChannel(bridgeId, callerId).await();

            String emId = id("em");
            Channel em = ari.channels().externalMedia(ExternalMediaOptions.builder(target.application(), "ulaw")
                    .channelId(emId)
                    .externalHost(media.session().advertisedAddress())
                    .encapsulation("rtp")
                    .transport("udp")
                    .direction("both")
                    .build()).await();
            assertThat(em.id()).isEqualTo(emId);
            log.await(StasisStart.class, emId, EVENT_TIMEOUT);
            ari.bridges().addChannel(bridgeId, emId).await();
            log.await(ChannelEnteredBridge.class, emId, EVENT_TIMEOUT);

            // One second of the caller, as decoded samples.
            await().atMost(Timeouts.seconds(10)).until(() -> heard.size() >= RATE);
            short[] callerAudio = Ulaw.decode(heard.bytes());
            assertToneDominates(callerAudio, 440, 620, 1000);

            // The app answers with 1 s of 1000 Hz; RTP goes back to the address Asterisk sent from.
            byte[] reply = Ulaw.tone(1000, RATE);
            media.enqueue(1, reply, 0, reply.length);
            media.finish(1);
            await().atMost(Timeouts.seconds(10)).until(() -> media.sentMillis(1) >= 1000);
            target.fake().ifPresent(fake -> {
                await().atMost(Timeouts.seconds(5)).until(() -> fake.receivedAudio(emId).length >= RATE / 2);
                assertToneDominates(Ulaw.decode(fake.receivedAudio(emId)), 1000, 440, 620);
            });

            ari.channels().hangup(emId).await();
            ari.channels().hangup(callerId).await();
            log.await(ChannelDestroyed.class, emId, EVENT_TIMEOUT);
            log.await(ChannelDestroyed.class, callerId, EVENT_TIMEOUT);
            ari.bridges().destroy(bridgeId).await();
        }
    }

    private static void assertToneDominates(short[] samples, double hz, double... others) {
        assertThat(samples.length).as("samples").isGreaterThan(RATE / 4);
        double tone = Goertzel.power(samples, RATE, hz);
        for (double other : others) {
            assertThat(tone).as("power at %.0f Hz against %.0f Hz", hz, other)
                    .isGreaterThan(10 * Goertzel.power(samples, RATE, other));
        }
    }
}
