package org.arivoice.voicebot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BotMetrics} published as Prometheus metrics through Micrometer. It owns a {@link PrometheusMeterRegistry};
 * {@link #scrape()} renders it in the Prometheus text format (served by {@link MetricsServer} on {@code /metrics}).
 * The meters and their Prometheus names are listed in the section "Metrics and health" of
 * {@code voicebot-app/README.md}; all start with {@code arivoice_}.
 *
 * <p>Tag values given by the call code ({@code reason}, {@code step}, {@code type}) are normalised (lower case,
 * at most 64 characters) and capped at {@value #MAX_TAG_VALUES} distinct values per tag; later new values are
 * recorded as {@code other}, so a stream of unexpected values cannot grow the number of time series without bound.
 *
 * <p>Thread-safe. No method throws: a failure inside a metrics call is logged and the call goes on, because a
 * metrics problem must never disturb a call.
 */
public final class MicrometerBotMetrics implements BotMetrics {

    /** The number of distinct values each free-form tag ({@code reason}, {@code step}, {@code type}) may take. */
    public static final int MAX_TAG_VALUES = 50;

    /**
     * The service-level objectives published as histogram buckets for every {@link BotMetrics.Stage} latency:
     * 5, 10, 20, 50, 100, 200 and 500 ms, 1 s and 2 s.
     */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2)
    };

    /** Histogram buckets for call length: 10 s, 30 s, 1, 2, 5, 10, 30 and 60 minutes. */
    static final Duration[] CALL_LENGTH_BUCKETS = {
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
        Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(60)
    };

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerBotMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final Clock clock;

    private final AtomicInteger activeCalls = new AtomicInteger();
    private final AtomicBoolean ariConnected = new AtomicBoolean();
    private final AtomicReference<Instant> lastRealtimeSuccess = new AtomicReference<>();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    private final Counter callsStarted;
    private final Counter callsRejected;
    private final Timer callLength;
    private final Map<Stage, StageTimers> latencies = new EnumMap<>(Stage.class);
    private final Counter rtpReceived;
    private final Counter rtpLost;
    private final Counter rtpLate;
    private final Counter rtpUnderruns;
    private final Counter realtimeSessions;
    private final Counter inputTokens;
    private final Counter outputTokens;
    private final Counter costUsd;

    private final BoundedTagValues endReasons = new BoundedTagValues(MAX_TAG_VALUES);
    private final BoundedTagValues setupSteps = new BoundedTagValues(MAX_TAG_VALUES);
    private final BoundedTagValues errorTypes = new BoundedTagValues(MAX_TAG_VALUES);
    private final Map<String, Counter> callsEnded = new ConcurrentHashMap<>();
    private final Map<String, Counter> setupFailures = new ConcurrentHashMap<>();
    private final Map<String, Counter> realtimeErrors = new ConcurrentHashMap<>();

    /** Metrics on a new Prometheus registry, with the JVM's memory, thread, CPU and uptime meters bound to it. */
    public MicrometerBotMetrics() {
        this(Clock.systemUTC());
    }

    /**
     * Metrics whose {@code /health} timestamps come from {@code clock} (tests).
     *
     * @param clock the clock for {@link #realtimeSucceeded()}
     */
    MicrometerBotMetrics(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        Gauge.builder("arivoice.calls.active", activeCalls, AtomicInteger::get)
                .description("Calls in progress now")
                .register(registry);
        Gauge.builder("arivoice.ari.connected", ariConnected, connected -> connected.get() ? 1 : 0)
                .description("1 while the ARI event WebSocket is connected, else 0")
                .register(registry);
        Gauge.builder("arivoice.realtime.last.success.timestamp", lastRealtimeSuccess,
                        last -> {
                            Instant at = last.get();
                            return at == null ? 0.0 : at.toEpochMilli() / 1000.0;
                        })
                .baseUnit("seconds")
                .description("When a Realtime session last became ready (Unix time); 0 before the first")
                .register(registry);

        callsStarted = Counter.builder("arivoice.calls.started")
                .description("Calls that entered the Stasis application")
                .register(registry);
        callsRejected = Counter.builder("arivoice.calls.rejected")
                .description("Calls turned away because max-concurrent-calls was reached")
                .register(registry);
        callLength = Timer.builder("arivoice.call.duration")
                .description("How long calls lasted, from StasisStart to the end of the call")
                .serviceLevelObjectives(CALL_LENGTH_BUCKETS)
                .register(registry);
        for (Stage stage : Stage.values()) {
            String tag = stage.name().toLowerCase(Locale.ROOT);
            // The Prometheus registry cannot put quantiles and buckets in one metric (a Prometheus histogram has
            // no quantiles), so each stage has a histogram (aggregatable across instances) and a summary (the
            // p50/p95/p99 of this instance over the last two minutes).
            Timer histogram = Timer.builder("arivoice.stage.latency")
                    .description("Latency per stage of a call (see BotMetrics.Stage), as a histogram")
                    .tag("stage", tag)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
            Timer summary = Timer.builder("arivoice.stage.latency.summary")
                    .description("Latency per stage of a call (see BotMetrics.Stage): p50, p95 and p99 of the last"
                            + " two minutes")
                    .tag("stage", tag)
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .percentilePrecision(2)
                    .register(registry);
            latencies.put(stage, new StageTimers(histogram, summary));
        }
        rtpReceived = Counter.builder("arivoice.rtp.packets.received")
                .description("RTP packets received from Asterisk")
                .register(registry);
        rtpLost = Counter.builder("arivoice.rtp.packets.lost")
                .description("RTP packets lost on the way from Asterisk (RFC 3550 count)")
                .register(registry);
        rtpLate = Counter.builder("arivoice.rtp.packets.late")
                .description("RTP packets that arrived after their playout time")
                .register(registry);
        rtpUnderruns = Counter.builder("arivoice.rtp.underruns")
                .description("Pacer slots with no audio to send while a response was playing")
                .register(registry);
        realtimeSessions = Counter.builder("arivoice.realtime.sessions.ready")
                .description("Realtime sessions that became ready (first connects and reconnects)")
                .register(registry);
        inputTokens = Counter.builder("arivoice.tokens")
                .description("Realtime tokens used (text and audio)")
                .tag("direction", "input")
                .register(registry);
        outputTokens = Counter.builder("arivoice.tokens")
                .description("Realtime tokens used (text and audio)")
                .tag("direction", "output")
                .register(registry);
        costUsd = Counter.builder("arivoice.cost.usd")
                .description("Estimated Realtime cost in US dollars (0 unless pricing is configured)")
                .register(registry);

        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * The metrics in the Prometheus text exposition format, version 0.0.4 (what {@code /metrics} serves).
     *
     * @return the text, one sample per line
     */
    public String scrape() {
        return registry.scrape(MetricsServer.PROMETHEUS_CONTENT_TYPE);
    }

    /**
     * The registry the bot's meters live in, for a library user who wants to add meters of their own (they are
     * then served on {@code /metrics} too).
     *
     * @return the registry
     */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Whether the ARI event WebSocket is connected, as last reported through {@link #ariConnected(boolean)}.
     *
     * @return the state; {@code false} before the first report
     */
    public boolean ariConnected() {
        return ariConnected.get();
    }

    /**
     * When a Realtime session last became ready.
     *
     * @return the instant, or empty before the first
     */
    public Optional<Instant> lastRealtimeSuccess() {
        return Optional.ofNullable(lastRealtimeSuccess.get());
    }

    /**
     * A summary of one stage's latencies so far (see {@link StageLatency} for the windows it covers).
     *
     * @param stage the stage
     * @return the summary; all zero before the first measurement
     * @throws NullPointerException when {@code stage} is null
     */
    public StageLatency stageLatency(Stage stage) {
        Timer summary = latencies.get(Objects.requireNonNull(stage, "stage")).summary();
        HistogramSnapshot snapshot = summary.takeSnapshot();
        Duration p50 = Duration.ZERO;
        Duration p95 = Duration.ZERO;
        Duration p99 = Duration.ZERO;
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            Duration at = nanos(value.value(TimeUnit.NANOSECONDS));
            if (value.percentile() == 0.5) {
                p50 = at;
            } else if (value.percentile() == 0.95) {
                p95 = at;
            } else if (value.percentile() == 0.99) {
                p99 = at;
            }
        }
        return new StageLatency(stage, snapshot.count(), nanos(snapshot.mean(TimeUnit.NANOSECONDS)), p50, p95, p99,
                nanos(snapshot.max(TimeUnit.NANOSECONDS)));
    }

    /** The counter of {@code name} for one value of its tag, registered on first use. */
    private Counter taggedCounter(Map<String, Counter> byValue, String name, String description, String tagKey,
            String tagValue) {
        return byValue.computeIfAbsent(tagValue, value -> Counter.builder(name).description(description)
                .tag(tagKey, value).register(registry));
    }

    private static Duration nanos(double nanos) {
        return Double.isFinite(nanos) && nanos > 0 ? Duration.ofNanos(Math.round(nanos)) : Duration.ZERO;
    }

    @Override
    public void callStarted() {
        guarded(callsStarted::increment);
    }

    @Override
    public void callEnded(String reason, Duration length) {
        guarded(() -> {
            taggedCounter(callsEnded, "arivoice.calls.ended", "Calls that ended, by reason", "reason",
                    endReasons.admit(reason)).increment();
            if (length != null && !length.isNegative()) {
                callLength.record(length);
            }
        });
    }

    @Override
    public void setupFailed(String step) {
        guarded(() -> {
            taggedCounter(setupFailures, "arivoice.call.setup.failures",
                    "Calls that could not be set up, by the step that failed", "step", setupSteps.admit(step))
                    .increment();
        });
    }

    @Override
    public void callRejected() {
        guarded(callsRejected::increment);
    }

    @Override
    public void latency(Stage stage, Duration latency) {
        guarded(() -> {
            if (stage != null && latency != null && !latency.isNegative()) {
                StageTimers timers = latencies.get(stage);
                timers.histogram().record(latency);
                timers.summary().record(latency);
            }
        });
    }

    @Override
    public void rtp(long received, long lost, long late, long underruns) {
        guarded(() -> {
            add(rtpReceived, received);
            add(rtpLost, lost);
            add(rtpLate, late);
            add(rtpUnderruns, underruns);
        });
    }

    @Override
    public void realtimeError(String type) {
        guarded(() -> {
            taggedCounter(realtimeErrors, "arivoice.realtime.errors",
                    "Realtime API failures: error events, dropped connections, rejected connects", "type",
                    errorTypes.admit(type)).increment();
        });
    }

    @Override
    public void realtimeSucceeded() {
        guarded(() -> {
            lastRealtimeSuccess.set(clock.instant());
            realtimeSessions.increment();
        });
    }

    @Override
    public void tokens(long inputTokens, long outputTokens, double estimatedUsd) {
        guarded(() -> {
            add(this.inputTokens, inputTokens);
            add(this.outputTokens, outputTokens);
            if (Double.isFinite(estimatedUsd) && estimatedUsd > 0) {
                costUsd.increment(estimatedUsd);
            }
        });
    }

    @Override
    public void ariConnected(boolean connected) {
        ariConnected.set(connected);
    }

    @Override
    public void activeCalls(int calls) {
        activeCalls.set(Math.max(0, calls));
    }

    /** The two meters of one stage: see the constructor. */
    private record StageTimers(Timer histogram, Timer summary) {
    }

    private static void add(Counter counter, long amount) {
        // Counters only go up; a negative count is a caller's bug and is dropped rather than recorded.
        if (amount > 0) {
            counter.increment(amount);
        }
    }

    private void guarded(Runnable recording) {
        try {
            recording.run();
        } catch (RuntimeException e) {
            // Metrics must never disturb a call: log (loudly once, then quietly) and go on.
            if (failureLogged.compareAndSet(false, true)) {
                LOG.warn("Recording a metric failed; the call goes on, and later failures are logged at debug level",
                        e);
            } else {
                LOG.debug("Recording a metric failed", e);
            }
        }
    }
}
