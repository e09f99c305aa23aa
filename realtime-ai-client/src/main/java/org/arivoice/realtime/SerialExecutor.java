package org.arivoice.realtime;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one session's tasks one at a time, in order, on threads borrowed from a pool the client's sessions
 * share: a session keeps the one-thread-at-a-time guarantee of its own event thread without owning one. A
 * session that is idle holds no thread; a listener that blocks holds one, and the pool makes another for
 * the other sessions.
 *
 * <p>After {@link #shutdown()} new tasks are refused with {@link RejectedExecutionException}; tasks already
 * queued still run, as with {@link java.util.concurrent.ExecutorService#shutdown()}. A task that throws is
 * logged and the next one runs.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    /** Tasks run per turn before the thread is handed back, so a busy session cannot hold a pool thread. */
    private static final int BATCH = 64;

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean shutdown;
    private volatile Thread runner;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("The Realtime session is closed");
        }
        tasks.add(task);
        schedule();
    }

    /** Whether the calling thread is running one of this executor's tasks. */
    boolean inExecutor() {
        return runner == Thread.currentThread();
    }

    /** Refuses new tasks; queued ones still run. */
    void shutdown() {
        shutdown = true;
    }

    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) { // the client is closed
            scheduled.set(false);
            tasks.clear();
            throw e;
        }
    }

    private void drain() {
        runner = Thread.currentThread();
        try {
            Runnable task;
            int n = 0;
            while (n++ < BATCH && (task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) { // one task must not stop the session's others
                    LOG.warn("A Realtime session task failed; the next one runs", e);
                }
            }
        } finally {
            runner = null;
            scheduled.set(false);
        }
        if (!tasks.isEmpty()) {
            try {
                schedule();
            } catch (RejectedExecutionException e) {
                LOG.debug("Realtime session tasks dropped: the client is closed");
            }
        }
    }
}
