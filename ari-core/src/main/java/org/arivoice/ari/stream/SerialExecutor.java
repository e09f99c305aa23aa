package org.arivoice.ari.stream;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs tasks one at a time, in submission order, on a shared executor; a failing task is logged. */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final String name;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running; // guarded by this

    SerialExecutor(Executor delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.addLast(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running = false;
                tasks.clear();
            }
            LOG.debug("{}: dispatch executor is shut down, notification dropped", name);
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.pollFirst();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: a listener threw; ignored", name, e);
            }
        }
    }
}
