package org.arivoice.rtp.pacer;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.arivoice.rtp.AudioPayload;

/**
 * Immutable settings of a {@link Pacer}; build once, share between calls, create a pacer per call with
 * {@link #newPacer()}.
 *
 * <pre>{@code
 * PacerConfig config = PacerConfig.builder()
 *         .format(AudioPayload.PCMU)          // 8 bytes and 8 samples per ms, silence 0xFF
 *         .ptimeMillis(20)
 *         .maxQueuedMillis(60_000)
 *         .overflowPolicy(OverflowPolicy.REJECT_NEW)
 *         .build();
 * }</pre>
 */
public final class PacerConfig {
    /** {@link #initialTimestamp()} when every pacer picks a random one, as RFC 3550 section 5.1 asks. */
    public static final long RANDOM_INITIAL_TIMESTAMP = -1;

    private final int ptimeMillis;
    private final int bytesPerMilli;
    private final int samplesPerMilli;
    private final byte[] silencePattern;
    private final int maxQueuedMillis;
    private final OverflowPolicy overflowPolicy;
    private final LongSupplier clock;
    private final long initialTimestamp;

    private PacerConfig(Builder b) {
        this.ptimeMillis = b.ptimeMillis;
        this.bytesPerMilli = b.bytesPerMilli;
        this.samplesPerMilli = b.samplesPerMilli;
        this.silencePattern = b.silencePattern.clone();
        this.maxQueuedMillis = b.maxQueuedMillis;
        this.overflowPolicy = b.overflowPolicy;
        this.clock = b.clock;
        this.initialTimestamp = b.initialTimestamp;
    }

    /**
     * Starts a builder with the defaults: 20 ms ptime, PCMU/PCMA sizes (8 bytes and 8 samples per ms),
     * silence {@code 0xFF}, 60 s queue with {@link OverflowPolicy#REJECT_NEW}, {@link System#nanoTime()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a pacer with these settings and no utterance listener.
     *
     * @return a new pacer, its slot clock started now
     */
    public Pacer newPacer() {
        return new Pacer(this, null);
    }

    /**
     * Creates a pacer with these settings.
     *
     * @param listener told on the polling thread when an utterance has been sent completely
     * @return a new pacer, its slot clock started now
     */
    public Pacer newPacer(Pacer.UtteranceListener listener) {
        return new Pacer(this, Objects.requireNonNull(listener, "listener"));
    }

    /** {@return the frame duration in milliseconds} */
    public int ptimeMillis() {
        return ptimeMillis;
    }

    /** {@return payload bytes per millisecond of audio} */
    public int bytesPerMilli() {
        return bytesPerMilli;
    }

    /** {@return RTP timestamp units (samples) per millisecond} */
    public int samplesPerMilli() {
        return samplesPerMilli;
    }

    /** {@return a copy of the bytes that, repeated, encode silence} */
    public byte[] silencePattern() {
        return silencePattern.clone();
    }

    /** {@return the most audio, in milliseconds, that may wait in the queue} */
    public int maxQueuedMillis() {
        return maxQueuedMillis;
    }

    /** {@return what happens to audio beyond the queue limit} */
    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    /** {@return the clock, in nanoseconds, that anchors the slot grid} */
    public LongSupplier clock() {
        return clock;
    }

    /** {@return the RTP timestamp of slot 0, or {@link #RANDOM_INITIAL_TIMESTAMP}} */
    public long initialTimestamp() {
        return initialTimestamp;
    }

    /** {@return payload bytes in one frame} */
    public int bytesPerFrame() {
        return ptimeMillis * bytesPerMilli;
    }

    /** {@return RTP timestamp units in one frame} */
    public int samplesPerFrame() {
        return ptimeMillis * samplesPerMilli;
    }

    @Override
    public String toString() {
        return "PacerConfig[ptime=" + ptimeMillis + "ms, bytesPerMilli=" + bytesPerMilli + ", samplesPerMilli="
                + samplesPerMilli + ", silence=" + Arrays.toString(silencePattern) + ", maxQueued="
                + maxQueuedMillis + "ms, overflow=" + overflowPolicy + "]";
    }

    /** Collects settings for a {@link PacerConfig}; not thread-safe, build then discard. */
    public static final class Builder {
        private int ptimeMillis = 20;
        private int bytesPerMilli = 8;
        private int samplesPerMilli = 8;
        private byte[] silencePattern = {(byte) 0xFF};
        private int maxQueuedMillis = 60_000;
        private OverflowPolicy overflowPolicy = OverflowPolicy.REJECT_NEW;
        private LongSupplier clock = System::nanoTime;
        private long initialTimestamp = RANDOM_INITIAL_TIMESTAMP;

        private Builder() {
        }

        /**
         * Sets bytes per ms, samples per ms and silence from a known format, for example
         * {@link AudioPayload#L16_16K}: 32 bytes, 16 samples, zero bytes.
         *
         * @param payload the format sent to the peer
         * @return this builder
         */
        public Builder format(AudioPayload payload) {
            this.bytesPerMilli = payload.bytesPerMilli();
            this.samplesPerMilli = payload.clockRate() / 1000;
            byte[] pattern = new byte[payload.bytesPerSample()];
            Arrays.fill(pattern, payload.silenceByte());
            this.silencePattern = pattern;
            return this;
        }

        /**
         * Sets the frame duration (default 20 ms).
         *
         * @param ptimeMillis 10 to 120
         * @return this builder
         */
        public Builder ptimeMillis(int ptimeMillis) {
            this.ptimeMillis = requireRange("ptime", ptimeMillis, 10, 120);
            return this;
        }

        /**
         * Sets the payload bytes per millisecond (default 8: G.711 at 8 kHz; 32 for 16 kHz L16).
         *
         * @param bytesPerMilli 1 to 1000
         * @return this builder
         */
        public Builder bytesPerMilli(int bytesPerMilli) {
            this.bytesPerMilli = requireRange("bytesPerMilli", bytesPerMilli, 1, 1000);
            return this;
        }

        /**
         * Sets the RTP clock units per millisecond (default 8: an 8 kHz clock; 16 for 16 kHz L16).
         *
         * @param samplesPerMilli 1 to 1000
         * @return this builder
         */
        public Builder samplesPerMilli(int samplesPerMilli) {
            this.samplesPerMilli = requireRange("samplesPerMilli", samplesPerMilli, 1, 1000);
            return this;
        }

        /**
         * Sets the bytes that, repeated, encode silence; used to complete the last frame of an utterance
         * (default {@code 0xFF}, µ-law silence; A-law is {@code 0xD5}, L16 is {@code 0x00 0x00}).
         *
         * @param pattern 1 or more bytes (copied); a frame's length must be a multiple of it
         * @return this builder
         */
        public Builder silencePattern(byte... pattern) {
            if (pattern.length == 0) {
                throw new IllegalArgumentException("silence pattern must not be empty");
            }
            this.silencePattern = pattern.clone();
            return this;
        }

        /**
         * Sets how much audio may wait (default 60,000 ms). The queue memory grows to this on demand.
         *
         * @param maxQueuedMillis 1 ptime to 3,600,000
         * @return this builder
         */
        public Builder maxQueuedMillis(int maxQueuedMillis) {
            this.maxQueuedMillis = requireRange("maxQueuedMillis", maxQueuedMillis, 1, 3_600_000);
            return this;
        }

        /**
         * Sets what happens when the queue is full (default {@link OverflowPolicy#REJECT_NEW}).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder overflowPolicy(OverflowPolicy policy) {
            this.overflowPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the nanosecond clock that anchors the slot grid when a pacer is created, and that
         * {@link Pacer#poll(Pacer.FrameSink)} reads (default {@link System#nanoTime()}). Tests inject a fake.
         *
         * @param clock a monotonic nanosecond clock
         * @return this builder
         */
        public Builder clock(LongSupplier clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the RTP timestamp of slot 0 (default: random per pacer, as RFC 3550 asks).
         *
         * @param timestamp 0 to 2^32-1, or {@link #RANDOM_INITIAL_TIMESTAMP}
         * @return this builder
         */
        public Builder initialTimestamp(long timestamp) {
            if ((timestamp < 0 || timestamp > 0xFFFF_FFFFL) && timestamp != RANDOM_INITIAL_TIMESTAMP) {
                throw new IllegalArgumentException("initial timestamp must be 0 to 4294967295, was " + timestamp);
            }
            this.initialTimestamp = timestamp;
            return this;
        }

        /**
         * Validates the combination and builds the configuration.
         *
         * @return the immutable configuration
         * @throws IllegalStateException if a sample is not a whole number of bytes, a frame is not a whole
         *     number of silence patterns, or the queue cannot hold one frame
         */
        public PacerConfig build() {
            if (bytesPerMilli % samplesPerMilli != 0) {
                throw new IllegalStateException("bytesPerMilli " + bytesPerMilli + " is not a multiple of "
                        + "samplesPerMilli " + samplesPerMilli + ": a sample must be a whole number of bytes");
            }
            int frameBytes = ptimeMillis * bytesPerMilli;
            if (frameBytes % silencePattern.length != 0) {
                throw new IllegalStateException("a frame of " + frameBytes + " bytes is not a whole number of "
                        + silencePattern.length + "-byte silence patterns");
            }
            if (maxQueuedMillis < ptimeMillis) {
                throw new IllegalStateException("maxQueuedMillis " + maxQueuedMillis
                        + " cannot hold one " + ptimeMillis + " ms frame");
            }
            return new PacerConfig(this);
        }

        private static int requireRange(String what, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(what + " must be " + min + " to " + max + ", was " + v);
            }
            return v;
        }
    }
}
