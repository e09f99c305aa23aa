package org.arivoice.rtp.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.RtpPacketWriter;
import org.arivoice.rtp.RtpParseResult;
import org.arivoice.rtp.RtpRejectCounters;
import org.arivoice.rtp.stats.ReceiveStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's RTP stream: a local UDP port, a remote peer, an outgoing RTP stream and a timer, all served by
 * one of its {@link MediaEndpoint}'s media loop threads. Obtained from
 * {@link MediaEndpoint#openSession(SessionOptions)}.
 *
 * <h2>Threads</h2>
 * The session's {@link RtpReceiver}, {@link MediaTimer} and {@link #execute(Runnable) tasks} run on its media
 * loop thread, one at a time. {@link #sendFrame} may only be called on that thread (it shares the loop's send
 * buffer, and keeping all of a session's mutable state on one thread is what makes it lock-free); from
 * anywhere else, hand the work over with {@link #execute(Runnable)} or, for paced audio, queue it in a pacer
 * and call {@link #scheduleAt(long)}. Everything else ({@link #scheduleAt}, {@link #cancelTimer},
 * {@link #stats()}, {@link #close()}, the accessors) is safe from any thread.
 *
 * <h2>Remote address</h2>
 * The peer is either configured ({@link SessionOptions.Builder#remote}) or latched from the first well-formed
 * RTP packet; from then on the session is locked to it and datagrams from anywhere else are dropped and
 * counted ({@link SessionStats#foreignSourceDropped()}), the first one logged with both addresses.
 * Between opening and latching, a peer can be {@link #expectRemote(InetSocketAddress) expected}: the address
 * the other side reported (for Asterisk's ExternalMedia, {@code UNICASTRTP_LOCAL_ADDRESS:PORT}). The session
 * then sends to it at once instead of dropping audio until the first packet arrives, and the first packet
 * still latches its real source, so a NAT or a container network in between costs nothing.
 *
 * <h2>Outgoing stream</h2>
 * The SSRC, the first sequence number and the timestamp base are drawn at random (RFC 3550 5.1, 8.1) when the
 * session opens. Each {@link #sendFrame} uses the next sequence number; its timestamp is the base plus the
 * caller's media timestamp, so callers count samples from 0 and never see the random base.
 */
public final class MediaSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaSession.class);

    /** {@link #timerRequest} value meaning "no timer". A real deadline equal to it is moved 1 ns later. */
    static final long NO_TIMER = Long.MIN_VALUE;
    /**
     * Datagrams read from one ready socket per loop turn. Bounded so that one flooded session cannot starve
     * the others on its loop; what is left stays in the socket buffer and is read on the next turn.
     */
    static final int MAX_DATAGRAMS_PER_TURN = 64;

    // Counter indexes. Every counter is written only by the loop thread, so a lazySet of get()+1 is exact.
    private static final int RX_PACKETS = 0;
    private static final int RX_BYTES = 1;
    private static final int TX_PACKETS = 2;
    private static final int TX_BYTES = 3;
    private static final int FOREIGN = 4;
    private static final int HANDLER_ERRORS = 5;
    private static final int SEND_ERRORS = 6;
    private static final int SEND_FULL = 7;
    private static final int SEND_NO_REMOTE = 8;
    private static final int RX_ERRORS = 9;
    private static final int COUNTERS = 10;

    // Bits of loggedOnce: each kind of trouble is logged at its first occurrence only, then just counted.
    private static final int LOGGED_FOREIGN = 1;
    private static final int LOGGED_HANDLER = 2;
    private static final int LOGGED_SEND_ERROR = 4;
    private static final int LOGGED_SEND_FULL = 8;
    private static final int LOGGED_NO_REMOTE = 16;
    private static final int LOGGED_RX_ERROR = 32;

    private final MediaEndpoint endpoint;
    private final MediaLoop loop;
    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final String advertisedAddress;
    private final String label;
    private final RtpReceiver receiver;
    private final MediaTimer timer;
    private final boolean remoteConfigured;
    private volatile InetSocketAddress remote;
    /** Where to send before {@link #remote} is latched; never used to filter what arrives. */
    private volatile InetSocketAddress expected;

    private final long ssrc;
    private final int sequenceBase;
    private final long timestampBase;
    /** Packets handed to the socket so far; the next sequence number is {@code sequenceBase + sent}. Loop-confined. */
    private int sequenceOffset;

    private final RtpRejectCounters rejects = new RtpRejectCounters();
    private final ReceiveStatistics reception;
    private final AtomicLongArray counters = new AtomicLongArray(COUNTERS);
    private int loggedOnce;

    // Timer state. timerRequest is the single source of truth; the loop's heap follows it.
    final TimerNode timerNode = new TimerNode(this);
    final AtomicLong timerRequest = new AtomicLong(NO_TIMER);
    final AtomicBoolean timerQueued = new AtomicBoolean();
    /** Link in the loop's stack of pending timer requests; guarded by {@link #timerQueued}. */
    MediaSession nextTimerRequest;

    private SelectionKey key;
    private volatile boolean channelClosed;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    final CompletableFuture<MediaSession> openFuture = new CompletableFuture<>();

    MediaSession(MediaEndpoint endpoint, MediaLoop loop, DatagramChannel channel, InetSocketAddress localAddress,
            String advertisedAddress, SessionOptions options, long ssrc, int sequenceBase, long timestampBase) {
        this.endpoint = endpoint;
        this.loop = loop;
        this.channel = channel;
        this.localAddress = localAddress;
        this.advertisedAddress = advertisedAddress;
        this.label = options.label().orElse("rtp:" + localAddress.getPort());
        this.receiver = options.receiver();
        this.timer = options.timer().orElse(null);
        this.remote = options.remote().orElse(null);
        this.remoteConfigured = remote != null;
        this.ssrc = ssrc;
        this.sequenceBase = sequenceBase;
        this.timestampBase = timestampBase;
        this.reception = new ReceiveStatistics(options.clockRate());
    }

    // ---------------------------------------------------------------------------------------------- accessors

    /**
     * The local UDP port.
     *
     * @return the port the session's socket is bound to
     */
    public int localPort() {
        return localAddress.getPort();
    }

    /**
     * The address the socket is bound to: the endpoint's bind address (possibly a wildcard) and
     * {@link #localPort()}. Not what to tell a peer behind NAT; see {@link #advertisedAddress()}.
     *
     * @return the bound address
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * The address peers should send to, formatted for the {@code external_host} parameter of Asterisk's
     * ExternalMedia: the endpoint's advertised host and {@link #localPort()} as {@code host:port}, with an
     * IPv6 host in brackets ({@code [2001:db8::5]:40002}).
     *
     * @return {@code host:port}
     */
    public String advertisedAddress() {
        return advertisedAddress;
    }

    /**
     * The peer this session sends to and accepts packets from.
     *
     * @return the configured or latched remote address, or empty while waiting for the first packet
     */
    public Optional<InetSocketAddress> remoteAddress() {
        return Optional.ofNullable(remote);
    }

    /**
     * Sends to {@code reported} until the first packet arrives, instead of dropping outgoing packets. Use it
     * with the address the peer reported for itself, such as ExternalMedia's
     * {@code UNICASTRTP_LOCAL_ADDRESS:UNICASTRTP_LOCAL_PORT}, so audio can flow before the peer's first packet.
     *
     * <p>It does not lock the session: incoming datagrams are accepted from any source until the first
     * well-formed packet latches its source as usual, and from then on packets go to that latched source. If
     * the two differ (NAT, a container network), a line is logged and the latched one wins, because it is the
     * address that proved it can reach us. A wildcard address ({@code 0.0.0.0}, {@code ::}) or port 0 cannot be
     * sent to and is refused.
     *
     * @param reported the address the peer said it receives at
     * @return {@code true} if the session will send there; {@code false} if the remote is already configured
     *     or latched (nothing changes then)
     * @throws IllegalArgumentException if {@code reported} is unresolved, a wildcard, or has port 0
     */
    public boolean expectRemote(InetSocketAddress reported) {
        Objects.requireNonNull(reported, "reported");
        if (reported.isUnresolved() || reported.getAddress().isAnyLocalAddress() || reported.getPort() == 0) {
            throw new IllegalArgumentException("Cannot send RTP to " + reported + ": the address must be a resolved"
                    + " host address with a port (a wildcard such as 0.0.0.0 means the peer did not say where it"
                    + " receives). Leave the session to latch the address from the first packet instead.");
        }
        if (remote != null) {
            return false;
        }
        expected = reported;
        log.debug("{}: sending to the expected remote {} until the first packet latches the real one", label,
                reported);
        return true;
    }

    /**
     * Where outgoing packets go now: the configured or latched remote, else the
     * {@link #expectRemote(InetSocketAddress) expected} one.
     *
     * @return the current send address, or empty if packets would be dropped
     */
    public Optional<InetSocketAddress> sendAddress() {
        InetSocketAddress peer = remote;
        return Optional.ofNullable(peer != null ? peer : expected);
    }

    /**
     * Whether the remote address was configured rather than latched.
     *
     * @return {@code true} if {@link SessionOptions.Builder#remote} was given
     */
    public boolean isRemoteConfigured() {
        return remoteConfigured;
    }

    /**
     * The SSRC of the outgoing stream.
     *
     * @return 0 to 2^32-1
     */
    public long ssrc() {
        return ssrc;
    }

    /**
     * The label used in log lines.
     *
     * @return the label from the options, or {@code rtp:<port>}
     */
    public String label() {
        return label;
    }

    /**
     * Whether the calling thread is this session's media loop thread, where {@link #sendFrame} may be called.
     *
     * @return {@code true} on the loop thread
     */
    public boolean isLoopThread() {
        return loop.inLoop();
    }

    /**
     * Whether the session is open. It turns {@code false} as soon as {@link #close()} has been called on any
     * thread; from then on no packet or timer callback is delivered and {@link #sendFrame} sends nothing.
     *
     * @return {@code false} once closing has begun
     */
    public boolean isOpen() {
        return !closeRequested.get();
    }

    /**
     * A snapshot of the session's counters and reception statistics. Safe from any thread.
     *
     * @return an immutable snapshot
     */
    public SessionStats stats() {
        Map<RtpParseResult, Long> rejected = new EnumMap<>(RtpParseResult.class);
        rejected.putAll(rejects.snapshot());
        rejected.remove(RtpParseResult.OK);
        return new SessionStats(counters.get(RX_PACKETS), counters.get(RX_BYTES), counters.get(TX_PACKETS),
                counters.get(TX_BYTES), rejected, counters.get(FOREIGN), counters.get(HANDLER_ERRORS),
                counters.get(SEND_ERRORS), counters.get(SEND_FULL), counters.get(SEND_NO_REMOTE),
                counters.get(RX_ERRORS), reception.snapshot());
    }

    // ---------------------------------------------------------------------------------------------- sending

    /**
     * Sends one RTP packet to the remote peer. Loop thread only (from the session's receiver, timer or a task
     * given to {@link #execute(Runnable)}). Allocates nothing.
     *
     * <p>The packet gets the session's SSRC, the next sequence number, and the timestamp
     * {@code base + mediaTimestamp} (modulo 2^32), where {@code base} is the session's random timestamp base.
     * Count {@code mediaTimestamp} in clock-rate units from the start of the stream: for 20 ms G.711 frames it
     * goes 0, 160, 320, ...; RFC 4733 event packets repeat the timestamp of the event's start.
     *
     * <p>The packet is dropped, and {@code false} returned, when the session is closed, when the remote is not
     * known yet ({@link SessionStats#sendsWithoutRemote()}), when the socket's send buffer is full
     * ({@link SessionStats#sendsDroppedBufferFull()}), or on an I/O error such as an ICMP port unreachable
     * ({@link SessionStats#sendErrors()}). None of these throws: a lost packet must not end a call.
     *
     * @param payloadType 0-127
     * @param marker the marker bit (for audio: first packet after silence)
     * @param mediaTimestamp the timestamp relative to the stream start, in clock-rate units
     * @param payload the payload bytes (copied into the loop's send buffer)
     * @param offset where the payload starts
     * @param length how many bytes, at most about 65,000
     * @return {@code true} if the packet was handed to the operating system
     * @throws IllegalStateException if called on a thread other than the session's loop thread
     * @throws IllegalArgumentException if {@code payloadType} is out of range or the payload too large
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not fit {@code payload}
     */
    public boolean sendFrame(int payloadType, boolean marker, long mediaTimestamp, byte[] payload, int offset,
            int length) {
        if (!loop.inLoop()) {
            throw new IllegalStateException("MediaSession.sendFrame must run on the session's media loop thread "
                    + loop.thread().getName() + " (inside its RtpReceiver, MediaTimer or a task given to"
                    + " execute(Runnable)); it was called on " + Thread.currentThread().getName());
        }
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (closeRequested.get()) {
            return false;
        }
        InetSocketAddress peer = remote;
        if (peer == null) {
            peer = expected;
        }
        if (peer == null) {
            increment(SEND_NO_REMOTE);
            if (firstTime(LOGGED_NO_REMOTE)) {
                log.debug("{}: dropping outgoing RTP until the remote address is latched from the first packet",
                        label);
            }
            return false;
        }
        RtpPacketWriter writer = loop.writer;
        writer.payloadType(payloadType).marker(marker).ssrc(ssrc)
                .sequenceNumber(sequenceBase + sequenceOffset).timestamp(timestampBase + mediaTimestamp);
        int n = writer.write(payload, offset, length, loop.sendArray, 0);
        // The sequence number is used up even if the send fails: the receiver then sees a loss, which is true.
        sequenceOffset++;
        ByteBuffer out = loop.sendBuffer;
        out.clear();
        out.put(loop.sendArray, 0, n).flip();
        try {
            if (channel.send(out, peer) == 0) {
                increment(SEND_FULL);
                if (firstTime(LOGGED_SEND_FULL)) {
                    log.warn("{}: UDP send buffer full, dropping outgoing RTP (further drops are only counted);"
                            + " the host may be overloaded or the socket send buffer too small", label);
                }
                return false;
            }
        } catch (IOException e) {
            increment(SEND_ERRORS);
            if (firstTime(LOGGED_SEND_ERROR)) {
                log.warn("{}: sending RTP to {} failed (further failures are only counted): {}", label, peer,
                        e.toString());
            }
            return false;
        }
        increment(TX_PACKETS);
        add(TX_BYTES, n);
        return true;
    }

    // ---------------------------------------------------------------------------------------------- timer and tasks

    /**
     * Arms the session's timer: its {@link MediaTimer} runs on the loop thread at the first loop turn at or
     * after {@code deadlineNanos}. Replaces any earlier deadline (a session has one timer); a deadline in the
     * past fires at once. The timer fires once; call this again, typically from the callback, for the next
     * tick. Safe from any thread: from another thread the request is handed to the loop without allocation,
     * waking it only if it would otherwise sleep past the deadline. When several threads race, the last call
     * wins. Does nothing once the session is closed.
     *
     * @param deadlineNanos an absolute {@link System#nanoTime()} value
     * @throws IllegalStateException if the session was opened without a {@link MediaTimer}
     */
    public void scheduleAt(long deadlineNanos) {
        if (timer == null) {
            throw new IllegalStateException("session " + label + " has no MediaTimer; set one with"
                    + " SessionOptions.Builder.timer(...) to use scheduleAt");
        }
        long deadline = deadlineNanos == NO_TIMER ? NO_TIMER + 1 : deadlineNanos;
        timerRequest.set(deadline);
        requestTimer(deadline);
    }

    /** Disarms the session's timer if it is armed. Safe from any thread. */
    public void cancelTimer() {
        timerRequest.set(NO_TIMER);
        requestTimer(NO_TIMER);
    }

    private void requestTimer(long deadline) {
        if (loop.inLoop()) {
            loop.applyTimer(this);
        } else if (!loop.isTerminated()) {
            loop.timerRequested(this, deadline);
        }
    }

    /**
     * Runs {@code task} on the session's media loop thread, after the current callback (if any) returns; use it
     * to call {@link #sendFrame} or touch loop-confined state from another thread. The task runs even if the
     * session has been closed meanwhile (sends are then dropped). An exception it throws is counted in
     * {@link SessionStats#handlerErrors()}. Each call allocates a little, so do not use it per packet.
     *
     * @param task the work to run
     * @throws RejectedExecutionException if the endpoint has been closed
     */
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        loop.execute(new MediaLoop.SessionTask() {
            @Override
            public MediaSession session() {
                return MediaSession.this;
            }

            @Override
            public void run() {
                task.run();
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- closing

    /**
     * Starts closing the session from any thread: deregisters it from its loop, closes the socket and frees
     * the port. Idempotent.
     *
     * @return a stage completed once the port is free (dependent stages that are not {@code *Async} run on
     *     the media loop thread and must not block)
     */
    public CompletionStage<Void> closeAsync() {
        if (loop.inLoop()) {
            closeOnLoop(); // even if another thread asked first: its task may still be queued behind us
        } else if (closeRequested.compareAndSet(false, true)) {
            try {
                loop.execute(this::closeOnLoop);
            } catch (RejectedExecutionException e) {
                // The loop has stopped; its shutdown closed every registered session, this one included.
                log.trace("{}: loop already stopped", label);
            }
        }
        return closeFuture.minimalCompletionStage();
    }

    /**
     * Closes the session: deregisters it, closes the socket and frees the port. Idempotent and safe from any
     * thread. From another thread it returns once the port is free for reuse. On the loop thread (for example
     * in the receiver) it cannot wait for the loop, so it returns at once: the session is closed for sending
     * and receiving immediately, and the port is freed when the loop finishes its current turn.
     */
    @Override
    public void close() {
        CompletionStage<Void> done = closeAsync();
        if (!loop.inLoop()) {
            done.toCompletableFuture().join();
        }
    }

    // ---------------------------------------------------------------------------------------------- loop side

    DatagramChannel channel() {
        return channel;
    }

    long timestampBase() {
        return timestampBase;
    }

    int sequenceBase() {
        return sequenceBase;
    }

    boolean isRegisteredAndOpen() {
        return key != null && !channelClosed;
    }

    /** Loop thread: the channel is registered; the session is ready for use. */
    void registered(SelectionKey key) {
        this.key = key;
        log.debug("{}: listening on {} (advertised {}), remote {}", label, localAddress, advertisedAddress,
                remoteConfigured ? remote : "to be latched");
        if (!openFuture.complete(this)) {
            closeOnLoop(); // cannot happen: nothing else completes the open future
        }
    }

    /** Any thread: opening failed after the channel was bound; release everything. */
    void abortOpen(Throwable cause) {
        closeRequested.set(true);
        channelClosed = true;
        try {
            channel.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        loop.assigned.decrementAndGet();
        endpoint.sessionClosed(this);
        openFuture.completeExceptionally(cause);
        closeFuture.complete(null);
    }

    /** Loop thread: reads up to {@link #MAX_DATAGRAMS_PER_TURN} datagrams from the ready socket. */
    void readReady(MediaLoop loop) {
        ByteBuffer buffer = loop.receiveBuffer;
        // closeRequested, not channelClosed: a close asked for on another thread stops delivery at once,
        // even before the loop has run the task that closes the socket.
        for (int i = 0; i < MAX_DATAGRAMS_PER_TURN && !closeRequested.get(); i++) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (IOException e) {
                increment(RX_ERRORS);
                if (firstTime(LOGGED_RX_ERROR)) {
                    log.warn("{}: reading the RTP socket failed (further failures are only counted): {}", label,
                            e.toString());
                }
                return;
            }
            if (from == null) {
                return;
            }
            long arrivalNanos = System.nanoTime();
            buffer.flip();
            onDatagram((InetSocketAddress) from, buffer, arrivalNanos, loop.packet);
        }
    }

    private void onDatagram(InetSocketAddress from, ByteBuffer datagram, long arrivalNanos, RtpPacket packet) {
        InetSocketAddress peer = remote;
        // The JDK returns the same address object for consecutive datagrams from one sender: identity first.
        if (peer != null && from != peer && !from.equals(peer)) {
            increment(FOREIGN);
            if (firstTime(LOGGED_FOREIGN)) {
                log.warn("{}: dropped a datagram from {}: the session is locked to {} (RTP injection defence);"
                        + " further ones are only counted. If this is the real peer, the address Asterisk sends"
                        + " from differs from the one configured", label, from, peer);
            }
            return;
        }
        int length = datagram.remaining();
        RtpParseResult result = packet.parse(datagram);
        rejects.record(result);
        if (!result.isOk()) {
            return;
        }
        if (peer == null) {
            remote = from;
            InetSocketAddress wasExpected = expected;
            if (wasExpected != null && !wasExpected.equals(from)) {
                log.info("{}: latched remote RTP address {} (SSRC {}), not the expected {} (a NAT or container"
                        + " network in between); sending there from now on, other sources are dropped", label,
                        from, packet.ssrc(), wasExpected);
            } else {
                log.info("{}: latched remote RTP address {} (SSRC {}); other sources are now dropped", label,
                        from, packet.ssrc());
            }
        }
        increment(RX_PACKETS);
        add(RX_BYTES, length);
        reception.update(packet, arrivalNanos);
        try {
            receiver.onPacket(this, packet, arrivalNanos);
        } catch (Throwable t) { // NOPMD - a user callback must never kill the media loop
            handlerFailed("RtpReceiver", t);
        }
    }

    /** Loop thread: the timer is due. */
    void fireTimer(long nowNanos) {
        if (closeRequested.get() || timer == null) {
            return;
        }
        try {
            timer.onTimer(this, nowNanos);
        } catch (Throwable t) { // NOPMD - a user callback must never kill the media loop
            handlerFailed("MediaTimer", t);
        }
    }

    /** Loop thread: a user callback threw. */
    void handlerFailed(String what, Throwable t) {
        increment(HANDLER_ERRORS);
        if (firstTime(LOGGED_HANDLER)) {
            log.warn("{}: the session's {} threw; the session carries on and further errors are only counted",
                    label, what, t);
        }
    }

    /** Loop thread: closes the socket; the port is released after the loop's next select. */
    void closeOnLoop() {
        closeRequested.set(true);
        if (channelClosed) {
            return;
        }
        channelClosed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("{}: closing the socket failed", label, e);
        }
        loop.closed(this);
    }

    /** Loop thread: the port is free. */
    void closeCompleted() {
        if (log.isDebugEnabled()) {
            log.debug("{}: closed; {}", label, stats());
        }
        closeFuture.complete(null);
    }

    private boolean firstTime(int bit) {
        if ((loggedOnce & bit) != 0) {
            return false;
        }
        loggedOnce |= bit;
        return true;
    }

    private void increment(int counter) {
        counters.lazySet(counter, counters.get(counter) + 1);
    }

    private void add(int counter, long amount) {
        counters.lazySet(counter, counters.get(counter) + amount);
    }

    @Override
    public String toString() {
        InetSocketAddress peer = remote;
        return "MediaSession[" + label + ", local=" + localAddress + ", advertised=" + advertisedAddress
                + ", remote=" + (peer == null ? notLatched() : peer) + (isOpen() ? "" : ", closed") + "]";
    }

    private String notLatched() {
        InetSocketAddress e = expected;
        return e == null ? "not latched" : "not latched, sending to expected " + e;
    }
}
