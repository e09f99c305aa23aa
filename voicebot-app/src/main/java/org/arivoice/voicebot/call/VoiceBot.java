package org.arivoice.voicebot.call;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.event.AriEvent;
import org.arivoice.ari.event.PlaybackFinished;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.ari.patterns.CallPatterns;
import org.arivoice.ari.patterns.MediaCallOptions;
import org.arivoice.ari.patterns.MediaCallReady;
import org.arivoice.ari.patterns.MediaConnector;
import org.arivoice.ari.resources.ContinueOptions;
import org.arivoice.ari.resources.PlayOptions;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.ari.stream.ConnectionState;
import org.arivoice.ari.stream.EventStreamException;
import org.arivoice.realtime.RealtimeClient;
import org.arivoice.rtp.net.MediaEndpoint;
import org.arivoice.rtp.net.MediaStream;
import org.arivoice.rtp.net.MediaStreamOptions;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.metrics.BotMetrics;
import org.arivoice.voicebot.tools.BotTool;
import org.arivoice.voicebot.tools.BuiltInTools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice bot: connects to Asterisk's ARI for the configured Stasis application and, for every caller that
 * enters it, sets up the media path and a Realtime session in parallel and lets the caller talk with the
 * model (the module README describes the behaviour). Thread-safe.
 *
 * <pre>{@code
 * try (VoiceBot bot = VoiceBot.start(config, BotMetrics.NONE)) {
 *     // serves calls until closed
 * }
 * }</pre>
 */
public final class VoiceBot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceBot.class);
    private static final Duration ARI_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final BotConfig config;
    private final BotMetrics metrics;
    private final List<BotTool> tools;
    private final List<CallListener> listeners;
    private final ScheduledExecutorService scheduler;
    private final Map<String, VoiceCall> calls = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<PlaybackFinished>> playbacks = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger turnedAway = new AtomicInteger();
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final AtomicBoolean closed = new AtomicBoolean();
    private AriClient ari;
    private AriEventStream events;
    private volatile CallPatterns patterns;
    private MediaEndpoint endpoint;
    private RealtimeClient realtime;
    private Connector connector;
    private MediaCallOptions mediaOptions;
    private final List<String> early = new ArrayList<>();

    private VoiceBot(Builder b) {
        this.config = b.config;
        this.metrics = b.metrics;
        List<BotTool> all = new ArrayList<>(BuiltInTools.enabled(config.tools()));
        all.addAll(b.tools);
        if (b.discoverTools) {
            all.addAll(BuiltInTools.discovered(Thread.currentThread().getContextClassLoader()));
        }
        Set<String> names = new HashSet<>();
        for (BotTool t : all) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("Two tools are named '" + t.name()
                        + "': give each tool a unique name (end_call, transfer_call and send_dtmf are built in).");
            }
        }
        this.tools = List.copyOf(all);
        this.listeners = List.copyOf(b.listeners);
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "voicebot-timers");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the bot with the built-in tools and those found with {@link java.util.ServiceLoader}.
     *
     * @param config the validated configuration
     * @param metrics where to report measurements ({@link BotMetrics#NONE} for none)
     * @return the running bot
     * @throws VoiceBotException if ARI cannot be reached, refuses the credentials, or the RTP ports cannot be used
     */
    public static VoiceBot start(BotConfig config, BotMetrics metrics) {
        return builder(config).metrics(metrics).start();
    }

    /**
     * Starts configuring a bot (to add tools in code or follow calls).
     *
     * @param config the validated configuration
     * @return a builder
     */
    public static Builder builder(BotConfig config) {
        return new Builder(config);
    }

    private void connect() {
        BotConfig.Ari a = config.ari();
        String app = a.application();
        ari = AriClient.builder().baseUrl(a.url()).credentials(a.user(), a.password().reveal()).build();
        events = AriEventStream.builder().baseUrl(a.url()).credentials(Credentials.basic(a.user(), a.password().reveal()))
                .applications(app)
                .stateListener((previous, state, reason) -> metrics.ariConnected(state == ConnectionState.CONNECTED))
                .build();
        events.subscribeApplication(app, this::onEvent);
        try {
            events.connect().get(ARI_CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new VoiceBotException("Cannot reach Asterisk's ARI at " + a.url() + " within "
                    + ARI_CONNECT_TIMEOUT.toSeconds() + " s: check ari.url (e.g. http://127.0.0.1:8088), that "
                    + "Asterisk is running with http.conf enabled=yes, and that no firewall is in the way "
                    + "(`voicebot doctor` checks each step).", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String why = c instanceof EventStreamException es && es.state() == ConnectionState.AUTH_FAILED
                    ? "Asterisk refused the ARI user '" + a.user() + "' (" + a.password().source()
                            + "): check ari.user and ari.password against ari.conf"
                    : "the ARI event stream at " + a.url() + " failed: " + c.getMessage();
            throw new VoiceBotException("Cannot start the bot: " + why + ".", c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VoiceBotException("Interrupted while connecting to ARI at " + a.url() + ".", e);
        }
        LOG.info("Connected to ARI at {} as application {}", a.url(), app);
    }

    private void startParts() {
        BotConfig.Media m = config.media();
        try {
            MediaEndpoint.Builder eb = MediaEndpoint.builder().bindAddress(m.bindAddress()).portRange(m.portMin(),
                    m.portMax()).daemonThreads(true);
            if (m.advertisedHost() != null && !m.advertisedHost().isBlank()) {
                eb.advertisedHost(m.advertisedHost());
            }
            endpoint = eb.build();
        } catch (RuntimeException e) {
            throw new VoiceBotException("Cannot open the RTP endpoint on " + m.bindAddress() + " ports "
                    + m.portMin() + "-" + m.portMax() + ": " + e.getMessage()
                    + ". Check media.bind-address, media.advertised-host and the port range.", e);
        }
        BotConfig.Realtime r = config.realtime();
        RealtimeClient.Builder rb = RealtimeClient.builder().model(r.model()).connectTimeout(r.connectTimeout())
                .expiryWarning(config.limits().sessionRollover());
        if (r.endpoint().isPresent()) {
            rb.endpoint(r.endpoint().get()).apiKey(r.apiKey().reveal());
        } else if (r.azureResource().isPresent()) {
            rb.azureResource(r.azureResource().get()).azureApiKey(r.apiKey().reveal());
        } else {
            rb.apiKey(r.apiKey().reveal());
        }
        realtime = rb.build();
        connector = new Connector();
        MediaCallOptions.Builder ob = MediaCallOptions.builder(connector).format(m.format())
                .maxDuration(config.limits().maxCallDuration());
        mediaOptions = ob.build();
        CallPatterns p = CallPatterns.builder(ari, events).application(config.ari().application())
                .idPrefix(config.ari().idPrefix()).build();
        if (config.ari().sweepOnStart()) {
            try {
                p.sweep().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("The start-up sweep of leftovers with prefix {} failed: {}", config.ari().idPrefix(),
                        e.getMessage());
            }
        }
        List<String> waiting;
        synchronized (early) {
            patterns = p;
            waiting = new ArrayList<>(early);
            early.clear();
        }
        for (String id : waiting) {
            if (!patterns.isOwn(id)) {
                admit(id);
            }
        }
    }

    // ------------------------------------------------------------------ events

    private void onEvent(AriEvent event) {
        try {
            if (event instanceof StasisStart s) {
                String id = s.channel().id();
                synchronized (early) {
                    if (patterns == null) {
                        early.add(id); // arrived while the bot was still starting: served once it is ready
                        return;
                    }
                }
                if (patterns.isOwn(id) || closed.get()) {
                    return;
                }
                admit(id);
            } else if (event instanceof PlaybackFinished p && p.playback() != null) {
                CompletableFuture<PlaybackFinished> f = playbacks.remove(p.playback().id());
                if (f != null) {
                    f.complete(p);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Handling {} failed: {}", event.getClass().getSimpleName(), e.toString(), e);
        }
    }

    private void admit(String callerId) {
        if (!accepting.get()) {
            LOG.info("Caller {} arrived during shutdown: turning it away", callerId);
            turnAway(callerId);
            return;
        }
        int now = active.incrementAndGet();
        if (now > config.limits().maxConcurrentCalls()) {
            active.decrementAndGet();
            LOG.warn("Caller {} is beyond max-concurrent-calls ({}): {}", callerId,
                    config.limits().maxConcurrentCalls(), config.limits().overflow().isPresent()
                            ? "sending it to the overflow location" : "playing the busy announcement");
            turnAway(callerId);
            return;
        }
        metrics.activeCalls(now);
        VoiceCall call = new VoiceCall(this, callerId);
        try {
            call.start();
            calls.put(call.callId(), call);
            if (call.hasEnded()) {
                calls.remove(call.callId());
            }
        } catch (RuntimeException e) {
            if (call.uncount()) {
                metrics.activeCalls(active.decrementAndGet());
            }
            LOG.warn("Could not start the call of {}: {}", callerId, e.getMessage());
            throw e;
        }
    }

    /** Overflow or busy treatment for a caller the bot does not serve. */
    private void turnAway(String callerId) {
        metrics.callRejected();
        turnedAway.incrementAndGet();
        if (config.limits().overflow().isPresent()) {
            BotConfig.DialplanLocation o = config.limits().overflow().get();
            ari.channels().continueInDialplan(callerId, ContinueOptions.builder().context(o.context())
                    .extension(o.extension()).priority(o.priority()).build())
                    .exceptionally(x -> {
                        LOG.warn("Sending {} to the overflow location failed ({}); hanging up", callerId,
                                x.getMessage());
                        ari.channels().hangup(callerId);
                        return null;
                    });
            return;
        }
        String playbackId = config.ari().idPrefix() + "busy-" + Long.toHexString(System.nanoTime());
        CompletableFuture<PlaybackFinished> finished = new CompletableFuture<>();
        playbacks.put(playbackId, finished);
        ari.channels().answer(callerId)
                .thenCompose(x -> ari.channels().playWithId(callerId, playbackId,
                        PlayOptions.builder(config.limits().busyMedia()).build()))
                .thenCompose(pb -> finished.orTimeout(30, TimeUnit.SECONDS))
                .handle((x, failure) -> {
                    playbacks.remove(playbackId);
                    if (failure != null) {
                        LOG.debug("Busy announcement for {} ended with {}", callerId, failure.getMessage());
                    }
                    return ari.channels().hangup(callerId).handle((y, f) -> null);
                });
    }

    // ------------------------------------------------------------------ for VoiceCall

    BotConfig config() {
        return config;
    }

    BotMetrics metrics() {
        return metrics;
    }

    CallPatterns patterns() {
        return patterns;
    }

    MediaCallOptions mediaOptions() {
        return mediaOptions;
    }

    Connector connector() {
        return connector;
    }

    RealtimeClient realtime() {
        return realtime;
    }

    List<BotTool> tools() {
        return tools;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    void notifyReady(MediaCallReady ready) {
        for (CallListener l : listeners) {
            try {
                l.callReady(ready);
            } catch (RuntimeException e) {
                LOG.warn("A call listener failed: {}", e.toString());
            }
        }
    }

    void callEnded(VoiceCall call, CallSummary summary) {
        if (call.callId() != null) {
            calls.remove(call.callId());
        }
        if (call.uncount()) {
            metrics.activeCalls(active.decrementAndGet());
        }
        for (CallListener l : listeners) {
            try {
                l.callEnded(summary);
            } catch (RuntimeException e) {
                LOG.warn("A call listener failed: {}", e.toString());
            }
        }
    }

    // ------------------------------------------------------------------ public API

    /**
     * The calls in progress.
     *
     * @return the number of active calls
     */
    public int activeCalls() {
        return active.get();
    }

    /**
     * Callers turned away so far because of {@code max-concurrent-calls} or a shutdown.
     *
     * @return the count
     */
    public int callsTurnedAway() {
        return turnedAway.get();
    }

    /**
     * The tools the model is offered.
     *
     * @return their names
     */
    public List<String> toolNames() {
        return tools.stream().map(BotTool::name).toList();
    }

    /**
     * Stops taking calls, lets active calls finish for up to {@code grace}, then ends the rest (to the
     * fallback location when configured, else a hang-up), removes every resource the bot created and closes
     * its connections. Idempotent.
     *
     * @param grace how long active calls may go on
     */
    public void shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        accepting.set(false);
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Shutting down: {} active call(s), up to {} s to finish", active.get(), grace.toSeconds());
        long deadline = System.nanoTime() + grace.toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            sleep(50);
        }
        List<CompletableFuture<Void>> endings = new ArrayList<>();
        for (VoiceCall c : calls.values()) {
            endings.add(c.endForShutdown());
        }
        try {
            CompletableFuture.allOf(endings.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Ending the remaining calls took too long: {}", e.getMessage());
        }
        long waitEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (active.get() > 0 && System.nanoTime() < waitEnd) {
            sleep(20);
        }
        if (patterns != null) {
            patterns.close();
        }
        if (events != null) {
            events.close();
        }
        if (realtime != null) {
            realtime.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (ari != null) {
            ari.close();
        }
        scheduler.shutdownNow();
        metrics.ariConnected(false);
        LOG.info("Shut down");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shuts down with the configured grace ({@code limits.shutdown-grace}). */
    @Override
    public void close() {
        shutdown(config.limits().shutdownGrace());
    }

    /** Names the application and the number of active calls (never a credential). */
    @Override
    public String toString() {
        return "VoiceBot[application " + config.ari().application() + ", " + active.get() + " active call(s)]";
    }

    // ------------------------------------------------------------------ media connector

    /** One {@link MediaStream} per call on the shared endpoint; audio goes to the call once it is attached. */
    final class Connector implements MediaConnector {
        private final Map<String, Slot> slots = new ConcurrentHashMap<>();

        private final class Slot {
            volatile VoiceCall call;
            volatile MediaStream stream;
        }

        void attach(String callId, VoiceCall call) {
            slots.computeIfAbsent(callId, k -> new Slot()).call = call;
        }

        MediaStream stream(String callId) {
            Slot s = slots.get(callId);
            return s == null ? null : s.stream;
        }

        @Override
        public CompletableFuture<String> prepare(String callId) {
            Slot slot = slots.computeIfAbsent(callId, k -> new Slot());
            BotConfig.Media m = config.media();
            MediaStreamOptions options = MediaStreamOptions.builder(AudioPath.payload(m.format()))
                    .jitterDepthMillis(m.jitterMs()).label(callId)
                    .audioListener((buf, off, len, ts, kind) -> {
                        VoiceCall c = slot.call;
                        if (c != null) {
                            c.callerAudio(buf, off, len, kind);
                        }
                    })
                    .utteranceListener((utterance, sentMs) -> {
                        VoiceCall c = slot.call;
                        if (c != null) {
                            c.utterancePlayed(utterance);
                        }
                    })
                    .utteranceStartListener((utterance, sentNanos) -> {
                        VoiceCall c = slot.call;
                        if (c != null) {
                            c.utteranceStarted(utterance, sentNanos);
                        }
                    })
                    .build();
            try {
                MediaStream stream = MediaStream.open(endpoint, options);
                slot.stream = stream;
                return CompletableFuture.completedFuture(stream.session().advertisedAddress());
            } catch (IOException e) {
                slots.remove(callId);
                return CompletableFuture.failedFuture(new UncheckedIOException("No RTP port for call " + callId
                        + " in " + m.portMin() + "-" + m.portMax() + ": " + e.getMessage()
                        + " (widen media.port-min/port-max)", e));
            }
        }

        @Override
        public void release(String callId) {
            Slot s = slots.remove(callId);
            if (s != null && s.stream != null) {
                try {
                    s.stream.close();
                } catch (RuntimeException e) {
                    LOG.debug("Closing the media stream of {} failed: {}", callId, e.getMessage());
                }
            }
        }
    }

    /** Configures and starts a {@link VoiceBot}. */
    public static final class Builder {
        private final BotConfig config;
        private BotMetrics metrics = BotMetrics.NONE;
        private final List<BotTool> tools = new ArrayList<>();
        private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
        private boolean discoverTools = true;

        private Builder(BotConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Where to report measurements.
         *
         * @param metrics the metrics (default {@link BotMetrics#NONE})
         * @return this builder
         */
        public Builder metrics(BotMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * Adds a tool the model may call.
         *
         * @param tool the tool
         * @return this builder
         */
        public Builder tool(BotTool tool) {
            tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /**
         * Whether to add the tools found with {@link java.util.ServiceLoader} (default {@code true}).
         *
         * @param discover whether to look
         * @return this builder
         */
        public Builder discoverTools(boolean discover) {
            this.discoverTools = discover;
            return this;
        }

        /**
         * Follows the calls.
         *
         * @param listener told when a call is ready and when it ends
         * @return this builder
         */
        public Builder callListener(CallListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Connects to ARI and starts serving calls.
         *
         * @return the running bot
         * @throws VoiceBotException if ARI cannot be reached or refuses the credentials, or RTP cannot be set up
         */
        public VoiceBot start() {
            VoiceBot bot = new VoiceBot(this);
            try {
                bot.connect();
                bot.startParts();
            } catch (RuntimeException e) {
                bot.accepting.set(false);
                bot.closeQuietly();
                throw e instanceof VoiceBotException ? e : new VoiceBotException("Cannot start the bot: "
                        + e.getMessage(), e);
            }
            return bot;
        }
    }

    private void closeQuietly() {
        closed.set(true);
        for (AutoCloseable c : new AutoCloseable[] {patterns, events, realtime, endpoint, ari}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("Closing {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
                }
            }
        }
        scheduler.shutdownNow();
    }
}
