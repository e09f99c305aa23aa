package org.arivoice.voicebot.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.arivoice.voicebot.metrics.BotMetrics;

/** Keeps the latencies of a simulation (and forwards everything to another {@link BotMetrics}). */
final class RecordingMetrics implements BotMetrics {
    private final BotMetrics next;
    private final Map<Stage, List<Long>> latencies = new EnumMap<>(Stage.class);
    final AtomicLong callsEnded = new AtomicLong();
    final AtomicLong realtimeErrors = new AtomicLong();

    RecordingMetrics(BotMetrics next) {
        this.next = next;
        for (Stage s : Stage.values()) {
            latencies.put(s, new ArrayList<>());
        }
    }

    List<Long> of(Stage stage) {
        List<Long> l = latencies.get(stage);
        synchronized (l) {
            return new ArrayList<>(l);
        }
    }

    @Override
    public void latency(Stage stage, Duration latency) {
        List<Long> l = latencies.get(stage);
        synchronized (l) {
            l.add(latency.toNanos());
        }
        next.latency(stage, latency);
    }

    @Override
    public void callStarted() {
        next.callStarted();
    }

    @Override
    public void callEnded(String reason, Duration length) {
        callsEnded.incrementAndGet();
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
    public void rtp(long received, long lost, long late, long underruns) {
        next.rtp(received, lost, late, underruns);
    }

    @Override
    public void realtimeError(String type) {
        realtimeErrors.incrementAndGet();
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
