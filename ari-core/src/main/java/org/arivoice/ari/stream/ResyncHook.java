package org.arivoice.ari.stream;

import java.time.Duration;

/**
 * Called after each successful reconnect, so the application can reconcile its state with Asterisk.
 *
 * <p>Events that Asterisk raised while the socket was down are lost (Asterisk does not replay them), but the
 * application stays registered and its channels stay in Stasis. A typical hook lists channels and bridges
 * ({@code GET /channels}, {@code GET /bridges}) and tears down calls whose {@code StasisEnd} it missed.
 *
 * <p>Called on the stream's dispatch executor after the {@link ConnectionState#CONNECTED} notification; an
 * exception thrown here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface ResyncHook {

    /**
     * The stream reconnected.
     *
     * @param reconnectCount how many reconnects this stream has made so far (1 for the first)
     * @param disconnectedFor how long the stream had no connection
     */
    void afterReconnect(int reconnectCount, Duration disconnectedFor);
}
