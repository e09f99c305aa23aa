package org.arivoice.ari.patterns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.AriException;
import org.arivoice.ari.AriNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources one call owns in Asterisk, recorded <em>before</em> each is created, and a teardown that
 * removes them whatever state they are in.
 *
 * <p>Why before: Asterisk may carry out a create request whose reply never arrives (a timeout, a dropped
 * connection) or that is still in flight when the caller hangs up. The ledger therefore registers a resource
 * with its pre-assigned id, waits for its create request to settle during a teardown, and then removes it;
 * a {@code 404} counts as done. A create answered with a 4xx created nothing and is not removed (the id may
 * belong to someone else). Once a teardown has started the ledger refuses new resources, so nothing can be
 * created behind it.
 *
 * <p>Teardown is idempotent (every call returns the same future) and ordered by
 * {@link ResourceKind#teardownOrder()}: recordings, then the call's channels, then bridges, then the caller
 * when asked. Resources of one stage are removed in parallel. A removal that fails for a reason that may pass
 * (no reply in time, a dropped connection, a 5xx) is tried again after 250 ms and 1 s before the resource is
 * reported as left behind; a 4xx other than 404 is final. A bridge counts as removed only once Asterisk no
 * longer lists it: Asterisk answers its {@code DELETE} before its bridge manager has dissolved it, so the
 * ledger checks with {@code GET} (one request, more only while the bridge is still there). Thread-safe.
 *
 * <pre>{@code
 * ResourceLedger ledger = new ResourceLedger(ari, "call-42", Duration.ofSeconds(5));
 * ledger.create(ResourceKind.BRIDGE, "call-42-bridge",
 *         () -> ari.bridges().createWithId("call-42-bridge", BridgeOptions.builder().type("mixing").build()));
 * ...
 * TeardownReport report = ledger.teardown(true).join();
 * }</pre>
 */
public final class ResourceLedger {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceLedger.class);

    private final AriClient ari;
    private final String owner;
    private final Duration settleTimeout;
    private final Object lock = new Object();
    private final List<Entry> entries = new ArrayList<>();
    private CompletableFuture<TeardownReport> teardown;

    /**
     * Creates an empty ledger.
     *
     * @param ari the client the teardown removes resources with
     * @param owner what the ledger belongs to, for logs and messages (e.g. the call id)
     * @param settleTimeout how long a teardown waits for an in-flight create request before removing the
     *     resource anyway
     */
    public ResourceLedger(AriClient ari, String owner, Duration settleTimeout) {
        this.ari = Objects.requireNonNull(ari, "ari");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.settleTimeout = Objects.requireNonNull(settleTimeout, "settleTimeout");
        if (settleTimeout.isNegative() || settleTimeout.isZero()) {
            throw new IllegalArgumentException("settleTimeout must be positive, was " + settleTimeout);
        }
    }

    /**
     * Records a resource, then sends its create request. The request is not sent when a teardown has
     * already started: the returned future then fails with {@link CallEndedException}.
     *
     * @param kind what the resource is
     * @param id its pre-assigned id (the request must create exactly this id)
     * @param request sends the create request
     * @param <T> the reply type
     * @return the reply of the create request
     */
    public <T> CompletableFuture<T> create(ResourceKind kind, String id,
            Supplier<? extends CompletableFuture<T>> request) {
        Objects.requireNonNull(request, "request");
        Entry entry = new Entry(kind, id);
        synchronized (lock) {
            if (teardown != null) {
                return CompletableFuture.failedFuture(new CallEndedException(
                        "Did not create " + kind + " " + id + ": " + owner + " is already being torn down."));
            }
            entries.add(entry);
        }
        CompletableFuture<T> reply;
        try {
            reply = Objects.requireNonNull(request.get(), "the request returned no future");
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((value, failure) -> entry.settle(failure));
        return reply;
    }

    /**
     * Records a resource that exists already (the caller's channel, or one created elsewhere) so that the
     * teardown removes it too.
     *
     * @param kind what the resource is
     * @param id its id
     * @return {@code false} when a teardown has already started (nothing recorded)
     */
    public boolean adopt(ResourceKind kind, String id) {
        Entry entry = new Entry(kind, id);
        entry.settle(null);
        synchronized (lock) {
            if (teardown != null) {
                return false;
            }
            entries.add(entry);
            return true;
        }
    }

    /**
     * Notes that Asterisk reported the resource's end ({@code ChannelDestroyed}, {@code BridgeDestroyed},
     * {@code RecordingFinished}); the teardown will not try to remove it. Unknown ids are ignored.
     *
     * @param id the resource id
     */
    public void markGone(String id) {
        synchronized (lock) {
            for (Entry e : entries) {
                if (e.id.equals(id) && e.state != TrackedResource.State.REMOVED) {
                    e.state = TrackedResource.State.GONE;
                }
            }
        }
    }

    /**
     * Stops owning a resource: the teardown leaves it alone (e.g. the caller after a blind transfer, which
     * the dialplan now runs).
     *
     * @param id the resource id
     * @return whether the ledger held it
     */
    public boolean release(String id) {
        synchronized (lock) {
            return entries.removeIf(e -> e.id.equals(id));
        }
    }

    /**
     * Whether the ledger holds a resource with this id that is not known to be gone.
     *
     * @param id the resource id
     * @return {@code true} while it is tracked and live or being created
     */
    public boolean holds(String id) {
        synchronized (lock) {
            return entries.stream().anyMatch(e -> e.id.equals(id) && (e.state == TrackedResource.State.LIVE
                    || e.state == TrackedResource.State.CREATING));
        }
    }

    /**
     * The resources recorded so far, in the order they were recorded.
     *
     * @return a snapshot
     */
    public List<TrackedResource> resources() {
        synchronized (lock) {
            return entries.stream().map(e -> new TrackedResource(e.kind, e.id, e.state)).toList();
        }
    }

    /**
     * Whether a teardown has started.
     *
     * @return {@code true} once {@link #teardown(boolean)} has been called
     */
    public boolean isTornDown() {
        synchronized (lock) {
            return teardown != null;
        }
    }

    /**
     * Removes one resource now, ahead of the teardown (e.g. the ExternalMedia channel once a transfer has
     * moved the caller to a person). Idempotent: a resource already removed or gone gives
     * {@link TeardownReport.Result#ALREADY_GONE}; an unknown id too.
     *
     * @param id the resource id
     * @return what happened
     */
    public CompletableFuture<TeardownReport.Outcome> remove(String id) {
        Entry entry;
        synchronized (lock) {
            entry = entries.stream().filter(e -> e.id.equals(id)).findFirst().orElse(null);
        }
        if (entry == null) {
            return CompletableFuture.completedFuture(
                    new TeardownReport.Outcome(ResourceKind.ORIGINATED_CHANNEL, id,
                            TeardownReport.Result.ALREADY_GONE, ""));
        }
        return removeEntry(entry);
    }

    /**
     * Removes every resource, in stages (see the class description). Every call returns the same future;
     * after the first, {@code includeCaller} is ignored. Never completes exceptionally: failures are in the
     * report.
     *
     * @param includeCaller whether to hang up the {@link ResourceKind#CALLER_CHANNEL}
     * @return the report, once every stage has finished
     */
    public CompletableFuture<TeardownReport> teardown(boolean includeCaller) {
        List<Entry> snapshot;
        CompletableFuture<TeardownReport> result;
        synchronized (lock) {
            if (teardown != null) {
                return teardown;
            }
            teardown = new CompletableFuture<>();
            result = teardown;
            snapshot = new ArrayList<>(entries);
        }
        snapshot.sort(Comparator.comparingInt(e -> e.kind.teardownOrder()));
        List<TeardownReport.Outcome> outcomes = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        int i = 0;
        while (i < snapshot.size()) {
            int stage = snapshot.get(i).kind.teardownOrder();
            List<Entry> batch = new ArrayList<>();
            while (i < snapshot.size() && snapshot.get(i).kind.teardownOrder() == stage) {
                batch.add(snapshot.get(i++));
            }
            chain = chain.thenCompose(ignored -> {
                List<CompletableFuture<TeardownReport.Outcome>> removals = new ArrayList<>();
                for (Entry e : batch) {
                    removals.add(e.kind == ResourceKind.CALLER_CHANNEL && !includeCaller
                            ? CompletableFuture.completedFuture(
                                    new TeardownReport.Outcome(e.kind, e.id, TeardownReport.Result.KEPT, ""))
                            : removeEntry(e));
                }
                return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
                        .thenRun(() -> removals.forEach(f -> outcomes.add(f.join())));
            });
        }
        chain.whenComplete((ignored, failure) -> {
            TeardownReport report = new TeardownReport(outcomes);
            if (!report.clean()) {
                LOG.warn("Teardown of {} left {} resource(s) that may still exist in Asterisk: {}", owner,
                        report.failures().size(), report.failures());
            } else {
                LOG.debug("Teardown of {} done: {}", owner, outcomes);
            }
            result.complete(report);
        });
        return result;
    }

    private CompletableFuture<TeardownReport.Outcome> removeEntry(Entry e) {
        return e.settled
                .completeOnTimeout(null, settleTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(ignored -> {
                    synchronized (lock) {
                        if (e.removal != null) {
                            return e.removal;
                        }
                        e.removal = new CompletableFuture<>();
                    }
                    CompletableFuture<TeardownReport.Outcome> removal = e.removal;
                    removeWithRetries(e, 1).whenComplete((outcome, failure) -> {
                        synchronized (lock) {
                            if (outcome.result() != TeardownReport.Result.FAILED) {
                                e.state = TrackedResource.State.REMOVED;
                            }
                        }
                        removal.complete(outcome);
                    });
                    return removal;
                });
    }

    /** Delays before the second and third removal attempts. */
    private static final long[] RETRY_DELAYS_MS = {250, 1000};

    private CompletableFuture<TeardownReport.Outcome> removeWithRetries(Entry e, int attempt) {
        return startRemoval(e).thenCompose(a -> {
            TeardownReport.Outcome outcome = a.outcome();
            if (!a.retryable() || attempt > RETRY_DELAYS_MS.length) {
                return CompletableFuture.completedFuture(outcome);
            }
            LOG.debug("Removing {} {} failed ({}); trying again", e.kind, e.id, outcome.detail());
            return CompletableFuture.supplyAsync(() -> null,
                    CompletableFuture.delayedExecutor(RETRY_DELAYS_MS[attempt - 1], TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> removeWithRetries(e, attempt + 1));
        });
    }

    /** One removal attempt's outcome, and whether a failure may pass if tried again. */
    private record Attempt(TeardownReport.Outcome outcome, boolean retryable) {
    }

    private CompletableFuture<Attempt> startRemoval(Entry e) {
        Throwable createFailure;
        TrackedResource.State state;
        synchronized (lock) {
            createFailure = e.createFailure;
            state = e.state;
        }
        if (state == TrackedResource.State.GONE || state == TrackedResource.State.REMOVED) {
            return done(e, TeardownReport.Result.ALREADY_GONE, "");
        }
        if (createFailure instanceof AriException ae && ae.status() >= 400 && ae.status() < 500) {
            // Asterisk refused the create: nothing exists under this id that belongs to us.
            return done(e, TeardownReport.Result.ALREADY_GONE, "");
        }
        CompletableFuture<Void> request;
        try {
            if (e.kind.isChannel()) {
                request = ari.channels().hangup(e.id);
            } else if (e.kind == ResourceKind.BRIDGE) {
                request = ari.bridges().destroy(e.id);
            } else {
                request = ari.recordings().stop(e.id);
            }
        } catch (RuntimeException ex) {
            request = CompletableFuture.failedFuture(ex);
        }
        CompletableFuture<Attempt> attempt = request.handle((ok, failure) -> {
            Throwable cause = unwrap(failure);
            if (cause == null) {
                return new Attempt(new TeardownReport.Outcome(e.kind, e.id, TeardownReport.Result.REMOVED, ""),
                        false);
            }
            if (cause instanceof AriNotFoundException) {
                return new Attempt(new TeardownReport.Outcome(e.kind, e.id, TeardownReport.Result.ALREADY_GONE,
                        ""), false);
            }
            // A 4xx is Asterisk's considered answer (e.g. 409 for a recording in another state); anything else
            // (a 5xx, no reply in time, a dropped connection) may pass.
            boolean retryable = !(cause instanceof AriException ae && ae.status() >= 400 && ae.status() < 500);
            return new Attempt(new TeardownReport.Outcome(e.kind, e.id, TeardownReport.Result.FAILED,
                    String.valueOf(cause.getMessage())), retryable);
        });
        if (e.kind != ResourceKind.BRIDGE) {
            return attempt;
        }
        return request.handle((ok, failure) -> unwrap(failure)).thenCompose(cause -> {
            if (cause == null) {
                return confirmBridgeGone(e, 0, System.nanoTime(), TeardownReport.Result.REMOVED);
            }
            if (cause instanceof AriException ae && ae.status() == 409) {
                // "Bridge not in Stasis application": deleted a moment ago (by someone else) and still being
                // dissolved; gone once GET no longer finds it.
                return confirmBridgeGone(e, 0, System.nanoTime(), TeardownReport.Result.ALREADY_GONE);
            }
            return attempt;
        });
    }

    /** Waits between the checks that a deleted bridge is gone: 5 ms doubling, about 1.3 s in all. */
    private static final long[] GONE_CHECK_DELAYS_MS = {5, 10, 20, 40, 80, 160, 320, 640};

    /**
     * Asterisk answers {@code DELETE /bridges/{id}} once it has queued the bridge's dissolution; its bridge
     * manager thread removes the bridge a moment later, and until then {@code GET} still finds it
     * ({@code stasis_app_bridge_destroy} in res_stasis.c, {@code bridge_dissolve} in main/bridge.c). A removal
     * counts as done when the bridge is really gone, so that "nothing left" holds when the teardown completes.
     */
    private CompletableFuture<Attempt> confirmBridgeGone(Entry e, int check, long deletedAt,
            TeardownReport.Result whenGone) {
        return ari.bridges().get(e.id).handle((bridge, failure) -> {
            Throwable cause = unwrap(failure);
            if (cause instanceof AriNotFoundException) {
                return CompletableFuture.completedFuture(new Attempt(new TeardownReport.Outcome(e.kind, e.id,
                        whenGone, ""), false));
            }
            if (cause != null) {
                // The DELETE was answered 204; a check that cannot be made does not undo that.
                LOG.debug("Could not check that bridge {} is gone after its DELETE: {}", e.id, cause.toString());
                return CompletableFuture.completedFuture(new Attempt(new TeardownReport.Outcome(e.kind, e.id,
                        TeardownReport.Result.REMOVED, ""), false));
            }
            if (check == GONE_CHECK_DELAYS_MS.length) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - deletedAt);
                return CompletableFuture.completedFuture(new Attempt(new TeardownReport.Outcome(e.kind, e.id,
                        TeardownReport.Result.FAILED, "Asterisk still lists the bridge " + ms + " ms after it"
                                + " answered its DELETE" + (whenGone == TeardownReport.Result.REMOVED ? " with 204"
                                        : " with 409 (not in a Stasis application)")), false));
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(
                    GONE_CHECK_DELAYS_MS[check], TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> confirmBridgeGone(e, check + 1, deletedAt, whenGone));
        }).thenCompose(f -> f);
    }

    private static CompletableFuture<Attempt> done(Entry e, TeardownReport.Result result, String detail) {
        return CompletableFuture.completedFuture(new Attempt(new TeardownReport.Outcome(e.kind, e.id, result,
                detail), false));
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Names the owner and the number of resources; never credentials. */
    @Override
    public String toString() {
        synchronized (lock) {
            return "ResourceLedger[" + owner + ", " + entries.size() + " resources"
                    + (teardown != null ? ", torn down" : "") + "]";
        }
    }

    private final class Entry {
        final ResourceKind kind;
        final String id;
        final CompletableFuture<Void> settled = new CompletableFuture<>();
        TrackedResource.State state = TrackedResource.State.CREATING;
        Throwable createFailure;
        CompletableFuture<TeardownReport.Outcome> removal;

        Entry(ResourceKind kind, String id) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.id = Objects.requireNonNull(id, "id");
        }

        void settle(Throwable failure) {
            synchronized (lock) {
                if (state == TrackedResource.State.CREATING) {
                    state = TrackedResource.State.LIVE;
                }
                createFailure = unwrap(failure);
            }
            settled.complete(null);
        }
    }
}
