package org.arivoice.rtp.net;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable options for one {@link MediaSession}, built with {@link #builder()}.
 *
 * <pre>{@code
 * SessionOptions options = SessionOptions.builder()
 *         .label(channelId)
 *         .receiver((session, packet, arrivalNanos) -> jitterBuffer.offer(packet, arrivalNanos))
 *         .timer((session, now) -> pacerDriver.onTimer(session, now))
 *         .build();
 * }</pre>
 *
 * <p><b>Remote address.</b> Without {@link Builder#remote(InetSocketAddress)} the session learns its peer
 * from the first well-formed RTP packet it receives ("latching") and from then on is locked to that
 * address and port. With it (for example from Asterisk's {@code UNICASTRTP_LOCAL_ADDRESS} and
 * {@code UNICASTRTP_LOCAL_PORT} channel variables) the session is locked from the start and can send at
 * once. Either way, datagrams from any other address or port are dropped and counted in
 * {@link SessionStats#foreignSourceDropped()}: this stops a third party from injecting audio into a call
 * by guessing the port. There is deliberately no re-latching (not even on an SSRC change): a peer that
 * legitimately moves needs a new session.
 */
public final class SessionOptions {
    private static final SessionOptions DEFAULTS = builder().build();

    private final InetSocketAddress remote;
    private final RtpReceiver receiver;
    private final MediaTimer timer;
    private final String label;
    private final long ssrc;
    private final int clockRate;

    private SessionOptions(Builder b) {
        this.remote = b.remote;
        this.receiver = b.receiver;
        this.timer = b.timer;
        this.label = b.label;
        this.ssrc = b.ssrc;
        this.clockRate = b.clockRate;
    }

    /**
     * Returns a new builder with the defaults: latch the remote, discard received packets, no timer,
     * random SSRC, 8000 Hz clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default options (see {@link #builder()}).
     *
     * @return options with every default
     */
    public static SessionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The configured remote address, if any.
     *
     * @return the peer to send to and accept from, or empty to latch it from the first packet
     */
    public Optional<InetSocketAddress> remote() {
        return Optional.ofNullable(remote);
    }

    /**
     * The receive callback.
     *
     * @return the receiver, {@link RtpReceiver#DISCARD} by default
     */
    public RtpReceiver receiver() {
        return receiver;
    }

    /**
     * The timer callback, if any.
     *
     * @return the timer callback, or empty when the session never uses {@link MediaSession#scheduleAt(long)}
     */
    public Optional<MediaTimer> timer() {
        return Optional.ofNullable(timer);
    }

    /**
     * The label used in log lines and {@link MediaSession#toString()}, e.g. an Asterisk channel id.
     *
     * @return the label, or empty to use the local port
     */
    public Optional<String> label() {
        return Optional.ofNullable(label);
    }

    /**
     * The SSRC of the outgoing stream, if fixed.
     *
     * @return the SSRC (0 to 2^32-1), or -1 for a random one drawn from the endpoint's {@code SecureRandom}
     */
    public long ssrc() {
        return ssrc;
    }

    /**
     * The RTP clock rate of the received stream, used to express interarrival jitter in timestamp units.
     *
     * @return the clock rate in Hz (8000 for G.711)
     */
    public int clockRate() {
        return clockRate;
    }

    @Override
    public String toString() {
        return "SessionOptions[remote=" + (remote == null ? "latch" : remote) + ", label=" + label
                + ", ssrc=" + (ssrc < 0 ? "random" : Long.toString(ssrc)) + ", clockRate=" + clockRate
                + ", timer=" + (timer != null) + "]";
    }

    /** Builds {@link SessionOptions}. Not thread-safe; each setter returns the builder. */
    public static final class Builder {
        private InetSocketAddress remote;
        private RtpReceiver receiver = RtpReceiver.DISCARD;
        private MediaTimer timer;
        private String label;
        private long ssrc = -1;
        private int clockRate = 8000;

        private Builder() {
        }

        /**
         * Fixes the remote address instead of latching it from the first packet.
         *
         * @param remote a resolved, non-wildcard address with a port in 1-65535, or {@code null} to latch
         * @return this builder
         * @throws IllegalArgumentException if the address is unresolved, a wildcard, or has port 0
         */
        public Builder remote(InetSocketAddress remote) {
            if (remote != null) {
                if (remote.isUnresolved()) {
                    throw new IllegalArgumentException("remote RTP address " + remote
                            + " is unresolved; resolve it first (the media path never does DNS)");
                }
                if (remote.getAddress().isAnyLocalAddress() || remote.getPort() == 0) {
                    throw new IllegalArgumentException("remote RTP address " + remote
                            + " is a wildcard or has port 0; pass the address and port packets actually come from");
                }
            }
            this.remote = remote;
            return this;
        }

        /**
         * Sets the receive callback, run on the media loop for each accepted packet.
         *
         * @param receiver the callback
         * @return this builder
         */
        public Builder receiver(RtpReceiver receiver) {
            this.receiver = Objects.requireNonNull(receiver, "receiver");
            return this;
        }

        /**
         * Sets the timer callback, run on the media loop when the deadline set with
         * {@link MediaSession#scheduleAt(long)} is reached.
         *
         * @param timer the callback, or {@code null} for none
         * @return this builder
         */
        public Builder timer(MediaTimer timer) {
            this.timer = timer;
            return this;
        }

        /**
         * Sets a label for log lines, e.g. the Asterisk channel id.
         *
         * @param label a non-blank label, or {@code null} to use the local port
         * @return this builder
         */
        public Builder label(String label) {
            if (label != null && label.isBlank()) {
                throw new IllegalArgumentException("session label must not be blank");
            }
            this.label = label;
            return this;
        }

        /**
         * Fixes the SSRC of the outgoing stream instead of drawing a random one (RFC 3550 8.1 asks for a
         * random SSRC; fix it only to reproduce a stream).
         *
         * @param ssrc 0 to 2^32-1, or -1 for random
         * @return this builder
         */
        public Builder ssrc(long ssrc) {
            if (ssrc < -1 || ssrc > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("SSRC must be 0 to 4294967295 (or -1 for random), was " + ssrc);
            }
            this.ssrc = ssrc;
            return this;
        }

        /**
         * Sets the RTP clock rate of the received stream.
         *
         * @param hz the clock rate, e.g. 8000 for G.711 or 16000 for slin16
         * @return this builder
         */
        public Builder clockRate(int hz) {
            if (hz <= 0) {
                throw new IllegalArgumentException("RTP clock rate must be positive, was " + hz);
            }
            this.clockRate = hz;
            return this;
        }

        /**
         * Builds the immutable options.
         *
         * @return the options
         */
        public SessionOptions build() {
            return new SessionOptions(this);
        }
    }
}
