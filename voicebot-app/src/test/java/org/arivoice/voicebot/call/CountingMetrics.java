package org.arivoice.voicebot.call;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.arivoice.voicebot.metrics.BotMetrics;

/** Keeps what the bot reported, for assertions. */
final class CountingMetrics implements BotMetrics {
    final AtomicInteger started = new AtomicInteger();
    final List<String> endedReasons = new CopyOnWriteArrayList<>();
    final List<String> setupFailures = new CopyOnWriteArrayList<>();
    final AtomicInteger rejected = new AtomicInteger();
    final Map<Stage, AtomicInteger> latencies = new ConcurrentHashMap<>();
    final AtomicLong rtpReceived = new AtomicLong();
    final List<String> realtimeErrors = new CopyOnWriteArrayList<>();
    final AtomicInteger realtimeSuccesses = new AtomicInteger();
    final AtomicLong outputTokens = new AtomicLong();
    volatile boolean ariConnected;

    int latencyCount(Stage s) {
        AtomicInteger n = latencies.get(s);
        return n == null ? 0 : n.get();
    }

    @Override
    public void callStarted() {
        started.incrementAndGet();
    }

    @Override
    public void callEnded(String reason, Duration length) {
        endedReasons.add(reason);
    }

    @Override
    public void setupFailed(String step) {
        setupFailures.add(step);
    }

    @Override
    public void callRejected() {
        rejected.incrementAndGet();
    }

    @Override
    public void latency(Stage stage, Duration latency) {
        latencies.computeIfAbsent(stage, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void rtp(long received, long lost, long late, long underruns) {
        rtpReceived.addAndGet(received);
    }

    @Override
    public void realtimeError(String type) {
        realtimeErrors.add(type);
    }

    @Override
    public void realtimeSucceeded() {
        realtimeSuccesses.incrementAndGet();
    }

    @Override
    public void tokens(long inputTokens, long outputTokens, double estimatedUsd) {
        this.outputTokens.addAndGet(outputTokens);
    }

    @Override
    public void ariConnected(boolean connected) {
        ariConnected = connected;
    }

    @Override
    public void activeCalls(int calls) {
    }
}
