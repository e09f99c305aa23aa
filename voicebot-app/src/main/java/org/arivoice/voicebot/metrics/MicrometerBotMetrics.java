package org.arivoice.voicebot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
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
import java.util.concurrent.atomic.LongAccumulator;
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
     * The histogram of each {@link BotMetrics.Stage} latency: the range Micrometer's percentile-histogram buckets
     * cover, and the service-level objectives added as buckets of their own (the bounds an alert or a
     * "share of replies faster than" query asks about). Voice latency spans four orders of magnitude, so each
     * stage gets buckets where its values lie: the bot's own share of the media path is well under 5 ms, the first
     * RTP packet waits for its 20 ms slot, a reply is good under 500 ms and bad over 1.5 s, and the call set-up
     * and the Realtime connect take hundreds of milliseconds over the network.
     */
    static final Map<Stage, StageHistogram> STAGE_HISTOGRAMS = stageHistograms();

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
    private final Map<Stage, StageTimer> latencies = new EnumMap<>(Stage.class);
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
        this(clock, io.micrometer.core.instrument.Clock.SYSTEM);
    }

    /**
     * Metrics whose {@code /health} timestamps come from {@code clock} and whose meters run on {@code meterClock}
     * (tests that let time pass without waiting).
     *
     * @param clock the clock for {@link #realtimeSucceeded()}
     * @param meterClock the clock of the meter registry
     */
    MicrometerBotMetrics(Clock clock, io.micrometer.core.instrument.Clock meterClock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(),
                Objects.requireNonNull(meterClock, "meterClock"));

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
            StageHistogram range = STAGE_HISTOGRAMS.get(stage);
            // A cumulative histogram only: Prometheus aggregates its buckets across instances with
            // histogram_quantile, and they never decay. Client-side percentiles (a summary) could not be
            // aggregated and fell to 0 two minutes after the last call, so they are not published.
            Timer timer = Timer.builder("arivoice.stage.latency")
                    .description("Latency per stage of a call (see BotMetrics.Stage)")
                    .tag("stage", stage.name().toLowerCase(Locale.ROOT))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(range.minimum())
                    .maximumExpectedValue(range.maximum())
                    .serviceLevelObjectives(range.objectives())
                    .register(registry);
            latencies.put(stage, new StageTimer(timer, new LongAccumulator(Math::max, 0)));
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
     * A summary of one stage's latencies since start (see {@link StageLatency}): the percentiles are estimated
     * from the histogram's buckets the way Prometheus' {@code histogram_quantile} does, interpolating within a
     * bucket, and never above the largest measurement.
     *
     * @param stage the stage
     * @return the summary; all zero before the first measurement
     * @throws NullPointerException when {@code stage} is null
     */
    public StageLatency stageLatency(Stage stage) {
        StageTimer timer = latencies.get(Objects.requireNonNull(stage, "stage"));
        HistogramSnapshot snapshot = timer.timer().takeSnapshot();
        Duration max = Duration.ofNanos(timer.maxNanos().get());
        CountAtBucket[] buckets = snapshot.histogramCounts();
        return new StageLatency(stage, snapshot.count(), nanos(snapshot.mean(TimeUnit.NANOSECONDS)),
                quantile(buckets, snapshot.count(), 0.5, max), quantile(buckets, snapshot.count(), 0.95, max),
                quantile(buckets, snapshot.count(), 0.99, max), max);
    }

    /**
     * The {@code q} quantile of {@code count} measurements from cumulative bucket counts: linear within the bucket
     * the rank falls in (from the previous bound, or 0), capped at {@code max}; {@code max} when the rank lies
     * beyond the last finite bucket.
     */
    static Duration quantile(CountAtBucket[] buckets, long count, double q, Duration max) {
        if (count == 0) {
            return Duration.ZERO;
        }
        double rank = q * count;
        double lowerBound = 0;
        double lowerCount = 0;
        for (CountAtBucket bucket : buckets) {
            double upperBound = bucket.bucket(TimeUnit.NANOSECONDS);
            double upperCount = bucket.count();
            if (upperCount >= rank && upperCount > lowerCount) {
                double estimate = lowerBound + (upperBound - lowerBound) * (rank - lowerCount)
                        / (upperCount - lowerCount);
                Duration at = nanos(estimate);
                return at.compareTo(max) > 0 ? max : at;
            }
            lowerBound = upperBound;
            lowerCount = upperCount;
        }
        return max;
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
                StageTimer timer = latencies.get(stage);
                timer.timer().record(latency);
                timer.maxNanos().accumulate(latency.toNanos());
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

    /** The histogram of one stage, and the largest measurement since start (Micrometer's max decays). */
    private record StageTimer(Timer timer, LongAccumulator maxNanos) {
    }

    /**
     * The buckets of one stage's latency histogram.
     *
     * @param minimum the lowest value Micrometer's percentile-histogram buckets resolve
     * @param maximum the highest
     * @param objectives the service-level objectives, published as buckets with exactly these bounds
     */
    record StageHistogram(Duration minimum, Duration maximum, Duration... objectives) {
    }

    private static Map<Stage, StageHistogram> stageHistograms() {
        Map<Stage, StageHistogram> byStage = new EnumMap<>(Stage.class);
        StageHistogram network = new StageHistogram(Duration.ofMillis(20), Duration.ofSeconds(10),
                millis(100, 250, 500, 1000, 2000, 5000));
        byStage.put(Stage.CALL_SETUP, network);
        byStage.put(Stage.REALTIME_CONNECT, network);
        byStage.put(Stage.SPEECH_STOPPED_TO_FIRST_AUDIO, new StageHistogram(Duration.ofMillis(10),
                Duration.ofSeconds(10), millis(100, 200, 300, 500, 800, 1000, 1500, 2000, 5000)));
        byStage.put(Stage.FIRST_AUDIO_TO_FIRST_RTP, new StageHistogram(Duration.ofMillis(1), Duration.ofSeconds(1),
                millis(5, 10, 20, 30, 50, 100, 200, 500)));
        StageHistogram bot = new StageHistogram(Duration.ofNanos(100_000), Duration.ofMillis(200),
                Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
                Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50));
        byStage.put(Stage.INBOUND_AUDIO, bot);
        byStage.put(Stage.OUTBOUND_AUDIO, bot);
        return Map.copyOf(byStage);
    }

    private static Duration[] millis(long... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofMillis(values[i]);
        }
        return durations;
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
