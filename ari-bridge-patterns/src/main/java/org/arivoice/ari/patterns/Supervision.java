package org.arivoice.ari.patterns;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A supervisor connected to a call by {@link BridgedMediaCall#supervise}; {@link #stop()} disconnects them.
 * The supervisor's channel stays in the application (the call never hangs it up). The call's teardown also
 * removes what the supervision created.
 */
public final class Supervision {
    private final SupervisorMode mode;
    private final String supervisorChannelId;
    private final Supplier<CompletableFuture<Void>> stopAction;
    private final AtomicReference<CompletableFuture<Void>> stopped = new AtomicReference<>();

    Supervision(SupervisorMode mode, String supervisorChannelId, Supplier<CompletableFuture<Void>> stopAction) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.supervisorChannelId = Objects.requireNonNull(supervisorChannelId, "supervisorChannelId");
        this.stopAction = Objects.requireNonNull(stopAction, "stopAction");
    }

    /**
     * How the supervisor is connected.
     *
     * @return the mode
     */
    public SupervisorMode mode() {
        return mode;
    }

    /**
     * The supervisor's channel.
     *
     * @return its id
     */
    public String supervisorChannelId() {
        return supervisorChannelId;
    }

    /**
     * Disconnects the supervisor: removes the snoop and the supervisor's bridge ({@link SupervisorMode#LISTEN},
     * {@link SupervisorMode#WHISPER}) or takes the supervisor out of the call's bridge
     * ({@link SupervisorMode#BARGE}). Idempotent.
     *
     * @return completes when done
     */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (!stopped.compareAndSet(null, mine)) {
            return stopped.get().copy();
        }
        stopAction.get().whenComplete((v, f) -> {
            if (f != null) {
                mine.completeExceptionally(f);
            } else {
                mine.complete(null);
            }
        });
        return mine.copy();
    }

    /** Names the mode and the supervisor's channel. */
    @Override
    public String toString() {
        return "Supervision[" + mode + ", supervisor=" + supervisorChannelId + "]";
    }
}
