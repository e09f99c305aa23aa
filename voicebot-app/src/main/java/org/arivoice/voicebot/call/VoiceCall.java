package org.arivoice.voicebot.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.arivoice.ari.patterns.BridgedMediaCall;
import org.arivoice.ari.patterns.CallEnd;
import org.arivoice.ari.patterns.MediaCallReady;
import org.arivoice.ari.patterns.MediaCallSetupException;
import org.arivoice.ari.patterns.PlaybackTarget;
import org.arivoice.ari.resources.ContinueOptions;
import org.arivoice.realtime.CloseInfo;
import org.arivoice.realtime.OutputAudio;
import org.arivoice.realtime.RealtimeListener;
import org.arivoice.realtime.RealtimeSession;
import org.arivoice.realtime.SessionConfig;
import org.arivoice.realtime.Tool;
import org.arivoice.realtime.TurnDetection;
import org.arivoice.realtime.event.ConversationItems;
import org.arivoice.realtime.event.ErrorDetail;
import org.arivoice.realtime.event.RealtimeResponse;
import org.arivoice.rtp.jitter.FrameKind;
import org.arivoice.rtp.net.MediaStream;
import org.arivoice.rtp.net.MediaStreamStats;
import org.arivoice.rtp.pacer.FlushResult;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.metrics.BotMetrics;
import org.arivoice.voicebot.metrics.TokenPricing;
import org.arivoice.voicebot.metrics.BotMetrics.Stage;
import org.arivoice.voicebot.tools.BotTool;
import org.arivoice.voicebot.tools.ToolContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One caller talking with the model: the Realtime session(s), the call's media stream, barge-in, tools,
 * failures and teardown. Created by {@link VoiceBot} on a caller's {@code StasisStart}.
 *
 * <p>Threads: caller audio arrives on the stream's media loop thread; model events on the session's event
 * thread; ARI events on the event-dispatch threads; timers on the bot's scheduler. Shared state is guarded by
 * {@code this}; the audio hot path reads only volatile fields.
 */
final class VoiceCall {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceCall.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Allowance for audio that left the socket to cross the network and Asterisk's jitter buffer. */
    private static final long PLAYOUT_MARGIN_MS = 200;
    private static final Duration PLAYOUT_WAIT_MAX = Duration.ofSeconds(60);
    private static final Duration TRANSFER_ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final VoiceBot bot;
    private final BotConfig config;
    private final BotMetrics metrics;
    private final String callerId;
    private final long startNanos = System.nanoTime();
    private final AudioPath audio;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Completes when the call has ended and its Realtime session is being closed. */
    private final CompletableFuture<Void> endHandled = new CompletableFuture<>();
    private final AtomicBoolean counted = new AtomicBoolean(true);

    private volatile BridgedMediaCall call;
    private volatile String callId;
    private volatile Transcript transcript;
    private volatile MediaStream stream;
    private volatile MediaCallReady ready;
    /** The current Realtime connection; replaced on recovery and rollover. */
    private volatile Connection current;
    private volatile boolean ending;
    /** When the caller's audio last had voice-level energy (the minimum-speech guard reads it). */
    private volatile long lastVoiceNanos;

    // guarded by this
    private int realtimeFailures;
    private boolean greeted;
    private String currentResponseId;
    private long currentUtterance;
    private long lastPlayedUtterance = -1;
    private long lastFlushedUtterance = -1;
    private final Map<Long, String> utteranceItems = new ConcurrentHashMap<>();
    private final Map<String, Long> responseUtterances = new ConcurrentHashMap<>();
    private long botSpeechStartNanos;
    /** The utterance whose first delta awaits its first RTP packet, and when that delta arrived. */
    private long firstDeltaUtterance = -1;
    private long firstDeltaNanos;
    /** When the bot's own speech last ended: an utterance's last frame sent, or a flush. */
    private long ownSpeechEndNanos;
    private long speechStoppedNanos;
    private boolean awaitingFirstAudio;
    private ScheduledFuture<?> pendingBargeIn;
    private String farewellResponseId;
    private long utteranceAtEnd;

    VoiceCall(VoiceBot bot, String callerId) {
        this.bot = bot;
        this.config = bot.config();
        this.metrics = bot.metrics();
        this.callerId = callerId;
        this.audio = new AudioPath(config.media().format());
    }

    /** Starts the Realtime connection and the media set-up in parallel. */
    void start() {
        metrics.callStarted();
        Connection first = new Connection(null);
        current = first;
        CompletableFuture<RealtimeSession> connecting = first.connect(sessionConfig("", false));
        BridgedMediaCall c;
        try {
            c = bot.patterns().startMediaCall(callerId, bot.mediaOptions());
        } catch (RuntimeException e) {
            ended.set(true);
            metrics.setupFailed("START");
            connecting.whenComplete((s, failure) -> {
                if (s != null) {
                    s.closeAsync();
                }
            });
            throw e;
        }
        call = c;
        callId = c.callId();
        transcript = new Transcript(callId, startNanos, config.observability().transcriptsDir());
        bot.connector().attach(callId, this);
        try (MDC.MDCCloseable m = MDC.putCloseable("callId", callId)) {
            LOG.info("Call from channel {}: setting up media and the Realtime session in parallel", callerId);
        }
        transcript.write(transcript.line("call_started").put("callerChannelId", callerId));
        connecting.whenComplete((s, failure) -> first.connected(s, failure));
        c.ready().whenComplete((r, failure) -> withMdc(() -> mediaReady(r, failure)));
        c.ended().whenComplete((end, failure) -> withMdc(() -> ended(end)));
        if (config.conversation().forwardDtmf()) {
            c.onDtmf(digit -> withMdc(() -> forwardDtmf(digit)));
        }
    }

    String callId() {
        return callId;
    }

    /** Whether the call has ended. */
    boolean hasEnded() {
        return ended.get();
    }

    /** True exactly once: when the bot takes the call off its active count. */
    boolean uncount() {
        return counted.compareAndSet(true, false);
    }

    BridgedMediaCall bridgedCall() {
        return call;
    }

    private void withMdc(Runnable r) {
        String id = callId;
        if (id == null) {
            r.run();
            return;
        }
        try (MDC.MDCCloseable m = MDC.putCloseable("callId", id)) {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("Call {}: unexpected failure in a handler: {}", id, e.toString(), e);
        }
    }

    // ------------------------------------------------------------------ set-up

    private SessionConfig sessionConfig(String summary, boolean afterFailure) {
        BotConfig.Conversation conv = config.conversation();
        String instructions = conv.instructions();
        boolean continuing;
        synchronized (this) {
            continuing = greeted;
        }
        if (!summary.isBlank() || afterFailure || continuing) {
            instructions = instructions + "\n\n" + (afterFailure
                    ? "This call was interrupted by a technical problem and has resumed."
                    : "This call continues from an earlier session that reached its time limit.")
                    + " The conversation so far:\n" + (summary.isBlank() ? "(nothing yet)\n" : summary)
                    + "Continue from there; do not greet the caller again.";
        }
        TurnDetection td = "semantic_vad".equals(conv.vad()) ? TurnDetection.semanticVad()
                : TurnDetection.serverVad().threshold(conv.vadThreshold()).prefixPaddingMs(conv.prefixPaddingMs())
                        .silenceDurationMs(conv.silenceMs());
        // The bot decides on interruptions itself (barge-in guards), so the server must not cancel on its own.
        td = td.interruptResponse(false);
        SessionConfig.Builder b = SessionConfig.builder().instructions(instructions)
                .audioFormat(AudioPath.realtimeFormat(config.media().format()))
                .turnDetection(td).voice(config.realtime().voice());
        conv.inputTranscription().ifPresent(b::inputTranscription);
        for (BotTool t : bot.tools()) {
            b.tool(new Tool(t.name(), t.description(), t.parameters(), args -> runTool(t, args)));
        }
        return b.build();
    }

    private CompletableFuture<String> runTool(BotTool tool, JsonNode args) {
        String id = callId;
        try (MDC.MDCCloseable m = MDC.putCloseable("callId", id == null ? "-" : id)) {
            LOG.info("Model calls tool {} with {}", tool.name(), args);
            Transcript t = transcript;
            if (t != null) {
                t.write(t.line("tool_call").put("tool", tool.name()).set("arguments", args.deepCopy()));
            }
            return tool.call(context, args).whenComplete((result, failure) -> {
                if (t != null) {
                    ObjectNode line = t.line("tool_result").put("tool", tool.name());
                    if (failure != null) {
                        line.put("error", String.valueOf(failure.getMessage()));
                    } else {
                        line.put("result", result);
                    }
                    t.write(line);
                }
            });
        }
    }

    private void mediaReady(MediaCallReady r, Throwable failure) {
        if (failure != null) {
            Throwable c = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String step = c instanceof MediaCallSetupException s ? s.step().name() : "MEDIA";
            metrics.setupFailed(step);
            LOG.warn("Media set-up failed at {}: {}", step, c.getMessage());
            return;
        }
        ready = r;
        MediaStream st = bot.connector().stream(r.callId());
        stream = st;
        if (st != null && r.rtpPeer().isPresent()) {
            // Send to the address Asterisk reported at once (the greeting need not wait for its first packet);
            // the first packet it sends still decides where audio goes, should a NAT lie in between.
            try {
                st.session().expectRemote(r.rtpPeer().get());
            } catch (IllegalArgumentException e) {
                LOG.info("Waiting for Asterisk's first RTP packet to learn where to send: {}", e.getMessage());
            }
        }
        metrics.latency(Stage.CALL_SETUP, Duration.ofNanos(System.nanoTime() - startNanos));
        LOG.info("Media ready: bridge {}, ExternalMedia {} ({} ms after StasisStart)", r.bridgeId(),
                r.externalMediaChannelId(), (System.nanoTime() - startNanos) / 1_000_000);
        bot.notifyReady(r);
        if (config.observability().recordCalls()) {
            // The bridge mix (caller and bot); stopped by the teardown, the file stays in Asterisk's recordings.
            call.startRecording(r.callId(), "wav").whenComplete((rec, recordFailure) -> withMdc(() -> {
                if (recordFailure != null) {
                    LOG.warn("Recording the call failed: {}", recordFailure.getMessage());
                } else {
                    LOG.info("Recording the call as {}.wav", r.callId());
                    Transcript t = transcript;
                    if (t != null) {
                        t.write(t.line("recording").put("name", r.callId()).put("format", "wav"));
                    }
                }
            }));
        }
        maybeGreet();
    }

    private void maybeGreet() {
        Connection conn = current;
        RealtimeSession s = conn == null ? null : conn.session;
        MediaStream st = stream;
        synchronized (this) {
            if (greeted || s == null || ready == null || st == null || ending || ended.get()) {
                return;
            }
            // Without a usable reported address, our RTP socket learns Asterisk's from the first packet it
            // receives; audio sent before that is dropped, so the greeting waits for it, at most 3 s.
            if (st.session().sendAddress().isEmpty()
                    && System.nanoTime() - startNanos < TimeUnit.SECONDS.toNanos(3)) {
                bot.scheduler().schedule(() -> withMdc(this::maybeGreet), 10, TimeUnit.MILLISECONDS);
                return;
            }
            greeted = true;
        }
        if (config.conversation().greet()) {
            ObjectNode params = JSON.createObjectNode().put("instructions", config.conversation().greeting());
            s.createResponse(params);
            LOG.debug("Greeting requested");
        }
    }

    // ------------------------------------------------------------------ audio in

    /** Caller audio from the jitter buffer, on the media loop thread. */
    void callerAudio(byte[] buf, int off, int len, FrameKind kind) {
        Connection conn = current;
        RealtimeSession s = conn == null ? null : conn.session;
        if (s == null || ending) {
            return;
        }
        long t0 = System.nanoTime();
        if (kind == FrameKind.AUDIO && audio.isVoice(buf, off, len)) {
            lastVoiceNanos = t0;
        }
        if (audio.passthrough()) {
            s.appendAudio(buf, off, len);
        } else {
            int n = audio.inbound(buf, off, len);
            s.appendAudio(audio.inBytes(), 0, n);
        }
        metrics.latency(Stage.INBOUND_AUDIO, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The pacer sent the last frame of an utterance, on the media loop thread. */
    void utterancePlayed(long utteranceId) {
        synchronized (this) {
            lastPlayedUtterance = Math.max(lastPlayedUtterance, utteranceId);
            ownSpeechEndNanos = System.nanoTime();
        }
    }

    // ------------------------------------------------------------------ audio out

    private void outputAudio(OutputAudio a) {
        long t0 = System.nanoTime();
        MediaStream st = stream;
        if (st == null) {
            return;
        }
        long utterance;
        boolean first = false;
        synchronized (this) {
            if (ending && !a.responseId().equals(farewellResponseId)) {
                return;
            }
            if (!a.responseId().equals(currentResponseId)) {
                currentResponseId = a.responseId();
                currentUtterance++;
                utteranceItems.put(currentUtterance, a.itemId());
                responseUtterances.put(a.responseId(), currentUtterance);
                botSpeechStartNanos = 0;
                first = true;
                if (awaitingFirstAudio) {
                    awaitingFirstAudio = false;
                    metrics.latency(Stage.SPEECH_STOPPED_TO_FIRST_AUDIO, Duration.ofNanos(t0 - speechStoppedNanos));
                }
            }
            utterance = currentUtterance;
        }
        if (first) {
            synchronized (this) {
                firstDeltaUtterance = utterance;
                firstDeltaNanos = t0;
            }
        }
        byte[] wire = audio.outbound(a.audio());
        st.enqueue(utterance, wire, 0, wire.length);
        metrics.latency(Stage.OUTBOUND_AUDIO, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * The first frame of an utterance went out, on the media loop thread: the bot starts to be heard, and
     * first delta → first RTP packet is measured. When the bot was still playing an earlier utterance, the
     * new one waited its turn, which is not latency the bot adds: the clock then starts when the earlier one
     * ended (its last frame, or a barge-in flush).
     */
    void utteranceStarted(long utteranceId, long sentNanos) {
        long latency = -1;
        synchronized (this) {
            if (currentUtterance == utteranceId && botSpeechStartNanos == 0) {
                botSpeechStartNanos = sentNanos;
            }
            if (firstDeltaUtterance == utteranceId) {
                latency = sentNanos - Math.max(firstDeltaNanos, ownSpeechEndNanos);
                firstDeltaUtterance = -1;
            }
        }
        if (latency >= 0) {
            metrics.latency(Stage.FIRST_AUDIO_TO_FIRST_RTP, Duration.ofNanos(latency));
        }
    }

    private void responseDone(RealtimeResponse r) {
        if ("failed".equals(r.status())) {
            responseFailed(r);
        }
        MediaStream st = stream;
        Long utterance = r.id() == null ? null : responseUtterances.get(r.id());
        if (st != null && utterance != null) {
            st.finish(utterance);
        }
        if (r.usage() != null) {
            RealtimeResponse.Usage u = r.usage();
            long in = u.inputTokens() == null ? 0 : u.inputTokens();
            long out = u.outputTokens() == null ? 0 : u.outputTokens();
            metrics.tokens(in, out, TokenPricing.GPT_REALTIME.cost(u));
            Transcript t = transcript;
            if (t != null) {
                t.write(t.line("usage").put("responseId", r.id()).put("inputTokens", in).put("outputTokens", out)
                        .put("status", r.status()));
            }
        }
    }

    // ------------------------------------------------------------------ barge-in

    private void speechStarted(String itemId, int audioStartMs) {
        Transcript t = transcript;
        if (t != null) {
            t.write(t.line("speech_started").put("audioStartMs", audioStartMs));
        }
        long now = System.nanoTime();
        synchronized (this) {
            if (!botAudible()) {
                return;
            }
            long guardNanos = TimeUnit.MILLISECONDS.toNanos(config.conversation().bargeInGuardMs());
            long since = botSpeechStartNanos == 0 ? 0 : now - botSpeechStartNanos;
            int minSpeech = config.conversation().minSpeechMs();
            if (pendingBargeIn != null) {
                pendingBargeIn.cancel(false);
                pendingBargeIn = null;
            }
            long delayMs = minSpeech;
            if (since < guardNanos) {
                // Within the protection window: only speech that goes on past it (and past min-speech-ms)
                // interrupts; the bot's first syllables echoed back, or a short "uh-huh", do not.
                delayMs = (guardNanos - since) / 1_000_000 + minSpeech;
                LOG.info("Caller speech {} ms after the bot started speaking: within the {} ms barge-in guard; "
                        + "interrupting only if it goes on for {} ms", since / 1_000_000,
                        config.conversation().bargeInGuardMs(), delayMs);
            }
            if (delayMs > 0) {
                pendingBargeIn = bot.scheduler().schedule(() -> withMdc(this::bargeInIfStillSpeaking), delayMs,
                        TimeUnit.MILLISECONDS);
                return;
            }
        }
        bargeIn();
    }

    /** Whether the bot is speaking: queued audio not yet played, flushed or finished. */
    private boolean botAudible() {
        return currentUtterance > 0 && currentUtterance > lastPlayedUtterance && currentUtterance > lastFlushedUtterance;
    }

    private void speechStopped(String itemId, int audioEndMs) {
        Transcript t = transcript;
        if (t != null) {
            t.write(t.line("speech_stopped").put("audioEndMs", audioEndMs));
        }
        synchronized (this) {
            speechStoppedNanos = System.nanoTime();
            awaitingFirstAudio = true;
            if (pendingBargeIn != null && pendingBargeIn.cancel(false)) {
                LOG.info("Caller speech shorter than min-speech-ms ({} ms): not interrupting the bot",
                        config.conversation().minSpeechMs());
            }
            pendingBargeIn = null;
        }
    }

    /**
     * The minimum-speech guard: {@code min-speech-ms} after {@code speech_started}, interrupts only if the
     * caller's audio still carries voice (a frame above -40 dBFS within the last 60 ms). The server's
     * {@code speech_stopped} comes only after its silence duration (500 ms by default), too late to tell.
     */
    private void bargeInIfStillSpeaking() {
        synchronized (this) {
            if (!botAudible()) {
                pendingBargeIn = null;
                return; // the bot has finished meanwhile: nothing to interrupt
            }
        }
        long quiet = System.nanoTime() - lastVoiceNanos;
        if (quiet > TimeUnit.MILLISECONDS.toNanos(60)) {
            synchronized (this) {
                pendingBargeIn = null;
            }
            LOG.info("Caller speech too short to interrupt (min-speech-ms {}, guard {} ms): the bot goes on",
                    config.conversation().minSpeechMs(), config.conversation().bargeInGuardMs());
            Transcript t = transcript;
            if (t != null) {
                t.write(t.line("barge_in_ignored").put("reason", "speech ended within the guard or min-speech-ms"));
            }
            return;
        }
        bargeIn();
    }

    /** Stops the bot's audio at once and tells the model how much of its item the caller heard. */
    private void bargeIn() {
        MediaStream st = stream;
        Connection conn = current;
        RealtimeSession s = conn == null ? null : conn.session;
        if (st == null || s == null) {
            return;
        }
        FlushResult flushed = st.flush();
        String item;
        synchronized (this) {
            pendingBargeIn = null;
            lastFlushedUtterance = Math.max(lastFlushedUtterance, flushed.utteranceId());
            ownSpeechEndNanos = System.nanoTime();
            item = utteranceItems.get(flushed.utteranceId());
        }
        s.cancelResponse();
        if (flushed.interruptedUtterance() && item != null) {
            s.truncate(item, flushed.sentMillis());
            LOG.info("Barge-in: flushed {} ms, the caller heard {} ms of item {}", flushed.discardedMillis(),
                    flushed.sentMillis(), item);
            Transcript t = transcript;
            if (t != null) {
                t.write(t.line("barge_in").put("itemId", item).put("heardMs", flushed.sentMillis())
                        .put("discardedMs", flushed.discardedMillis()));
            }
        }
    }

    // ------------------------------------------------------------------ DTMF

    private void forwardDtmf(String digit) {
        Connection conn = current;
        RealtimeSession s = conn == null ? null : conn.session;
        Transcript t = transcript;
        if (t != null) {
            t.write(t.line("dtmf").put("digit", digit));
        }
        if (s == null || ending) {
            return;
        }
        s.createItem(ConversationItems.userText("[The caller pressed the key " + digit + " on the phone keypad]"));
        s.createResponse();
    }

    // ------------------------------------------------------------------ tools

    private final ToolContext context = new ToolContext() {
        @Override
        public String callId() {
            return VoiceCall.this.callId;
        }

        @Override
        public String callerChannelId() {
            return callerId;
        }

        @Override
        public CompletableFuture<Void> hangUpAfterPlayout() {
            // Completes after the session is closed: end_call's result then goes nowhere, rather than racing
            // the close to the model (where it would also ask for another response in a call that is over).
            return afterPlayout().thenCompose(x -> call.hangup()).thenCompose(end -> endHandled);
        }

        @Override
        public CompletableFuture<Void> transferToDialplan(BotConfig.DialplanLocation location) {
            ContinueOptions where = ContinueOptions.builder().context(location.context())
                    .extension(location.extension()).priority(location.priority()).build();
            return afterPlayout().thenCompose(x -> call.blindTransfer(where));
        }

        @Override
        public CompletableFuture<String> transferToEndpoint(String endpoint) {
            return call.transferTo(endpoint, TRANSFER_ANSWER_TIMEOUT).thenApply(party -> {
                // The caller now talks with a person: the model is out of the call, so its session is closed
                // (an idle session still costs money) and nothing it sends is played.
                ending = true;
                Connection conn = current;
                if (conn != null) {
                    conn.close();
                }
                withMdc(() -> LOG.info("Transferred to {} (channel {}); the Realtime session is closed", endpoint,
                        party));
                Transcript t = transcript;
                if (t != null) {
                    t.write(t.line("transferred").put("endpoint", endpoint).put("partyChannelId", party));
                }
                return party;
            });
        }

        @Override
        public CompletableFuture<Void> sendDtmf(String digits) {
            return call.sendDtmf(digits);
        }
    };

    /**
     * Completes once the audio of the response in progress (the farewell) has been sent and has had time to
     * reach the caller; audio of later responses is dropped from then on.
     */
    private CompletableFuture<Void> afterPlayout() {
        Connection conn = current;
        RealtimeSession s = conn == null ? null : conn.session;
        synchronized (this) {
            ending = true;
            farewellResponseId = s == null ? currentResponseId : s.activeResponseId().orElse(currentResponseId);
            utteranceAtEnd = currentUtterance;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + PLAYOUT_WAIT_MAX.toNanos();
        AtomicBoolean playedOut = new AtomicBoolean();
        // The poll never touches its own future: on a loaded machine its first run can come before
        // scheduleAtFixedRate has returned it, and a periodic task that throws is never run again (a stressed
        // build saw end_call hang that way). It stops once done completes.
        ScheduledFuture<?> poll = bot.scheduler().scheduleAtFixedRate(() -> {
            if (!playedOut.get() && (playedOut(s) || System.nanoTime() > deadline || ended.get())
                    && playedOut.compareAndSet(false, true)) {
                bot.scheduler().schedule(() -> done.complete(null), PLAYOUT_MARGIN_MS, TimeUnit.MILLISECONDS);
            }
        }, 20, 20, TimeUnit.MILLISECONDS);
        done.whenComplete((x, e) -> poll.cancel(false));
        return done;
    }

    private synchronized boolean playedOut(RealtimeSession s) {
        String farewell = farewellResponseId;
        if (farewell != null && s != null && s.activeResponseId().filter(farewell::equals).isPresent()) {
            return false;
        }
        Long utterance = farewell == null ? null : responseUtterances.get(farewell);
        long target = Math.max(utteranceAtEnd, utterance == null ? 0 : utterance);
        return target == 0 || lastPlayedUtterance >= target || lastFlushedUtterance >= target;
    }

    // ------------------------------------------------------------------ Realtime failures

    /**
     * A response failed (a 5xx of the model, a rate limit: {@code status_details.error}): the caller would
     * hear nothing, so the bot asks again after a short pause, up to {@code max-realtime-failures} times in
     * the call, then apologises and hands over.
     */
    private void responseFailed(RealtimeResponse r) {
        JsonNode error = r.statusDetails() == null ? null : r.statusDetails().path("error");
        String code = error == null ? "unknown" : error.path("code").asText(error.path("type").asText("unknown"));
        metrics.realtimeError(code);
        if (ending || ended.get()) {
            return;
        }
        int failures;
        synchronized (this) {
            failures = ++realtimeFailures;
        }
        Transcript t = transcript;
        if (t != null) {
            t.write(t.line("realtime_failure").put("reason", "response failed: " + code).put("failures", failures));
        }
        if (failures > config.limits().maxRealtimeFailures()) {
            LOG.error("Response {} failed ({}), failure {} of at most {}: playing the apology", r.id(), code,
                    failures, config.limits().maxRealtimeFailures());
            apologise();
            return;
        }
        LOG.warn("Response {} failed ({}); asking again (failure {} of {})", r.id(), code, failures,
                config.limits().maxRealtimeFailures());
        Connection conn = current;
        bot.scheduler().schedule(() -> withMdc(() -> {
            RealtimeSession s = conn == null ? null : conn.session;
            if (s != null && conn == current && !ending && !ended.get()) {
                s.createResponse();
            }
        }), 300L * failures, TimeUnit.MILLISECONDS);
    }

    private void realtimeFailed(Connection conn, String why) {
        if (ended.get() || conn != current || ending) {
            return;
        }
        int failures;
        synchronized (this) {
            failures = ++realtimeFailures;
        }
        int max = config.limits().maxRealtimeFailures();
        Transcript t = transcript;
        if (t != null) {
            t.write(t.line("realtime_failure").put("reason", why).put("failures", failures));
        }
        if (failures <= max) {
            LOG.warn("Realtime session failed ({}); reconnecting with the conversation so far (failure {} of {})",
                    why, failures, max);
            long delay = 200L * failures;
            bot.scheduler().schedule(() -> withMdc(() -> replaceSession(conn, true)), delay, TimeUnit.MILLISECONDS);
        } else {
            LOG.error("Realtime session failed {} times ({}); playing the apology and {}", failures, why,
                    config.limits().fallback().map(f -> "transferring to " + f).orElse("hanging up"));
            apologise();
        }
    }

    /** Opens a new session with the configuration and a summary; swaps it in when ready. */
    private void replaceSession(Connection old, boolean afterFailure) {
        if (ended.get() || old != current) {
            return;
        }
        Connection next = new Connection(old);
        Transcript t = transcript;
        String summary = t == null ? "" : t.summary();
        next.recovering = afterFailure;
        next.connect(sessionConfig(summary, afterFailure)).whenComplete((s, failure) -> next.connected(s, failure));
    }

    private void apologise() {
        ending = true;
        BridgedMediaCall c = call;
        if (c == null) {
            return;
        }
        Connection conn = current;
        if (conn != null && conn.session != null) {
            conn.session.closeAsync();
        }
        c.play(PlaybackTarget.BRIDGE, config.limits().apologyMedia())
                .handle((pb, failure) -> {
                    if (failure != null) {
                        LOG.warn("The apology {} could not be played: {}", config.limits().apologyMedia(),
                                failure.getMessage());
                    }
                    return null;
                })
                .thenCompose(x -> config.limits().fallback().isPresent()
                        ? c.blindTransfer(ContinueOptions.builder().context(config.limits().fallback().get().context())
                                .extension(config.limits().fallback().get().extension())
                                .priority(config.limits().fallback().get().priority()).build())
                        : c.hangup().thenApply(end -> (Void) null))
                .exceptionally(failure -> {
                    LOG.warn("Fallback after the Realtime failures failed ({}); hanging up", failure.getMessage());
                    c.hangup();
                    return null;
                });
    }

    // ------------------------------------------------------------------ shutdown and teardown

    /** Ends the call at shutdown: to the fallback location when configured, else a hang-up. */
    CompletableFuture<Void> endForShutdown() {
        BridgedMediaCall c = call;
        if (c == null) {
            return CompletableFuture.completedFuture(null);
        }
        ending = true;
        if (config.limits().fallback().isPresent()) {
            BotConfig.DialplanLocation f = config.limits().fallback().get();
            return c.blindTransfer(ContinueOptions.builder().context(f.context()).extension(f.extension())
                    .priority(f.priority()).build())
                    .exceptionally(x -> {
                        c.hangup();
                        return null;
                    });
        }
        return c.hangup().handle((e, x) -> null);
    }

    private void ended(CallEnd end) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        String reason = end == null ? "UNKNOWN" : end.reason().name();
        Duration length = Duration.ofNanos(System.nanoTime() - startNanos);
        synchronized (this) {
            if (pendingBargeIn != null) {
                pendingBargeIn.cancel(false);
            }
        }
        Connection conn = current;
        current = null;
        if (conn != null) {
            conn.close();
        }
        endHandled.complete(null);
        MediaStream st = stream;
        if (st != null) {
            MediaStreamStats stats = st.stats();
            var rx = stats.session().reception();
            // Late packets are counted by the jitter buffer on the media loop; a closed stream may not answer.
            st.jitterStats().completeOnTimeout(null, 200, TimeUnit.MILLISECONDS).whenComplete((js, x) ->
                    metrics.rtp(stats.session().packetsReceived(), Math.max(0, rx.cumulativeLost()),
                            js == null ? 0 : js.lateDropped(), stats.pacer().skippedSlots()));
        }
        metrics.callEnded(reason, length);
        LOG.info("Call ended: {} after {} ms", reason, length.toMillis());
        Transcript t = transcript;
        if (t != null) {
            t.write(t.line("call_ended").put("reason", reason).put("lengthMs", length.toMillis()));
            t.close();
        }
        MediaCallReady r = ready;
        int failures;
        synchronized (this) {
            failures = realtimeFailures;
        }
        bot.callEnded(this, new CallSummary(callId, callerId,
                r == null ? Optional.empty() : Optional.of(r.externalMediaChannelId()), reason, length, failures));
    }

    // ------------------------------------------------------------------ one Realtime connection

    /** One Realtime session of the call and its listener; events of a replaced connection are ignored. */
    private final class Connection implements RealtimeListener {
        private final Connection previous;
        private final long connectStart = System.nanoTime();
        volatile RealtimeSession session;
        volatile boolean recovering;
        private volatile boolean closedByUs;

        Connection(Connection previous) {
            this.previous = previous;
        }

        CompletableFuture<RealtimeSession> connect(SessionConfig sc) {
            return bot.realtime().connectAsync(sc, this);
        }

        void connected(RealtimeSession s, Throwable failure) {
            withMdc(() -> {
                if (failure != null) {
                    Throwable c = failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                            ? failure.getCause() : failure;
                    metrics.realtimeError("connect_failed");
                    if (previous == null) {
                        metrics.setupFailed("REALTIME");
                    }
                    LOG.warn("Realtime connection failed: {}", c.getMessage());
                    if (previous != null && current == previous) {
                        // The replacement failed: give up the old session too and count the failure.
                        previous.close();
                        current = this;
                    }
                    if (current == this) {
                        realtimeFailed(this, "connect failed: " + c.getMessage());
                    }
                    return;
                }
                session = s;
                if (ended.get()) {
                    closedByUs = true;
                    s.closeAsync();
                    return;
                }
                metrics.realtimeSucceeded();
                if (previous == null) {
                    metrics.latency(Stage.REALTIME_CONNECT, Duration.ofNanos(System.nanoTime() - connectStart));
                    LOG.info("Realtime session {} ready ({} ms after StasisStart)", s.sessionId(),
                            (System.nanoTime() - startNanos) / 1_000_000);
                    maybeGreet();
                    return;
                }
                // A replacement: swap it in, close the old one.
                current = this;
                previous.close();
                LOG.info("Realtime session {} replaces {}", s.sessionId(),
                        previous.session == null ? "a failed connection" : previous.session.sessionId());
                Transcript t = transcript;
                if (t != null) {
                    t.write(t.line(recovering ? "realtime_recovered" : "realtime_rollover")
                            .put("sessionId", s.sessionId()));
                }
                if (recovering && greeted) {
                    ObjectNode params = JSON.createObjectNode().put("instructions",
                            "Apologise in one short sentence for the interruption and continue the conversation.");
                    s.createResponse(params);
                } else if (!greeted) {
                    maybeGreet();
                }
            });
        }

        void close() {
            closedByUs = true;
            RealtimeSession s = session;
            if (s != null) {
                s.closeAsync();
            }
        }

        private boolean live() {
            return current == this && !ended.get();
        }

        @Override
        public void onOutputAudio(OutputAudio a) {
            if (live()) {
                try {
                    outputAudio(a);
                } catch (RuntimeException e) {
                    withMdc(() -> LOG.warn("Could not queue the model's audio: {}", e.toString(), e));
                }
            }
        }

        @Override
        public void onSpeechStarted(String itemId, int audioStartMs) {
            if (live()) {
                withMdc(() -> speechStarted(itemId, audioStartMs));
            }
        }

        @Override
        public void onSpeechStopped(String itemId, int audioEndMs) {
            if (live()) {
                withMdc(() -> speechStopped(itemId, audioEndMs));
            }
        }

        @Override
        public void onResponseDone(RealtimeResponse response) {
            if (live()) {
                withMdc(() -> responseDone(response));
            }
        }

        @Override
        public void onInputTranscriptDone(String itemId, String text) {
            Transcript t = transcript;
            if (t != null && live()) {
                t.turn("caller", text);
            }
        }

        @Override
        public void onOutputTranscriptDone(String responseId, String itemId, String text) {
            Transcript t = transcript;
            if (t != null && live()) {
                t.turn("bot", text);
            }
        }

        @Override
        public void onError(ErrorDetail error) {
            String type = error.code() != null ? error.code() : String.valueOf(error.type());
            metrics.realtimeError(type);
            withMdc(() -> LOG.warn("Realtime error {}: {}", type, error.message()));
        }

        @Override
        public void onSessionExpiring(java.time.Instant expiresAt) {
            if (live()) {
                withMdc(() -> {
                    LOG.info("Realtime session expires at {}: rolling over to a new session", expiresAt);
                    replaceSession(this, false);
                });
            }
        }

        @Override
        public void onDisconnected(CloseInfo close, boolean willReconnect) {
            if (live() && !closedByUs) {
                metrics.realtimeError("connection_lost");
                withMdc(() -> LOG.warn("Realtime connection lost ({} {}); {}", close.code(), close.reason(),
                        willReconnect ? "the client reconnects" : "the session has ended"));
            }
        }

        @Override
        public void onReconnected(int attempts) {
            if (!live()) {
                return;
            }
            withMdc(() -> {
                LOG.info("Realtime connection restored after {} attempt(s)", attempts);
                metrics.realtimeSucceeded();
                Transcript t = transcript;
                String summary = t == null ? "" : t.summary();
                RealtimeSession s = session;
                if (s != null && !summary.isBlank()) {
                    s.createItem(ConversationItems.systemText("The connection was interrupted and restored. "
                            + "The conversation so far:\n" + summary));
                }
            });
        }

        @Override
        public void onClosed(CloseInfo close) {
            if (closedByUs || !live()) {
                return;
            }
            withMdc(() -> realtimeFailed(this, "closed " + close.code() + " " + close.reason()));
        }
    }

    /** For tests and logs. */
    @Override
    public String toString() {
        return "VoiceCall[" + callId + ", caller " + callerId + "]";
    }
}
