package org.arivoice.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import org.arivoice.ari.patterns.MediaCallReady;
import org.arivoice.ari.patterns.MediaFormat;
import org.arivoice.ari.testkit.ChannelSnapshot;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.realtime.testkit.AudioSource;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.rtp.codec.G711;
import org.arivoice.voicebot.call.CallListener;
import org.arivoice.voicebot.call.CallSummary;
import org.arivoice.voicebot.call.VoiceBot;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.config.ConfigLoader;
import org.arivoice.voicebot.metrics.BotMetrics.Stage;
import org.arivoice.voicebot.metrics.ForwardingBotMetrics;
import org.arivoice.voicebot.metrics.MicrometerBotMetrics;
import org.arivoice.voicebot.metrics.StageLatency;

/**
 * Runs N complete calls of the bundled bot ({@link VoiceBot}) against a {@link FakeAsterisk} and a
 * {@link FakeRealtimeServer} in this one process, and reports what one call costs the bot.
 *
 * <p>Each simulated caller speaks a speech-like sample in a loop (1.2 s of voiced syllables, then 2.8 s of
 * silence, for the whole run: the fake sends a 20 ms frame every 20 ms while its caller speaks, silence
 * included); the fake model's server VAD ends each turn in the silence and answers with 1.5 s of a 220 Hz
 * tone (every response, since no scripted responses are given: the fake's default message uses its default
 * audio source), streamed at the fake's default 10× speed. So audio flows into the bot all the time and out of
 * it about 40 % of the time, through the bot's real RTP, jitter buffer, pacer, Realtime client and barge-in
 * code.
 *
 * <p>Reported: CPU time of the bot's threads (told apart from the fakes' by thread name) and of the whole
 * process per call, so calls per core; heap used after a full GC and live threads, before and with the calls,
 * per call; the bot's own latencies {@code INBOUND_AUDIO} (RTP frame out of the jitter buffer → handed to the
 * Realtime session) and {@code OUTBOUND_AUDIO} ({@code output_audio.delta} → queued in the pacer) from
 * {@link MicrometerBotMetrics#stageLatency}; calls completed and Asterisk leftovers after the hang-up. The
 * fakes run on the same cores, so every number is pessimistic for a machine that runs only the bot.
 */
public final class BotLoadHarness {
    private static final String API_KEY = "sk-load-harness";
    /** The caller's loop: speech for 1.2 s, then silence, 4 s in all. */
    private static final int SPEECH_MS = 1200;
    private static final int LOOP_MS = 4000;
    private static final int ULAW_SILENCE = 0xFF;
    private static final int TOP_THREAD_GROUPS = 12;

    private final int calls;
    private final int seconds;
    private final int warmupSeconds;
    private final MediaFormat format;

    private final Map<String, MediaCallReady> ready = new ConcurrentHashMap<>();
    private final Map<String, CallSummary> ended = new ConcurrentHashMap<>();

    private BotLoadHarness(int calls, int seconds, int warmupSeconds, MediaFormat format) {
        this.calls = calls;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.format = format;
    }

    /**
     * Runs the harness.
     *
     * @param args {@code --calls N} (100), {@code --seconds S} (20, measured), {@code --warmup S} (10, after all
     *     calls are ready), {@code --format ulaw|slin16} (ExternalMedia format; {@code ulaw}, the default, passes
     *     through to {@code audio/pcmu} untouched, {@code slin16} is resampled to 24 kHz PCM and back)
     * @throws Exception if the harness cannot start
     */
    public static void main(String[] args) throws Exception {
        int calls = 100;
        int seconds = 20;
        int warmup = 10;
        MediaFormat format = MediaFormat.ULAW;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = positive(args, ++i);
                case "--seconds" -> seconds = positive(args, ++i);
                case "--warmup" -> warmup = positive(args, ++i);
                case "--format" -> format = format(args, ++i);
                case "--help", "-h" -> {
                    System.out.println("usage: BotLoadHarness [--calls N] [--seconds S] [--warmup S] [--format ulaw|slin16]");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        System.exit(new BotLoadHarness(calls, seconds, warmup, format).run() ? 0 : 1);
    }

    private static int positive(String[] args, int i) {
        String value = value(args, i);
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println(args[i - 1] + " needs a positive whole number, got '" + value + "'");
        System.exit(2);
        return 0;
    }

    private static MediaFormat format(String[] args, int i) {
        String value = value(args, i);
        return switch (value) {
            case "ulaw" -> MediaFormat.ULAW;
            case "slin16" -> MediaFormat.SLIN16;
            default -> {
                System.err.println("--format is ulaw or slin16, got '" + value + "'");
                System.exit(2);
                yield MediaFormat.ULAW;
            }
        };
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println(args[i - 1] + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    /** A speech-like loop: voiced syllables (130 Hz and harmonics) with pauses, then silence, repeated. */
    private static byte[] callerAudio(int totalSeconds) {
        int loopSamples = LOOP_MS * 8;
        byte[] loop = new byte[loopSamples];
        Arrays.fill(loop, (byte) ULAW_SILENCE);
        int syllable = 240 * 8;
        int gap = 60 * 8;
        for (int start = 0; start + syllable <= SPEECH_MS * 8; start += syllable + gap) {
            for (int i = 0; i < syllable; i++) {
                double t = i / 8000.0;
                double envelope = Math.sin(Math.PI * i / syllable);
                double v = 0;
                for (int h = 1; h <= 6; h++) {
                    v += Math.sin(2 * Math.PI * 130 * h * t) / h;
                }
                loop[start + i] = G711.linearToUlaw((short) Math.round(v / 2.5 * envelope * 0.5 * 32767));
            }
        }
        int loops = (totalSeconds * 1000 + LOOP_MS - 1) / LOOP_MS;
        byte[] out = new byte[loops * loopSamples];
        for (int k = 0; k < loops; k++) {
            System.arraycopy(loop, 0, out, k * loopSamples, loopSamples);
        }
        return out;
    }

    private boolean run() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "bot load harness: %d calls, %s, %d s measured after %d s warm-up, %d cores, "
                + "max heap %d MB, Java %s%n", calls, format == MediaFormat.ULAW ? "ulaw passthrough (audio/pcmu)"
                : "slin16 <-> 24 kHz PCM", seconds, warmupSeconds, cores,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Duration readyTimeout = Duration.ofSeconds(Math.max(60, calls / 5));
        // The caller's sample must outlast set-up, warm-up and measurement: it is spoken once, from the answer.
        byte[] callerSays = callerAudio((int) readyTimeout.toSeconds() / 2 + warmupSeconds + seconds + 10);
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();
        WindowedLatencies window = new WindowedLatencies(metrics);
        boolean ok;
        try (FakeAsterisk asterisk = FakeAsterisk.builder().callerAudio(callerSays).build().start();
                FakeRealtimeServer model = FakeRealtimeServer.builder().acceptedApiKeys(API_KEY)
                        .audioSource(AudioSource.tone(220, Duration.ofMillis(1500), 0.3))
                        .recordingLimit(1000).build().start()) {
            BotConfig base = ConfigLoader.forSimulation(asterisk.baseUrl(), model.url().toString(), API_KEY);
            BotConfig.Media m = base.media();
            BotConfig.Limits l = base.limits();
            BotConfig config = new BotConfig(base.ari(),
                    new BotConfig.Media(m.bindAddress(), m.advertisedHost(), 20_000, 20_000 + 2 * calls + 100,
                            format, m.jitterMs()),
                    base.realtime(), base.conversation(), base.tools(),
                    new BotConfig.Limits(l.maxCallDuration(), calls + 10, l.overflow(), l.busyMedia(),
                            l.sessionRollover(), l.maxRealtimeFailures(), l.apologyMedia(), l.fallback(),
                            l.shutdownGrace()),
                    new BotConfig.Observability(0, Optional.empty(), false));
            VoiceBot bot = VoiceBot.builder(config).metrics(window).discoverTools(false)
                    .callListener(new CallListener() {
                        @Override
                        public void callReady(MediaCallReady r) {
                            ready.put(r.callerChannelId(), r);
                        }

                        @Override
                        public void callEnded(CallSummary summary) {
                            ended.put(summary.callerChannelId(), summary);
                        }
                    }).start();
            List<String> callers = new ArrayList<>();
            try {
                TimeUnit.SECONDS.sleep(2);
                long heapBefore = heapAfterGc(memory);
                int threadsBefore = threads.getThreadCount();
                long setupStart = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    callers.add(asterisk.simulateIncomingCall("1000"));
                }
                boolean allReady = waitUntil(() -> ready.size() + ended.size() >= calls, readyTimeout);
                System.out.printf(Locale.ROOT, "set-up: %d of %d calls ready after %.1f s%s%n", ready.size(), calls,
                        (System.nanoTime() - setupStart) / 1e9, allReady ? "" : " (timed out)");
                TimeUnit.SECONDS.sleep(warmupSeconds);

                Map<Long, Long> cpu0 = threadCpu(threads);
                long process0 = os.getProcessCpuTime();
                long inbound0 = metrics.stageLatency(Stage.INBOUND_AUDIO).count();
                long outbound0 = metrics.stageLatency(Stage.OUTBOUND_AUDIO).count();
                long toCaller0 = packetsToAsterisk(asterisk);
                long wall0 = System.nanoTime();
                window.measuring = true;
                TimeUnit.SECONDS.sleep(seconds);
                window.measuring = false;
                long wall = System.nanoTime() - wall0;
                long processCpu = os.getProcessCpuTime() - process0;
                Map<Long, Long> cpu1 = threadCpu(threads);
                long inbound = metrics.stageLatency(Stage.INBOUND_AUDIO).count() - inbound0;
                long outbound = metrics.stageLatency(Stage.OUTBOUND_AUDIO).count() - outbound0;
                long toCaller = packetsToAsterisk(asterisk) - toCaller0;
                int activeDuring = bot.activeCalls();
                int threadsWith = threads.getThreadCount();
                long heapWith = heapAfterGc(memory);
                long fakeHeldAudio = fakeHeldAudio(asterisk, callerSays.length);

                Map<String, long[]> groups = cpuByGroup(threads, cpu0, cpu1);
                long botCpu = 0;
                long fakeCpu = 0;
                long otherCpu = 0;
                for (Map.Entry<String, long[]> e : groups.entrySet()) {
                    switch (owner(e.getKey())) {
                        case "bot" -> botCpu += e.getValue()[1];
                        case "fake" -> fakeCpu += e.getValue()[1];
                        default -> otherCpu += e.getValue()[1];
                    }
                }
                double wallSeconds = wall / 1e9;
                double botCores = botCpu / 1e9 / wallSeconds;
                double processCores = processCpu / 1e9 / wallSeconds;
                System.out.printf(Locale.ROOT, "%nmeasured %.1f s with %d active calls%n", wallSeconds, activeDuring);
                System.out.printf(Locale.ROOT, "%-44s %12s %12s%n", "", "total", "per call");
                row("CPU, bot's threads (cores)", botCores, botCores / calls * 100, "%% of a core");
                row("CPU, fakes' threads (cores)", fakeCpu / 1e9 / wallSeconds,
                        fakeCpu / 1e9 / wallSeconds / calls * 100, "%% of a core");
                row("CPU, harness/JVM Java threads (cores)", otherCpu / 1e9 / wallSeconds,
                        otherCpu / 1e9 / wallSeconds / calls * 100, "%% of a core");
                row("CPU, whole process incl. GC/JIT (cores)", processCores, processCores / calls * 100,
                        "%% of a core");
                System.out.printf(Locale.ROOT, "%-44s %12.0f%n", "calls per core, bot's threads", calls / botCores);
                System.out.printf(Locale.ROOT, "%-44s %12.0f%n", "calls per core, whole process (fakes too)",
                        calls / processCores);
                long heapPerCall = (heapWith - heapBefore - fakeHeldAudio) / calls;
                System.out.printf(Locale.ROOT, "%-44s %9d MB %9d kB  (%d MB before, %d MB with; %d MB of it is "
                        + "audio the fake holds, subtracted)%n", "heap after GC, with the calls",
                        (heapWith - heapBefore - fakeHeldAudio) >> 20, heapPerCall >> 10, heapBefore >> 20,
                        heapWith >> 20, fakeHeldAudio >> 20);
                int fakeThreads = (int) countThreads(threads, "fake");
                System.out.printf(Locale.ROOT, "%-44s %12d %12.2f  (%d before, %d with; %d of them the fakes')%n",
                        "live threads added", threadsWith - threadsBefore,
                        (threadsWith - threadsBefore) / (double) calls, threadsBefore, threadsWith, fakeThreads);
                System.out.printf(Locale.ROOT, "%-44s %12.1f %12.1f  (50 expected)%n", "inbound frames/s appended",
                        inbound / wallSeconds, inbound / wallSeconds / calls);
                System.out.printf(Locale.ROOT, "%-44s %12.1f %12.1f  (deltas received from the model)%n",
                        "outbound deltas/s queued", outbound / wallSeconds, outbound / wallSeconds / calls);
                System.out.printf(Locale.ROOT, "%-44s %12.1f %12.1f  (50 while the bot speaks)%n",
                        "RTP packets/s to the caller", toCaller / wallSeconds, toCaller / wallSeconds / calls);
                System.out.printf(Locale.ROOT, "%nbot's own latency (Micrometer's histogram since start, warm-up"
                        + " included; percentiles estimated from its buckets)%n");
                System.out.printf(Locale.ROOT, "%-16s %10s %9s %9s %9s %9s%n", "stage", "count", "p50 ms", "p95 ms",
                        "p99 ms", "max ms");
                for (Stage s : new Stage[] {Stage.INBOUND_AUDIO, Stage.OUTBOUND_AUDIO, Stage.CALL_SETUP,
                        Stage.FIRST_AUDIO_TO_FIRST_RTP}) {
                    StageLatency sl = metrics.stageLatency(s);
                    System.out.printf(Locale.ROOT, "%-16s %10d %9.3f %9.3f %9.3f %9.3f%n",
                            s.name().length() > 16 ? s.name().substring(0, 16) : s.name(), sl.count(),
                            ms(sl.p50()), ms(sl.p95()), ms(sl.p99()), ms(sl.max()));
                }
                System.out.printf(Locale.ROOT, "%nbot's own latency during the measurement only (10 µs buckets)%n");
                System.out.printf(Locale.ROOT, "%-16s %10s %9s %9s %9s %9s %9s%n", "stage", "count", "p50 ms",
                        "p99 ms", "p99.9 ms", "max ms", "> 5 ms");
                for (Stage s : new Stage[] {Stage.INBOUND_AUDIO, Stage.OUTBOUND_AUDIO, Stage.FIRST_AUDIO_TO_FIRST_RTP}) {
                    AtomicLongArray h = window.histogram(s);
                    System.out.printf(Locale.ROOT, "%-16s %10d %9.3f %9.3f %9.3f %9.3f %9d%n",
                            s.name().length() > 16 ? s.name().substring(0, 16) : s.name(),
                            WindowedLatencies.count(h), WindowedLatencies.percentileMillis(h, 0.50),
                            WindowedLatencies.percentileMillis(h, 0.99), WindowedLatencies.percentileMillis(h, 0.999),
                            WindowedLatencies.percentileMillis(h, 1.0), WindowedLatencies.above(h, 5_000_000L));
                }
                System.out.printf(Locale.ROOT, "%nCPU by thread group during the measurement (top %d)%n",
                        TOP_THREAD_GROUPS);
                System.out.printf(Locale.ROOT, "%-40s %6s %8s %10s%n", "thread group", "owner", "threads", "cores");
                groups.entrySet().stream()
                        .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                        .limit(TOP_THREAD_GROUPS)
                        .forEach(e -> System.out.printf(Locale.ROOT, "%-40s %6s %8d %10.3f%n", e.getKey(),
                                owner(e.getKey()), e.getValue()[0], e.getValue()[1] / 1e9 / wallSeconds));

                for (String caller : callers) {
                    if (asterisk.channels().stream().map(ChannelSnapshot::id).anyMatch(caller::equals)) {
                        asterisk.hangUpFromFarEnd(caller);
                    }
                }
                waitUntil(() -> bot.activeCalls() == 0, Duration.ofSeconds(60));
            } finally {
                bot.shutdown(Duration.ofSeconds(2));
            }
            waitUntil(() -> asterisk.leftovers().isEmpty(), Duration.ofSeconds(20));
            List<String> leftovers = asterisk.leftovers();
            long completed = callers.stream().filter(c -> ready.containsKey(c) && ended.containsKey(c)
                    && "CALLER_HUNG_UP".equalsIgnoreCase(ended.get(c).reason())).count();
            Map<String, Integer> reasons = new TreeMap<>();
            for (CallSummary s : ended.values()) {
                reasons.merge(s.reason(), 1, Integer::sum);
            }
            System.out.printf(Locale.ROOT, "%ncalls: %d placed, %d ready, %d ended by the caller's hang-up "
                    + "(end reasons %s); leftovers in Asterisk: %s%n", calls, ready.size(), completed, reasons,
                    leftovers.isEmpty() ? "none" : leftovers.size() + " " + leftovers);
            ok = completed == calls && leftovers.isEmpty();
        }
        return ok;
    }

    /**
     * Forwards everything to the bot's {@link MicrometerBotMetrics} and, while {@link #measuring}, also counts the
     * {@code INBOUND_AUDIO}, {@code OUTBOUND_AUDIO} and {@code FIRST_AUDIO_TO_FIRST_RTP} latencies in histograms
     * of 10 µs buckets, so that the percentiles cover the measured seconds only (Micrometer's cover the last two
     * minutes: set-up included).
     */
    private static final class WindowedLatencies extends ForwardingBotMetrics {
        private static final long BUCKET_NANOS = 10_000;
        private static final int BUCKETS = 20_000;

        private final AtomicLongArray inbound = new AtomicLongArray(BUCKETS + 1);
        private final AtomicLongArray outbound = new AtomicLongArray(BUCKETS + 1);
        private final AtomicLongArray firstRtp = new AtomicLongArray(BUCKETS + 1);
        volatile boolean measuring;

        WindowedLatencies(MicrometerBotMetrics delegate) {
            super(delegate);
        }

        AtomicLongArray histogram(Stage stage) {
            return switch (stage) {
                case INBOUND_AUDIO -> inbound;
                case OUTBOUND_AUDIO -> outbound;
                case FIRST_AUDIO_TO_FIRST_RTP -> firstRtp;
                default -> null;
            };
        }

        static long count(AtomicLongArray h) {
            long n = 0;
            for (int i = 0; i < h.length(); i++) {
                n += h.get(i);
            }
            return n;
        }

        static long above(AtomicLongArray h, long nanos) {
            long n = 0;
            for (int i = (int) (nanos / BUCKET_NANOS); i < h.length(); i++) {
                n += h.get(i);
            }
            return n;
        }

        /** The upper edge of the bucket holding the p-th measurement; the last bucket holds 200 ms and more. */
        static double percentileMillis(AtomicLongArray h, double p) {
            long total = count(h);
            long target = Math.max(1, (long) Math.ceil(p * total));
            long seen = 0;
            for (int i = 0; i < h.length(); i++) {
                seen += h.get(i);
                if (seen >= target && total > 0) {
                    return (i + 1) * BUCKET_NANOS / 1e6;
                }
            }
            return Double.NaN;
        }

        @Override
        public void latency(Stage stage, Duration latency) {
            super.latency(stage, latency);
            AtomicLongArray h = histogram(stage);
            if (measuring && h != null) {
                h.incrementAndGet((int) Math.min(BUCKETS, latency.toNanos() / BUCKET_NANOS));
            }
        }
    }

    private static void row(String label, double total, double perCall, String unit) {
        System.out.printf(Locale.ROOT, "%-44s %12.3f %12.3f  " + unit + "%n", label, total, perCall);
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }

    private long packetsToAsterisk(FakeAsterisk asterisk) {
        long n = 0;
        for (MediaCallReady r : ready.values()) {
            try {
                n += asterisk.rtpPacketsReceived(r.externalMediaChannelId());
            } catch (IllegalArgumentException gone) {
                // the channel ended; its packets are no longer counted
            }
        }
        return n;
    }

    /**
     * Heap the fakes hold that is not the bot's: each caller's copy of the sample it speaks, and the bot's audio
     * the fake keeps per ExternalMedia channel for {@link FakeAsterisk#receivedAudio}.
     */
    private long fakeHeldAudio(FakeAsterisk asterisk, int callerAudioBytes) {
        long n = (long) callerAudioBytes * ready.size();
        for (MediaCallReady r : ready.values()) {
            try {
                n += asterisk.receivedAudio(r.externalMediaChannelId()).length;
            } catch (IllegalArgumentException gone) {
                // the channel ended
            }
        }
        return n;
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(200);
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /**
     * Who a thread group belongs to. The fakes: FakeAsterisk's {@code fake-asterisk-*} (Jetty pool, timers,
     * media tick, one RTP receiver per ExternalMedia channel) and FakeRealtimeServer's {@code fake-realtime-*}
     * and Java-WebSocket server threads ({@code WebSocketWorker-*}, {@code WebSocketSelector-*}). The harness and
     * the JVM: {@code main} and the JVM's service threads. Everything else (the RTP media loops, the Realtime
     * clients' WebSocket read/write threads, the ARI client, timers) is charged to the bot, including threads
     * whose owner a name cannot tell (e.g. {@code connectionLostChecker-*}, which both WebSocket ends use):
     * that errs against the bot.
     */
    private static String owner(String group) {
        if (group.startsWith("fake-") || group.startsWith("WebSocketWorker-")
                || group.startsWith("WebSocketSelector-")) {
            return "fake";
        }
        if (group.equals("main") || group.equals("Reference Handler") || group.equals("Finalizer")
                || group.equals("Signal Dispatcher") || group.equals("Common-Cleaner")
                || group.equals("Notification Thread") || group.equals("Attach Listener")
                || group.startsWith("C1 CompilerThread") || group.startsWith("C2 CompilerThread")) {
            return "jvm";
        }
        return "bot";
    }

    /** A thread's name with its numbers and ids blanked, so that per-call threads fall into one group. */
    private static String group(String name) {
        if (name.startsWith("fake-asterisk-rtp-")) {
            return "fake-asterisk-rtp-*";
        }
        if (name.startsWith("realtime-events-")) {
            return "realtime-events-*";
        }
        return name.replaceAll("[0-9]+", "#");
    }

    private static long countThreads(ThreadMXBean threads, String owner) {
        long n = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && owner.equals(owner(group(info.getThreadName())))) {
                n++;
            }
        }
        return n;
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    /**
     * CPU used between two samples, by thread group: {threads, nanoseconds}. A thread that ended in between is
     * lost (its CPU time can no longer be read); the calls' threads live through the measurement.
     */
    private static Map<String, long[]> cpuByGroup(ThreadMXBean threads, Map<Long, Long> before,
            Map<Long, Long> after) {
        Map<String, long[]> groups = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            Long end = after.get(info.getThreadId());
            if (end == null) {
                continue;
            }
            long used = end - before.getOrDefault(info.getThreadId(), 0L);
            long[] g = groups.computeIfAbsent(group(info.getThreadName()), k -> new long[2]);
            g[0]++;
            g[1] += used;
        }
        return groups;
    }

    private static boolean waitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return true;
    }
}
