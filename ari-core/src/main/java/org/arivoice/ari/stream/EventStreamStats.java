package org.arivoice.ari.stream;

/**
 * Counters of an {@link AriEventStream}, a snapshot taken by {@link AriEventStream#stats()}.
 *
 * @param connects successful WebSocket handshakes, including the first
 * @param reconnects successful handshakes after a drop
 * @param events event messages parsed and routed
 * @param malformed messages that were not a usable event (not JSON, no {@code type}, wrong shape, binary);
 *        each is logged and skipped
 * @param dropped event deliveries dropped because a subscription's queue was full
 * @param handlerFailures handler calls that threw; each is logged and delivery continues
 */
public record EventStreamStats(long connects, long reconnects, long events, long malformed, long dropped,
        long handlerFailures) {
}
