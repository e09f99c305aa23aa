package org.arivoice.rtp.jitter;

import org.arivoice.rtp.AudioPayload;
import java.util.Objects;

/**
 * Immutable settings of a {@link JitterBuffer}; build once, share between all calls that use the same
 * format, create a buffer per call with {@link #newBuffer()}.
 *
 * <pre>{@code
 * JitterBufferConfig config = JitterBufferConfig.builder(AudioPayload.L16_16K) // Asterisk slin16, PT 118
 *         .depthMillis(60)
 *         .concealment(Concealment.repeat(2))
 *         .build();
 * JitterBuffer buffer = config.newBuffer();
 * }</pre>
 */
public final class JitterBufferConfig {
    private final AudioPayload payload;
    private final int payloadType;
    private final int ptimeMillis;
    private final int depthMillis;
    private final int telephoneEventPayloadType;
    private final int comfortNoisePayloadType;
    private final Concealment concealment;
    private final int capacity;
    private final int maxPacketMillis;
    private final int maxTimestampJumpMillis;

    private JitterBufferConfig(Builder b) {
        this.payload = b.payload;
        this.payloadType = b.payloadType >= 0 ? b.payloadType : b.payload.defaultPayloadType();
        this.ptimeMillis = b.ptimeMillis;
        this.depthMillis = b.depthMillis;
        this.telephoneEventPayloadType = b.telephoneEventPayloadType;
        this.comfortNoisePayloadType = b.comfortNoisePayloadType;
        this.concealment = b.concealment;
        // Enough slots for 10 ms packets covering twice the depth (the most the buffer holds before it
        // treats the sender's clock as running ahead), plus a few for duplicates in flight.
        this.capacity = b.capacity > 0 ? b.capacity : Math.max(16, depthMillis * 2 / 10 + 8);
        this.maxPacketMillis = b.maxPacketMillis > 0 ? b.maxPacketMillis : Math.max(60, 3 * ptimeMillis);
        this.maxTimestampJumpMillis = b.maxTimestampJumpMillis;
    }

    /**
     * Starts a builder for the given audio format.
     *
     * @param payload the audio format the sender uses
     * @return a builder with the defaults described on its setters
     */
    public static Builder builder(AudioPayload payload) {
        return new Builder(payload);
    }

    /**
     * Creates a jitter buffer with these settings.
     *
     * @return a new, empty buffer
     */
    public JitterBuffer newBuffer() {
        return new JitterBuffer(this);
    }

    /** {@return the audio format} */
    public AudioPayload payload() {
        return payload;
    }

    /** {@return the RTP payload type of the audio, 0-127} */
    public int payloadType() {
        return payloadType;
    }

    /** {@return the nominal packet duration in milliseconds, also the size of concealment chunks} */
    public int ptimeMillis() {
        return ptimeMillis;
    }

    /** {@return how long the first packet is held before it is played out, in milliseconds} */
    public int depthMillis() {
        return depthMillis;
    }

    /** {@return the RFC 4733 telephone-event payload type, or -1 when none is recognised} */
    public int telephoneEventPayloadType() {
        return telephoneEventPayloadType;
    }

    /** {@return the RFC 3389 comfort-noise payload type, or -1 when none is recognised} */
    public int comfortNoisePayloadType() {
        return comfortNoisePayloadType;
    }

    /** {@return how gaps are filled} */
    public Concealment concealment() {
        return concealment;
    }

    /** {@return the number of packets the buffer holds at most} */
    public int capacity() {
        return capacity;
    }

    /** {@return the longest packet accepted, in milliseconds; each slot is preallocated at this size} */
    public int maxPacketMillis() {
        return maxPacketMillis;
    }

    /** {@return the largest timestamp jump, in milliseconds, that does not restart the stream} */
    public int maxTimestampJumpMillis() {
        return maxTimestampJumpMillis;
    }

    /** {@return the number of samples in one ptime} */
    public int samplesPerFrame() {
        return payload.clockRate() / 1000 * ptimeMillis;
    }

    /** {@return the number of payload bytes in one ptime of audio} */
    public int bytesPerFrame() {
        return samplesPerFrame() * payload.bytesPerSample();
    }

    @Override
    public String toString() {
        return "JitterBufferConfig[payload=" + payload + ", pt=" + payloadType + ", ptime=" + ptimeMillis
                + "ms, depth=" + depthMillis + "ms, telephoneEventPt=" + telephoneEventPayloadType
                + ", cnPt=" + comfortNoisePayloadType + ", concealment=" + concealment + ", capacity=" + capacity
                + ", maxPacket=" + maxPacketMillis + "ms, maxTimestampJump=" + maxTimestampJumpMillis + "ms]";
    }

    /** Collects settings for a {@link JitterBufferConfig}; not thread-safe, build then discard. */
    public static final class Builder {
        private final AudioPayload payload;
        private int payloadType = -1;
        private int ptimeMillis = 20;
        private int depthMillis = 60;
        private int telephoneEventPayloadType = 101;
        private int comfortNoisePayloadType = 13;
        private Concealment concealment = Concealment.silence();
        private int capacity;
        private int maxPacketMillis;
        private int maxTimestampJumpMillis = 1000;

        private Builder(AudioPayload payload) {
            this.payload = Objects.requireNonNull(payload, "payload");
        }

        /**
         * Sets the RTP payload type of the audio. Defaults to {@link AudioPayload#defaultPayloadType()};
         * required for L16 at 8, 24 and 48 kHz, whose types are dynamic.
         *
         * @param payloadType 0-127, as negotiated (Asterisk: 118 for slin16)
         * @return this builder
         */
        public Builder payloadType(int payloadType) {
            this.payloadType = requirePt("payload type", payloadType, false);
            return this;
        }

        /**
         * Sets the nominal packet duration (default 20 ms). Packets of other durations are still accepted;
         * this sets the size of the chunks in which gaps are concealed.
         *
         * @param ptimeMillis 10 to 120
         * @return this builder
         */
        public Builder ptimeMillis(int ptimeMillis) {
            this.ptimeMillis = requireRange("ptime", ptimeMillis, 10, 120);
            return this;
        }

        /**
         * Sets how long the first packet waits before it is played (default 60 ms). Packets delayed more
         * than this relative to the first one arrive too late and are concealed.
         *
         * @param depthMillis 10 to 5000
         * @return this builder
         */
        public Builder depthMillis(int depthMillis) {
            this.depthMillis = requireRange("depth", depthMillis, 10, 5000);
            return this;
        }

        /**
         * Sets the RFC 4733 telephone-event payload type (default 101).
         *
         * @param payloadType 0-127, or -1 to recognise none
         * @return this builder
         */
        public Builder telephoneEventPayloadType(int payloadType) {
            this.telephoneEventPayloadType = requirePt("telephone-event payload type", payloadType, true);
            return this;
        }

        /**
         * Sets the RFC 3389 comfort-noise payload type (default 13).
         *
         * @param payloadType 0-127, or -1 to recognise none
         * @return this builder
         */
        public Builder comfortNoisePayloadType(int payloadType) {
            this.comfortNoisePayloadType = requirePt("comfort-noise payload type", payloadType, true);
            return this;
        }

        /**
         * Sets how gaps are filled (default {@link Concealment#silence()}).
         *
         * @param concealment the policy
         * @return this builder
         */
        public Builder concealment(Concealment concealment) {
            this.concealment = Objects.requireNonNull(concealment, "concealment");
            return this;
        }

        /**
         * Sets how many packets the buffer holds (default: enough 10 ms packets for twice the depth, plus 8,
         * at least 16).
         *
         * @param capacity 2 to 4096
         * @return this builder
         */
        public Builder capacity(int capacity) {
            this.capacity = requireRange("capacity", capacity, 2, 4096);
            return this;
        }

        /**
         * Sets the longest packet accepted (default the larger of 60 ms and 3 ptimes). Every slot is
         * preallocated at this size, so memory per buffer is {@code capacity * maxPacketMillis} of audio.
         *
         * @param maxPacketMillis 10 to 1000
         * @return this builder
         */
        public Builder maxPacketMillis(int maxPacketMillis) {
            this.maxPacketMillis = requireRange("maxPacketMillis", maxPacketMillis, 10, 1000);
            return this;
        }

        /**
         * Sets the largest timestamp jump, forwards or backwards, between a packet and the newest one before
         * it that is treated as the same timeline (default 1000 ms). A larger jump means the sender
         * re-based its timestamps, and the buffer restarts. Silence-suppressed pauses longer than this also
         * restart it, which is harmless: by then everything before the pause has been played.
         *
         * @param maxTimestampJumpMillis 10 to 3,600,000
         * @return this builder
         */
        public Builder maxTimestampJumpMillis(int maxTimestampJumpMillis) {
            this.maxTimestampJumpMillis = requireRange("maxTimestampJumpMillis", maxTimestampJumpMillis, 10,
                    3_600_000);
            return this;
        }

        /**
         * Validates the combination and builds the configuration.
         *
         * @return the immutable configuration
         * @throws IllegalStateException if the payload type is missing or clashes with the telephone-event or
         *     comfort-noise type, or if packets longer than {@code maxPacketMillis} are implied by the ptime
         */
        public JitterBufferConfig build() {
            int pt = payloadType >= 0 ? payloadType : payload.defaultPayloadType();
            if (pt < 0) {
                throw new IllegalStateException(payload + " has no static payload type: call payloadType(n) with"
                        + " the dynamic type from the SDP or the ExternalMedia channel");
            }
            if (pt == telephoneEventPayloadType || pt == comfortNoisePayloadType) {
                throw new IllegalStateException("audio payload type " + pt
                        + " is also configured as the telephone-event or comfort-noise type");
            }
            if (telephoneEventPayloadType >= 0 && telephoneEventPayloadType == comfortNoisePayloadType) {
                throw new IllegalStateException("telephone-event and comfort-noise payload types are both "
                        + telephoneEventPayloadType);
            }
            if (maxPacketMillis > 0 && maxPacketMillis < ptimeMillis) {
                throw new IllegalStateException("maxPacketMillis " + maxPacketMillis + " is shorter than ptime "
                        + ptimeMillis + ": packets of the nominal size would be rejected");
            }
            if (maxTimestampJumpMillis < depthMillis) {
                throw new IllegalStateException("maxTimestampJumpMillis " + maxTimestampJumpMillis
                        + " is shorter than the depth " + depthMillis
                        + ": a stream would restart on ordinary loss bursts the buffer is meant to cover");
            }
            return new JitterBufferConfig(this);
        }

        private static int requireRange(String what, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(what + " must be " + min + " to " + max + ", was " + v);
            }
            return v;
        }

        private static int requirePt(String what, int v, boolean allowNone) {
            if ((v < 0 || v > 127) && !(allowNone && v == -1)) {
                throw new IllegalArgumentException(what + " must be 0-127" + (allowNone ? " or -1 for none" : "")
                        + ", was " + v);
            }
            return v;
        }
    }
}
