package org.arivoice.rtp.net;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.arivoice.rtp.AudioPayload;
import org.arivoice.rtp.dtmf.DtmfListener;
import org.arivoice.rtp.jitter.Concealment;
import org.arivoice.rtp.jitter.JitterBuffer;
import org.arivoice.rtp.pacer.OverflowPolicy;
import org.arivoice.rtp.pacer.Pacer;

/**
 * Immutable options for one {@link MediaStream}, built with {@link #builder(AudioPayload)}.
 *
 * <pre>{@code
 * MediaStreamOptions options = MediaStreamOptions.builder(AudioPayload.PCMU)
 *         .label(channelId)
 *         .remote(new InetSocketAddress(asteriskRtpHost, asteriskRtpPort))   // or latch from the first packet
 *         .audioListener((buf, off, len, ts, kind) -> realtime.appendAudio(buf, off, len))
 *         .dtmfListener(event -> log.info("caller pressed {}", event.digit()))
 *         .build();
 * }</pre>
 *
 * <p>Defaults: payload type from the format (0 for PCMU, 8 for PCMA, 118 for slin16), 20 ms frames, a
 * 60 ms jitter buffer concealing a lost frame with silence, telephone-event payload type 101, a pacer queue
 * of 60 s that refuses audio beyond that, and listeners that ignore everything.
 */
public final class MediaStreamOptions {
    private final AudioPayload payload;
    private final int payloadType;
    private final int ptimeMillis;
    private final int jitterDepthMillis;
    private final Concealment concealment;
    private final int telephoneEventPayloadType;
    private final int maxQueuedMillis;
    private final OverflowPolicy overflowPolicy;
    private final InetSocketAddress remote;
    private final String label;
    private final JitterBuffer.FrameSink audioListener;
    private final DtmfListener dtmfListener;
    private final Pacer.UtteranceListener utteranceListener;
    private final UtteranceStartListener utteranceStartListener;

    /** Told when the first frame of an utterance has been sent. */
    @FunctionalInterface
    public interface UtteranceStartListener {
        /**
         * Called on the media loop thread right after the utterance's first frame went to the socket; must
         * not block.
         *
         * @param utteranceId the utterance
         * @param sentNanos when, on the {@link System#nanoTime()} clock
         */
        void utteranceStarted(long utteranceId, long sentNanos);
    }

    private MediaStreamOptions(Builder b) {
        this.payload = b.payload;
        this.payloadType = b.payloadType >= 0 ? b.payloadType : b.payload.defaultPayloadType();
        this.ptimeMillis = b.ptimeMillis;
        this.jitterDepthMillis = b.jitterDepthMillis;
        this.concealment = b.concealment;
        this.telephoneEventPayloadType = b.telephoneEventPayloadType;
        this.maxQueuedMillis = b.maxQueuedMillis;
        this.overflowPolicy = b.overflowPolicy;
        this.remote = b.remote;
        this.label = b.label;
        this.audioListener = b.audioListener;
        this.dtmfListener = b.dtmfListener;
        this.utteranceListener = b.utteranceListener;
        this.utteranceStartListener = b.utteranceStartListener;
    }

    /**
     * Starts options for a stream carrying {@code payload}.
     *
     * @param payload the audio format on the wire (Asterisk's ExternalMedia {@code format}: {@code ulaw} is
     *     {@link AudioPayload#PCMU}, {@code alaw} {@link AudioPayload#PCMA}, {@code slin16}
     *     {@link AudioPayload#L16_16K})
     * @return a builder with the defaults
     */
    public static Builder builder(AudioPayload payload) {
        return new Builder(payload);
    }

    /** {@return the audio format on the wire} */
    public AudioPayload payload() {
        return payload;
    }

    /** {@return the RTP payload type of audio packets, both directions} */
    public int payloadType() {
        return payloadType;
    }

    /** {@return frame duration in milliseconds, both directions} */
    public int ptimeMillis() {
        return ptimeMillis;
    }

    /** {@return how long received audio waits in the jitter buffer before it is delivered} */
    public int jitterDepthMillis() {
        return jitterDepthMillis;
    }

    /** {@return how a lost received frame is filled} */
    public Concealment concealment() {
        return concealment;
    }

    /** {@return payload type of RFC 4733 telephone-events, both directions; -1 when DTMF over RTP is off} */
    public int telephoneEventPayloadType() {
        return telephoneEventPayloadType;
    }

    /** {@return most audio the outbound pacer holds, in milliseconds} */
    public int maxQueuedMillis() {
        return maxQueuedMillis;
    }

    /** {@return what the pacer does with audio beyond {@link #maxQueuedMillis()}} */
    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    /** {@return the peer's RTP address when known in advance; empty to latch it from the first packet} */
    public Optional<InetSocketAddress> remote() {
        return Optional.ofNullable(remote);
    }

    /** {@return a label for logs (for example the channel id); empty for the default} */
    public Optional<String> label() {
        return Optional.ofNullable(label);
    }

    /** {@return receives the caller's audio in timestamp order, gaps filled, on the media loop thread} */
    public JitterBuffer.FrameSink audioListener() {
        return audioListener;
    }

    /** {@return receives each DTMF digit the peer sends as RFC 4733 events, once, on the media loop thread} */
    public DtmfListener dtmfListener() {
        return dtmfListener;
    }

    /** {@return told when an utterance has been sent completely, on the media loop thread} */
    public Pacer.UtteranceListener utteranceListener() {
        return utteranceListener;
    }

    /** {@return told when an utterance's first frame has been sent, on the media loop thread} */
    public UtteranceStartListener utteranceStartListener() {
        return utteranceStartListener;
    }

    @Override
    public String toString() {
        return "MediaStreamOptions[" + payload + ", pt=" + payloadType + ", ptime=" + ptimeMillis + " ms, jitter="
                + jitterDepthMillis + " ms, remote=" + (remote == null ? "latch" : remote) + "]";
    }

    /** Builds {@link MediaStreamOptions}; not thread-safe. */
    public static final class Builder {
        private final AudioPayload payload;
        private int payloadType = -1;
        private int ptimeMillis = 20;
        private int jitterDepthMillis = 60;
        private Concealment concealment = Concealment.silence();
        private int telephoneEventPayloadType = 101;
        private int maxQueuedMillis = 60_000;
        private OverflowPolicy overflowPolicy = OverflowPolicy.REJECT_NEW;
        private InetSocketAddress remote;
        private String label;
        private JitterBuffer.FrameSink audioListener = (buf, off, len, ts, kind) -> { };
        private DtmfListener dtmfListener = event -> { };
        private Pacer.UtteranceListener utteranceListener = (id, ms) -> { };
        private UtteranceStartListener utteranceStartListener = (id, nanos) -> { };

        private Builder(AudioPayload payload) {
            this.payload = Objects.requireNonNull(payload, "payload");
        }

        /**
         * Sets the audio payload type (required for L16 at rates other than 16 kHz, which have no usual
         * value).
         *
         * @param payloadType 0-127
         * @return this builder
         */
        public Builder payloadType(int payloadType) {
            if (payloadType < 0 || payloadType > 127) {
                throw new IllegalArgumentException("payload type must be 0-127, was " + payloadType);
            }
            this.payloadType = payloadType;
            return this;
        }

        /**
         * Sets the frame duration; Asterisk's ExternalMedia uses 20 ms.
         *
         * @param ptimeMillis 10, 20, 30 or 40
         * @return this builder
         */
        public Builder ptimeMillis(int ptimeMillis) {
            if (ptimeMillis != 10 && ptimeMillis != 20 && ptimeMillis != 30 && ptimeMillis != 40) {
                throw new IllegalArgumentException("ptime must be 10, 20, 30 or 40 ms, was " + ptimeMillis);
            }
            this.ptimeMillis = ptimeMillis;
            return this;
        }

        /**
         * Sets how long received audio waits to be reordered; longer survives more network jitter but adds
         * that much to the model's reply latency.
         *
         * @param depthMillis 0 to 1000
         * @return this builder
         */
        public Builder jitterDepthMillis(int depthMillis) {
            if (depthMillis < 0 || depthMillis > 1000) {
                throw new IllegalArgumentException("jitter depth must be 0-1000 ms, was " + depthMillis);
            }
            this.jitterDepthMillis = depthMillis;
            return this;
        }

        /**
         * Sets how lost received frames are filled.
         *
         * @param concealment silence or attenuated repeats
         * @return this builder
         */
        public Builder concealment(Concealment concealment) {
            this.concealment = Objects.requireNonNull(concealment, "concealment");
            return this;
        }

        /**
         * Sets the RFC 4733 telephone-event payload type, or -1 to treat no payload type as DTMF.
         *
         * @param payloadType 96-127 (101 is usual), or -1
         * @return this builder
         */
        public Builder telephoneEventPayloadType(int payloadType) {
            if (payloadType != -1 && (payloadType < 0 || payloadType > 127)) {
                throw new IllegalArgumentException("telephone-event payload type must be 0-127 or -1, was "
                        + payloadType);
            }
            this.telephoneEventPayloadType = payloadType;
            return this;
        }

        /**
         * Bounds the outbound queue.
         *
         * @param maxQueuedMillis at least one frame
         * @param policy what to do when a producer runs further ahead than that
         * @return this builder
         */
        public Builder maxQueued(int maxQueuedMillis, OverflowPolicy policy) {
            if (maxQueuedMillis < ptimeMillis) {
                throw new IllegalArgumentException("the outbound queue must hold at least one frame ("
                        + ptimeMillis + " ms), was " + maxQueuedMillis + " ms");
            }
            this.maxQueuedMillis = maxQueuedMillis;
            this.overflowPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Fixes the peer's RTP address (for Asterisk's ExternalMedia: the channel variables
         * {@code UNICASTRTP_LOCAL_ADDRESS} and {@code UNICASTRTP_LOCAL_PORT}); without it the stream latches
         * onto the first valid packet.
         *
         * @param remote the peer address, or {@code null} to latch
         * @return this builder
         */
        public Builder remote(InetSocketAddress remote) {
            this.remote = remote;
            return this;
        }

        /**
         * Names the stream in logs.
         *
         * @param label for example the ExternalMedia channel id
         * @return this builder
         */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /**
         * Receives the peer's audio, in order with gaps filled, one frame per ptime, on the media loop
         * thread; the buffer is reused after the call returns.
         *
         * @param listener the audio consumer; must not block
         * @return this builder
         */
        public Builder audioListener(JitterBuffer.FrameSink listener) {
            this.audioListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Receives DTMF digits sent by the peer as RFC 4733 events.
         *
         * @param listener the digit consumer; must not block
         * @return this builder
         */
        public Builder dtmfListener(DtmfListener listener) {
            this.dtmfListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Is told when an utterance's last frame has been sent.
         *
         * @param listener called on the media loop thread; must not block
         * @return this builder
         */
        public Builder utteranceListener(Pacer.UtteranceListener listener) {
            this.utteranceListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Is told when an utterance's first frame has been sent: the moment the peer starts to hear it, less
         * the network. With the time the utterance's audio arrived, that is the latency the stream added.
         *
         * @param listener called on the media loop thread; must not block
         * @return this builder
         */
        public Builder utteranceStartListener(UtteranceStartListener listener) {
            this.utteranceStartListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Validates and builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException if the format needs a payload type that was not given
         */
        public MediaStreamOptions build() {
            if (payloadType < 0 && payload.defaultPayloadType() < 0) {
                throw new IllegalArgumentException(payload + " has no usual RTP payload type: set one with "
                        + "payloadType(...), the same number the peer uses (for example 118)");
            }
            return new MediaStreamOptions(this);
        }
    }
}
