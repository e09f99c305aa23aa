package org.arivoice.ari.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The Stasis control queues that play and record commands wait in (res/stasis/control.c): a channel's own,
 * and the one of the Announcer channel a bridge plays through. Commands run one at a time, each until it calls
 * {@link #done}; a queue that was idle runs its first command 1 ms after it is submitted (recorded: the 201 of a
 * channel's play or record comes before its PlaybackStarted / RecordingStarted) unless told to start at once.
 * Runs under the {@link Pbx} lock.
 */
final class MediaQueue {
    private final Pbx pbx;
    /** The commands waiting, by owner (a SimChannel, or the SimBridge of an Announcer). */
    private final Map<Object, Deque<Runnable>> waiting = new HashMap<>();
    /** What runs when an owner's queue drains (a bridge's Announcer hangs up). */
    private final Map<Object, Runnable> whenIdle = new HashMap<>();

    MediaQueue(Pbx pbx) {
        this.pbx = pbx;
    }

    /** Whether a command of this owner runs or waits. */
    boolean busy(Object owner) {
        return waiting.containsKey(owner);
    }

    /**
     * Queues a command.
     *
     * @param now run it at once if the queue is idle (a bridge's new Announcer starts before the 201)
     * @param idle what runs when the queue drains, if this command starts it (null for nothing)
     */
    void submit(Object owner, Runnable command, boolean now, Runnable idle) {
        Deque<Runnable> q = waiting.get(owner);
        if (q != null) {
            q.add(command);
            return;
        }
        waiting.put(owner, new ArrayDeque<>());
        if (idle != null) {
            whenIdle.put(owner, idle);
        }
        if (now) {
            command.run();
        } else {
            pbx.later(1, () -> {
                if (waiting.containsKey(owner)) {
                    command.run();
                }
            });
        }
    }

    /** The running command of {@code owner} ended: the next one runs. */
    void done(Object owner) {
        Deque<Runnable> q = waiting.get(owner);
        if (q == null) {
            return;
        }
        Runnable next = q.poll();
        if (next == null) {
            waiting.remove(owner);
            Runnable idle = whenIdle.remove(owner);
            if (idle != null) {
                idle.run();
            }
            return;
        }
        next.run();
    }

    /** Forgets the commands of an owner that is going away (control.c flushes them without running them). */
    void clear(Object owner) {
        waiting.remove(owner);
        whenIdle.remove(owner);
    }
}
