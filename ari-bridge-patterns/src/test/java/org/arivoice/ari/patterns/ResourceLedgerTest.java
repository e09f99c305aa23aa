package org.arivoice.ari.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.model.Bridge;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.testkit.BridgeSnapshot;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ledger against FakeAsterisk: ordered, idempotent teardown where 404 counts as done. */
class ResourceLedgerTest {
    private final PatternsFixture fx = new PatternsFixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private CompletableFuture<Bridge> createBridge(ResourceLedger ledger, String id) {
        return ledger.create(ResourceKind.BRIDGE, id,
                () -> fx.ari.bridges().createWithId(id, BridgeOptions.builder().type("mixing").build()));
    }

    @Test
    void teardownRemovesChannelsBeforeBridgesAndKeepsTheCallerUnlessAsked() {
        String caller = fx.localCaller("ledger-caller");
        ResourceLedger ledger = new ResourceLedger(fx.ari, "test", Duration.ofSeconds(5));
        ledger.adopt(ResourceKind.CALLER_CHANNEL, caller);
        createBridge(ledger, "ledger-bridge").join();
        fx.ari.bridges().addChannel("ledger-bridge", caller).await();
        ledger.create(ResourceKind.SNOOP_CHANNEL, "ledger-snoop", () -> fx.ari.channels().snoopWithId(caller,
                "ledger-snoop", org.arivoice.ari.resources.SnoopOptions.builder(PatternsFixture.APP)
                        .spy(org.arivoice.ari.resources.SnoopDirection.IN).build())).join();

        TeardownReport report = ledger.teardown(false).orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        assertThat(report.outcomes()).extracting(TeardownReport.Outcome::id, TeardownReport.Outcome::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ledger-snoop", TeardownReport.Result.REMOVED),
                        org.assertj.core.groups.Tuple.tuple("ledger-bridge", TeardownReport.Result.REMOVED),
                        org.assertj.core.groups.Tuple.tuple(caller, TeardownReport.Result.KEPT));
        assertThat(fx.asterisk.bridges()).isEmpty();
        assertThat(fx.asterisk.snoops()).isEmpty();
        fx.ari.channels().hangup(caller).await();
        fx.assertNoLeaks();
    }

    @Test
    void teardownIsIdempotentAndRefusesNewResourcesAfterwards() {
        ResourceLedger ledger = new ResourceLedger(fx.ari, "test", Duration.ofSeconds(5));
        createBridge(ledger, "ledger-b1").join();

        CompletableFuture<TeardownReport> first = ledger.teardown(true);
        CompletableFuture<TeardownReport> second = ledger.teardown(true);

        assertThat(first).isSameAs(second);
        assertThat(first.join().outcomes()).hasSize(1);
        assertThat(ledger.isTornDown()).isTrue();
        assertThatThrownBy(() -> createBridge(ledger, "ledger-b2").join())
                .hasCauseInstanceOf(CallEndedException.class).hasMessageContaining("already being torn down");
        assertThat(fx.asterisk.bridges()).isEmpty();
        assertThat(ledger.adopt(ResourceKind.CALLER_CHANNEL, "x")).isFalse();
    }

    @Test
    void aResourceAlreadyDeletedElsewhereCountsAsGone() {
        ResourceLedger ledger = new ResourceLedger(fx.ari, "test", Duration.ofSeconds(5));
        createBridge(ledger, "ledger-gone").join();
        fx.ari.bridges().destroy("ledger-gone").await();

        TeardownReport report = ledger.teardown(true).join();

        assertThat(report.clean()).isTrue();
        assertThat(report.outcomes()).singleElement()
                .satisfies(o -> assertThat(o.result()).isEqualTo(TeardownReport.Result.ALREADY_GONE));
    }

    @Test
    void aTransientRemovalFailureIsTriedAgain() {
        ResourceLedger ledger = new ResourceLedger(fx.ari, "test", Duration.ofSeconds(5));
        createBridge(ledger, "ledger-flaky").join();
        fx.asterisk.failRequests("DELETE", "/bridges/ledger-flaky", 500, 2);

        TeardownReport report = ledger.teardown(true).join();

        assertThat(report.clean()).isTrue();
        assertThat(report.outcomes()).singleElement()
                .satisfies(o -> assertThat(o.result()).isEqualTo(TeardownReport.Result.REMOVED));
        assertThat(fx.asterisk.bridges()).isEmpty();
    }

    @Test
    void aRemovalAsteriskKeepsRefusingIsReportedAsFailedAfterThreeAttempts() {
        ResourceLedger ledger = new ResourceLedger(fx.ari, "test", Duration.ofSeconds(5));
        createBridge(ledger, "ledger-stuck").join();
        fx.asterisk.failRequests("DELETE", "/bridges/ledger-stuck", 500, 3);

        TeardownReport report = ledger.teardown(true).join();

        assertThat(report.clean()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo("ledger-stuck");
            assertThat(o.detail()).contains("500");
        });
        assertThat(fx.asterisk.bridges()).extracting(BridgeSnapshot::id).containsExactly("ledger-stuck");
        fx.ari.bridges().destroy("ledger-stuck").await();
    }

    @Test
    void aRefusalWithA4xxIsNotTriedAgain() {
        ResourceLedger ledger = new ResourceLedger(fx.ari, "test", Duration.ofSeconds(5));
        createBridge(ledger, "ledger-refused").join();
        fx.asterisk.failRequests("DELETE", "/bridges/ledger-refused", 409, 1);

        TeardownReport report = ledger.teardown(true).join();

        assertThat(report.failures()).singleElement().satisfies(o -> assertThat(o.detail()).contains("409"));
        fx.ari.bridges().destroy("ledger-refused").await(); // the one 409 was used up by the single attempt
        assertThat(fx.asterisk.bridges()).isEmpty();
    }

    @Test
    void teardownWaitsForACreateStillInFlightAndThenRemovesIt() {
        fx.asterisk.delayRequests("POST", "/bridges/ledger-slow", Duration.ofMillis(700), 1);
        ResourceLedger ledger = new ResourceLedger(fx.ari, "test", Duration.ofSeconds(5));
        CompletableFuture<Bridge> creating = createBridge(ledger, "ledger-slow");
        assertThat(ledger.resources()).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(TrackedResource.State.CREATING));

        TeardownReport report = ledger.teardown(true).orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        assertThat(creating).isCompleted();
        assertThat(report.outcomes()).singleElement()
                .satisfies(o -> assertThat(o.result()).isEqualTo(TeardownReport.Result.REMOVED));
        assertThat(fx.asterisk.bridges()).isEmpty();
    }

    @Test
    void releasedResourcesAreLeftAlone() {
        ResourceLedger ledger = new ResourceLedger(fx.ari, "test", Duration.ofSeconds(5));
        createBridge(ledger, "ledger-kept").join();

        assertThat(ledger.release("ledger-kept")).isTrue();
        assertThat(ledger.teardown(true).join().outcomes()).isEmpty();

        assertThat(fx.asterisk.bridges()).extracting(BridgeSnapshot::id).containsExactly("ledger-kept");
        fx.ari.bridges().destroy("ledger-kept").await();
    }

    @Test
    void toStringNamesTheOwnerOnly() {
        ResourceLedger ledger = new ResourceLedger(fx.ari, "call-7", Duration.ofSeconds(1));
        assertThat(ledger.toString()).isEqualTo("ResourceLedger[call-7, 0 resources]");
        assertThatThrownBy(() -> new ResourceLedger(fx.ari, "x", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settleTimeout");
    }
    @Test
    void aBridgeCountsAsRemovedOnlyOnceAsteriskNoLongerListsIt() {
        // Asterisk answers DELETE /bridges/{id} before its bridge manager has dissolved a bridge with members.
        try (PatternsFixture slow = new PatternsFixture(b -> b.bridgeDissolveDelay(Duration.ofMillis(300)))) {
            ResourceLedger ledger = new ResourceLedger(slow.ari, "test", Duration.ofSeconds(5));
            ledger.create(ResourceKind.BRIDGE, "ledger-dissolving",
                    () -> slow.ari.bridges().createWithId("ledger-dissolving", BridgeOptions.builder().build())).join();
            String member = slow.localCaller("ledger-member");
            slow.ari.bridges().addChannel("ledger-dissolving", member).await();

            long start = System.nanoTime();
            TeardownReport report = ledger.teardown(true)
                    .orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

            assertThat(report.clean()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
            assertThatThrownBy(() -> slow.ari.bridges().get("ledger-dissolving").await())
                    .isInstanceOf(AriNotFoundException.class);
            slow.ari.channels().hangup(member).await();
        }
    }

    @Test
    void aBridgeThatAsteriskKeepsListingAfterItsDeleteIsReportedLeftBehind() {
        try (PatternsFixture stuck = new PatternsFixture(b -> b.bridgeDissolveDelay(Duration.ofSeconds(30)))) {
            ResourceLedger ledger = new ResourceLedger(stuck.ari, "test", Duration.ofSeconds(5));
            ledger.create(ResourceKind.BRIDGE, "ledger-stuck",
                    () -> stuck.ari.bridges().createWithId("ledger-stuck", BridgeOptions.builder().build())).join();
            String member = stuck.localCaller("ledger-stuck-member");
            stuck.ari.bridges().addChannel("ledger-stuck", member).await();

            TeardownReport report = ledger.teardown(true)
                    .orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

            assertThat(report.clean()).isFalse();
            assertThat(report.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.result()).isEqualTo(TeardownReport.Result.FAILED);
                assertThat(o.detail()).contains("still lists the bridge").contains("after it answered its DELETE");
            });
            stuck.ari.channels().hangup(member).await();
        }
    }

    @Test
    void aBridgeDeletedElsewhereAMomentAgoCountsAsGoneOnceDissolved() {
        // A DELETE while another's is still being carried out gets 409 Bridge not in Stasis application.
        try (PatternsFixture slow = new PatternsFixture(b -> b.bridgeDissolveDelay(Duration.ofMillis(300)))) {
            ResourceLedger ledger = new ResourceLedger(slow.ari, "test", Duration.ofSeconds(5));
            ledger.create(ResourceKind.BRIDGE, "ledger-twice",
                    () -> slow.ari.bridges().createWithId("ledger-twice", BridgeOptions.builder().build())).join();
            String member = slow.localCaller("ledger-twice-member");
            slow.ari.bridges().addChannel("ledger-twice", member).await();
            slow.ari.bridges().destroy("ledger-twice").await();

            TeardownReport report = ledger.teardown(true)
                    .orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

            assertThat(report.clean()).isTrue();
            assertThat(report.outcomes()).singleElement()
                    .satisfies(o -> assertThat(o.result()).isEqualTo(TeardownReport.Result.ALREADY_GONE));
            slow.ari.channels().hangup(member).await();
        }
    }
}
