package org.arivoice.ari.stream;

/**
 * Told about the connection state of an {@link AriEventStream}.
 *
 * <p>Called on the stream's dispatch executor, never on the WebSocket I/O thread, one call at a time and in
 * the order the changes happened. An exception thrown here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface ConnectionStateListener {

    /**
     * The connection state changed.
     *
     * @param previous the state before
     * @param current the new state
     * @param reason a short human explanation (close code and reason, the error, or what happens next)
     */
    void onStateChanged(ConnectionState previous, ConnectionState current, String reason);

    /**
     * Asterisk sent {@code ApplicationReplaced}: another WebSocket subscribed to {@code application} and now
     * receives its events instead of this stream. The event itself is also delivered to subscriptions.
     *
     * @param application the application that was taken over
     */
    default void onApplicationReplaced(String application) {
    }
}
