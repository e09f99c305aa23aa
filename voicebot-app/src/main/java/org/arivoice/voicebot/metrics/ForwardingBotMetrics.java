package org.arivoice.voicebot.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@link BotMetrics} that passes every report on to another one; extend it and override only what you want
 * to observe as well (e.g. keep the latencies of a test run while still publishing them).
 */
public abstract class ForwardingBotMetrics implements BotMetrics {
    private final BotMetrics next;

    /**
     * Forwards to {@code next}.
     *
     * @param next where every report goes
     */
    protected ForwardingBotMetrics(BotMetrics next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    /**
     * Where reports go.
     *
     * @return the next metrics
     */
    protected final BotMetrics next() {
        return next;
    }

    @Override
    public void callStarted() {
        next.callStarted();
    }

    @Override
    public void callEnded(String reason, Duration length) {
        next.callEnded(reason, length);
    }

    @Override
    public void setupFailed(String step) {
        next.setupFailed(step);
    }

    @Override
    public void callRejected() {
        next.callRejected();
    }

    @Override
    public void latency(Stage stage, Duration latency) {
        next.latency(stage, latency);
    }

    @Override
    public void rtp(long received, long lost, long late, long underruns) {
        next.rtp(received, lost, late, underruns);
    }

    @Override
    public void realtimeError(String type) {
        next.realtimeError(type);
    }

    @Override
    public void realtimeSucceeded() {
        next.realtimeSucceeded();
    }

    @Override
    public void tokens(long inputTokens, long outputTokens, double estimatedUsd) {
        next.tokens(inputTokens, outputTokens, estimatedUsd);
    }

    @Override
    public void ariConnected(boolean connected) {
        next.ariConnected(connected);
    }

    @Override
    public void activeCalls(int calls) {
        next.activeCalls(calls);
    }
}
