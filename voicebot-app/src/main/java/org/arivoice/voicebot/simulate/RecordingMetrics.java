package org.arivoice.voicebot.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.arivoice.voicebot.metrics.BotMetrics;
import org.arivoice.voicebot.metrics.ForwardingBotMetrics;

/** Keeps the latencies of a simulation (and forwards everything to another {@link BotMetrics}). */
final class RecordingMetrics extends ForwardingBotMetrics {
    private final Map<Stage, List<Long>> latencies = new EnumMap<>(Stage.class);
    final AtomicLong callsEnded = new AtomicLong();
    final AtomicLong realtimeErrors = new AtomicLong();

    RecordingMetrics(BotMetrics next) {
        super(next);
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
        super.latency(stage, latency);
    }

    @Override
    public void callEnded(String reason, Duration length) {
        callsEnded.incrementAndGet();
        super.callEnded(reason, length);
    }

    @Override
    public void realtimeError(String type) {
        realtimeErrors.incrementAndGet();
        super.realtimeError(type);
    }
}
