package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.arivoice.ari.event.AriEvent;
import org.arivoice.ari.event.ChannelEnteredBridge;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.ari.patterns.BridgedMediaCall;
import org.arivoice.ari.patterns.CallEnd;
import org.arivoice.ari.patterns.ExternalMediaChannel;
import org.arivoice.ari.patterns.MediaCallOptions;
import org.arivoice.ari.patterns.MediaConnector;
import org.arivoice.ari.patterns.TeardownReason;
import org.arivoice.testsupport.HangGuard;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The caller hangs up at each point of the bridge/snoop/ExternalMedia set-up; whatever the flow had created
 * is removed and nothing with the test's prefix is left in {@code GET /channels} or {@code GET /bridges}
 * (checked after every test by {@link ScenarioSupport}). The hang-ups are triggered by what Asterisk reports,
 * so the scenario needs no fault injection and runs on every target.
 */
@HangGuard(seconds = 60)
class HangupDuringSetupIT extends PatternsScenario {

    /** When the caller hangs up. */
    enum Moment {
        /** At once: the flow is answering or creating the bridge. */
        AT_START,
        /** On the caller's {@code ChannelEnteredBridge}: the flow is creating the snoop. */
        AFTER_CALLER_ENTERED_BRIDGE,
        /** On the snoop's {@code StasisStart}: the flow is about to create the ExternalMedia channel. */
        AFTER_SNOOP_STARTED,
        /** While the media connector prepares: before the ExternalMedia channel exists. */
        DURING_MEDIA_PREPARATION,
        /** While the media connector connects: the ExternalMedia channel exists, not yet in the bridge. */
        DURING_MEDIA_CONNECTION,
        /** On the ExternalMedia channel's {@code ChannelEnteredBridge}: the flow is finishing. */
        AFTER_MEDIA_ENTERED_BRIDGE
    }

    /** Whether the id is one the flow gave a resource of this test (call ids start with the test's prefix). */
    private boolean ours(String id, String suffix) {
        return id.startsWith(prefix()) && id.endsWith(suffix);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Moment.class)
    void theCallLeavesNothingBehind(Moment moment) {
        String caller = originateInto("silent");
        AtomicBoolean hungUp = new AtomicBoolean();
        Runnable hangUp = () -> {
            if (hungUp.compareAndSet(false, true)) {
                ari.channels().hangup(caller).exceptionally(e -> null);
            }
        };
        events.subscribe((AriEvent e) -> {
            if (moment == Moment.AFTER_CALLER_ENTERED_BRIDGE && e instanceof ChannelEnteredBridge b
                    && b.channel().id().equals(caller)) {
                hangUp.run();
            } else if (moment == Moment.AFTER_SNOOP_STARTED && e instanceof StasisStart s
                    && ours(s.channel().id(), "-snoop")) {
                hangUp.run();
            } else if (moment == Moment.AFTER_MEDIA_ENTERED_BRIDGE && e instanceof ChannelEnteredBridge b
                    && ours(b.channel().id(), "-media")) {
                hangUp.run();
            }
        });
        MediaConnector connector = new MediaConnector() {
            @Override
            public CompletableFuture<String> prepare(String callId) {
                if (moment == Moment.DURING_MEDIA_PREPARATION) {
                    ari.channels().hangup(caller).join();
                    hungUp.set(true);
                }
                return media.prepare(callId);
            }

            @Override
            public CompletableFuture<Void> connect(ExternalMediaChannel channel) {
                if (moment == Moment.DURING_MEDIA_CONNECTION) {
                    ari.channels().hangup(caller).join();
                    hungUp.set(true);
                }
                return CompletableFuture.completedFuture(null);
            }
        };

        BridgedMediaCall call = patterns.startMediaCall(caller, MediaCallOptions.builder(connector).build());
        if (moment == Moment.AT_START) {
            hangUp.run();
        }

        CallEnd end = call.ended().orTimeout(Timeouts.ms(30, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(hungUp).isTrue();
        assertThat(end.reason()).isEqualTo(TeardownReason.CALLER_HUNG_UP);
        assertThat(end.report().clean()).as("teardown report %s", end.report()).isTrue();
        assertThat(call.ready()).isDone();
        assertThat(patterns.activeCalls()).isEmpty();
        sleep(Duration.ofMillis(200).toMillis()); // let Asterisk finish hang-ups it already started
    }
}
