package org.arivoice.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.arivoice.rtp.AudioPayload;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.codec.G711;
import org.arivoice.rtp.codec.Resampler;
import org.arivoice.rtp.net.MediaEndpoint;
import org.arivoice.rtp.net.MediaSession;
import org.arivoice.rtp.net.MediaStream;
import org.arivoice.rtp.net.MediaStreamOptions;
import org.arivoice.rtp.net.SessionOptions;
import org.arivoice.rtp.net.SessionStats;

/**
 * Runs N simulated calls through the UDP media endpoint on loopback and reports what one call costs.
 *
 * <p>Each call has two ends. The <b>simulated Asterisk</b> end is a bare {@link MediaSession} that sends a
 * 20 ms µ-law frame every 20 ms, as Asterisk's ExternalMedia does, and measures when the bot's frames
 * arrive. The <b>bot</b> end is a {@link MediaStream} (jitter buffer in, pacer out) plus the transcoding a
 * bot with a 24 kHz model does: received µ-law is decoded and resampled 8 → 24 kHz; the "model" hands over
 * 24 kHz audio every 100 ms, which is resampled 24 → 8 kHz, encoded and queued on the pacer.
 *
 * <p>Reported: CPU time of the bot's threads per call (so calls per core), the pacing error of the bot's
 * stream seen at the receiver (deviation of each inter-arrival interval from 20 ms), loss both ways, and the
 * pacer's skipped slots. Both ends run in this one process, on the same cores: the simulated Asterisk's
 * CPU is reported separately and not charged to the bot, but it competes for the machine.
 */
public final class MediaLoadHarness {
    private static final int FRAME = 160;
    private static final int MODEL_CHUNK_MS = 100;
    private static final long PTIME_NANOS = 20_000_000L;
    private static final int HISTOGRAM_BUCKET_NANOS = 10_000;
    private static final int HISTOGRAM_BUCKETS = 20_000;

    private final int calls;
    private final int seconds;
    private final int warmupSeconds;
    private final int botLoops;
    private final boolean transcode;

    /** Written only by the simulated Asterisk's single loop thread. */
    private final long[] intervalErrorHistogram = new long[HISTOGRAM_BUCKETS + 1];
    private final long[] lastArrival;
    private volatile boolean measuring;
    private long measuredIntervals;

    private MediaLoadHarness(int calls, int seconds, int warmupSeconds, int botLoops, boolean transcode) {
        this.transcode = transcode;
        this.calls = calls;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.botLoops = botLoops;
        this.lastArrival = new long[calls];
    }

    /**
     * Runs the harness.
     *
     * @param args {@code --calls N} (200), {@code --seconds S} (10), {@code --warmup S} (3),
     *     {@code --bot-loops L} (media loop threads of the bot's endpoint, default 1), {@code --no-transcode}
     *     (µ-law end to end, as a bot with an {@code audio/pcmu} session runs)
     * @throws Exception if the harness cannot start
     */
    public static void main(String[] args) throws Exception {
        int calls = 200;
        int seconds = 10;
        int warmup = 3;
        int loops = 1;
        boolean transcode = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = positive(args, ++i);
                case "--seconds" -> seconds = positive(args, ++i);
                case "--warmup" -> warmup = positive(args, ++i);
                case "--bot-loops" -> loops = positive(args, ++i);
                case "--no-transcode" -> transcode = false;
                case "--help", "-h" -> {
                    System.out.println("usage: MediaLoadHarness [--calls N] [--seconds S] [--warmup S] [--bot-loops L] [--no-transcode]");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        new MediaLoadHarness(calls, seconds, warmup, loops, transcode).run();
    }

    private static int positive(String[] args, int i) {
        if (i >= args.length) {
            System.err.println(args[i - 1] + " needs a value");
            System.exit(2);
        }
        try {
            int v = Integer.parseInt(args[i]);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println(args[i - 1] + " needs a positive whole number, got '" + args[i] + "'");
        System.exit(2);
        return 0;
    }

    /** The bot side of one call: its stream and its transcoders. */
    private static final class BotCall {
        final MediaStream stream;
        final boolean transcode;
        final Resampler up = Resampler.create(8000, 24000);
        final Resampler down = Resampler.create(24000, 8000);
        final short[] pcm8 = new short[FRAME];
        final short[] pcm24 = new short[up.maxOutput(FRAME)];
        final short[] model8 = new short[down.maxOutput(24 * MODEL_CHUNK_MS)];
        final byte[] ulawOut = new byte[model8.length];
        long checksum;

        BotCall(MediaEndpoint endpoint, int index, boolean transcode) throws IOException {
            this.transcode = transcode;
            this.stream = MediaStream.open(endpoint, MediaStreamOptions.builder(AudioPayload.PCMU)
                    .label("bot-" + index)
                    .audioListener(this::fromCaller)
                    .build());
        }

        /** Caller audio in: µ-law → PCM 8 kHz → 24 kHz, as it would go to the model. */
        private void fromCaller(byte[] buf, int off, int len, long ts, org.arivoice.rtp.jitter.FrameKind kind) {
            if (!transcode) {
                checksum += buf[off];
                return;
            }
            G711.ulawToLinear(buf, off, len, pcm8, 0);
            int n = up.process(pcm8, 0, len, pcm24, 0);
            checksum += n > 0 ? pcm24[n - 1] : 0;
        }

        /** Model audio out: 24 kHz → 8 kHz → µ-law → pacer. */
        void fromModel(short[] model24, int len, byte[] modelUlaw) {
            if (!transcode) {
                stream.enqueue(1, modelUlaw, 0, modelUlaw.length);
                return;
            }
            int n = down.process(model24, 0, len, model8, 0);
            G711.linearToUlaw(model8, 0, n, ulawOut, 0);
            stream.enqueue(1, ulawOut, 0, n);
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "media load harness: %d calls, %d s measured after %d s warm-up, "
                + "bot media loops %d, %s, %d cores%n", calls, seconds, warmupSeconds, botLoops,
                transcode ? "µ-law <-> 24 kHz PCM transcoding" : "µ-law end to end",
                Runtime.getRuntime().availableProcessors());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        byte[] callerFrame = new byte[FRAME];
        for (int i = 0; i < FRAME; i++) {
            callerFrame[i] = G711.linearToUlaw((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        short[] modelChunk = new short[24 * MODEL_CHUNK_MS];
        for (int i = 0; i < modelChunk.length; i++) {
            modelChunk[i] = (short) (8000 * Math.sin(2 * Math.PI * 600 * i / 24000.0));
        }
        byte[] modelUlaw = new byte[8 * MODEL_CHUNK_MS];
        for (int i = 0; i < modelUlaw.length; i++) {
            modelUlaw[i] = G711.linearToUlaw((short) (8000 * Math.sin(2 * Math.PI * 600 * i / 8000.0)));
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<BotCall> bots = new ArrayList<>();
        List<MediaSession> asterisk = new ArrayList<>();
        ScheduledExecutorService model = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bot-model-producer");
            t.setDaemon(true);
            return t;
        });
        try (MediaEndpoint botEndpoint = MediaEndpoint.builder().bindAddress(loopback).ephemeralPorts()
                        .loopThreads(botLoops).threadNamePrefix("bot-media").build();
                MediaEndpoint simEndpoint = MediaEndpoint.builder().bindAddress(loopback).ephemeralPorts()
                        .loopThreads(1).threadNamePrefix("sim-asterisk").build()) {
            long start = System.nanoTime();
            for (int c = 0; c < calls; c++) {
                BotCall bot = new BotCall(botEndpoint, c, transcode);
                bots.add(bot);
                final int index = c;
                // Spread the calls' 20 ms grids over the period, as independent calls are.
                final long phase = start + (PTIME_NANOS * c) / calls;
                long[] next = {phase};
                MediaSession sim = simEndpoint.openSession(SessionOptions.builder()
                        .label("asterisk-" + c)
                        .remote(bot.stream.session().localAddress())
                        .receiver((s, packet, arrival) -> onBotFrame(index, packet, arrival))
                        .timer((s, now) -> {
                            s.sendFrame(0, false, (next[0] - phase) / PTIME_NANOS * FRAME, callerFrame, 0, FRAME);
                            next[0] += PTIME_NANOS;
                            if (next[0] <= now) {
                                next[0] = now + PTIME_NANOS;
                            }
                            s.scheduleAt(next[0]);
                        })
                        .build());
                asterisk.add(sim);
                sim.scheduleAt(phase);
            }
            // The model answers with a head start, as Realtime deltas arrive faster than real time; given
            // once every call exists, so that slow set-up of many calls does not eat the early calls' lead.
            for (BotCall bot : bots) {
                for (int k = 0; k < 3; k++) {
                    bot.fromModel(modelChunk, modelChunk.length, modelUlaw);
                }
            }
            model.scheduleAtFixedRate(() -> {
                for (BotCall bot : bots) {
                    bot.fromModel(modelChunk, modelChunk.length, modelUlaw);
                }
            }, MODEL_CHUNK_MS, MODEL_CHUNK_MS, TimeUnit.MILLISECONDS);

            TimeUnit.SECONDS.sleep(warmupSeconds);
            long botCpu0 = cpuOf(threads, "bot-");
            long simCpu0 = cpuOf(threads, "sim-asterisk");
            long wall0 = System.nanoTime();
            long[] lost0 = lostBothWays(bots, asterisk);
            measuring = true;
            TimeUnit.SECONDS.sleep(seconds);
            measuring = false;
            long wall = System.nanoTime() - wall0;
            long botCpu = cpuOf(threads, "bot-") - botCpu0;
            long simCpu = cpuOf(threads, "sim-asterisk") - simCpu0;
            long[] lost1 = lostBothWays(bots, asterisk);
            model.shutdownNow();
            report(bots, asterisk, wall, botCpu, simCpu, lost1[0] - lost0[0], lost1[1] - lost0[1]);
        } finally {
            model.shutdownNow();
        }
    }

    /** On the simulated Asterisk's loop thread: how far from 20 ms was this inter-arrival interval? */
    private void onBotFrame(int call, RtpPacket packet, long arrival) {
        long previous = lastArrival[call];
        lastArrival[call] = arrival;
        if (!measuring || previous == 0) {
            return;
        }
        long error = Math.abs(arrival - previous - PTIME_NANOS);
        int bucket = (int) Math.min(HISTOGRAM_BUCKETS, error / HISTOGRAM_BUCKET_NANOS);
        intervalErrorHistogram[bucket]++;
        measuredIntervals++;
    }

    private static long[] lostBothWays(List<BotCall> bots, List<MediaSession> asterisk) {
        long toBot = 0;
        long toAsterisk = 0;
        for (BotCall b : bots) {
            toBot += Math.max(0, b.stream.session().stats().reception().cumulativeLost());
        }
        for (MediaSession s : asterisk) {
            toAsterisk += Math.max(0, s.stats().reception().cumulativeLost());
        }
        return new long[] {toBot, toAsterisk};
    }

    private static long cpuOf(ThreadMXBean threads, String namePrefix) {
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(namePrefix)) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    total += t;
                }
            }
        }
        return total;
    }

    private double percentileMillis(double p) {
        long target = (long) Math.ceil(p * measuredIntervals);
        long seen = 0;
        for (int i = 0; i <= HISTOGRAM_BUCKETS; i++) {
            seen += intervalErrorHistogram[i];
            if (seen >= target && seen > 0) {
                return (i + 1) * HISTOGRAM_BUCKET_NANOS / 1e6;
            }
        }
        return Double.NaN;
    }

    private void report(List<BotCall> bots, List<MediaSession> asterisk, long wallNanos, long botCpuNanos,
            long simCpuNanos, long lostToBot, long lostToAsterisk) {
        double callSeconds = calls * (wallNanos / 1e9);
        double botMicrosPerCallSecond = botCpuNanos / 1e3 / callSeconds;
        long sent = 0;
        long skipped = 0;
        long received = 0;
        long rejected = 0;
        long foreign = 0;
        for (BotCall b : bots) {
            var stats = b.stream.stats();
            sent += stats.pacer().framesSent();
            skipped += stats.pacer().skippedSlots();
            SessionStats s = stats.session();
            received += s.packetsReceived();
            rejected += s.totalRejected();
            foreign += s.foreignSourceDropped();
        }
        double jitterMs = 0;
        for (MediaSession s : asterisk) {
            jitterMs += s.stats().reception().jitterMillis();
        }
        jitterMs /= asterisk.size();
        System.out.printf(Locale.ROOT, "bot CPU: %.1f µs per call-second (%.2f %% of a core per call) "
                + "=> %.0f calls per core%n", botMicrosPerCallSecond, botMicrosPerCallSecond / 1e4,
                1e6 / botMicrosPerCallSecond);
        System.out.printf(Locale.ROOT, "simulated Asterisk CPU (not charged to the bot): %.1f µs per call-second%n",
                simCpuNanos / 1e3 / callSeconds);
        System.out.printf(Locale.ROOT, "pacing error at the receiver, |interval - 20 ms| over %d intervals: "
                + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; RFC 3550 jitter mean %.2f ms%n",
                measuredIntervals, percentileMillis(0.50), percentileMillis(0.90), percentileMillis(0.99),
                percentileMillis(0.999), jitterMs);
        System.out.printf(Locale.ROOT, "loss during the measurement: %d packets to the bot, %d to Asterisk; "
                + "pacer skipped slots %d; bot sent %d frames, received %d packets (%d rejected, %d foreign)%n",
                lostToBot, lostToAsterisk, skipped, sent, received, rejected, foreign);
    }
}
