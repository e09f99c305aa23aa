package org.arivoice.rtp.net;

/**
 * A session's entry in its loop's {@link TimerHeap}. Intrusive (the node remembers its own heap index) so
 * that re-arming or cancelling a timer is O(log n) and allocates nothing. Loop-confined.
 */
final class TimerNode {
    /** The session this node belongs to; {@code null} only in unit tests of the heap. */
    final MediaSession session;
    /** Position in the heap array, or -1 when not scheduled. */
    int index = -1;
    /** Absolute deadline in {@link System#nanoTime()} units; meaningful only while scheduled. */
    long deadline;
    /** The loop's timer round in which this node last fired, to stop a past deadline re-firing in a tight loop. */
    long firedRound = -1;

    TimerNode(MediaSession session) {
        this.session = session;
    }

    boolean isScheduled() {
        return index >= 0;
    }
}
