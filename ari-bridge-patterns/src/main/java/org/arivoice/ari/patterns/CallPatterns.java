package org.arivoice.ari.patterns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.model.Bridge;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.stream.AriEventStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of the call patterns: starts {@link BridgedMediaCall}s for callers in Stasis, knows every
 * active call and what it holds ({@link #status()}), removes leftovers of a crashed earlier run
 * ({@link #sweep()}), and tears every call down on {@link #close()}.
 *
 * <pre>{@code
 * CallPatterns calls = CallPatterns.builder(ari, events).application("voicebot").build();
 * calls.sweep().join();                                        // opt-in: leftovers of a crashed run
 * events.subscribeApplication("voicebot", e -> {
 *     if (e instanceof StasisStart s && !calls.isOwn(s.channel().id())) { // a caller, not our own snoop/media
 *         BridgedMediaCall call = calls.startMediaCall(s.channel().id(), options);
 *         call.ready().thenAccept(r -> media.connect(r.rtpPeer().orElseThrow()));
 *     }
 * });
 * }</pre>
 *
 * <p>Every resource id it creates starts with {@link #idPrefix()}, so two processes with different prefixes
 * (and, as Asterisk requires, different application names) never touch each other's resources. Thread-safe.
 */
public final class CallPatterns implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallPatterns.class);
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final AriClient ari;
    private final AriEventStream events;
    private final String application;
    private final String idPrefix;
    private final Duration shutdownTimeout;
    private final ScheduledExecutorService scheduler;
    private final CounterSet counters = new CounterSet();
    private final Map<String, BridgedMediaCall> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private CallPatterns(Builder b) {
        this.ari = b.ari;
        this.events = b.events;
        this.application = b.application;
        this.idPrefix = b.idPrefix;
        this.shutdownTimeout = b.shutdownTimeout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "arivoice-call-timers");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts configuring call patterns.
     *
     * @param ari the REST client
     * @param events the connected (or connecting) event stream of the application
     * @return a builder
     */
    public static Builder builder(AriClient ari, AriEventStream events) {
        return new Builder(ari, events);
    }

    /**
     * Starts the bridge/snoop/ExternalMedia flow for a caller that is in the application (after its
     * {@code StasisStart}). Returns at once; follow the call through {@link BridgedMediaCall#ready()} and
     * {@link BridgedMediaCall#ended()}.
     *
     * @param callerChannelId the caller's channel
     * @param options how to run the flow
     * @return the call
     * @throws IllegalStateException after {@link #close()}
     */
    public BridgedMediaCall startMediaCall(String callerChannelId, MediaCallOptions options) {
        Objects.requireNonNull(callerChannelId, "callerChannelId");
        Objects.requireNonNull(options, "options");
        if (closed.get()) {
            throw new IllegalStateException("CallPatterns is closed: no new calls (application " + application
                    + " is shutting down).");
        }
        String callId = newCallId();
        BridgedMediaCall call = new BridgedMediaCall(this, callId, callerChannelId, options);
        calls.put(callId, call);
        counters.started();
        call.start();
        return call;
    }

    private String newCallId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(idPrefix);
        for (int i = 0; i < 10; i++) {
            sb.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
        }
        return sb.toString();
    }

    /**
     * An active call.
     *
     * @param callId its id
     * @return the call, or empty once it has ended
     */
    public Optional<BridgedMediaCall> call(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    /**
     * The active calls, oldest first.
     *
     * @return a snapshot
     */
    public List<BridgedMediaCall> activeCalls() {
        List<BridgedMediaCall> out = new ArrayList<>(calls.values());
        out.sort(Comparator.comparing(BridgedMediaCall::startedAt));
        return out;
    }

    /**
     * Every active call with the resources it holds, and the counters.
     *
     * @return a snapshot
     */
    public CallStatus status() {
        List<CallView> views = activeCalls().stream().map(c -> new CallView(c.callId(), c.callerChannelId(),
                c.phase(), c.startedAt(), c.resources())).toList();
        return new CallStatus(views, counters.snapshot());
    }

    /**
     * The counters since this object was built.
     *
     * @return a snapshot
     */
    public CallCounters counters() {
        return counters.snapshot();
    }

    /**
     * Removes what a crashed earlier run left in Asterisk: every channel and bridge whose id starts with
     * {@link #idPrefix()} (and every bridge whose name does) that no active call of this object holds.
     * Opt-in: call it once at start-up, after the event stream is connected. Callers' own channels are
     * Asterisk's ids and are never touched.
     *
     * @return what was removed; a resource that vanished meanwhile counts as already gone
     */
    public CompletableFuture<TeardownReport> sweep() {
        Set<String> owned = new HashSet<>();
        calls.values().forEach(c -> owned.addAll(c.ownedIds()));
        CompletableFuture<List<Channel>> channels = ari.channels().list();
        CompletableFuture<List<Bridge>> bridges = ari.bridges().list();
        return channels.thenCombine(bridges, (cs, bs) -> {
            List<CompletableFuture<TeardownReport.Outcome>> removals = new ArrayList<>();
            for (Channel c : cs) {
                if (c.id() != null && c.id().startsWith(idPrefix) && !owned.contains(c.id())) {
                    removals.add(sweepOne(ResourceKind.ORIGINATED_CHANNEL, c.id(), ari.channels().hangup(c.id())));
                }
            }
            return new Object[] {removals, bs};
        }).thenCompose(state -> {
            @SuppressWarnings("unchecked")
            List<CompletableFuture<TeardownReport.Outcome>> channelRemovals =
                    (List<CompletableFuture<TeardownReport.Outcome>>) state[0];
            @SuppressWarnings("unchecked")
            List<Bridge> bs = (List<Bridge>) state[1];
            // Channels first, as in a teardown, so a bridge is empty when it is destroyed.
            return CompletableFuture.allOf(channelRemovals.toArray(CompletableFuture[]::new)).thenCompose(x -> {
                List<CompletableFuture<TeardownReport.Outcome>> all = new ArrayList<>(channelRemovals);
                List<CompletableFuture<TeardownReport.Outcome>> bridgeRemovals = new ArrayList<>();
                for (Bridge b : bs) {
                    boolean ours = (b.id() != null && b.id().startsWith(idPrefix))
                            || (b.name() != null && b.name().startsWith(idPrefix));
                    if (ours && !owned.contains(b.id())) {
                        bridgeRemovals.add(sweepOne(ResourceKind.BRIDGE, b.id(), ari.bridges().destroy(b.id())));
                    }
                }
                all.addAll(bridgeRemovals);
                return CompletableFuture.allOf(bridgeRemovals.toArray(CompletableFuture[]::new))
                        .thenApply(y -> all.stream().map(CompletableFuture::join).toList());
            });
        }).thenApply(outcomes -> {
            TeardownReport report = new TeardownReport(outcomes);
            int removed = (int) outcomes.stream()
                    .filter(o -> o.result() == TeardownReport.Result.REMOVED).count();
            counters.swept(removed);
            if (removed > 0) {
                LOG.info("Start-up sweep removed {} leftover resource(s) with prefix {}: {}", removed, idPrefix,
                        outcomes);
            }
            return report;
        });
    }

    private static CompletableFuture<TeardownReport.Outcome> sweepOne(ResourceKind kind, String id,
            CompletableFuture<Void> request) {
        return request.handle((ok, failure) -> {
            Throwable c = ResourceLedger.unwrap(failure);
            if (c == null) {
                return new TeardownReport.Outcome(kind, id, TeardownReport.Result.REMOVED, "");
            }
            if (c instanceof AriNotFoundException) {
                return new TeardownReport.Outcome(kind, id, TeardownReport.Result.ALREADY_GONE, "");
            }
            return new TeardownReport.Outcome(kind, id, TeardownReport.Result.FAILED, String.valueOf(c.getMessage()));
        });
    }

    /**
     * Tears every active call down (reason {@link TeardownReason#SHUTDOWN}, callers hung up as their
     * options say) and refuses new calls.
     *
     * @return completes when every call has ended
     */
    public CompletableFuture<Void> shutdown() {
        closed.set(true);
        List<CompletableFuture<CallEnd>> ends = new ArrayList<>();
        for (BridgedMediaCall c : calls.values()) {
            ends.add(c.teardown(TeardownReason.SHUTDOWN));
        }
        return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new));
    }

    /**
     * {@link #shutdown()} and waits up to the builder's shutdown timeout for it; then stops the timer
     * thread. Does not close the {@link AriClient} or the event stream, which the application owns.
     */
    @Override
    public void close() {
        try {
            shutdown().get(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Shutdown: {} call(s) were not torn down within {} ms; run sweep() at the next start",
                    calls.size(), shutdownTimeout.toMillis());
        } catch (ExecutionException e) {
            LOG.warn("Shutdown: a teardown failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            scheduler.shutdownNow();
        }
    }

    /**
     * Whether a channel or bridge id is one this object's calls create (it starts with {@link #idPrefix()}):
     * use it to tell a new caller's {@code StasisStart} from those of the calls' own snoop, ExternalMedia and
     * originated channels, which enter the same application.
     *
     * @param resourceId a channel or bridge id
     * @return {@code true} for ids with this object's prefix
     */
    public boolean isOwn(String resourceId) {
        return resourceId != null && resourceId.startsWith(idPrefix);
    }

    /**
     * The prefix of every resource id this object creates.
     *
     * @return e.g. {@code arivoice-}
     */
    public String idPrefix() {
        return idPrefix;
    }

    /**
     * The Stasis application the calls' channels are created in.
     *
     * @return the name
     */
    public String application() {
        return application;
    }

    AriClient ari() {
        return ari;
    }

    AriEventStream events() {
        return events;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    CounterSet counterSet() {
        return counters;
    }

    void forget(BridgedMediaCall call) {
        calls.remove(call.callId(), call);
    }

    /** Names the application, the prefix and the number of active calls. */
    @Override
    public String toString() {
        return "CallPatterns[application=" + application + ", prefix=" + idPrefix + ", active=" + calls.size() + "]";
    }

    /** Builds {@link CallPatterns}; not thread-safe. */
    public static final class Builder {
        private final AriClient ari;
        private final AriEventStream events;
        private String application;
        private String idPrefix = "arivoice-";
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        private Builder(AriClient ari, AriEventStream events) {
            this.ari = Objects.requireNonNull(ari, "ari");
            this.events = Objects.requireNonNull(events, "events");
            List<String> apps = events.applications();
            this.application = apps.size() == 1 ? apps.get(0) : null;
        }

        /**
         * Sets the Stasis application snoop, ExternalMedia and originated channels are created in.
         *
         * @param application default: the event stream's application when it has exactly one
         * @return this builder
         */
        public Builder application(String application) {
            this.application = Objects.requireNonNull(application, "application");
            return this;
        }

        /**
         * Sets the prefix of every resource id; choose one per process.
         *
         * @param idPrefix default {@code arivoice-}; letters, digits, {@code -}, {@code _}, {@code .}
         * @return this builder
         */
        public Builder idPrefix(String idPrefix) {
            if (idPrefix == null || idPrefix.isEmpty() || !idPrefix.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("idPrefix must be non-empty letters, digits, '-', '_' or '.', "
                        + "e.g. \"bot1-\"; was '" + idPrefix + "'");
            }
            this.idPrefix = idPrefix;
            return this;
        }

        /**
         * Sets how long {@link CallPatterns#close()} waits for the teardowns.
         *
         * @param shutdownTimeout default 10 s
         * @return this builder
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /**
         * Builds the object.
         *
         * @return the call patterns
         * @throws IllegalStateException when no application was set and the stream has several
         */
        public CallPatterns build() {
            if (application == null) {
                throw new IllegalStateException("Set application(...): the event stream serves "
                        + events.applications() + ", so the one for the calls' channels is ambiguous.");
            }
            return new CallPatterns(this);
        }
    }
}
