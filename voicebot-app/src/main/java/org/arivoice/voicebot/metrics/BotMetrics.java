package org.arivoice.voicebot.metrics;

import java.time.Duration;

/**
 * What the bot measures, as it happens. The call code reports through this interface; the Micrometer
 * implementation publishes Prometheus metrics; {@link #NONE} ignores everything (tests, {@code simulate}
 * without a metrics port). Implementations are thread-safe and never throw.
 */
public interface BotMetrics {

    /** The per-stage latencies the bot reports. */
    enum Stage {
        /** From the caller's answer ({@code StasisStart}) to a ready media path (bridge/snoop/ExternalMedia). */
        CALL_SETUP,
        /** From the caller's answer to the Realtime session being ready, in parallel with {@link #CALL_SETUP}. */
        REALTIME_CONNECT,
        /** From {@code input_audio_buffer.speech_stopped} to the first {@code response.output_audio.delta}. */
        SPEECH_STOPPED_TO_FIRST_AUDIO,
        /**
         * From the first {@code output_audio.delta} of a response to its first RTP packet sent to Asterisk; when
         * the bot is still playing an earlier response, from the end of that playout (the wait for its own
         * speech to finish is not latency the bot adds).
         */
        FIRST_AUDIO_TO_FIRST_RTP,
        /** From an RTP packet received to its audio handed to the Realtime session (the bot's own inbound share). */
        INBOUND_AUDIO,
        /** From an {@code output_audio.delta} received to its audio queued in the pacer (the bot's outbound share). */
        OUTBOUND_AUDIO
    }

    /** A call entered the application. */
    void callStarted();

    /**
     * A call ended.
     *
     * @param reason why, e.g. {@code CALLER_HUNG_UP}
     * @param length how long it lasted
     */
    void callEnded(String reason, Duration length);

    /**
     * A call could not be set up.
     *
     * @param step the step that failed, e.g. {@code EXTERNAL_MEDIA}, or {@code REALTIME}
     */
    void setupFailed(String step);

    /**
     * A call beyond {@code max-concurrent-calls} was turned away.
     */
    void callRejected();

    /**
     * One latency measurement.
     *
     * @param stage which stage
     * @param latency how long it took
     */
    void latency(Stage stage, Duration latency);

    /**
     * RTP counters of a call, reported once when it ends.
     *
     * @param received packets received
     * @param lost packets lost (RFC 3550)
     * @param late packets that arrived after their playout time
     * @param underruns pacer slots with no audio while a response was playing
     */
    void rtp(long received, long lost, long late, long underruns);

    /**
     * The Realtime API failed: an {@code error} event, a dropped connection, a rejected connect.
     *
     * @param type the error type or code, e.g. {@code rate_limit_exceeded}, {@code connection_lost}
     */
    void realtimeError(String type);

    /** A Realtime session became ready; {@code /health} reports the last one. */
    void realtimeSucceeded();

    /**
     * Token usage of one response, and its estimated cost.
     *
     * @param inputTokens input tokens
     * @param outputTokens output tokens
     * @param estimatedUsd the estimated cost in US dollars (0 when unknown)
     */
    void tokens(long inputTokens, long outputTokens, double estimatedUsd);

    /**
     * Whether the ARI event WebSocket is connected; {@code /health} reports it.
     *
     * @param connected the state
     */
    void ariConnected(boolean connected);

    /**
     * The number of active calls now.
     *
     * @param calls active calls
     */
    void activeCalls(int calls);

    /** Metrics that record nothing. */
    BotMetrics NONE = new BotMetrics() {
        @Override
        public void callStarted() {
        }

        @Override
        public void callEnded(String reason, Duration length) {
        }

        @Override
        public void setupFailed(String step) {
        }

        @Override
        public void callRejected() {
        }

        @Override
        public void latency(Stage stage, Duration latency) {
        }

        @Override
        public void rtp(long received, long lost, long late, long underruns) {
        }

        @Override
        public void realtimeError(String type) {
        }

        @Override
        public void realtimeSucceeded() {
        }

        @Override
        public void tokens(long inputTokens, long outputTokens, double estimatedUsd) {
        }

        @Override
        public void ariConnected(boolean connected) {
        }

        @Override
        public void activeCalls(int calls) {
        }
    };
}
