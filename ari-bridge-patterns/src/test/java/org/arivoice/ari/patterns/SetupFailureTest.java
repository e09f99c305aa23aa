package org.arivoice.ari.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.arivoice.ari.AriServerException;
import org.arivoice.ari.testkit.ChannelSnapshot;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A failure, a timeout or the caller's hang-up at each step rolls back exactly what exists. */
class SetupFailureTest {
    private final PatternsFixture fx = new PatternsFixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    static Stream<Arguments> restSteps() {
        return Stream.of(
                Arguments.of(SetupStep.ANSWER, "/channels/[^/]+/answer"),
                Arguments.of(SetupStep.CREATE_BRIDGE, "/bridges/[^/]+"),
                Arguments.of(SetupStep.ADD_CALLER, "/bridges/[^/]+/addChannel"),
                Arguments.of(SetupStep.SNOOP, "/channels/[^/]+/snoop/[^/]+"),
                Arguments.of(SetupStep.EXTERNAL_MEDIA, "/channels/externalMedia"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restSteps")
    void aRefusedStepRollsBackAndHangsUpTheCaller(SetupStep step, String path) {
        fx.asterisk.failRequests("POST", path, 500, 1);
        String caller = fx.incomingCall();
        BridgedMediaCall call = fx.patterns.startMediaCall(caller, fx.options().build());

        assertThatThrownBy(() -> call.awaitReady(Timeouts.seconds(10)))
                .isInstanceOfSatisfying(MediaCallSetupException.class, e -> {
                    assertThat(e.step()).isEqualTo(step);
                    assertThat(e.callId()).isEqualTo(call.callId());
                    assertThat(e.getMessage()).contains("failed at step " + step).contains(caller);
                    assertThat(e.getCause()).isInstanceOf(AriServerException.class);
                });
        CallEnd end = call.ended().orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.reason()).isEqualTo(TeardownReason.SETUP_FAILED);
        assertThat(end.report().clean()).isTrue();
        assertThat(fx.patterns.counters().setupFailures()).containsEntry(step, 1L);
        assertThat(fx.media.released).containsExactly(call.callId());
        fx.assertNoLeaks();
    }

    @Test
    void aRefusedAddOfTheMediaChannelRollsBackTheMediaChannelToo() {
        fx.media.onConnect = channel -> fx.asterisk.failRequests("POST", "/bridges/[^/]+/addChannel", 500, 1);
        BridgedMediaCall call = fx.patterns.startMediaCall(fx.incomingCall(), fx.options().build());

        assertThatThrownBy(() -> call.awaitReady(Timeouts.seconds(10)))
                .isInstanceOfSatisfying(MediaCallSetupException.class,
                        e -> assertThat(e.step()).isEqualTo(SetupStep.ADD_MEDIA));
        CallEnd end = call.ended().orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.report().outcomes()).anySatisfy(o -> {
            assertThat(o.kind()).isEqualTo(ResourceKind.EXTERNAL_MEDIA_CHANNEL);
            assertThat(o.result()).isEqualTo(TeardownReport.Result.REMOVED);
        });
        fx.assertNoLeaks();
    }

    @Test
    void aRejectedExternalMediaRequestIsNotDeletedAfterwards() {
        fx.asterisk.failRequests("POST", "/channels/externalMedia", 400, 1);
        BridgedMediaCall call = fx.patterns.startMediaCall(fx.incomingCall(), fx.options().build());

        CallEnd end = call.ended().orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        // Asterisk refused it: nothing exists under the id, and the id may be someone else's.
        assertThat(end.report().outcomes()).anySatisfy(o -> {
            assertThat(o.kind()).isEqualTo(ResourceKind.EXTERNAL_MEDIA_CHANNEL);
            assertThat(o.result()).isEqualTo(TeardownReport.Result.ALREADY_GONE);
        });
        assertThat(fx.asterisk.events()).noneMatch(e -> e.contains("\"ChannelHangupRequest\"")
                && e.contains(call.callId() + "-media"));
        fx.assertNoLeaks();
    }

    @Test
    void aStepThatTimesOutRollsBackEvenWhenAsteriskCarriesItOutLater() {
        fx.asterisk.delayRequests("POST", "/channels/externalMedia", Duration.ofMillis(1500), 1);
        String caller = fx.incomingCall();
        BridgedMediaCall call = fx.patterns.startMediaCall(caller,
                fx.options().stepTimeout(Duration.ofMillis(400)).build());

        assertThatThrownBy(() -> call.awaitReady(Timeouts.seconds(10)))
                .isInstanceOfSatisfying(MediaCallSetupException.class, e -> {
                    assertThat(e.step()).isEqualTo(SetupStep.EXTERNAL_MEDIA);
                    assertThat(e.getMessage()).contains("did not finish within 400 ms");
                });
        CallEnd end = call.ended().orTimeout(Timeouts.ms(30, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.report().clean()).isTrue();
        fx.assertNoLeaks();
    }

    static Stream<Arguments> delayedSteps() {
        return Stream.of(
                Arguments.of(SetupStep.CREATE_BRIDGE, "/bridges/[^/]+"),
                Arguments.of(SetupStep.ADD_CALLER, "/bridges/[^/]+/addChannel"),
                Arguments.of(SetupStep.SNOOP, "/channels/[^/]+/snoop/[^/]+"),
                Arguments.of(SetupStep.EXTERNAL_MEDIA, "/channels/externalMedia"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("delayedSteps")
    void callerHangingUpDuringAStepLeavesNothingBehind(SetupStep step, String path) {
        fx.asterisk.delayRequests("POST", path, Duration.ofMillis(800), 1);
        String caller = fx.incomingCall();
        BridgedMediaCall call = fx.patterns.startMediaCall(caller, fx.options().build());
        await().atMost(Timeouts.seconds(5)).until(() -> fx.asterisk.events().size() > 0 && stepReached(call, step));

        fx.asterisk.hangUpFromFarEnd(caller);

        assertThatThrownBy(() -> call.awaitReady(Timeouts.seconds(10)))
                .isInstanceOfSatisfying(MediaCallSetupException.class,
                        e -> assertThat(e.getMessage()).contains("the caller hung up"));
        CallEnd end = call.ended().orTimeout(Timeouts.ms(30, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.reason()).isEqualTo(TeardownReason.CALLER_HUNG_UP);
        assertThat(fx.patterns.counters().abandonedDuringSetup()).isEqualTo(1);
        assertThat(fx.patterns.counters().totalSetupFailures()).isZero();
        fx.assertNoLeaks();
    }

    /** Whether the flow has sent the request of {@code step} (its resource is recorded, or the step is later). */
    private static boolean stepReached(BridgedMediaCall call, SetupStep step) {
        return switch (step) {
            case CREATE_BRIDGE -> call.resources().stream().anyMatch(r -> r.kind() == ResourceKind.BRIDGE);
            case ADD_CALLER -> call.resources().stream().anyMatch(r -> r.kind() == ResourceKind.BRIDGE
                    && r.state() == TrackedResource.State.LIVE);
            case SNOOP -> call.resources().stream().anyMatch(r -> r.kind() == ResourceKind.SNOOP_CHANNEL);
            case EXTERNAL_MEDIA -> call.resources().stream()
                    .anyMatch(r -> r.kind() == ResourceKind.EXTERNAL_MEDIA_CHANNEL);
            default -> true;
        };
    }

    @Test
    void aCallerWhoseStasisEndCameBeforeTheFlowIsCountedAsGoneNotAsAFailure() {
        String caller = fx.incomingCall();
        fx.asterisk.hangUpFromFarEnd(caller);
        await().atMost(Timeouts.seconds(5)).until(() -> fx.asterisk.channels().isEmpty());

        BridgedMediaCall call = fx.patterns.startMediaCall(caller, fx.options().build());

        assertThatThrownBy(() -> call.awaitReady(Timeouts.seconds(10)))
                .isInstanceOfSatisfying(MediaCallSetupException.class, e -> {
                    assertThat(e.step()).isEqualTo(SetupStep.ANSWER);
                    assertThat(e.getMessage()).contains("the caller hung up").contains("Channel not found");
                });
        assertThat(call.ended().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join().reason())
                .isEqualTo(TeardownReason.CALLER_HUNG_UP);
        assertThat(fx.patterns.counters().abandonedDuringSetup()).isEqualTo(1);
        assertThat(fx.patterns.counters().totalSetupFailures()).isZero();
        fx.assertNoLeaks();
    }

    @Test
    void callerHangingUpAfterReadyButBeforeAnyoneNoticesStillCleansUp() {
        String caller = fx.incomingCall();
        BridgedMediaCall call = fx.patterns.startMediaCall(caller, fx.options().build());
        call.awaitReady(Timeouts.seconds(10));
        assertThat(fx.asterisk.channels()).extracting(ChannelSnapshot::kind)
                .contains(ChannelSnapshot.Kind.EXTERNAL_MEDIA, ChannelSnapshot.Kind.SNOOP);

        fx.asterisk.hangUpFromFarEnd(caller);

        assertThat(call.ended().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join().reason())
                .isEqualTo(TeardownReason.CALLER_HUNG_UP);
        fx.assertNoLeaks();
    }
}
