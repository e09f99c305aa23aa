package org.arivoice.ari.testkit;

import java.util.concurrent.ScheduledFuture;

/**
 * A timed action of the {@link Pbx} (an answer, a dialplan {@code Wait}, a playback's end, a snoop ending after
 * its channel): its due time on the PBX's clock, which {@link Pbx#shiftTimers(long)} can move. Guarded by the
 * Pbx lock.
 */
final class PbxTimer {
    final Runnable task;
    long dueNanos;
    ScheduledFuture<?> future;
    boolean cancelled;

    PbxTimer(Runnable task, long dueNanos) {
        this.task = task;
        this.dueNanos = dueNanos;
    }

    /** Stops the action if it has not run yet. */
    void cancel() {
        cancelled = true;
        if (future != null) {
            future.cancel(false);
        }
    }
}
