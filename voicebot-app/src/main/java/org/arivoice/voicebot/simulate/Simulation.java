package org.arivoice.voicebot.simulate;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.arivoice.ari.patterns.MediaCallReady;
import org.arivoice.ari.testkit.ChannelSnapshot;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.realtime.testkit.AudioSource;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.voicebot.call.CallListener;
import org.arivoice.voicebot.call.CallSummary;
import org.arivoice.voicebot.call.VoiceBot;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.config.ConfigLoader;
import org.arivoice.voicebot.metrics.BotMetrics;
import org.arivoice.voicebot.metrics.BotMetrics.Stage;

/**
 * Runs complete calls on one machine with no Asterisk and no OpenAI: a {@link FakeAsterisk} whose simulated
 * callers speak a synthetic speech-like sample, and a {@link FakeRealtimeServer} that answers with synthetic
 * speech, both on loopback, through the bot's real RTP, codec, bridge/snoop/ExternalMedia, Realtime and
 * barge-in code. Prints per-stage latency and writes, per call, {@code caller-said.wav} and
 * {@code caller-heard.wav} (8 kHz 16-bit mono).
 */
public final class Simulation {
    private static final String API_KEY = "sk-simulation";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** How long past the call length a simulated caller waits for the model's answer to its turn. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private Simulation() {
    }

    /**
     * Runs a simulation.
     *
     * @param options how many calls, for how long, and where to write files
     * @param out where to print progress and the results
     * @return what happened
     * @throws UncheckedIOException if the files cannot be written
     */
    public static SimulationReport run(SimulationOptions options, PrintStream out) {
        return run(options, out, BotMetrics.NONE);
    }

    /**
     * Runs a simulation, also reporting every measurement to {@code metrics} (e.g. a Prometheus registry).
     *
     * @param options how many calls, for how long, and where to write files
     * @param out where to print progress and the results
     * @param metrics additional metrics
     * @return what happened
     * @throws UncheckedIOException if the files cannot be written
     */
    public static SimulationReport run(SimulationOptions options, PrintStream out, BotMetrics metrics) {
        // The caller: ~1.9 s of speech-like syllables at 140 Hz; the model: ~2 s at 220 Hz, so that the two are
        // told apart in the WAV files.
        byte[] callerSays = SyntheticSpeech.ulaw(140, 5, 220, 150, 0.5);
        byte[] botSays = SyntheticSpeech.ulaw(220, 6, 250, 120, 0.5);
        try (FakeAsterisk asterisk = FakeAsterisk.builder().callerAudio(callerSays).build().start();
                FakeRealtimeServer model = FakeRealtimeServer.builder().acceptedApiKeys(API_KEY)
                        .audioSource(AudioSource.mulaw(botSays)).build().start()) {
            BotConfig base = ConfigLoader.forSimulation(asterisk.baseUrl(), model.url().toString(), API_KEY);
            BotConfig config = new BotConfig(base.ari(), base.media(), base.realtime(), base.conversation(),
                    base.tools(), base.limits(), new BotConfig.Observability(0,
                            Optional.of(options.outputDir().resolve("transcripts")), false));
            RecordingMetrics recorder = new RecordingMetrics(metrics);
            Map<String, MediaCallReady> readyByCaller = new ConcurrentHashMap<>();
            Map<String, CallSummary> endedByCaller = new ConcurrentHashMap<>();
            out.printf("simulate: fake Asterisk at %s, fake Realtime model at %s%n", asterisk.baseUrl(), model.url());
            List<String> callers = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            List<Long> heardMillis = new ArrayList<>();
            List<String> leftovers;
            int completed = 0;
            VoiceBot bot = VoiceBot.builder(config).metrics(recorder).callListener(new CallListener() {
                @Override
                public void callReady(MediaCallReady ready) {
                    readyByCaller.put(ready.callerChannelId(), ready);
                }

                @Override
                public void callEnded(CallSummary summary) {
                    endedByCaller.put(summary.callerChannelId(), summary);
                }
            }).start();
            try {
                out.printf("simulate: placing %d call(s) of %d s each (longer if the model has not answered yet)%n",
                        options.calls(), options.callLength().toSeconds());
                for (int i = 0; i < options.calls(); i++) {
                    callers.add(asterisk.simulateIncomingCall("1000"));
                }
                waitUntil(() -> readyByCaller.keySet().containsAll(callers)
                        || endedByCaller.keySet().containsAll(callers), READY_TIMEOUT);
                sleep(options.callLength().toMillis());
                // A caller does not hang up on the model before it has answered: on a busy machine the answer
                // to the caller's turn can come later than the call length, and a simulation cut there would
                // report a missing answer that is only the machine's load.
                waitUntil(() -> recorder.of(Stage.SPEECH_STOPPED_TO_FIRST_AUDIO).size()
                        >= callers.stream().filter(c -> !endedByCaller.containsKey(c)).count(), ANSWER_TIMEOUT);
                for (String caller : callers) {
                    if (asterisk.channels().stream().map(ChannelSnapshot::id).anyMatch(caller::equals)) {
                        asterisk.hangUpFromFarEnd(caller);
                    }
                }
                waitUntil(() -> bot.activeCalls() == 0, Duration.ofSeconds(20));
            } finally {
                bot.shutdown(Duration.ofSeconds(2));
            }
            waitUntil(() -> asterisk.leftovers().isEmpty(), Duration.ofSeconds(10));
            leftovers = asterisk.leftovers();
            int n = 0;
            for (String caller : callers) {
                n++;
                MediaCallReady ready = readyByCaller.get(caller);
                CallSummary summary = endedByCaller.get(caller);
                if (ready != null && summary != null) {
                    completed++;
                }
                Path dir = options.outputDir().resolve("call-" + n);
                try {
                    byte[] said = Arrays.copyOf(callerSays, (int) Math.min(callerSays.length,
                            options.callLength().toMillis() * 8));
                    Path saidFile = dir.resolve("caller-said.wav");
                    Wav.writeUlaw(saidFile, said);
                    files.add(saidFile);
                    if (ready != null) {
                        byte[] heard = asterisk.receivedAudio(ready.externalMediaChannelId());
                        Path heardFile = dir.resolve("caller-heard.wav");
                        Wav.writeUlaw(heardFile, heard);
                        files.add(heardFile);
                        heardMillis.add(heard.length / 8L);
                    } else {
                        heardMillis.add(0L);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write the simulation's WAV files into " + dir + ": "
                            + e.getMessage() + " (choose a writable --output folder)", e);
                }
            }
            List<LatencySummary> latencies = new ArrayList<>();
            for (Stage s : Stage.values()) {
                latencies.add(LatencySummary.of(s.name(), recorder.of(s)));
            }
            SimulationReport report = new SimulationReport(callers.size(), completed, latencies, files, leftovers,
                    heardMillis);
            print(report, out, options);
            return report;
        }
    }

    private static void print(SimulationReport r, PrintStream out, SimulationOptions options) {
        out.printf("%nsimulate: %d of %d call(s) completed%n", r.callsCompleted(), r.callsPlaced());
        out.printf("%-32s %6s %10s %10s %10s%n", "stage", "count", "p50 ms", "p99 ms", "max ms");
        for (LatencySummary l : r.latencies()) {
            out.printf("%-32s %6d %10.2f %10.2f %10.2f%n", l.stage(), l.count(), l.p50Ms(), l.p99Ms(), l.maxMs());
        }
        for (int i = 0; i < r.callerHeardBotMillis().size(); i++) {
            out.printf("call-%d: the caller heard %d ms of bot audio%n", i + 1, r.callerHeardBotMillis().get(i));
        }
        out.printf("files: %d WAV file(s) and transcripts in %s%n", r.filesWritten().size(),
                options.outputDir().toAbsolutePath());
        out.println(r.leftovers().isEmpty() ? "leftovers in Asterisk: none"
                : "leftovers in Asterisk: " + r.leftovers());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            sleep(20);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The simulation was interrupted", e);
        }
    }
}
