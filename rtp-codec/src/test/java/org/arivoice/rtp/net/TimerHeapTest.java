package org.arivoice.rtp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerHeapTest {

    @Test
    void growsBeyondItsInitialCapacity() {
        TimerHeap heap = new TimerHeap();
        List<TimerNode> nodes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            TimerNode n = new TimerNode(null);
            nodes.add(n);
            heap.schedule(n, 1000 - i);
        }
        assertThat(heap.size()).isEqualTo(1000);
        for (int i = 1; i <= 1000; i++) {
            assertThat(heap.poll().deadline).isEqualTo(i);
        }
        assertThat(heap.isEmpty()).isTrue();
        assertThat(heap.peek()).isNull();
    }

    @Test
    void reschedulingMovesANodeBothWays() {
        TimerHeap heap = new TimerHeap();
        TimerNode a = new TimerNode(null);
        TimerNode b = new TimerNode(null);
        TimerNode c = new TimerNode(null);
        heap.schedule(a, 10);
        heap.schedule(b, 20);
        heap.schedule(c, 30);
        heap.schedule(c, 5);
        assertThat(heap.peek()).isSameAs(c);
        heap.schedule(c, 50);
        heap.schedule(a, 40);
        assertThat(heap.poll()).isSameAs(b);
        assertThat(heap.poll()).isSameAs(a);
        assertThat(heap.poll()).isSameAs(c);
    }
}
