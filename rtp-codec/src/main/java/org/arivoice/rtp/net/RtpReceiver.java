package org.arivoice.rtp.net;

import org.arivoice.rtp.RtpPacket;

/**
 * Receives the RTP packets of one {@link MediaSession}. Called on the session's media loop thread, once per
 * accepted packet (well-formed, and from the session's remote address once that is known).
 *
 * <p>The loop serves many sessions, so an implementation must return quickly and never block: copy what it
 * needs (into a jitter buffer, say) and return. The {@code packet} view and the bytes behind it are
 * reused for the next datagram, so they are valid only during the call. An exception thrown here is
 * caught, counted in {@link SessionStats#handlerErrors()} and logged once per session; the loop and the
 * session carry on.
 */
@FunctionalInterface
public interface RtpReceiver {

    /** A receiver that ignores every packet (a send-only session still counts what arrives). */
    RtpReceiver DISCARD = (session, packet, arrivalNanos) -> { };

    /**
     * Handles one received packet.
     *
     * @param session the session the packet arrived on
     * @param packet a parsed view, valid only until this method returns
     * @param arrivalNanos {@link System#nanoTime()} when the datagram was read from the socket
     */
    void onPacket(MediaSession session, RtpPacket packet, long arrivalNanos);
}
