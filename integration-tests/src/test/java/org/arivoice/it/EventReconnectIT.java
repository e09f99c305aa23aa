package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.arivoice.ari.event.ChannelDestroyed;
import org.arivoice.ari.event.StasisEnd;
import org.arivoice.ari.model.Application;
import org.arivoice.ari.stream.ConnectionState;
import org.arivoice.testsupport.HangGuard;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

/**
 * The event WebSocket survives a lost connection: the stream reconnects by itself, a call made afterwards works
 * end to end, and a call that was in Stasis before the drop is still there and its events arrive on the new
 * socket (recorded in {@code event-socket-reconnect.jsonl}: the application stays registered and its channels
 * stay in Stasis while no socket is open).
 *
 * <p>The stream goes through a {@link TcpRelay}, so the connection can be cut on every target, a real Asterisk
 * included; on the fake the server side can also drop the socket ({@code FakeAsterisk.dropEventSockets()}).
 */
@HangGuard(seconds = 60)
class EventReconnectIT extends ScenarioSupport {
    private static final Duration RECONNECT_TIMEOUT = Timeouts.seconds(15);

    private TcpRelay relay;

    @Override
    protected String eventStreamBaseUrl() {
        assumeTrue(target.baseUrl().startsWith("http:"), () -> "the relay forwards plain TCP and cannot cut a TLS"
                + " connection to " + target.baseUrl());
        try {
            relay = closeAfterTest(TcpRelay.to(target.baseUrl()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a loopback relay port", e);
        }
        return relay.baseUrl();
    }

    @Test
    void streamReconnectsAfterTheConnectionIsCutAndCallsWorkAgain() {
        dropAndReconnect(relay::cutAll);
    }

    @Test
    void streamReconnectsAfterAsteriskDropsTheSocket() {
        assumeTrue(target.fake().isPresent(), () -> "server-side socket drop needs the FakeAsterisk target; "
                + target.kind() + " cannot be told to drop a socket (the relay test cuts it on every target)");
        dropAndReconnect(() -> target.fake().orElseThrow().dropEventSockets());
    }

    private void dropAndReconnect(Runnable drop) {
        String before = originateInto("silent");
        long reconnects = events.stats().reconnects();

        drop.run();

        await().atMost(RECONNECT_TIMEOUT).until(() -> events.stats().reconnects() > reconnects
                && events.state() == ConnectionState.CONNECTED);
        assertThat(relay.accepted()).as("connections through the relay").isGreaterThanOrEqualTo(2);

        // The application stayed registered and the earlier call stayed in Stasis.
        Application app = ari.applications().get(target.application()).await();
        assertThat(app.channelIds()).contains(before);

        // A new call works end to end on the new socket (originateInto waits for its StasisStart) ...
        String after = originateInto("silent");
        // ... and the old call's events arrive on it too.
        ari.channels().hangup(before).await();
        log.await(StasisEnd.class, before, EVENT_TIMEOUT);
        ari.channels().hangup(after).await();
        log.await(StasisEnd.class, after, EVENT_TIMEOUT);
        log.await(ChannelDestroyed.class, after, EVENT_TIMEOUT);
    }
}
