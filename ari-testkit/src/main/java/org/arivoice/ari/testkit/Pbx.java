package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Asterisk's core: its configuration, the lock, the timers and the 20 ms media clock, and event
 * emission. The rest of the PBX is split along Asterisk's own seams, one part per source file it mirrors, each
 * holding the state it owns and reaching the others through this core:
 * <ul>
 *   <li>{@link Channels}: the channel table, answer/ring/hold/DTMF/variables, continue, redirect,
 *       snoop (res/ari/resource_channels.c, res/stasis/control.c);</li>
 *   <li>{@link Originate}: POST /channels (res/ari/resource_channels.c, main/dial.c, main/core_local.c);</li>
 *   <li>{@link Hangups}: tearing a channel (and its Local peer) down (main/channel.c, main/core_unreal.c,
 *       main/dial.c);</li>
 *   <li>{@link Bridges}: the bridge table (res/ari/resource_bridges.c);</li>
 *   <li>{@link Playbacks}: the playback table (res/ari/resource_playbacks.c, res/res_stasis_playback.c);</li>
 *   <li>{@link Recordings}: live and stored recordings (res/ari/resource_recordings.c,
 *       res/res_stasis_recording.c);</li>
 *   <li>{@link DialplanRunner}: running {@link Dialplan} steps, and the simulated phone call (main/pbx.c,
 *       main/pbx_builtins.c, apps/app_playback.c);</li>
 *   <li>{@link Applications}: Stasis applications, their sockets and subscriptions, StasisStart/End, event
 *       delivery (res/res_stasis.c, res/ari/resource_applications.c, res/ari/resource_asterisk.c);</li>
 *   <li>{@link ExternalMedia}: RTP and WebSocket ExternalMedia channels (resource_channels.c's external media,
 *       channels/chan_rtp.c, channels/chan_websocket.c);</li>
 *   <li>{@link MediaClock}: each 20 ms frame of audio through channels, bridges, snoops and recordings
 *       (bridges/bridge_softmix.c, main/audiohook.c);</li>
 *   <li>{@link AriError}: the error texts several requests share.</li>
 * </ul>
 *
 * <p>Locking: one lock, this object's monitor, guards all the state of every part, so events leave in one
 * global order. Only {@code Pbx} takes it: in its {@code synchronized} entry points (event and media sockets,
 * FakeAsterisk's simulation and inspection calls), in {@link #locked} (which {@link AriHandler} runs each REST
 * route under), around each timed action ({@link #later}) and around each media tick. The parts never lock:
 * every one of their methods runs with this monitor held ({@link #later} and {@link #emit} assert it). A new
 * request goes into its part and is routed by AriHandler; a new entry point from outside (a socket, a
 * FakeAsterisk method) is a {@code synchronized} method here that calls its part.
 *
 * <p>The event sequences reproduce the recordings in {@code testdata/asterisk-ari/transcripts}
 * (see the comments at each sequence). Where real Asterisk raced two threads and the recordings disagree
 * on order, the order of {@code bridge-snoop-externalmedia.jsonl} is used.
 */
final class Pbx implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pbx.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    final ObjectMapper mapper;
    final String asteriskId;
    /** The application the recorded dialplan's Stasis() enters, or null to use the dialplan's own. */
    final String stasisOverride;
    final Dialplan dialplan;
    final CallerAudio audio;
    final long callerSpeaksAfterMs;
    final long bridgeDissolveMs;
    final Map<String, Long> soundMillis;
    private final ScheduledExecutorService timers;
    private final ScheduledExecutorService media;

    final Channels channels;
    final Originate originate;
    final Hangups hangups;
    final Bridges bridges;
    final Playbacks playbacks;
    final Recordings recordings;
    final DialplanRunner dialplanRunner;
    final Applications apps;
    final ExternalMedia externalMedia;
    final MediaClock mediaClock;

    private int idSeq;
    private boolean closed;
    /** Timed actions not yet run, for {@link #shiftTimers(long)}. */
    private final Set<PbxTimer> pendingTimers = new HashSet<>();
    /** The most a timed action (an answer, a hang-up, a playback's end) ran after its time: a busy machine. */
    private long maxTimerLateNanos;

    Pbx(ObjectMapper mapper, String asteriskId, String stasisOverride, Dialplan dialplan, CallerAudio audio,
            Map<String, Long> soundMillis, long callerSpeaksAfterMs, long bridgeDissolveMs) {
        this.mapper = mapper;
        this.callerSpeaksAfterMs = callerSpeaksAfterMs;
        this.bridgeDissolveMs = bridgeDissolveMs;
        this.asteriskId = asteriskId;
        this.stasisOverride = stasisOverride;
        this.dialplan = dialplan;
        this.audio = audio;
        this.soundMillis = Map.copyOf(soundMillis);
        this.channels = new Channels(this);
        this.originate = new Originate(this);
        this.hangups = new Hangups(this);
        this.bridges = new Bridges(this);
        this.playbacks = new Playbacks(this);
        this.recordings = new Recordings(this);
        this.dialplanRunner = new DialplanRunner(this);
        this.apps = new Applications(this, mapper, asteriskId);
        this.externalMedia = new ExternalMedia(this);
        this.mediaClock = new MediaClock(this);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fake-asterisk-timers"));
        this.media = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fake-asterisk-media"));
        media.scheduleAtFixedRate(this::mediaTick, 20, 20, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Runs one REST route (or any other action from outside the PBX) under the PBX lock. */
    synchronized <T> T locked(Supplier<T> action) {
        return action.get();
    }

    // ---------------------------------------------------------------- time, ids, scheduling

    static String now() {
        return TIME.format(Instant.now());
    }

    String newId() {
        return (System.currentTimeMillis() / 1000) + "." + (idSeq++);
    }

    static String newUuid() {
        return java.util.UUID.randomUUID().toString();
    }

    /** Runs {@code task} under the PBX lock {@code millis} from now, on the timer thread. */
    PbxTimer later(long millis, Runnable task) {
        assert Thread.holdsLock(this) : "PBX state is touched without the Pbx lock";
        PbxTimer t = new PbxTimer(task, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        if (pendingTimers.size() > 256) {
            pendingTimers.removeIf(p -> p.cancelled);
        }
        pendingTimers.add(t);
        schedule(t);
        return t;
    }

    private void schedule(PbxTimer t) {
        long delay = Math.max(0, t.dueNanos - System.nanoTime());
        t.future = timers.schedule(() -> {
            synchronized (this) {
                if (closed || t.cancelled || !pendingTimers.remove(t)) {
                    return; // cancelled, or moved by shiftTimers (its new schedule runs it)
                }
                maxTimerLateNanos = Math.max(maxTimerLateNanos, System.nanoTime() - t.dueNanos);
                try {
                    t.task.run();
                } catch (RuntimeException e) {
                    LOG.warn("FakeAsterisk timer task failed", e);
                }
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    /**
     * Moves every pending timed action {@code millis} later: the PBX's clock stands still for that long. A test
     * that replays a recording at its recorded times, and has to shift its own schedule because a step came
     * late, shifts the PBX's with it, so the recorded order of its steps and the PBX's timers is kept.
     */
    synchronized void shiftTimers(long millis) {
        if (millis <= 0 || closed) {
            return;
        }
        long by = TimeUnit.MILLISECONDS.toNanos(millis);
        pendingTimers.removeIf(t -> t.cancelled);
        for (PbxTimer t : List.copyOf(pendingTimers)) {
            if (t.future != null && t.future.cancel(false)) {
                t.dueNanos += by;
                schedule(t);
            }
        }
    }

    private void mediaTick() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                mediaClock.tick();
            } catch (RuntimeException e) {
                LOG.warn("FakeAsterisk media tick failed", e);
            }
        }
    }

    // ---------------------------------------------------------------- events

    ObjectNode obj() {
        return mapper.createObjectNode();
    }

    /** Sends an event to the applications subscribed to its channel or bridge (either may be null). */
    void emit(String type, ObjectNode payload, SimChannel channel, SimBridge bridge) {
        assert Thread.holdsLock(this) : "PBX state is touched without the Pbx lock";
        apps.deliver(type, now(), payload, channel == null ? Set.of() : channel.subscribers,
                bridge == null ? Set.of() : bridge.subscribers);
    }

    void channelEvent(String type, SimChannel ch, ObjectNode extra) {
        ObjectNode p = extra == null ? obj() : extra;
        p.set("channel", ch.toJson());
        emit(type, p, ch, null);
    }

    /** Sets (or, with an empty value, unsets) a channel variable and sends ChannelVarset. */
    void varset(SimChannel ch, String variable, String value) {
        if (value.isEmpty()) {
            ch.vars.remove(variable);
        } else {
            ch.vars.put(variable, value);
        }
        ObjectNode p = obj();
        p.put("variable", variable);
        p.put("value", value);
        channelEvent("ChannelVarset", ch, p);
    }

    void stateChange(SimChannel ch, String state) {
        ch.state = state;
        channelEvent("ChannelStateChange", ch, null);
    }

    void dial(SimChannel peer, String dialstatus, String dialstring) {
        ObjectNode p = obj();
        p.put("dialstatus", dialstatus);
        p.put("forward", "");
        p.put("dialstring", dialstring);
        p.set("peer", peer.toJson());
        emit("Dial", p, peer, null);
    }

    void hangupRequest(SimChannel ch, Integer cause, boolean soft) {
        ObjectNode p = obj();
        if (cause != null) {
            p.put("cause", cause);
        }
        if (soft) {
            p.put("soft", true);
        }
        channelEvent("ChannelHangupRequest", ch, p);
    }

    void bridgeChannelEvent(String type, SimBridge bridge, SimChannel ch) {
        ObjectNode p = obj();
        p.set("bridge", bridge.toJson());
        p.set("channel", ch.toJson());
        emit(type, p, ch, bridge);
    }

    // ---------------------------------------------------------------- query parameters

    /** A query parameter, null when absent or empty. */
    static String param(Map<String, String> q, String name) {
        String v = q.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    static List<String> csv(String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        return List.of(value.split(","));
    }

    static int parseInt(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new AriError(400, "'" + value + "' is not a number");
        }
    }

    // ---------------------------------------------------------------- event and media sockets

    synchronized void socketOpened(EventSocket socket) {
        apps.opened(socket, now());
    }

    synchronized void socketClosed(EventSocket socket) {
        apps.closed(socket);
    }

    synchronized void dropEventSockets() {
        apps.dropSockets();
    }

    synchronized int openEventSockets() {
        return apps.openSockets();
    }

    synchronized boolean awaitsMediaConnection(String connectionId) {
        return externalMedia.awaitsMediaConnection(connectionId);
    }

    synchronized void mediaConnected(MediaSocket socket) {
        externalMedia.mediaConnected(socket);
    }

    synchronized void mediaCommand(MediaSocket socket, String text) {
        externalMedia.mediaCommand(socket, text);
    }

    synchronized void mediaAudio(MediaSocket socket, ByteBuffer payload) {
        externalMedia.mediaAudio(socket, payload);
    }

    synchronized void mediaClosed(MediaSocket socket) {
        externalMedia.mediaClosed(socket);
    }

    // ---------------------------------------------------------------- hooks for the system resources

    // The applications, asterisk, sounds, endpoints, deviceStates and user-event resources are SystemResources;
    // it runs under this lock and reaches the PBX through these hooks.

    /** The live channel of that id, or null. The caller holds this lock. */
    SimChannel liveChannel(String id) {
        return channels.byId.get(id);
    }

    /** The live channels in creation order. The caller holds this lock. */
    java.util.Collection<SimChannel> liveChannels() {
        return channels.byId.values();
    }

    /** The live bridge of that id, or null. The caller holds this lock. */
    SimBridge liveBridge(String id) {
        return bridges.byId.get(id);
    }

    /** The live bridges in creation order. The caller holds this lock. */
    java.util.Collection<SimBridge> liveBridges() {
        return bridges.byId.values();
    }

    /** The Stasis applications; events go out through them under this lock. */
    Applications applications() {
        return apps;
    }

    /** The timestamp an event sent now carries. */
    String timestamp() {
        return now();
    }

    // ---------------------------------------------------------------- simulation and inspection

    synchronized String placeIncomingCall(String requestedContext, String extension) {
        return dialplanRunner.placeIncomingCall(requestedContext, extension);
    }

    synchronized void remoteHangup(String channelId) {
        hangups.remoteHangup(channelId);
    }

    synchronized List<ChannelSnapshot> channelSnapshots() {
        return channels.byId.values().stream().map(SimChannel::snapshot).toList();
    }

    synchronized List<BridgeSnapshot> bridgeSnapshots() {
        return bridges.byId.values().stream().map(SimBridge::snapshot).toList();
    }

    synchronized Optional<MediaLeg> mediaLeg(String channelId) {
        return Optional.ofNullable(externalMedia.legs.get(channelId));
    }

    synchronized List<String> registeredApplications() {
        return apps.names();
    }

    List<String> eventLog() {
        return apps.eventLog();
    }

    synchronized List<String> leftovers() {
        List<String> out = new ArrayList<>();
        channels.byId.values().forEach(c -> out.add("channel " + c.id + " (" + c.name + ", "
                + (c.inStasis() ? "in Stasis app " + c.stasisApp : "in dialplan") + ")"));
        bridges.byId.values().forEach(b -> out.add("bridge " + b.id + " with channels "
                + b.channels.stream().map(c -> c.id).toList()));
        playbacks.byId.values().forEach(p -> out.add("playback " + p.id + " on " + p.targetUri));
        recordings.live.values().forEach(r -> out.add("live recording " + r.name + " of " + r.targetUri));
        return out;
    }

    /** How late, at most, a timed action of this PBX ran (milliseconds): what a loaded machine did to its timing. */
    synchronized long maxTimerLatenessMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxTimerLateNanos);
    }

    /** Restart: every channel, bridge, playback and registration vanishes without events, as after a crash. */
    synchronized void wipe() {
        for (SimChannel ch : new ArrayList<>(channels.byId.values())) {
            hangups.forget(ch);
        }
        channels.byId.clear();
        bridges.byId.clear();
        bridges.dissolving.clear();
        playbacks.byId.values().forEach(p -> {
            if (p.timer != null) {
                p.timer.cancel();
            }
        });
        playbacks.byId.clear();
        recordings.live.clear();
        apps.wipe();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            externalMedia.legs.values().forEach(MediaLeg::close);
        }
        timers.shutdownNow();
        media.shutdownNow();
    }
}
