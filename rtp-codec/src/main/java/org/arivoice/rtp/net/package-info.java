/**
 * The UDP media endpoint: RTP sockets for many calls served by a few threads.
 *
 * <p>{@link org.arivoice.rtp.net.MediaEndpoint} owns a handful of media loops (threads) and a port range;
 * {@link org.arivoice.rtp.net.MediaEndpoint#openSession} gives each call a
 * {@link org.arivoice.rtp.net.MediaSession}: one UDP port, one remote peer, one outgoing RTP stream and one
 * timer. The parsing and serialising are the pure {@link org.arivoice.rtp.RtpPacket} and
 * {@link org.arivoice.rtp.RtpPacketWriter}; this package is only the transport around them.
 *
 * <h2>Threading model</h2>
 * <ul>
 *   <li>Each media loop is one thread with one {@link java.nio.channels.Selector}. A session is registered
 *       with the least loaded loop when it opens and stays there; every callback of the session
 *       ({@link org.arivoice.rtp.net.RtpReceiver}, {@link org.arivoice.rtp.net.MediaTimer}, tasks given to
 *       {@link org.arivoice.rtp.net.MediaSession#execute}) runs on that thread, one at a time, so a
 *       session's media state needs no locks. Callbacks must not block: they delay every call on the loop.</li>
 *   <li>A loop turn runs queued tasks, applies timer changes made by other threads, selects until the
 *       earliest timer deadline (reading up to 64 datagrams per ready socket, so one flooded socket cannot
 *       starve the rest), then fires the timers that are due, in deadline order.</li>
 *   <li>Other threads talk to a loop through a task queue plus {@link java.nio.channels.Selector#wakeup()}
 *       (open, close, {@code execute}) or, for timers, through an allocation-free intrusive stack of
 *       sessions; the loop is woken only if it would otherwise sleep past the new deadline.</li>
 *   <li>{@link org.arivoice.rtp.net.MediaSession#sendFrame} is loop-thread only and says so with an
 *       {@link java.lang.IllegalStateException}; audio produced elsewhere goes through a pacer driven by
 *       the session's timer, or through {@code execute}.</li>
 *   <li>Nothing a session does can stop its loop: exceptions from callbacks, malformed datagrams, foreign
 *       sources and socket errors are counted in {@link org.arivoice.rtp.net.SessionStats} and logged once
 *       per session.</li>
 * </ul>
 *
 * <h2>Timers</h2>
 * Each loop keeps an intrusive binary heap of sessions keyed by their absolute
 * {@link java.lang.System#nanoTime()} deadline. Arming, moving or cancelling a timer is O(log n) and
 * allocates nothing, so thousands of sessions ticking every 20 ms cost little. A timer never fires before
 * its deadline; it fires at the first loop turn after it (the selector sleeps in whole milliseconds, rounded
 * up), so expect up to about a millisecond of lateness plus scheduling noise, and compute the next deadline
 * from the previous one, not from "now", so that lateness does not accumulate.
 *
 * <h2>Allocation</h2>
 * The steady state (select, receive, parse, statistics, deliver, timer, send) allocates nothing on the
 * loop thread; a unit test checks it with the JVM's per-thread allocation counter. Keys are dispatched
 * with {@link java.nio.channels.Selector#select(java.util.function.Consumer, long)}, which bypasses the
 * selected-key {@code HashSet} and its per-key entries. Socket I/O uses one direct buffer per loop and
 * direction: with heap buffers the JDK copies through a temporary direct buffer anyway, and when
 * {@code jdk.nio.maxCachedBufferSize} is below 64 KiB it allocates one per datagram (measured: 136 bytes
 * and 77% more CPU per echoed packet).
 */
package org.arivoice.rtp.net;
