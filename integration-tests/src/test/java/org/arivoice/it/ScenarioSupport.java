package org.arivoice.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.ari.resources.OriginateOptions;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every scenario: per test, an {@link AriClient} and a connected {@link AriEventStream} for the
 * target's application whose events all land in an {@link EventLog}; ids with a per-test prefix
 * {@code it-<random>-} (so leftovers on a shared Asterisk can be told apart and attributed); and after the test
 * a check that no channel or bridge with that prefix is left in {@code GET /channels} and {@code GET /bridges}.
 * Leftovers fail the test, and are then hung up and destroyed so that the next test starts clean.
 */
abstract class ScenarioSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioSupport.class);

    /** How long to wait for an event that a real Asterisk sends within milliseconds. */
    static final Duration EVENT_TIMEOUT = Timeouts.seconds(10);
    /** How long hang-ups may take to finish before a remaining channel counts as a leftover. */
    private static final Duration LEFTOVER_GRACE = Timeouts.seconds(5);

    /** The Asterisk this JVM tests. */
    protected AsteriskTarget target;
    /** A read-write client for the target. */
    protected AriClient ari;
    /** The event stream of the target's application, connected before the test starts. */
    protected AriEventStream events;
    /** Every event {@link #events} delivered during this test. */
    protected EventLog log;

    private String prefix;
    private final AtomicInteger counter = new AtomicInteger();
    private final List<AutoCloseable> resources = new ArrayList<>();

    /**
     * Connects the client and the event stream of a new test, with a fresh id prefix.
     *
     * @param info the test, for the log line
     * @throws InterruptedException if interrupted while the stream connects
     */
    @BeforeEach
    final void openScenario(TestInfo info) throws InterruptedException {
        target = Targets.current();
        prefix = "it-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF)) + "-";
        LOG.info("{}: ids {}*, {}", info.getDisplayName(), prefix, target.kind());
        ari = AriClient.builder().baseUrl(target.baseUrl()).credentials(target.user(), target.password()).build();
        log = new EventLog();
        events = AriEventStream.builder()
                .baseUrl(eventStreamBaseUrl())
                .credentials(Credentials.basic(target.user(), target.password()))
                .applications(target.application())
                .build();
        events.subscribe(log);
        events.awaitConnected(EVENT_TIMEOUT);
        awaitApplicationRegistered();
    }

    /**
     * Waits until {@code GET /applications/{app}} knows the application. Asterisk (res_ari's
     * {@code event_websocket_attempted} callback) and FakeAsterisk register it while answering the upgrade, so
     * this normally returns at once; it costs one request and keeps the scenarios from depending on that detail.
     */
    private void awaitApplicationRegistered() throws InterruptedException {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        while (true) {
            try {
                ari.applications().get(target.application()).await();
                return;
            } catch (AriNotFoundException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Asterisk did not register application '" + target.application()
                            + "' within " + EVENT_TIMEOUT.toSeconds() + " s of the event socket opening", e);
                }
                Thread.sleep(20);
            }
        }
    }

    /**
     * The base URL the scenario's event stream connects to; a scenario may route it through something of its
     * own (a relay it can cut).
     *
     * @return by default the target's base URL
     */
    protected String eventStreamBaseUrl() {
        return target.baseUrl();
    }

    /**
     * An id for a channel, bridge, playback or recording of this test: the test's prefix plus a name.
     *
     * @param name what the id is for, e.g. {@code bridge}
     * @return e.g. {@code it-3fa2c1-bridge}
     */
    protected final String id(String name) {
        return prefix + name;
    }

    /**
     * The prefix of every id this test creates.
     *
     * @return e.g. {@code it-3fa2c1-}
     */
    protected final String prefix() {
        return prefix;
    }

    /**
     * Originates {@code Local/<extension>@<context>} into the application and waits for its
     * {@code StasisStart}. Leg {@code ;1} (the returned id) is in Stasis; leg {@code ;2}, id
     * {@link #peerOf(String)}, runs the extension's dialplan.
     *
     * @param extension an extension of the test context: {@code caller}, {@code silent}, {@code stasis}, ...
     * @return the id of the channel in Stasis
     */
    protected final String originateInto(String extension) {
        String channelId = id("call" + counter.incrementAndGet());
        ari.channels().originate(OriginateOptions.builder("Local/" + extension + "@" + target.context())
                .app(target.application())
                .channelId(channelId)
                .otherChannelId(peerOf(channelId))
                .build()).await();
        log.await(StasisStart.class, channelId, EVENT_TIMEOUT);
        return channelId;
    }

    /**
     * The id {@link #originateInto(String)} gives the dialplan leg ({@code ;2}) of a Local channel.
     *
     * @param channelId the Stasis leg's id
     * @return the other leg's id
     */
    protected static String peerOf(String channelId) {
        return channelId + "-peer";
    }

    /**
     * Skips the test, with the reason, when RTP between the target and this JVM is known not to work (see
     * {@link AsteriskTarget#rtpLimitation()}).
     */
    protected final void assumeRtpReachable() {
        target.rtpLimitation().ifPresent(reason ->
                Assumptions.abort("RTP scenario skipped on " + target.kind() + ": " + reason));
    }

    /** Checks for (and removes) leftovers, then closes the stream, the client and the test's resources. */
    @AfterEach
    final void closeScenario() {
        if (ari == null) {
            return; // the set-up failed before there was anything to check or close
        }
        try {
            checkNoLeftovers();
        } finally {
            if (events != null) {
                events.close();
            }
            ari.close();
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    LOG.warn("closing {} after the test failed: {}", r, e.toString());
                }
            }
            resources.clear();
        }
    }

    /**
     * Closes a resource of the test after the event stream and the client, whatever the outcome.
     *
     * @param resource e.g. a relay the event stream goes through
     * @param <T> its type
     * @return the resource
     */
    protected final <T extends AutoCloseable> T closeAfterTest(T resource) {
        resources.add(resource);
        return resource;
    }

    private void checkNoLeftovers() {
        long deadline = System.nanoTime() + LEFTOVER_GRACE.toNanos();
        List<String> left = Leftovers.find(ari, prefix);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            sleep(100);
            left = Leftovers.find(ari, prefix);
        }
        if (left.isEmpty()) {
            return;
        }
        Leftovers.remove(ari, prefix);
        throw new AssertionError("the test left " + left.size() + " resource(s) on " + target.kind() + " after "
                + LEFTOVER_GRACE.toSeconds() + " s (now removed): " + String.join(", ", left));
    }

    /**
     * Sleeps without throwing: for polling loops and for letting media flow, never to wait for an event.
     *
     * @param millis how long
     */
    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
