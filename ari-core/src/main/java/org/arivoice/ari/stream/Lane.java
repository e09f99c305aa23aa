package org.arivoice.ari.stream;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.arivoice.ari.event.AriEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription: a bounded queue drained by at most one task at a time on the shared executor, so the
 * handler sees events one by one and in order without a thread of its own.
 */
final class Lane implements Subscription, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    /** Events handled per task before yielding the executor thread to other lanes. */
    private static final int BATCH = 64;

    private final String scope;
    private final Consumer<? super AriEvent> handler;
    private final Predicate<AriEvent> endsLane;
    private final int capacity;
    private final Executor executor;
    private final StreamCounters counters;
    private final Runnable onClose;
    private final ArrayDeque<AriEvent> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    // guarded by this
    private boolean scheduled;
    private boolean ending;
    private boolean shut;
    private long dropped;

    Lane(String scope, Consumer<? super AriEvent> handler, Predicate<AriEvent> endsLane, int capacity,
            Executor executor, StreamCounters counters, Runnable onClose) {
        this.scope = scope;
        this.handler = handler;
        this.endsLane = endsLane;
        this.capacity = capacity;
        this.executor = executor;
        this.counters = counters;
        this.onClose = onClose;
    }

    /** Queues an event (called on the WebSocket thread, never blocks). */
    void offer(AriEvent event) {
        boolean ends = endsLane.test(event);
        boolean schedule;
        long droppedNow = -1;
        synchronized (this) {
            if (shut || ending) {
                return;
            }
            if (queue.size() >= capacity) {
                dropped++;
                droppedNow = dropped;
                if (!ends) {
                    counters.dropped.increment();
                    schedule = false;
                } else {
                    // The end of the resource must get through, or the lane would never close.
                    queue.pollLast();
                    queue.addLast(event);
                    counters.dropped.increment();
                    ending = true;
                    schedule = !scheduled;
                    scheduled = true;
                }
            } else {
                queue.addLast(event);
                ending = ends;
                schedule = !scheduled;
                scheduled = true;
            }
        }
        if (droppedNow == 1 || (droppedNow > 0 && droppedNow % 1000 == 0)) {
            LOG.warn("ARI event subscription {} is full ({} queued events): its handler is slower than the event"
                    + " rate; {} event(s) dropped so far", scope, capacity, droppedNow);
        }
        if (schedule) {
            schedule();
        }
    }

    private void schedule() {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException e) {
            LOG.warn("ARI event subscription {} closed: the dispatch executor rejected its task ({})", scope,
                    e.toString());
            close();
        }
    }

    @Override
    public void run() {
        for (int i = 0; i < BATCH; i++) {
            AriEvent event;
            synchronized (this) {
                event = shut ? null : queue.pollFirst();
                if (event == null) {
                    scheduled = false;
                    if (ending && !shut) {
                        shut = true;
                    } else {
                        return;
                    }
                }
            }
            if (event == null) {
                finishClose();
                return;
            }
            deliver(event);
        }
        schedule();
    }

    private void deliver(AriEvent event) {
        try {
            handler.accept(event);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            counters.handlerFailures.increment();
            LOG.warn("ARI event handler of subscription {} threw on {} (delivery continues with the next event)",
                    scope, event.type(), e);
        }
    }

    @Override
    public String scope() {
        return scope;
    }

    @Override
    public synchronized boolean isOpen() {
        return !shut;
    }

    @Override
    public synchronized long dropped() {
        return dropped;
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (shut) {
                return;
            }
            shut = true;
            queue.clear();
        }
        finishClose();
    }

    private void finishClose() {
        try {
            onClose.run();
        } finally {
            closed.complete(null);
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + scope + (isOpen() ? "" : ", closed") + "]";
    }
}
