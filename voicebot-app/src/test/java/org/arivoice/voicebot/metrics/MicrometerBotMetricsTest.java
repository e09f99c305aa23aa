package org.arivoice.voicebot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MockClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.arivoice.testsupport.Timeouts;
import org.arivoice.voicebot.metrics.BotMetrics.Stage;
import org.junit.jupiter.api.Test;

class MicrometerBotMetricsTest {

    private static double value(MicrometerBotMetrics metrics, String name, String... labels) {
        return PrometheusText.parse(metrics.scrape()).value(name, labels)
                .orElseThrow(() -> new AssertionError("no series " + name + " " + List.of(labels) + " in:\n"
                        + metrics.scrape()));
    }

    @Test
    void everyMeterIsPublishedUnderItsPrometheusNameBeforeAnythingHappens() {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();

        PrometheusText text = PrometheusText.parse(metrics.scrape());

        assertThat(text.types()).contains(
                "arivoice_calls_active gauge",
                "arivoice_ari_connected gauge",
                "arivoice_realtime_last_success_timestamp_seconds gauge",
                "arivoice_calls_started_total counter",
                "arivoice_calls_rejected_total counter",
                "arivoice_call_duration_seconds histogram",
                "arivoice_stage_latency_seconds histogram",
                "arivoice_rtp_packets_received_total counter",
                "arivoice_rtp_packets_lost_total counter",
                "arivoice_rtp_packets_late_total counter",
                "arivoice_rtp_underruns_total counter",
                "arivoice_realtime_sessions_ready_total counter",
                "arivoice_tokens_total counter",
                "arivoice_cost_usd_total counter");
        for (Stage stage : Stage.values()) {
            String tag = stage.name().toLowerCase();
            assertThat(text.value("arivoice_stage_latency_seconds_count", "stage", tag)).hasValue(0);
            assertThat(text.value("arivoice_stage_latency_seconds_bucket", "stage", tag, "le", "+Inf")).hasValue(0);
        }
        assertThat(text.value("arivoice_calls_started_total")).hasValue(0);
        assertThat(text.value("arivoice_ari_connected")).hasValue(0);
        assertThat(text.value("arivoice_realtime_last_success_timestamp_seconds")).hasValue(0);
        assertThat(text.series("jvm_threads_live_threads")).isNotEmpty();
    }

    @Test
    void callCountersGaugesAndCallLengthCarryWhatWasReported() {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();

        metrics.callStarted();
        metrics.callStarted();
        metrics.callStarted();
        metrics.activeCalls(2);
        metrics.callEnded("CALLER_HUNG_UP", Duration.ofSeconds(42));
        metrics.callEnded("END_CALL_TOOL", Duration.ofSeconds(5));
        metrics.callEnded("CALLER_HUNG_UP", Duration.ofSeconds(100));
        metrics.callRejected();
        metrics.setupFailed("EXTERNAL_MEDIA");
        metrics.setupFailed("EXTERNAL_MEDIA");
        metrics.setupFailed("REALTIME");

        assertThat(value(metrics, "arivoice_calls_started_total")).isEqualTo(3);
        assertThat(value(metrics, "arivoice_calls_active")).isEqualTo(2);
        assertThat(value(metrics, "arivoice_calls_ended_total", "reason", "caller_hung_up")).isEqualTo(2);
        assertThat(value(metrics, "arivoice_calls_ended_total", "reason", "end_call_tool")).isEqualTo(1);
        assertThat(value(metrics, "arivoice_calls_rejected_total")).isEqualTo(1);
        assertThat(value(metrics, "arivoice_call_setup_failures_total", "step", "external_media")).isEqualTo(2);
        assertThat(value(metrics, "arivoice_call_setup_failures_total", "step", "realtime")).isEqualTo(1);
        assertThat(value(metrics, "arivoice_call_duration_seconds_count")).isEqualTo(3);
        assertThat(value(metrics, "arivoice_call_duration_seconds_sum")).isCloseTo(147, within(1e-9));
        assertThat(value(metrics, "arivoice_call_duration_seconds_bucket", "le", "10.0")).isEqualTo(1);
        assertThat(value(metrics, "arivoice_call_duration_seconds_bucket", "le", "60.0")).isEqualTo(2);
        assertThat(value(metrics, "arivoice_call_duration_seconds_bucket", "le", "120.0")).isEqualTo(3);
    }

    @Test
    void stageLatenciesFillTheSloBuckets() {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();

        for (int ms = 1; ms <= 100; ms++) {
            metrics.latency(Stage.SPEECH_STOPPED_TO_FIRST_AUDIO, Duration.ofMillis(ms * 10L));
        }
        metrics.latency(Stage.CALL_SETUP, Duration.ofMillis(700));

        String stage = "speech_stopped_to_first_audio";
        assertThat(value(metrics, "arivoice_stage_latency_seconds_count", "stage", stage)).isEqualTo(100);
        assertThat(value(metrics, "arivoice_stage_latency_seconds_sum", "stage", stage))
                .isCloseTo(50.5, within(1e-9));
        assertThat(value(metrics, "arivoice_stage_latency_seconds_bucket", "stage", stage, "le", "0.1"))
                .isEqualTo(10);
        assertThat(value(metrics, "arivoice_stage_latency_seconds_bucket", "stage", stage, "le", "0.3"))
                .isEqualTo(30);
        assertThat(value(metrics, "arivoice_stage_latency_seconds_bucket", "stage", stage, "le", "0.5"))
                .isEqualTo(50);
        assertThat(value(metrics, "arivoice_stage_latency_seconds_bucket", "stage", stage, "le", "0.8"))
                .isEqualTo(80);
        assertThat(value(metrics, "arivoice_stage_latency_seconds_bucket", "stage", stage, "le", "1.0"))
                .isEqualTo(100);
        assertThat(value(metrics, "arivoice_stage_latency_seconds_bucket", "stage", stage, "le", "5.0"))
                .isEqualTo(100);

        assertThat(value(metrics, "arivoice_stage_latency_seconds_bucket", "stage", "call_setup", "le", "0.5"))
                .isEqualTo(0);
        assertThat(value(metrics, "arivoice_stage_latency_seconds_bucket", "stage", "call_setup", "le", "1.0"))
                .isEqualTo(1);
        assertThat(value(metrics, "arivoice_stage_latency_seconds_count", "stage", "realtime_connect"))
                .isEqualTo(0);
    }

    @Test
    void eachStageHasItsServiceLevelObjectivesAsBucketsWithinItsRange() {
        PrometheusText text = PrometheusText.parse(new MicrometerBotMetrics().scrape());

        for (Stage stage : Stage.values()) {
            MicrometerBotMetrics.StageHistogram range = MicrometerBotMetrics.STAGE_HISTOGRAMS.get(stage);
            List<String> bounds = text.series("arivoice_stage_latency_seconds_bucket").stream()
                    .filter(s -> s.labels().get("stage").equals(stage.name().toLowerCase()))
                    .map(s -> s.labels().get("le")).toList();
            for (Duration objective : range.objectives()) {
                assertThat(objective).isBetween(range.minimum(), range.maximum());
                assertThat(bounds).as(stage + " " + objective).contains(le(objective));
            }
            // Enough buckets to estimate quantiles, few enough to keep the number of series reasonable.
            assertThat(bounds).as(stage.name()).hasSizeBetween(20, 70).contains("+Inf");
        }
        assertThat(MicrometerBotMetrics.STAGE_HISTOGRAMS.get(Stage.INBOUND_AUDIO).objectives())
                .contains(Duration.ofMillis(5));
        assertThat(MicrometerBotMetrics.STAGE_HISTOGRAMS.get(Stage.SPEECH_STOPPED_TO_FIRST_AUDIO).objectives())
                .contains(Duration.ofMillis(500));
    }

    /** A bucket bound as Prometheus' text format writes it (seconds, Java's shortest double form). */
    private static String le(Duration bound) {
        return Double.toString(bound.toNanos() / 1e9);
    }

    @Test
    void stageLatenciesAreCumulativeHistogramsThatStayAfterTheBotFallsQuiet() {
        MockClock clock = new MockClock();
        MicrometerBotMetrics metrics = new MicrometerBotMetrics(Clock.systemUTC(), clock);
        metrics.latency(Stage.SPEECH_STOPPED_TO_FIRST_AUDIO, Duration.ofMillis(420));
        metrics.latency(Stage.INBOUND_AUDIO, Duration.ofMillis(1));
        metrics.latency(Stage.INBOUND_AUDIO, Duration.ofMillis(3));

        String scraped = metrics.scrape();
        PrometheusText text = PrometheusText.parse(scraped);
        assertThat(text.types()).contains("arivoice_stage_latency_seconds histogram")
                .noneMatch(type -> type.startsWith("arivoice_stage_latency_summary"));
        // Client-side quantiles cannot be aggregated across instances and decay to 0 once calls stop.
        assertThat(scraped.lines()).noneMatch(line -> line.contains("quantile="));
        String reply = "speech_stopped_to_first_audio";
        assertThat(text.value("arivoice_stage_latency_seconds_bucket", "stage", reply, "le", "0.3")).hasValue(0);
        assertThat(text.value("arivoice_stage_latency_seconds_bucket", "stage", reply, "le", "0.5")).hasValue(1);
        assertThat(text.value("arivoice_stage_latency_seconds_bucket", "stage", reply, "le", "+Inf")).hasValue(1);
        assertThat(text.value("arivoice_stage_latency_seconds_count", "stage", reply)).hasValue(1);
        assertThat(text.value("arivoice_stage_latency_seconds_sum", "stage", reply).orElseThrow())
                .isCloseTo(0.42, within(1e-9));
        assertThat(text.value("arivoice_stage_latency_seconds_bucket", "stage", "inbound_audio", "le", "0.002"))
                .hasValue(1);
        assertThat(text.value("arivoice_stage_latency_seconds_bucket", "stage", "inbound_audio", "le", "0.005"))
                .hasValue(2);
        Map<String, Double> before = buckets(text);

        // Long past Micrometer's two-minute percentile window: a quiet bot still reports what it measured.
        clock.add(Duration.ofMinutes(10));

        PrometheusText later = PrometheusText.parse(metrics.scrape());
        assertThat(buckets(later)).isEqualTo(before);
        assertThat(later.value("arivoice_stage_latency_seconds_count", "stage", reply)).hasValue(1);
        StageLatency quiet = metrics.stageLatency(Stage.SPEECH_STOPPED_TO_FIRST_AUDIO);
        assertThat(quiet.count()).isEqualTo(1);
        // Estimated from the bucket that holds it, like histogram_quantile; no longer 0.
        assertThat(quiet.p50()).isBetween(Duration.ofMillis(300), Duration.ofMillis(420));
        assertThat(quiet.max()).isEqualTo(Duration.ofMillis(420));
    }

    /** Every bucket series of the stage latencies, keyed by stage and bound. */
    private static Map<String, Double> buckets(PrometheusText text) {
        return text.series("arivoice_stage_latency_seconds_bucket").stream()
                .collect(Collectors.toMap(s -> s.labels().get("stage") + " " + s.labels().get("le"),
                        PrometheusText.Sample::value));
    }

    @Test
    void rtpTokensCostAndRealtimeErrorsAddUp() {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();

        metrics.rtp(1000, 3, 2, 1);
        metrics.rtp(500, 0, 1, 4);
        metrics.tokens(1200, 300, 0.25);
        metrics.tokens(800, 700, 0.5);
        metrics.realtimeError("rate_limit_exceeded");
        metrics.realtimeError("connection_lost");
        metrics.realtimeError("connection_lost");

        assertThat(value(metrics, "arivoice_rtp_packets_received_total")).isEqualTo(1500);
        assertThat(value(metrics, "arivoice_rtp_packets_lost_total")).isEqualTo(3);
        assertThat(value(metrics, "arivoice_rtp_packets_late_total")).isEqualTo(3);
        assertThat(value(metrics, "arivoice_rtp_underruns_total")).isEqualTo(5);
        assertThat(value(metrics, "arivoice_tokens_total", "direction", "input")).isEqualTo(2000);
        assertThat(value(metrics, "arivoice_tokens_total", "direction", "output")).isEqualTo(1000);
        assertThat(value(metrics, "arivoice_cost_usd_total")).isCloseTo(0.75, within(1e-9));
        assertThat(value(metrics, "arivoice_realtime_errors_total", "type", "rate_limit_exceeded")).isEqualTo(1);
        assertThat(value(metrics, "arivoice_realtime_errors_total", "type", "connection_lost")).isEqualTo(2);
    }

    @Test
    void ariStateAndLastRealtimeSuccessAreKeptForHealth() {
        Instant now = Instant.parse("2026-03-01T10:15:30Z");
        MicrometerBotMetrics metrics = new MicrometerBotMetrics(Clock.fixed(now, ZoneOffset.UTC));
        assertThat(metrics.ariConnected()).isFalse();
        assertThat(metrics.lastRealtimeSuccess()).isEmpty();

        metrics.ariConnected(true);
        metrics.realtimeSucceeded();
        metrics.realtimeSucceeded();

        assertThat(metrics.ariConnected()).isTrue();
        assertThat(metrics.lastRealtimeSuccess()).contains(now);
        assertThat(value(metrics, "arivoice_ari_connected")).isEqualTo(1);
        assertThat(value(metrics, "arivoice_realtime_last_success_timestamp_seconds"))
                .isEqualTo(now.getEpochSecond());
        assertThat(value(metrics, "arivoice_realtime_sessions_ready_total")).isEqualTo(2);

        metrics.ariConnected(false);
        assertThat(metrics.ariConnected()).isFalse();
        assertThat(value(metrics, "arivoice_ari_connected")).isEqualTo(0);
    }

    @Test
    void distinctTagValuesBeyondTheCapAreRecordedAsOther() {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();
        int distinct = MicrometerBotMetrics.MAX_TAG_VALUES + 25;

        for (int i = 0; i < distinct; i++) {
            metrics.realtimeError("error_" + i);
        }
        // A value admitted before the cap keeps its own series afterwards.
        metrics.realtimeError("error_0");
        // A new value after the cap goes to "other".
        metrics.realtimeError("error_new");

        PrometheusText text = PrometheusText.parse(metrics.scrape());
        List<PrometheusText.Sample> series = text.series("arivoice_realtime_errors_total");
        assertThat(series).hasSize(MicrometerBotMetrics.MAX_TAG_VALUES + 1);
        assertThat(text.value("arivoice_realtime_errors_total", "type", "error_0")).hasValue(2);
        assertThat(text.value("arivoice_realtime_errors_total", "type", "error_49")).hasValue(1);
        assertThat(text.value("arivoice_realtime_errors_total", "type", "error_50")).isEmpty();
        assertThat(text.value("arivoice_realtime_errors_total", "type", "other")).hasValue(26);
        assertThat(series.stream().mapToDouble(PrometheusText.Sample::value).sum()).isEqualTo(distinct + 2);
    }

    @Test
    void eachTagHasItsOwnCap() {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();
        for (int i = 0; i < MicrometerBotMetrics.MAX_TAG_VALUES; i++) {
            metrics.realtimeError("type_" + i);
        }

        metrics.callEnded("CALLER_HUNG_UP", Duration.ofSeconds(1));
        metrics.setupFailed("SNOOP");

        assertThat(value(metrics, "arivoice_calls_ended_total", "reason", "caller_hung_up")).isEqualTo(1);
        assertThat(value(metrics, "arivoice_call_setup_failures_total", "step", "snoop")).isEqualTo(1);
    }

    @Test
    void oddTagValuesAreNormalisedNotRejected() {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();

        metrics.realtimeError(null);
        metrics.realtimeError("  ");
        metrics.realtimeError("Server Error\n(502)");
        metrics.realtimeError("x".repeat(500));

        assertThat(value(metrics, "arivoice_realtime_errors_total", "type", "unknown")).isEqualTo(2);
        assertThat(value(metrics, "arivoice_realtime_errors_total", "type", "server_error_(502)")).isEqualTo(1);
        assertThat(value(metrics, "arivoice_realtime_errors_total", "type", "x".repeat(BoundedTagValues.MAX_LENGTH)))
                .isEqualTo(1);
    }

    @Test
    void badArgumentsAreIgnoredWithoutThrowing() {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();

        assertThatCode(() -> {
            metrics.latency(null, Duration.ofMillis(5));
            metrics.latency(Stage.CALL_SETUP, null);
            metrics.latency(Stage.CALL_SETUP, Duration.ofMillis(-5));
            metrics.callEnded(null, null);
            metrics.callEnded("CALLER_HUNG_UP", Duration.ofSeconds(-1));
            metrics.rtp(-1, -2, -3, -4);
            metrics.tokens(-10, -20, Double.NaN);
            metrics.tokens(0, 0, Double.POSITIVE_INFINITY);
            metrics.tokens(0, 0, -1.5);
            metrics.activeCalls(-3);
            metrics.setupFailed(null);
        }).doesNotThrowAnyException();

        assertThat(value(metrics, "arivoice_stage_latency_seconds_count", "stage", "call_setup")).isEqualTo(0);
        assertThat(value(metrics, "arivoice_call_duration_seconds_count")).isEqualTo(0);
        assertThat(value(metrics, "arivoice_calls_ended_total", "reason", "unknown")).isEqualTo(1);
        assertThat(value(metrics, "arivoice_calls_ended_total", "reason", "caller_hung_up")).isEqualTo(1);
        assertThat(value(metrics, "arivoice_rtp_packets_received_total")).isEqualTo(0);
        assertThat(value(metrics, "arivoice_rtp_packets_lost_total")).isEqualTo(0);
        assertThat(value(metrics, "arivoice_tokens_total", "direction", "input")).isEqualTo(0);
        assertThat(value(metrics, "arivoice_cost_usd_total")).isEqualTo(0);
        assertThat(value(metrics, "arivoice_calls_active")).isEqualTo(0);
        assertThat(value(metrics, "arivoice_call_setup_failures_total", "step", "unknown")).isEqualTo(1);
    }

    @Test
    void manyThreadsRecordingAtOnceLoseNothing() throws Exception {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();
        int threads = 8;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        metrics.callStarted();
                        metrics.callEnded(i % 2 == 0 ? "caller_hung_up" : "end_call", Duration.ofSeconds(1));
                        metrics.latency(Stage.INBOUND_AUDIO, Duration.ofNanos(100_000));
                        metrics.rtp(50, 1, 0, 2);
                        metrics.tokens(10, 20, 0.001);
                        // 40 distinct types in all, 5 per thread: under the cap, so each keeps its own series.
                        metrics.realtimeError("t" + thread + "_" + (i % 5));
                        if (i % 100 == 0) {
                            metrics.scrape();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(Timeouts.ms(2, TimeUnit.MINUTES), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long total = (long) threads * perThread;
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertThat(text.value("arivoice_calls_started_total")).hasValue(total);
        assertThat(text.value("arivoice_calls_ended_total", "reason", "caller_hung_up")).hasValue(total / 2);
        assertThat(text.value("arivoice_calls_ended_total", "reason", "end_call")).hasValue(total / 2);
        assertThat(text.value("arivoice_call_duration_seconds_count")).hasValue(total);
        assertThat(text.value("arivoice_stage_latency_seconds_count", "stage", "inbound_audio")).hasValue(total);
        assertThat(text.value("arivoice_rtp_packets_received_total")).hasValue(total * 50);
        assertThat(text.value("arivoice_rtp_packets_lost_total")).hasValue(total);
        assertThat(text.value("arivoice_rtp_underruns_total")).hasValue(total * 2);
        assertThat(text.value("arivoice_tokens_total", "direction", "input")).hasValue(total * 10);
        assertThat(text.value("arivoice_tokens_total", "direction", "output")).hasValue(total * 20);
        assertThat(text.value("arivoice_cost_usd_total").orElseThrow()).isCloseTo(total * 0.001, within(1e-6));
        List<PrometheusText.Sample> errors = text.series("arivoice_realtime_errors_total");
        assertThat(errors).hasSize(threads * 5);
        assertThat(errors.stream().mapToDouble(PrometheusText.Sample::value).sum()).isEqualTo(total);
    }

    @Test
    void concurrentNewTagValuesNeverExceedTheCap() throws Exception {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();
        int threads = 8;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        metrics.callEnded("reason_" + thread + "_" + i, Duration.ofSeconds(1));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(Timeouts.ms(2, TimeUnit.MINUTES), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<PrometheusText.Sample> ended = PrometheusText.parse(metrics.scrape())
                .series("arivoice_calls_ended_total");
        assertThat(ended).hasSize(MicrometerBotMetrics.MAX_TAG_VALUES + 1);
        assertThat(ended.stream().mapToDouble(PrometheusText.Sample::value).sum())
                .isEqualTo((double) threads * perThread);
        assertThat(ended.stream().filter(s -> s.labels().get("reason").equals("other")).findFirst().orElseThrow()
                .value()).isEqualTo((double) threads * perThread - MicrometerBotMetrics.MAX_TAG_VALUES);
    }

    @Test
    void stageLatencySummarisesTheMeasurementsForReports() {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();
        assertThat(metrics.stageLatency(Stage.OUTBOUND_AUDIO))
                .isEqualTo(new StageLatency(Stage.OUTBOUND_AUDIO, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                        Duration.ZERO, Duration.ZERO));

        for (int ms = 1; ms <= 200; ms++) {
            metrics.latency(Stage.OUTBOUND_AUDIO, Duration.ofMillis(ms));
        }
        StageLatency summary = metrics.stageLatency(Stage.OUTBOUND_AUDIO);

        // Estimated from the buckets: within a few per cent of the exact 100, 190 and 198 ms.
        assertThat(summary.stage()).isEqualTo(Stage.OUTBOUND_AUDIO);
        assertThat(summary.count()).isEqualTo(200);
        assertThat(summary.mean()).isEqualTo(Duration.ofNanos(100_500_000));
        assertThat(summary.p50().toNanos()).isCloseTo(100_000_000L, within(5_000_000L));
        assertThat(summary.p95().toNanos()).isCloseTo(190_000_000L, within(5_000_000L));
        assertThat(summary.p99().toNanos()).isCloseTo(198_000_000L, within(5_000_000L));
        assertThat(summary.max()).isEqualTo(Duration.ofMillis(200));
        assertThat(metrics.stageLatency(Stage.CALL_SETUP).count()).isZero();
    }

    @Test
    void aQuantileBeyondTheLastBucketIsTheLargestMeasurement() {
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();
        metrics.latency(Stage.INBOUND_AUDIO, Duration.ofMillis(1));
        // Far above the stage's 1 s maximum: only the +Inf bucket holds it.
        metrics.latency(Stage.INBOUND_AUDIO, Duration.ofSeconds(30));

        StageLatency summary = metrics.stageLatency(Stage.INBOUND_AUDIO);

        assertThat(summary.p99()).isEqualTo(Duration.ofSeconds(30));
        assertThat(summary.max()).isEqualTo(Duration.ofSeconds(30));
        assertThat(summary.p50().toNanos()).isBetween(900_000L, 1_000_000L);
    }
}
