package org.arivoice.ari.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.resources.ExternalMediaOptions;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.ari.testkit.BridgeSnapshot;
import org.arivoice.ari.testkit.ChannelSnapshot;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallPatternsTest {
    private final PatternsFixture fx = new PatternsFixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void sweepRemovesLeftoversWithOurPrefixOnly() {
        // What a crashed run with prefix av- left: a bridge and an ExternalMedia channel; plus a bridge of someone else.
        fx.ari.bridges().createWithId("av-old-bridge", BridgeOptions.builder().type("mixing").build()).await();
        fx.ari.bridges().createWithId("other-bridge", BridgeOptions.builder().type("mixing").build()).await();
        fx.ari.channels().externalMedia(ExternalMediaOptions.builder(PatternsFixture.APP, "ulaw")
                .channelId("av-old-media").externalHost("127.0.0.1:9").build()).await();
        BridgedMediaCall live = fx.patterns.startMediaCall(fx.incomingCall(), fx.options().build());
        live.awaitReady(Timeouts.seconds(10));

        TeardownReport report = fx.patterns.sweep().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        assertThat(report.outcomes()).extracting(TeardownReport.Outcome::id)
                .containsExactlyInAnyOrder("av-old-media", "av-old-bridge");
        assertThat(report.clean()).isTrue();
        assertThat(fx.asterisk.bridges()).extracting(BridgeSnapshot::id)
                .containsExactlyInAnyOrder("other-bridge", live.bridgeId());
        assertThat(fx.asterisk.channels()).extracting(ChannelSnapshot::id).doesNotContain("av-old-media")
                .contains(live.callId() + "-media");
        assertThat(fx.patterns.counters().sweptResources()).isEqualTo(2);
        assertThat(fx.patterns.isOwn(live.callId() + "-media")).isTrue();
        assertThat(fx.patterns.isOwn(live.callerChannelId())).isFalse();
        fx.ari.bridges().destroy("other-bridge").await();
        live.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        fx.assertNoLeaks();
    }

    @Test
    void builderRefusesABadPrefixAndAnAmbiguousApplication() {
        assertThatThrownBy(() -> CallPatterns.builder(fx.ari, fx.events).idPrefix("bad prefix"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idPrefix");
        try (AriEventStream two = AriEventStream.builder().baseUrl(fx.asterisk.baseUrl())
                .credentials(Credentials.basic("voicebot", "voicebot-secret")).applications("a", "b").build()) {
            assertThatThrownBy(() -> CallPatterns.builder(fx.ari, two).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("application(");
            assertThat(CallPatterns.builder(fx.ari, two).application("a").build().application()).isEqualTo("a");
        }
    }

    @Test
    void optionsRejectASnoopThatDoesNothingAndKeepTheirValues() {
        MediaCallOptions o = fx.options().format(MediaFormat.SLIN16).maxDuration(Duration.ofMinutes(5))
                .snoop(org.arivoice.ari.resources.SnoopDirection.BOTH, org.arivoice.ari.resources.SnoopDirection.OUT)
                .build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.maxDuration()).contains(Duration.ofMinutes(5));
        assertThatThrownBy(() -> fx.options().snoop(org.arivoice.ari.resources.SnoopDirection.NONE,
                org.arivoice.ari.resources.SnoopDirection.NONE).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noSnoop()");
        assertThatThrownBy(() -> fx.options().stepTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepTimeout");
    }

    @Test
    void aConnectorThatGivesNoAddressFailsTheMediaStepWithAnExplanation() {
        BridgedMediaCall call = fx.patterns.startMediaCall(fx.incomingCall(),
                MediaCallOptions.builder(callId -> java.util.concurrent.CompletableFuture.completedFuture(null))
                        .build());

        assertThatThrownBy(() -> call.awaitReady(Timeouts.seconds(10)))
                .isInstanceOfSatisfying(MediaCallSetupException.class,
                        e -> assertThat(e.step()).isEqualTo(SetupStep.EXTERNAL_MEDIA))
                .hasMessageContaining("must return host:port");
        call.ended().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        fx.assertNoLeaks();
    }
}
