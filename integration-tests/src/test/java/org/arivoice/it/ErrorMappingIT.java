package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.arivoice.ari.AriBadRequestException;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.AriUnprocessableException;
import org.arivoice.ari.event.ChannelDestroyed;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.resources.ExternalMediaOptions;
import org.arivoice.testsupport.HangGuard;
import org.junit.jupiter.api.Test;

/**
 * Asterisk's refusals reach the application as the typed exception for the status, with Asterisk's own message
 * (texts as recorded in {@code bridge-snoop-externalmedia.jsonl}). A bad snoop {@code spy} direction is left
 * out: the typed {@code SnoopDirection} cannot express one.
 */
@HangGuard(seconds = 60)
class ErrorMappingIT extends ScenarioSupport {

    @Test
    void unknownChannelIs404ChannelNotFound() {
        assertThatThrownBy(() -> ari.channels().get(id("nobody")).await())
                .isInstanceOfSatisfying(AriNotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.asteriskMessage()).contains("Channel not found");
                });
        assertThatThrownBy(() -> ari.channels().hangup(id("nobody")).await())
                .isInstanceOfSatisfying(AriNotFoundException.class,
                        e -> assertThat(e.asteriskMessage()).contains("Channel not found"));
    }

    @Test
    void unknownBridgeIs404BridgeNotFound() {
        String channelId = originateInto("silent");
        assertThatThrownBy(() -> ari.bridges().addChannel(id("no-such-bridge"), channelId).await())
                .isInstanceOfSatisfying(AriNotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.asteriskMessage()).contains("Bridge not found");
                });
        assertThatThrownBy(() -> ari.bridges().get(id("no-such-bridge")).await())
                .isInstanceOfSatisfying(AriNotFoundException.class,
                        e -> assertThat(e.asteriskMessage()).contains("Bridge not found"));
        hangUp(channelId);
    }

    @Test
    void addingAnUnknownChannelToABridgeIs400ChannelNotFound() {
        String bridgeId = createBridge();
        assertThatThrownBy(() -> ari.bridges().addChannel(bridgeId, id("nobody")).await())
                .isInstanceOfSatisfying(AriBadRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.asteriskMessage()).contains("Channel not found");
                });
        destroyBridge(bridgeId);
    }

    @Test
    void bridgingAChannelThatRunsDialplanIs422NotInStasis() {
        String channelId = originateInto("silent");
        String bridgeId = createBridge();
        // The ;2 leg of the Local channel runs the dialplan (Answer, Wait), not the Stasis application.
        Channel dialplanLeg = ari.channels().get(peerOf(channelId)).await();
        assertThat(dialplanLeg.dialplan().exten()).isEqualTo("silent");

        assertThatThrownBy(() -> ari.bridges().addChannel(bridgeId, peerOf(channelId)).await())
                .isInstanceOfSatisfying(AriUnprocessableException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.asteriskMessage()).contains("Channel not in Stasis application");
                });
        destroyBridge(bridgeId);
        hangUp(channelId);
    }

    @Test
    void externalMediaWithoutAPortInExternalHostIs400() {
        String emId = id("em-noport");
        assertThatThrownBy(() -> ari.channels().externalMedia(ExternalMediaOptions
                .builder(target.application(), "ulaw")
                .channelId(emId)
                .externalHost(target.mediaAdvertiseHost())
                .build()).await())
                .isInstanceOfSatisfying(AriBadRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.asteriskMessage())
                            .contains("external_host must be <host>:<port> for all transports other than websocket");
                });
    }

    @Test
    void externalMediaRtpOverTcpIs400() {
        String emId = id("em-tcp");
        assertThatThrownBy(() -> ari.channels().externalMedia(ExternalMediaOptions
                .builder(target.application(), "ulaw")
                .channelId(emId)
                .externalHost(target.mediaAdvertiseHost() + ":9")
                .encapsulation("rtp")
                .transport("tcp")
                .build()).await())
                .isInstanceOfSatisfying(AriBadRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.asteriskMessage()).contains("transport must be 'udp' for rtp encapsulation");
                });
    }

    private String createBridge() {
        String bridgeId = id("bridge");
        ari.bridges().create(BridgeOptions.builder().type("mixing").bridgeId(bridgeId).build()).await();
        return bridgeId;
    }

    private void destroyBridge(String bridgeId) {
        // No BridgeDestroyed is awaited: Asterisk sends it only to applications subscribed to the bridge, which
        // an application that merely created it is not (playback-record-dtmf-continue.jsonl, bridge-2).
        ari.bridges().destroy(bridgeId).await();
    }

    private void hangUp(String channelId) {
        ari.channels().hangup(channelId).await();
        log.await(ChannelDestroyed.class, channelId, EVENT_TIMEOUT);
    }
}
