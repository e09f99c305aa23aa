package org.arivoice.voicebot.call;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.arivoice.ari.patterns.MediaCallReady;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.rtp.codec.G711;
import org.arivoice.testsupport.Timeouts;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.config.ConfigLoader;
import org.arivoice.voicebot.tools.BotTool;

/**
 * Both fakes on loopback and a running bot: FakeAsterisk (app voicebot), FakeRealtimeServer, VoiceBot with
 * the simulation configuration changed by the test.
 */
final class BotFixture implements AutoCloseable {
    static final String KEY = "sk-test";

    final FakeAsterisk asterisk;
    final FakeRealtimeServer model;
    final BotConfig config;
    final VoiceBot bot;
    final CountingMetrics metrics = new CountingMetrics();
    final Map<String, MediaCallReady> ready = new ConcurrentHashMap<>();
    final Map<String, CallSummary> ended = new ConcurrentHashMap<>();

    BotFixture(byte[] callerAudio, FakeRealtimeServer.Builder modelBuilder, UnaryOperator<BotConfig> adjust,
            BotTool... tools) {
        this(UnaryOperator.identity(), callerAudio, modelBuilder, adjust, tools);
    }

    BotFixture(UnaryOperator<FakeAsterisk.Builder> asteriskAdjust, byte[] callerAudio,
            FakeRealtimeServer.Builder modelBuilder, UnaryOperator<BotConfig> adjust, BotTool... tools) {
        FakeAsterisk.Builder ab = asteriskAdjust.apply(FakeAsterisk.builder());
        if (callerAudio != null) {
            ab.callerAudio(callerAudio);
        }
        asterisk = ab.build().start();
        model = modelBuilder.acceptedApiKeys(KEY).build().start();
        // A VAD silence of 250 ms (default 500) ends the fake caller's turns sooner: shorter tests.
        BotConfig base = ConfigLoader.forSimulation(asterisk.baseUrl(), model.url().toString(), KEY);
        BotConfig.Conversation v = base.conversation();
        base = new BotConfig(base.ari(), base.media(), base.realtime(), new BotConfig.Conversation(v.instructions(),
                v.greet(), v.greeting(), v.vad(), v.vadThreshold(), 250, v.prefixPaddingMs(), v.bargeInGuardMs(),
                v.minSpeechMs(), v.forwardDtmf(), v.inputTranscription()), base.tools(), base.limits(),
                base.observability());
        config = adjust.apply(base);
        VoiceBot.Builder b = VoiceBot.builder(config).metrics(metrics).discoverTools(false)
                .callListener(new CallListener() {
                    @Override
                    public void callReady(MediaCallReady r) {
                        ready.put(r.callerChannelId(), r);
                    }

                    @Override
                    public void callEnded(CallSummary summary) {
                        ended.put(summary.callerChannelId(), summary);
                    }
                });
        for (BotTool t : tools) {
            b.tool(t);
        }
        bot = b.start();
    }

    /** Places a call to 1000 and waits for its media path. */
    String call() {
        String caller = asterisk.simulateIncomingCall("1000");
        await().atMost(Timeouts.seconds(15)).until(() -> ready.containsKey(caller) || ended.containsKey(caller));
        return caller;
    }

    String mediaChannel(String caller) {
        return ready.get(caller).externalMediaChannelId();
    }

    /** What the simulated caller received from the bot, decoded to 8 kHz samples. */
    short[] heard(String caller) {
        return ulawToPcm(asterisk.receivedAudio(mediaChannel(caller)));
    }

    /** Every µ-law byte the bot appended to the model, in order, decoded. */
    short[] appendedToModel() {
        List<byte[]> chunks = new ArrayList<>();
        int total = 0;
        for (JsonNode e : model.receivedEvents("input_audio_buffer.append")) {
            byte[] b = Base64.getDecoder().decode(e.path("audio").asText());
            chunks.add(b);
            total += b.length;
        }
        byte[] all = new byte[total];
        int pos = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, pos, c.length);
            pos += c.length;
        }
        return ulawToPcm(all);
    }

    static short[] ulawToPcm(byte[] ulaw) {
        short[] pcm = new short[ulaw.length];
        G711.ulawToLinear(ulaw, 0, ulaw.length, pcm, 0);
        return pcm;
    }

    /** µ-law: {@code silenceMs} of silence, then a tone (so RTP flows before the caller starts talking). */
    static byte[] silenceThenTone(int silenceMs, double hz, int toneMs) {
        return silenceThenTone(silenceMs, hz, toneMs, 0);
    }

    /** As {@link #silenceThenTone(int, double, int)}, followed by {@code trailingMs} of silence. */
    static byte[] silenceThenTone(int silenceMs, double hz, int toneMs, int trailingMs) {
        short[] pcm = new short[(silenceMs + toneMs + trailingMs) * 8];
        for (int i = silenceMs * 8; i < (silenceMs + toneMs) * 8; i++) {
            pcm[i] = (short) Math.round(Math.sin(2 * Math.PI * hz * i / 8000.0) * 12000);
        }
        byte[] out = new byte[pcm.length];
        G711.linearToUlaw(pcm, 0, pcm.length, out, 0);
        return out;
    }

    /** Goertzel power of one frequency in a block, normalised by the block's length. */
    static double power(short[] pcm, int from, int len, double hz) {
        return power(pcm, from, len, hz, 8000);
    }

    /** Goertzel power at a sample rate. */
    static double power(short[] pcm, int from, int len, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < from + len; i++) {
            double s0 = pcm[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / ((double) len * len);
    }

    /** Number of 20 ms frames whose power at {@code hz} is well above the power at {@code otherHz}. */
    static int framesWithTone(short[] pcm, double hz, double otherHz) {
        return framesWithTone(pcm, hz, otherHz, 8000);
    }

    /** As {@link #framesWithTone(short[], double, double)} at another sample rate. */
    static int framesWithTone(short[] pcm, double hz, double otherHz, int rate) {
        int frame = rate / 50;
        int frames = 0;
        for (int off = 0; off + frame <= pcm.length; off += frame) {
            double p = power(pcm, off, frame, hz, rate);
            if (p > 1e5 && p > 10 * power(pcm, off, frame, otherHz, rate)) {
                frames++;
            }
        }
        return frames;
    }

    static BotConfig withConversation(BotConfig c, boolean greet, int guardMs, int minSpeechMs) {
        BotConfig.Conversation v = c.conversation();
        return new BotConfig(c.ari(), c.media(), c.realtime(), new BotConfig.Conversation(v.instructions(), greet,
                v.greeting(), v.vad(), v.vadThreshold(), v.silenceMs(), v.prefixPaddingMs(), guardMs, minSpeechMs,
                v.forwardDtmf(), Optional.empty()), c.tools(), c.limits(), c.observability());
    }

    static BotConfig withTranscripts(BotConfig c, java.nio.file.Path dir) {
        return new BotConfig(c.ari(), c.media(), c.realtime(), c.conversation(), c.tools(), c.limits(),
                new BotConfig.Observability(0, Optional.of(dir), false));
    }

    /** Every transcript line written so far in {@code dir}. */
    static List<String> transcriptLines(java.nio.file.Path dir) {
        List<String> lines = new ArrayList<>();
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path p : files.toList()) {
                lines.addAll(java.nio.file.Files.readAllLines(p));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }

    static BotConfig withFormat(BotConfig c, org.arivoice.ari.patterns.MediaFormat format) {
        BotConfig.Media m = c.media();
        return new BotConfig(c.ari(), new BotConfig.Media(m.bindAddress(), m.advertisedHost(), m.portMin(),
                m.portMax(), format, m.jitterMs()), c.realtime(), c.conversation(), c.tools(), c.limits(),
                c.observability());
    }

    static BotConfig withTools(BotConfig c, BotConfig.Tools tools) {
        return new BotConfig(c.ari(), c.media(), c.realtime(), c.conversation(), tools, c.limits(), c.observability());
    }

    static BotConfig withLimits(BotConfig c, int maxConcurrent, int maxFailures) {
        BotConfig.Limits l = c.limits();
        return new BotConfig(c.ari(), c.media(), c.realtime(), c.conversation(), c.tools(),
                new BotConfig.Limits(l.maxCallDuration(), maxConcurrent, l.overflow(), l.busyMedia(),
                        l.sessionRollover(), maxFailures, l.apologyMedia(), l.fallback(), Duration.ofSeconds(2)),
                c.observability());
    }

    static BotConfig withCallLimits(BotConfig c, Duration maxCall, int maxConcurrent,
            Optional<BotConfig.DialplanLocation> overflow) {
        BotConfig.Limits l = c.limits();
        return new BotConfig(c.ari(), c.media(), c.realtime(), c.conversation(), c.tools(),
                new BotConfig.Limits(maxCall, maxConcurrent, overflow, l.busyMedia(), l.sessionRollover(),
                        l.maxRealtimeFailures(), l.apologyMedia(), l.fallback(), l.shutdownGrace()),
                c.observability());
    }

    static BotConfig withRollover(BotConfig c, Duration rollover) {
        BotConfig.Limits l = c.limits();
        return new BotConfig(c.ari(), c.media(), c.realtime(), c.conversation(), c.tools(),
                new BotConfig.Limits(l.maxCallDuration(), l.maxConcurrentCalls(), l.overflow(), l.busyMedia(),
                        rollover, l.maxRealtimeFailures(), l.apologyMedia(), l.fallback(), l.shutdownGrace()),
                c.observability());
    }

    /** Waits for no leftovers, failing with the list. */
    void assertNoLeaks() {
        try {
            await().atMost(Timeouts.seconds(10)).until(() -> asterisk.leftovers().isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("FakeAsterisk still holds: " + asterisk.leftovers(), e);
        }
        asterisk.assertNoLeaks();
    }

    @Override
    public void close() {
        try {
            bot.shutdown(Duration.ofSeconds(1));
        } finally {
            model.close();
            asterisk.close();
        }
    }

    static short[] slice(short[] pcm, int from, int to) {
        return Arrays.copyOfRange(pcm, Math.max(0, from), Math.min(pcm.length, to));
    }
}
