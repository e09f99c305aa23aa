package org.arivoice.ari.stream;

import java.util.concurrent.CompletableFuture;

/**
 * A registration of an event handler on an {@link AriEventStream}; close it to stop delivery.
 *
 * <p>Each subscription is a serial lane: its handler is never called concurrently with itself and sees
 * events in the order Asterisk sent them, on the stream's dispatch executor. Channel and bridge subscriptions
 * close themselves after delivering the event that ends their resource.
 */
public interface Subscription extends AutoCloseable {

    /**
     * What this subscription receives, for logs: e.g. {@code channel:call-1}, {@code bridge:b-1},
     * {@code application:voicebot} or {@code all}.
     *
     * @return the description
     */
    String scope();

    /**
     * Whether events can still be delivered to the handler.
     *
     * @return {@code false} once closed, by {@link #close()}, by the end of the resource, or by the stream
     */
    boolean isOpen();

    /**
     * Events that were not delivered because this subscription's queue was full.
     *
     * @return the number of dropped events
     */
    long dropped();

    /**
     * Completes when the subscription is closed and its handler will not be called again.
     *
     * @return a future completed on close
     */
    CompletableFuture<Void> closed();

    /**
     * Stops delivery; events still queued are discarded. Idempotent; may be called from the handler.
     */
    @Override
    void close();
}
