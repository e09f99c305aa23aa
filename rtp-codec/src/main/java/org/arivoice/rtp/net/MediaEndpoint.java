package org.arivoice.rtp.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.BitSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP side of many calls: a few media loop threads, each multiplexing the RTP sockets of hundreds of
 * {@link MediaSession}s with one {@link java.nio.channels.Selector}. Build one per process (or per network
 * interface) and open a session per call.
 *
 * <pre>{@code
 * try (MediaEndpoint endpoint = MediaEndpoint.builder()
 *         .bindAddress("0.0.0.0")
 *         .advertisedHost("10.0.0.5")          // the address Asterisk can reach us on
 *         .portRange(40000, 40999)
 *         .build()) {
 *     MediaSession session = endpoint.openSession(SessionOptions.builder().receiver(receiver).build());
 *     ari.externalMedia(channelId, session.advertisedAddress(), "ulaw");   // external_host
 *     ...
 * }
 * }</pre>
 *
 * <h2>Bind address versus advertised address</h2>
 * The <em>bind address</em> is the local interface the sockets listen on; the <em>advertised host</em> is
 * what Asterisk is told to send RTP to (ExternalMedia's {@code external_host}). They differ whenever there is
 * address translation between the two: in a container ({@code 0.0.0.0} inside, the host's or the pod's
 * address outside), behind NAT, or on a multi-homed host. Advertising the bind address in those cases is the
 * classic cause of one-way audio: we send fine, Asterisk sends to an address that never reaches us. So a
 * wildcard bind address has no default advertised host: {@link Builder#build()} refuses it until
 * {@link Builder#advertisedHost(String)} is set.
 *
 * <h2>Ports</h2>
 * Each session takes one port of {@link Builder#portRange(int, int) the range} (default 40000-40999, chosen
 * not to overlap Asterisk's own default 10000-20000). Ports are handed out round-robin, not lowest-first, so
 * that a port just released is not immediately reused: late packets of the previous call would otherwise
 * reach, and even be latched by, the next one. Ports bound by other sockets are skipped. By default every
 * port is used, because ExternalMedia carries no RTCP and needs no even/odd pair;
 * {@link Builder#evenPortsOnly(boolean)} restores the RFC 3550 convention for peers that expect it. The
 * range {@code 0-0} ({@link Builder#ephemeralPorts()}) lets the system pick, for tests.
 *
 * <h2>Threads</h2>
 * {@link Builder#loopThreads(int)} threads (default {@code min(2, availableProcessors)}) serve every
 * session: a session belongs to the least loaded loop for its whole life, and all its callbacks run there.
 * Callbacks must therefore never block. See {@link MediaSession} for what may be called from where.
 * {@link #close()} closes every session, stops the loops and waits for their threads to end.
 */
public final class MediaEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaEndpoint.class);

    /** The default port range. */
    public static final PortRange DEFAULT_PORT_RANGE = new PortRange(40_000, 40_999);

    private final InetAddress bindAddress;
    private final String advertisedHost;
    private final PortRange portRange;
    private final boolean evenPortsOnly;
    private final String threadNamePrefix;
    private final int socketReceiveBufferBytes;
    private final int socketSendBufferBytes;
    private final int trafficClass;
    private final MediaLoop[] loops;
    private final SecureRandom random = new SecureRandom();
    private final Set<MediaSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger loopCursor = new AtomicInteger();

    // Ports of the range held by this endpoint's sessions (bit i = first + i), and where the next search starts.
    private final BitSet portsInUse = new BitSet();
    private int portCursor;
    private boolean trafficClassWarned;

    private MediaEndpoint(Builder b, InetAddress bindAddress, String advertisedHost) throws IOException {
        this.bindAddress = bindAddress;
        this.advertisedHost = advertisedHost;
        this.portRange = b.portRange;
        this.evenPortsOnly = b.evenPortsOnly;
        this.threadNamePrefix = b.threadNamePrefix;
        this.socketReceiveBufferBytes = b.socketReceiveBufferBytes;
        this.socketSendBufferBytes = b.socketSendBufferBytes;
        this.trafficClass = b.trafficClass;
        this.loops = new MediaLoop[b.loopThreads];
        try {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new MediaLoop(this, b.threadNamePrefix + i, b.daemonThreads);
            }
        } catch (IOException e) {
            for (MediaLoop loop : loops) {
                if (loop != null) {
                    loop.discard();
                }
            }
            throw e;
        }
        if (!portRange.isEphemeral()) {
            portCursor = evenPortsOnly && (portRange.first() & 1) != 0 ? 1 : 0;
        }
        for (MediaLoop loop : loops) {
            loop.start();
        }
        log.info("media endpoint bound to {} (advertised as {}), ports {}{}, {} loop thread(s)",
                bindAddress.getHostAddress(), advertisedHost, portRange, evenPortsOnly ? " (even only)" : "",
                loops.length);
    }

    /**
     * Returns a builder with the defaults: bind {@code 0.0.0.0} (advertised host then required), ports
     * 40000-40999 all usable, {@code min(2, availableProcessors)} daemon loop threads named
     * {@code arivoice-media-N}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a session: binds a free port of the range, registers it with the least loaded media loop, and
     * returns it ready to receive. Blocks briefly, until the loop has registered the socket.
     *
     * @param options the session's options
     * @return the open session
     * @throws NoFreePortException if every port of the range is taken
     * @throws IOException if the socket cannot be opened or bound for another reason
     * @throws IllegalStateException if the endpoint is closed
     * @throws IllegalArgumentException if the configured remote is IPv6 and the endpoint is bound to IPv4
     */
    public MediaSession openSession(SessionOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        if (closed.get()) {
            throw closedException();
        }
        try {
            return openSessionAsync(options).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw e;
        }
    }

    /**
     * Opens a session without waiting for the media loop. The port is bound on the calling thread (a quick,
     * non-blocking system call); registration with the loop happens asynchronously. When called on a media
     * loop thread, the session is put on that loop and the returned future is already complete.
     *
     * @param options the session's options
     * @return a future completed with the session once it can receive, or exceptionally with
     *     {@link NoFreePortException}, another {@link IOException}, {@link IllegalStateException} if the
     *     endpoint is closed, or {@link IllegalArgumentException} if the configured remote is IPv6 and the
     *     endpoint is bound to IPv4. Dependent stages that are not {@code *Async} may run on a media loop
     *     thread and must not block.
     */
    public CompletableFuture<MediaSession> openSessionAsync(SessionOptions options) {
        Objects.requireNonNull(options, "options");
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedException());
        }
        InetSocketAddress remote = options.remote().orElse(null);
        if (remote != null && remote.getAddress() instanceof Inet6Address && !(bindAddress instanceof Inet6Address)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("remote " + remote + " is IPv6 but the"
                    + " endpoint is bound to IPv4 address " + bindAddress.getHostAddress() + "; bind to an IPv6"
                    + " address or :: to reach IPv6 peers"));
        }
        MediaLoop loop = chooseLoop();
        loop.assigned.incrementAndGet();
        DatagramChannel channel;
        InetSocketAddress local;
        try {
            channel = bindChannel();
            local = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            loop.assigned.decrementAndGet();
            return CompletableFuture.failedFuture(e);
        }
        long ssrc;
        int sequenceBase;
        long timestampBase;
        // SecureRandom is thread-safe; it is seeded once, on first use, for the life of the endpoint.
        ssrc = options.ssrc() >= 0 ? options.ssrc() : random.nextInt() & 0xFFFF_FFFFL;
        sequenceBase = random.nextInt(1 << 16);
        timestampBase = random.nextInt() & 0xFFFF_FFFFL;
        MediaSession session = new MediaSession(this, loop, channel, local,
                formatHostPort(advertisedHost, local.getPort()), options, ssrc, sequenceBase, timestampBase);
        sessions.add(session);
        if (loop.inLoop()) {
            loop.register(session);
        } else {
            try {
                loop.execute(() -> loop.register(session));
            } catch (RejectedExecutionException e) {
                session.abortOpen(closedException());
            }
        }
        return session.openFuture.copy();
    }

    /**
     * The address the session sockets are bound to.
     *
     * @return the bind address, possibly a wildcard
     */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /**
     * The host peers are told to send to.
     *
     * @return the advertised host (an IP literal or a host name, without brackets)
     */
    public String advertisedHost() {
        return advertisedHost;
    }

    /**
     * The range ports are allocated from.
     *
     * @return the port range
     */
    public PortRange portRange() {
        return portRange;
    }

    /**
     * Whether only even ports are allocated.
     *
     * @return {@code true} if odd ports are skipped
     */
    public boolean evenPortsOnly() {
        return evenPortsOnly;
    }

    /**
     * The number of media loop threads.
     *
     * @return the loop count
     */
    public int loopThreads() {
        return loops.length;
    }

    /**
     * The number of sessions currently open (or being opened or closed).
     *
     * @return the session count
     */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return {@code true} once closing has begun
     */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes every session, stops the media loops and waits (up to 10 seconds per loop, in case a callback
     * blocks) for their threads to end. Idempotent. Called on a media loop thread, it cannot wait for that
     * loop, which ends once the current callback returns.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            log.info("closing media endpoint on {} with {} session(s)", bindAddress.getHostAddress(), sessions.size());
            for (MediaLoop loop : loops) {
                loop.stop();
            }
        }
        boolean interrupted = false;
        for (MediaLoop loop : loops) {
            Thread t = loop.thread();
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
                if (t.isAlive()) {
                    log.warn("media loop {} did not stop within 10 s: a session callback is probably blocking",
                            t.getName());
                }
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "MediaEndpoint[bind=" + bindAddress.getHostAddress() + ", advertised=" + advertisedHost + ", ports="
                + portRange + (evenPortsOnly ? " even" : "") + ", loops=" + loops.length + ", sessions="
                + sessions.size() + (closed.get() ? ", closed" : "") + "]";
    }

    // ---------------------------------------------------------------------------------------------- internals

    private IllegalStateException closedException() {
        return new IllegalStateException("media endpoint on " + bindAddress.getHostAddress() + " is closed");
    }

    /** The loop with the fewest sessions; ties are broken round-robin so that loops fill evenly. */
    private MediaLoop chooseLoop() {
        for (MediaLoop loop : loops) {
            if (loop.inLoop()) {
                return loop; // registering on our own loop is immediate and cannot deadlock
            }
        }
        int start = Math.floorMod(loopCursor.getAndIncrement(), loops.length);
        MediaLoop best = loops[start];
        for (int i = 1; i < loops.length; i++) {
            MediaLoop candidate = loops[(start + i) % loops.length];
            if (candidate.assigned.get() < best.assigned.get()) {
                best = candidate;
            }
        }
        return best;
    }

    private DatagramChannel bindChannel() throws IOException {
        if (portRange.isEphemeral()) {
            return openChannel(0);
        }
        // Ports of the range that other sockets of the host turned out to hold, so each is tried only once.
        BitSet busyElsewhere = new BitSet();
        while (true) {
            int port = reservePort(busyElsewhere);
            if (port < 0) {
                break; // every candidate is held by one of our sessions or by another socket
            }
            try {
                return openChannel(port);
            } catch (BindException e) {
                releasePort(port);
                busyElsewhere.set(port - portRange.first());
            } catch (IOException | RuntimeException e) {
                releasePort(port);
                throw e;
            }
        }
        throw new NoFreePortException(portRange, bindAddress, evenPortsOnly, sessions.size(),
                busyElsewhere.cardinality());
    }

    private static int evenCount(PortRange range) {
        int firstEven = range.first() + (range.first() & 1);
        return firstEven > range.last() ? 0 : (range.last() - firstEven) / 2 + 1;
    }

    /**
     * Marks the next candidate port that is neither ours nor in {@code skip} as ours and returns it, or -1
     * when there is none. Scans at most the whole range once.
     */
    private synchronized int reservePort(BitSet skip) {
        int size = portRange.size();
        int step = evenPortsOnly ? 2 : 1;
        for (int tried = 0; tried < size; tried += step) {
            int index = portCursor;
            portCursor += step;
            if (portCursor >= size) {
                portCursor = evenPortsOnly && (portRange.first() & 1) != 0 ? 1 : 0;
            }
            if (!portsInUse.get(index) && !skip.get(index)) {
                portsInUse.set(index);
                return portRange.first() + index;
            }
        }
        return -1;
    }

    private synchronized void releasePort(int port) {
        if (portRange.contains(port)) {
            portsInUse.clear(port - portRange.first());
        }
    }

    private DatagramChannel openChannel(int port) throws IOException {
        ProtocolFamily family = bindAddress instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            channel.configureBlocking(false);
            if (socketReceiveBufferBytes > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, socketReceiveBufferBytes);
            }
            if (socketSendBufferBytes > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, socketSendBufferBytes);
            }
            if (trafficClass >= 0) {
                setTrafficClass(channel);
            }
            channel.bind(new InetSocketAddress(bindAddress, port));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void setTrafficClass(DatagramChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.IP_TOS, trafficClass);
        } catch (IOException | UnsupportedOperationException e) {
            // Marking is an optimisation for the network; a platform that refuses it must not stop calls.
            synchronized (this) {
                if (!trafficClassWarned) {
                    trafficClassWarned = true;
                    log.warn("cannot set IP_TOS {} on RTP sockets: {}", trafficClass, e.toString());
                }
            }
        }
    }

    /** A session's socket has been closed (or never registered): forget it and free its port. */
    void sessionClosed(MediaSession session) {
        sessions.remove(session);
        releasePort(session.localPort());
    }

    static String formatHostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Builds a {@link MediaEndpoint}. Not thread-safe; each setter returns the builder. */
    public static final class Builder {
        private String bindAddress = "0.0.0.0";
        private String advertisedHost;
        private PortRange portRange = DEFAULT_PORT_RANGE;
        private boolean evenPortsOnly;
        private int loopThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
        private String threadNamePrefix = "arivoice-media-";
        private boolean daemonThreads = true;
        private int socketReceiveBufferBytes;
        private int socketSendBufferBytes;
        private int trafficClass = -1;

        private Builder() {
        }

        /**
         * Sets the local address the sockets bind to: an interface address, or a wildcard ({@code 0.0.0.0},
         * {@code ::}) for all interfaces. A wildcard requires {@link #advertisedHost(String)}.
         *
         * @param address an IP literal (a host name is resolved once, here)
         * @return this builder
         * @throws IllegalArgumentException if the address cannot be resolved
         */
        public Builder bindAddress(String address) {
            Objects.requireNonNull(address, "address");
            try {
                InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve RTP bind address '" + address + "'", e);
            }
            this.bindAddress = address;
            return this;
        }

        /**
         * Sets the local address the sockets bind to.
         *
         * @param address an interface address or a wildcard
         * @return this builder
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address").getHostAddress();
            return this;
        }

        /**
         * Sets the host peers are told to send RTP to ({@link MediaSession#advertisedAddress()}): the address
         * at which Asterisk reaches this process, which differs from the bind address behind NAT or in a
         * container. Defaults to the bind address when that is not a wildcard.
         *
         * @param host an IP literal (IPv6 with or without brackets) or a host name, without a port
         * @return this builder
         * @throws IllegalArgumentException if the host is blank or carries a port
         */
        public Builder advertisedHost(String host) {
            Objects.requireNonNull(host, "host");
            String h = host.strip();
            if (h.startsWith("[") && h.endsWith("]")) {
                h = h.substring(1, h.length() - 1);
            }
            // One colon means host:port; an IPv6 literal has at least two.
            boolean hasPort = h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':');
            if (h.isEmpty() || hasPort) {
                throw new IllegalArgumentException("advertised host must be a host name or IP address without a port,"
                        + " was '" + host + "'");
            }
            this.advertisedHost = h;
            return this;
        }

        /**
         * Sets the host peers are told to send RTP to.
         *
         * @param address the address Asterisk reaches this process at
         * @return this builder
         */
        public Builder advertisedHost(InetAddress address) {
            return advertisedHost(Objects.requireNonNull(address, "address").getHostAddress());
        }

        /**
         * Sets the inclusive range of local ports, one per session. Size it for the peak number of concurrent
         * calls with room to spare (released ports are not reused at once).
         *
         * @param first the lowest port, 1-65535
         * @param last the highest port, at least {@code first}
         * @return this builder
         */
        public Builder portRange(int first, int last) {
            this.portRange = new PortRange(first, last);
            return this;
        }

        /**
         * Sets the range of local ports.
         *
         * @param range the range, or {@link PortRange#EPHEMERAL}
         * @return this builder
         */
        public Builder portRange(PortRange range) {
            this.portRange = Objects.requireNonNull(range, "range");
            return this;
        }

        /**
         * Lets the operating system pick an ephemeral port for each session (port 0). For tests: a firewall
         * cannot be opened for such ports.
         *
         * @return this builder
         */
        public Builder ephemeralPorts() {
            this.portRange = PortRange.EPHEMERAL;
            return this;
        }

        /**
         * Allocates only even ports, leaving each odd port for an RTCP companion as RFC 3550 11 suggests.
         * Off by default: Asterisk's ExternalMedia sends no RTCP, so pairs would only halve the capacity.
         *
         * @param evenOnly {@code true} to skip odd ports
         * @return this builder
         */
        public Builder evenPortsOnly(boolean evenOnly) {
            this.evenPortsOnly = evenOnly;
            return this;
        }

        /**
         * Sets the number of media loop threads. A few loops serve thousands of calls; more threads than
         * cores only add context switches.
         *
         * @param threads 1-64
         * @return this builder
         */
        public Builder loopThreads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("media loop threads must be 1-64, was " + threads);
            }
            this.loopThreads = threads;
            return this;
        }

        /**
         * Sets the prefix of the loop threads' names; the loop index is appended.
         *
         * @param prefix a non-blank prefix, e.g. {@code "arivoice-media-"}
         * @return this builder
         */
        public Builder threadNamePrefix(String prefix) {
            if (Objects.requireNonNull(prefix, "prefix").isBlank()) {
                throw new IllegalArgumentException("thread name prefix must not be blank");
            }
            this.threadNamePrefix = prefix;
            return this;
        }

        /**
         * Sets whether the loop threads are daemon threads (default {@code true}: an endpoint left open does
         * not keep the JVM alive).
         *
         * @param daemon {@code true} for daemon threads
         * @return this builder
         */
        public Builder daemonThreads(boolean daemon) {
            this.daemonThreads = daemon;
            return this;
        }

        /**
         * Sets {@code SO_RCVBUF} of each session socket, or 0 to keep the system default.
         *
         * @param bytes the requested size (the kernel may adjust it)
         * @return this builder
         */
        public Builder socketReceiveBufferBytes(int bytes) {
            this.socketReceiveBufferBytes = requireNonNegative("SO_RCVBUF", bytes);
            return this;
        }

        /**
         * Sets {@code SO_SNDBUF} of each session socket, or 0 to keep the system default.
         *
         * @param bytes the requested size (the kernel may adjust it)
         * @return this builder
         */
        public Builder socketSendBufferBytes(int bytes) {
            this.socketSendBufferBytes = requireNonNegative("SO_SNDBUF", bytes);
            return this;
        }

        /**
         * Sets the IP traffic class ({@code IP_TOS}) of outgoing packets, e.g. {@code 0xB8} (DSCP EF, the
         * usual marking for voice), or -1 (default) to leave it unset. A platform that refuses the option
         * gets one warning and unmarked packets.
         *
         * @param tos 0-255, or -1
         * @return this builder
         */
        public Builder trafficClass(int tos) {
            if (tos < -1 || tos > 255) {
                throw new IllegalArgumentException("IP traffic class must be 0-255 (or -1 for unset), was " + tos);
            }
            this.trafficClass = tos;
            return this;
        }

        /**
         * Builds the endpoint and starts its loop threads. No port is bound until a session is opened.
         *
         * @return the running endpoint
         * @throws IllegalStateException if the bind address is a wildcard and no advertised host is set, or if
         *     even ports only is asked of a range without even ports
         * @throws UncheckedIOException if a selector cannot be opened
         */
        public MediaEndpoint build() {
            InetAddress bind;
            try {
                bind = InetAddress.getByName(bindAddress);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve RTP bind address '" + bindAddress + "'", e);
            }
            String advertised = advertisedHost;
            if (advertised == null) {
                if (bind.isAnyLocalAddress()) {
                    throw new IllegalStateException("bind address " + bind.getHostAddress() + " is a wildcard, so"
                            + " there is no address to tell Asterisk: set advertisedHost(...) to the address Asterisk"
                            + " can reach this process at (advertising the wrong address is the classic cause of"
                            + " one-way audio behind NAT or in containers)");
                }
                advertised = bind.getHostAddress();
            }
            if (evenPortsOnly && !portRange.isEphemeral() && evenCount(portRange) == 0) {
                throw new IllegalStateException("port range " + portRange + " has no even port but evenPortsOnly is"
                        + " set");
            }
            try {
                return new MediaEndpoint(this, bind, advertised);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a selector for the media loops", e);
            }
        }

        private static int requireNonNegative(String what, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(what + " must be 0 (system default) or positive, was " + value);
            }
            return value;
        }
    }
}
