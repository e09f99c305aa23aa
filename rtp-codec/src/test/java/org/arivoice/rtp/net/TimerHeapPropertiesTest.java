package org.arivoice.rtp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class TimerHeapPropertiesTest {

    /** One operation on a heap of 16 nodes: 0 = schedule, 1 = remove, 2 = poll. */
    record Op(int kind, int node, long offset) {
    }

    @Provide
    Arbitrary<Op> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 15),
                Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L)).as(Op::new);
    }

    /**
     * Against a plain map as the model: every poll returns a node whose deadline is the smallest scheduled one,
     * whatever mix of inserts, moves and removals came before, and whatever the base of the clock (nanoTime
     * may be negative and deadlines may straddle the wrap from Long.MAX_VALUE to Long.MIN_VALUE).
     */
    @Property(tries = 300)
    void pollAlwaysReturnsTheEarliestDeadline(@ForAll @Size(max = 200) List<@From("ops") Op> ops, @ForAll long base) {
        TimerHeap heap = new TimerHeap();
        TimerNode[] nodes = new TimerNode[16];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new TimerNode(null);
        }
        Map<TimerNode, Long> model = new HashMap<>();
        for (Op op : ops) {
            TimerNode node = nodes[op.node()];
            switch (op.kind()) {
                case 0 -> {
                    long deadline = base + op.offset();
                    heap.schedule(node, deadline);
                    model.put(node, deadline);
                }
                case 1 -> {
                    heap.remove(node);
                    model.remove(node);
                    assertThat(node.isScheduled()).isFalse();
                }
                default -> {
                    TimerNode polled = heap.poll();
                    if (model.isEmpty()) {
                        assertThat(polled).isNull();
                    } else {
                        long min = model.values().stream().mapToLong(d -> d - base).min().getAsLong();
                        assertThat(polled).isNotNull();
                        assertThat(model.get(polled) - base).isEqualTo(min);
                        assertThat(polled.isScheduled()).isFalse();
                        model.remove(polled);
                    }
                }
            }
            assertThat(heap.size()).isEqualTo(model.size());
            for (TimerNode n : nodes) {
                assertThat(n.isScheduled()).isEqualTo(model.containsKey(n));
            }
        }
        // Draining what is left yields non-decreasing deadlines.
        List<Long> drained = new ArrayList<>();
        for (TimerNode n = heap.poll(); n != null; n = heap.poll()) {
            drained.add(n.deadline - base);
        }
        assertThat(drained).isSorted().hasSize(model.size());
    }
}
