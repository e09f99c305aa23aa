package org.arivoice.ari.stream;

import java.util.concurrent.atomic.LongAdder;

/** The mutable counters behind {@link EventStreamStats}. */
final class StreamCounters {
    final LongAdder connects = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder events = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder handlerFailures = new LongAdder();

    EventStreamStats snapshot() {
        return new EventStreamStats(connects.sum(), reconnects.sum(), events.sum(), malformed.sum(),
                dropped.sum(), handlerFailures.sum());
    }
}
