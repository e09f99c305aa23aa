package org.arivoice.rtp.net;

import java.util.Arrays;

/**
 * A binary min-heap of {@link TimerNode}s ordered by deadline. One per media loop; loop-confined.
 *
 * <p>Deadlines are {@link System#nanoTime()} values, which may be negative and may in principle wrap, so
 * they are compared by the sign of their difference, as the {@code nanoTime} contract requires. The array
 * grows (rarely, when sessions are added) but scheduling, re-scheduling and firing allocate nothing, so
 * thousands of sessions ticking every 20 ms cost a few hundred nanoseconds each.
 */
final class TimerHeap {
    private TimerNode[] heap = new TimerNode[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The node with the earliest deadline, or {@code null} when empty. */
    TimerNode peek() {
        return size == 0 ? null : heap[0];
    }

    /** Schedules {@code node} at {@code deadline}, inserting it or moving it if it is already scheduled. */
    void schedule(TimerNode node, long deadline) {
        if (node.index < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            node.deadline = deadline;
            node.index = size;
            heap[size++] = node;
            siftUp(node.index);
            return;
        }
        long old = node.deadline;
        node.deadline = deadline;
        if (deadline - old < 0) {
            siftUp(node.index);
        } else {
            siftDown(node.index);
        }
    }

    /** Removes {@code node} if it is scheduled; does nothing otherwise. */
    void remove(TimerNode node) {
        int i = node.index;
        if (i < 0) {
            return;
        }
        node.index = -1;
        TimerNode last = heap[--size];
        heap[size] = null;
        if (i == size) {
            return;
        }
        heap[i] = last;
        last.index = i;
        // The moved node may belong above or below its new slot depending on where it came from.
        siftUp(i);
        siftDown(last.index);
    }

    /** Removes and returns the node with the earliest deadline, or {@code null} when empty. */
    TimerNode poll() {
        if (size == 0) {
            return null;
        }
        TimerNode top = heap[0];
        remove(top);
        return top;
    }

    private void siftUp(int i) {
        TimerNode node = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            TimerNode p = heap[parent];
            if (node.deadline - p.deadline >= 0) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = node;
        node.index = i;
    }

    private void siftDown(int i) {
        TimerNode node = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            TimerNode c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].deadline - c.deadline < 0) {
                child = right;
                c = heap[right];
            }
            if (node.deadline - c.deadline <= 0) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = node;
        node.index = i;
    }
}
