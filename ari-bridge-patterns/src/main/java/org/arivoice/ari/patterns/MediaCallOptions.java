package org.arivoice.ari.patterns;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.arivoice.ari.resources.SnoopDirection;

/**
 * How {@link CallPatterns#startMediaCall} runs the bridge/snoop/ExternalMedia flow. Immutable; build with
 * {@link #builder(MediaConnector)}.
 *
 * <pre>{@code
 * MediaCallOptions options = MediaCallOptions.builder(connector)
 *         .format(MediaFormat.SLIN16)
 *         .snoop(SnoopDirection.IN, SnoopDirection.NONE)
 *         .stepTimeout(Duration.ofSeconds(3))
 *         .maxDuration(Duration.ofMinutes(30))
 *         .build();
 * }</pre>
 *
 * @param connector connects the application's media to the ExternalMedia channel
 * @param format the ExternalMedia format, default {@link MediaFormat#ULAW}
 * @param transport the ExternalMedia transport, default {@link MediaTransport#RTP_UDP}
 * @param snoop whether to create the snoop channel, default {@code true}
 * @param spy the snoop's {@code spy} direction, default {@link SnoopDirection#IN} (what the caller says)
 * @param whisper the snoop's {@code whisper} direction, default {@link SnoopDirection#NONE}
 * @param answer whether to answer the caller first, default {@code true}
 * @param stepTimeout how long each step may take, default 5 s
 * @param maxDuration the longest a call may last before it is torn down (and the caller hung up); empty
 *     for no limit, the default
 * @param hangUpCaller whether a teardown the caller did not cause (a failed step, a timeout, shutdown, a
 *     request) hangs the caller up, default {@code true}: otherwise the caller stays in Stasis in silence
 */
public record MediaCallOptions(MediaConnector connector, MediaFormat format, MediaTransport transport,
        boolean snoop, SnoopDirection spy, SnoopDirection whisper, boolean answer, Duration stepTimeout,
        Optional<Duration> maxDuration, boolean hangUpCaller) {

    /**
     * Checks the options.
     *
     * @param connector connects the application's media
     * @param format the ExternalMedia format
     * @param transport the ExternalMedia transport
     * @param snoop whether to create the snoop channel
     * @param spy the snoop's spy direction
     * @param whisper the snoop's whisper direction
     * @param answer whether to answer the caller first
     * @param stepTimeout how long each step may take
     * @param maxDuration the longest a call may last, or empty
     * @param hangUpCaller whether a teardown not caused by the caller hangs the caller up
     */
    public MediaCallOptions {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(spy, "spy");
        Objects.requireNonNull(whisper, "whisper");
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("stepTimeout must be positive, was " + stepTimeout);
        }
        maxDuration.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("maxDuration must be positive, was " + d);
            }
        });
        if (snoop && spy == SnoopDirection.NONE && whisper == SnoopDirection.NONE) {
            throw new IllegalArgumentException("a snoop with spy=none and whisper=none does nothing: "
                    + "choose a direction or call noSnoop()");
        }
    }

    /**
     * Starts options with the defaults described on the record.
     *
     * @param connector connects the application's media to each call's ExternalMedia channel
     * @return a builder
     */
    public static Builder builder(MediaConnector connector) {
        return new Builder(connector);
    }

    /**
     * A builder initialised from these options.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(connector);
        b.format = format;
        b.transport = transport;
        b.snoop = snoop;
        b.spy = spy;
        b.whisper = whisper;
        b.answer = answer;
        b.stepTimeout = stepTimeout;
        b.maxDuration = maxDuration.orElse(null);
        b.hangUpCaller = hangUpCaller;
        return b;
    }

    /** Builds {@link MediaCallOptions}; not thread-safe. */
    public static final class Builder {
        private MediaConnector connector;
        private MediaFormat format = MediaFormat.ULAW;
        private MediaTransport transport = MediaTransport.RTP_UDP;
        private boolean snoop = true;
        private SnoopDirection spy = SnoopDirection.IN;
        private SnoopDirection whisper = SnoopDirection.NONE;
        private boolean answer = true;
        private Duration stepTimeout = Duration.ofSeconds(5);
        private Duration maxDuration;
        private boolean hangUpCaller = true;

        private Builder(MediaConnector connector) {
            this.connector = Objects.requireNonNull(connector, "connector");
        }

        /**
         * Sets the media connector.
         *
         * @param connector connects the application's media
         * @return this builder
         */
        public Builder connector(MediaConnector connector) {
            this.connector = Objects.requireNonNull(connector, "connector");
            return this;
        }

        /**
         * Sets the ExternalMedia format.
         *
         * @param format default {@link MediaFormat#ULAW}
         * @return this builder
         */
        public Builder format(MediaFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Sets the ExternalMedia transport.
         *
         * @param transport default {@link MediaTransport#RTP_UDP}
         * @return this builder
         */
        public Builder transport(MediaTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Creates the snoop channel with these directions.
         *
         * @param spy what it taps, default {@link SnoopDirection#IN}
         * @param whisper what it injects into, default {@link SnoopDirection#NONE}
         * @return this builder
         */
        public Builder snoop(SnoopDirection spy, SnoopDirection whisper) {
            this.snoop = true;
            this.spy = Objects.requireNonNull(spy, "spy");
            this.whisper = Objects.requireNonNull(whisper, "whisper");
            return this;
        }

        /**
         * Leaves the snoop channel out of the flow.
         *
         * @return this builder
         */
        public Builder noSnoop() {
            this.snoop = false;
            return this;
        }

        /**
         * Sets whether the flow answers the caller first.
         *
         * @param answer default {@code true}; {@code false} when the dialplan answered already
         * @return this builder
         */
        public Builder answer(boolean answer) {
            this.answer = answer;
            return this;
        }

        /**
         * Sets how long each step may take before the flow gives up and rolls back.
         *
         * @param stepTimeout default 5 s
         * @return this builder
         */
        public Builder stepTimeout(Duration stepTimeout) {
            this.stepTimeout = Objects.requireNonNull(stepTimeout, "stepTimeout");
            return this;
        }

        /**
         * Limits the call's length; when reached the call is torn down and the caller hung up.
         *
         * @param maxDuration the limit, or {@code null} for none (the default)
         * @return this builder
         */
        public Builder maxDuration(Duration maxDuration) {
            this.maxDuration = maxDuration;
            return this;
        }

        /**
         * Sets whether a teardown not caused by the caller hangs the caller up.
         *
         * @param hangUpCaller default {@code true}
         * @return this builder
         */
        public Builder hangUpCaller(boolean hangUpCaller) {
            this.hangUpCaller = hangUpCaller;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException when a value is out of range, with the reason
         */
        public MediaCallOptions build() {
            return new MediaCallOptions(connector, format, transport, snoop, spy, whisper, answer, stepTimeout,
                    Optional.ofNullable(maxDuration), hangUpCaller);
        }
    }
}
