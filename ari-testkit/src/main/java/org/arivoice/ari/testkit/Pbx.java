package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.arivoice.rtp.codec.G711;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Asterisk: channels, bridges, the {@code ari-it} dialplan, Stasis applications and their
 * events, playbacks, recordings and ExternalMedia. One lock (this object) guards all state, so events
 * leave in one global order; timers and the 20 ms media clock run on two daemon threads.
 *
 * <p>The event sequences reproduce the recordings in {@code ../shared/reference/asterisk-ari/transcripts}
 * (see the comments at each sequence). Where real Asterisk raced two threads and the recordings disagree
 * on order, the order of {@code bridge-snoop-externalmedia.jsonl} is used.
 */
final class Pbx implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pbx.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    /** Recorded: the ExternalMedia / Local leg before it answers runs AppDial2. */
    private static final String DIAL_APP = "AppDial2";
    private static final String DIAL_DATA = "(Outgoing Line)";
    /** Recorded: DTMF sent on one Local leg arrived on the other about 220 ms later. */
    private static final long DTMF_DELAY_MS = 220;
    /** Recorded: Answer() on a ringing Local leg took 500 ms before the next priority ran. */
    private static final long ANSWER_DELAY_MS = 500;
    /** Recorded: the Local pair's first events came within 0-2 ms of originate's 200 (the app answered 1 ms on). */
    private static final long ORIGINATE_DELAY_MS = 0;
    /** How long a snoop outlives its target (see {@link #leaveEverything}). */
    private static final long SNOOP_END_DELAY_MS = 50;

    private final ObjectMapper mapper;
    private final String asteriskId;
    /** The application the recorded dialplan's Stasis() enters, or null to use the dialplan's own. */
    private final String stasisOverride;
    private final Dialplan dialplan;
    private final CallerAudio audio;
    private final long callerSpeaksAfterMs;
    private final long bridgeDissolveMs;
    private final Map<String, Long> soundMillis;
    private final ScheduledExecutorService timers;
    private final ScheduledExecutorService media;

    private final Map<String, SimChannel> channels = new LinkedHashMap<>();
    private final Map<String, SimBridge> bridges = new LinkedHashMap<>();
    /** Deleted bridges that Asterisk's bridge manager has not dissolved yet: seen by GET, refused by the rest. */
    private final Map<String, SimBridge> dissolving = new LinkedHashMap<>();
    private final Map<String, SimPlayback> playbacks = new LinkedHashMap<>();
    private final Map<String, SimRecording> liveRecordings = new LinkedHashMap<>();
    private final Map<String, StoredRecording> storedRecordings = new LinkedHashMap<>();
    private final Applications apps;
    /** ExternalMedia legs by channel id, kept after hangup so tests can read what the caller heard. */
    private final Map<String, MediaLeg> mediaLegs = new LinkedHashMap<>();
    private final Map<String, SimChannel> mediaConnections = new LinkedHashMap<>();
    private int localSeq;
    private int snoopSeq;
    private int recorderSeq = 1;
    private int idSeq;
    private boolean closed;
    /** Timed actions not yet run, for {@link #shiftTimers(long)}. */
    private final java.util.Set<PbxTimer> pendingTimers = new java.util.HashSet<>();
    /** The most a timed action (an answer, a hang-up, a playback's end) ran after its time: a busy machine. */
    private long maxTimerLateNanos;

    Pbx(ObjectMapper mapper, String asteriskId, String stasisOverride, Dialplan dialplan, CallerAudio audio,
            Map<String, Long> soundMillis, long callerSpeaksAfterMs, long bridgeDissolveMs) {
        this.mapper = mapper;
        this.callerSpeaksAfterMs = callerSpeaksAfterMs;
        this.bridgeDissolveMs = bridgeDissolveMs;
        this.asteriskId = asteriskId;
        this.apps = new Applications(mapper, asteriskId);
        this.stasisOverride = stasisOverride;
        this.dialplan = dialplan;
        this.audio = audio;
        this.soundMillis = Map.copyOf(soundMillis);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fake-asterisk-timers"));
        this.media = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fake-asterisk-media"));
        media.scheduleAtFixedRate(this::mediaTick, 20, 20, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ---------------------------------------------------------------- time, ids, scheduling

    private static String now() {
        return TIME.format(Instant.now());
    }

    private String newId() {
        return (System.currentTimeMillis() / 1000) + "." + (idSeq++);
    }

    private PbxTimer later(long millis, Runnable task) {
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

    // ---------------------------------------------------------------- event sockets

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

    // ---------------------------------------------------------------- events

    private ObjectNode obj() {
        return mapper.createObjectNode();
    }

    private void emit(String type, ObjectNode payload, SimChannel channel, SimBridge bridge) {
        apps.deliver(type, now(), payload, channel == null ? Set.of() : channel.subscribers,
                bridge == null ? Set.of() : bridge.subscribers);
    }

    private void channelEvent(String type, SimChannel ch, ObjectNode extra) {
        ObjectNode p = extra == null ? obj() : extra;
        p.set("channel", ch.toJson());
        emit(type, p, ch, null);
    }

    private void varset(SimChannel ch, String variable, String value) {
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

    private void stateChange(SimChannel ch, String state) {
        ch.state = state;
        channelEvent("ChannelStateChange", ch, null);
    }

    private void dial(SimChannel peer, String dialstatus, String dialstring) {
        ObjectNode p = obj();
        p.put("dialstatus", dialstatus);
        p.put("forward", "");
        p.put("dialstring", dialstring);
        p.set("peer", peer.toJson());
        emit("Dial", p, peer, null);
    }

    private void hangupRequest(SimChannel ch, Integer cause, boolean soft) {
        ObjectNode p = obj();
        if (cause != null) {
            p.put("cause", cause);
        }
        if (soft) {
            p.put("soft", true);
        }
        channelEvent("ChannelHangupRequest", ch, p);
    }

    private void bridgeChannelEvent(String type, SimBridge bridge, SimChannel ch) {
        ObjectNode p = obj();
        p.set("bridge", bridge.toJson());
        p.set("channel", ch.toJson());
        emit(type, p, ch, bridge);
    }

    // ---------------------------------------------------------------- Stasis

    private void enterStasis(SimChannel ch, String app, List<String> args, boolean withStatusVar) {
        ch.inDialplan = false;
        ch.dialplanGeneration++;
        ch.appName = "Stasis";
        ch.appData = args.isEmpty() ? app : app + "," + String.join(",", args);
        if (!apps.isRegistered(app)) {
            // Stasis() fails for an application no socket ever registered; the channel then hangs up.
            LOG.warn("FakeAsterisk: Stasis application '{}' is not registered (no event socket asked for it);"
                    + " channel {} hangs up", app, ch.id);
            later(1, () -> destroy(ch, 16));
            return;
        }
        // STASISSTATUS is set before the app subscribes: only channels the app already watched (originate,
        // externalMedia) show it; a phone call's first event is StasisStart (recorded in sip-call).
        if (withStatusVar) {
            varset(ch, "STASISSTATUS", "");
        }
        ch.stasisApp = app;
        ch.subscribers.add(app);
        ObjectNode p = obj();
        ArrayNode a = p.putArray("args");
        args.forEach(a::add);
        channelEvent("StasisStart", ch, p);
    }

    /** StasisEnd without hangup side effects; the channel loses the app's implicit subscription. */
    private void endStasis(SimChannel ch, boolean statusVar) {
        if (ch.stasisApp == null) {
            return;
        }
        String app = ch.stasisApp;
        channelEvent("StasisEnd", ch, null);
        ch.stasisApp = null;
        // Only originate/externalMedia subscriptions outlive StasisEnd (recorded: a snoop's or a phone's
        // later events never reached the application).
        if (!ch.explicitSubscribers.contains(app)) {
            ch.subscribers.remove(app);
        }
        if (statusVar) {
            varset(ch, "STASISSTATUS", "SUCCESS");
        }
    }

    // ---------------------------------------------------------------- dialplan

    private void runDialplan(SimChannel ch, String context, String exten, int priority) {
        ch.inDialplan = true;
        ch.dialplanGeneration++;
        ch.context = context;
        ch.exten = exten;
        ch.priority = priority;
        runStep(ch);
    }

    /** The applications the fake runs, by lower-case name, with the names Asterisk registers them under. */
    private static final Map<String, String> APPS = Map.ofEntries(
            Map.entry("answer", "Answer"), Map.entry("wait", "Wait"), Map.entry("playback", "Playback"),
            Map.entry("playtones", "PlayTones"), Map.entry("stopplaytones", "StopPlayTones"),
            Map.entry("stasis", "Stasis"), Map.entry("hangup", "Hangup"), Map.entry("busy", "Busy"),
            Map.entry("congestion", "Congestion"), Map.entry("noop", "NoOp"), Map.entry("set", "Set"),
            Map.entry("goto", "Goto"));
    /** Steps run back to back before the fake continues on the timer thread (a Goto loop must not overflow). */
    private static final int MAX_STEP_DEPTH = 50;

    private void runStep(SimChannel ch) {
        if (ch.gone || !ch.inDialplan) {
            return;
        }
        if (ch.stepDepth >= MAX_STEP_DEPTH) {
            int generation = ch.dialplanGeneration;
            later(1, () -> {
                if (ch.dialplanGeneration == generation) {
                    runStep(ch);
                }
            });
            return;
        }
        ch.stepDepth++;
        try {
            executeStep(ch);
        } finally {
            ch.stepDepth--;
        }
    }

    private void executeStep(SimChannel ch) {
        Optional<Dialplan.Step> step = dialplan.step(ch.context, ch.exten, ch.priority);
        if (step.isEmpty()) {
            // Running off the end of an extension (or into a missing one) hangs the channel up.
            destroy(ch, 16);
            return;
        }
        String app = APPS.get(step.get().app().toLowerCase());
        if (app == null) {
            // pbx.c: pbx_extension_helper logs "No application '%s' for extension" and returns -1 before any
            // application runs (so no ChannelDialplan); __ast_pbx_run takes that as an error, soft-hangs the
            // channel up (AST_SOFTHANGUP_APPUNLOAD) and hangs it up. Nothing on that path sets a hangup cause,
            // so the channel ends with cause 0 ("Unknown").
            LOG.warn("FakeAsterisk: No application '{}' for extension ({}, {}, {}); channel {} hangs up",
                    step.get().app(), ch.context, ch.exten, ch.priority, ch.id);
            destroy(ch, 0);
            return;
        }
        String data = step.get().data();
        if ("Stasis".equals(app) && stasisOverride != null) {
            int comma = data.indexOf(',');
            data = comma < 0 ? stasisOverride : stasisOverride + data.substring(comma);
        }
        ch.appName = app;
        ch.appData = data;
        ObjectNode p = obj();
        p.put("dialplan_app", app);
        p.put("dialplan_app_data", data);
        channelEvent("ChannelDialplan", ch, p);
        int generation = ch.dialplanGeneration;
        switch (app) {
            case "Answer": {
                boolean wasUp = "Up".equals(ch.state);
                answerChannel(ch);
                if (ch.gone) {
                    return;
                }
                // Recorded: a ringing Local leg took 500 ms in Answer(); a SIP phone went on at once.
                boolean slow = !wasUp && ch.kind == ChannelSnapshot.Kind.LOCAL;
                nextStepAfter(ch, generation, slow ? ANSWER_DELAY_MS : 0);
                break;
            }
            case "Wait":
                nextStepAfter(ch, generation, Math.round(parseSeconds(data) * 1000));
                break;
            case "Playback":
                playback(ch, data, generation);
                break;
            case "PlayTones":
                try {
                    ch.tone = ToneGenerator.parse(data);
                } catch (IllegalArgumentException e) {
                    // indications.c: ast_playtones_start fails, PlayTones returns -1 and the channel hangs up.
                    LOG.warn("FakeAsterisk: PlayTones({}) on channel {}: {}; the channel hangs up", data, ch.id,
                            e.getMessage());
                    destroy(ch, 0);
                    return;
                }
                nextStepAfter(ch, generation, 0);
                break;
            case "StopPlayTones":
                ch.tone = null;
                nextStepAfter(ch, generation, 0);
                break;
            case "Stasis": {
                List<String> parts = csv(data);
                String stasisApp = parts.isEmpty() ? "" : parts.get(0);
                enterStasis(ch, stasisApp, parts.size() > 1 ? parts.subList(1, parts.size()) : List.of(), true);
                break;
            }
            case "NoOp":
                nextStepAfter(ch, generation, 0);
                break;
            case "Set": {
                int eq = data.indexOf('=');
                if (eq <= 0) {
                    // pbx_builtin_setvar: "Set requires an '=' to be a valid assignment"; the dialplan goes on.
                    LOG.warn("FakeAsterisk: Set({}) on channel {} has no '='; ignored as Asterisk does", data, ch.id);
                } else {
                    varset(ch, data.substring(0, eq).trim(), data.substring(eq + 1));
                }
                nextStepAfter(ch, generation, 0);
                break;
            }
            case "Goto":
                gotoStep(ch, data);
                break;
            case "Busy":
                // app_busy/Busy(): indicates busy with cause 17 (User busy); the caller then hangs up.
                destroy(ch, 17);
                break;
            case "Congestion":
                // Congestion(): indicates congestion with cause 34 (Circuit/channel congestion).
                destroy(ch, 34);
                break;
            default: // Hangup([cause]): pbx_builtin_hangup; no or an invalid cause means 16, Normal Clearing
                ch.hangupApp = true;
                destroy(ch, hangupCause(data));
        }
    }

    private static double parseSeconds(String data) {
        try {
            return data.isBlank() ? 0 : Math.max(0, Double.parseDouble(data.trim()));
        } catch (NumberFormatException e) {
            return 0; // Wait() with a non-number waits 0 s (ast_app_parse_timelen fails, Asterisk goes on)
        }
    }

    private static int hangupCause(String data) {
        try {
            int cause = Integer.parseInt(data.trim());
            return cause > 0 ? cause : 16;
        } catch (NumberFormatException e) {
            return 16;
        }
    }

    /** Answers a channel (dialplan or ARI); a Local ;2 leg's answer answers the ;1 leg an originate waits on. */
    private void answerChannel(SimChannel ch) {
        if (!"Up".equals(ch.state)) {
            stateChange(ch, "Up");
        }
        Runnable onAnswer = ch.onAnswer;
        ch.onAnswer = null;
        if (onAnswer != null) {
            onAnswer.run();
        }
    }

    /**
     * Playback(file[&file...][,options]) as app_playback.c does it: answers the channel first unless
     * {@code noanswer}, stops PlayTones (a stream replaces the channel's generator), plays the files one
     * after the other and sets PLAYBACKSTATUS.
     */
    private void playback(SimChannel ch, String data, int generation) {
        int comma = data.indexOf(',');
        String files = comma < 0 ? data : data.substring(0, comma);
        String options = comma < 0 ? "" : data.substring(comma + 1);
        if (!"Up".equals(ch.state) && options.contains("skip")) {
            // "skip": nothing is played on a channel that is not up, and the status is still SUCCESS.
            varset(ch, "PLAYBACKSTATUS", "SUCCESS");
            nextStepAfter(ch, generation, 0);
            return;
        }
        if (!"Up".equals(ch.state) && !options.contains("noanswer")) {
            answerChannel(ch);
            if (ch.gone || ch.dialplanGeneration != generation) {
                return;
            }
        }
        ch.tone = null;
        ByteArrayOutputStream voice = new ByteArrayOutputStream();
        long frames = 0;
        for (String file : files.split("&")) {
            String name = file.trim();
            Optional<byte[]> prompt = audio.prompt(name);
            Long millis = soundMillis.get(name);
            if (prompt.isEmpty() && millis == null) {
                // The fake fails the whole step on an unknown file (Asterisk plays the files before it first).
                varset(ch, "PLAYBACKSTATUS", "FAILED");
                nextStepAfter(ch, generation, 0);
                return;
            }
            // A prompt plays for its audio or its declared length, whichever is longer (the fake has only the
            // recorded part of demo-congrats); silence pads the rest.
            byte[] bytes = prompt.orElse(new byte[0]);
            long promptFrames = Math.max(bytes.length / CallerAudio.FRAME_BYTES, millis == null ? 0 : millis / 20);
            byte[] padded = Arrays.copyOf(bytes, (int) promptFrames * CallerAudio.FRAME_BYTES);
            Arrays.fill(padded, bytes.length, padded.length, (byte) 0xFF);
            voice.writeBytes(padded);
            frames += promptFrames;
        }
        speak(ch, voice.toByteArray(), (int) frames, true);
    }

    /** Goto([[context,]exten,]priority) (pbx_builtin_goto): a priority may be a number or a label. */
    private void gotoStep(SimChannel ch, String data) {
        List<String> parts = csv(data);
        String context = ch.context;
        String exten = ch.exten;
        String priority;
        if (parts.size() == 3) {
            context = parts.get(0).trim();
            exten = parts.get(1).trim();
            priority = parts.get(2).trim();
        } else if (parts.size() == 2) {
            exten = parts.get(0).trim();
            priority = parts.get(1).trim();
        } else if (parts.size() == 1) {
            priority = parts.get(0).trim();
        } else {
            LOG.warn("FakeAsterisk: Goto({}) on channel {} needs [[context,]exten,]priority; the channel hangs up",
                    data, ch.id);
            destroy(ch, 16);
            return;
        }
        int target;
        try {
            target = Integer.parseInt(priority);
        } catch (NumberFormatException e) {
            Optional<Integer> labelled = dialplan.label(context, exten, priority);
            if (labelled.isEmpty()) {
                // ast_parseable_goto: "Priority '%s' must be a number > 0, or valid label"; Goto returns -1.
                LOG.warn("FakeAsterisk: Goto({}) on channel {}: no priority or label '{}' in {}@{}; the channel"
                        + " hangs up", data, ch.id, priority, exten, context);
                destroy(ch, 0);
                return;
            }
            target = labelled.get();
        }
        ch.context = context;
        ch.exten = exten;
        ch.priority = target;
        ch.dialplanGeneration++;
        runStep(ch);
    }

    private void nextStepAfter(SimChannel ch, int generation, long millis) {
        Runnable next = () -> {
            if (ch.dialplanGeneration == generation && !ch.gone) {
                nextStep(ch);
            }
        };
        if (millis <= 0) {
            next.run();
        } else {
            later(millis, next);
        }
    }

    private void nextStep(SimChannel ch) {
        ch.priority++;
        runStep(ch);
    }

    private static void speak(SimChannel ch, byte[] voice, int frames, boolean dialplanPlayback) {
        ch.voice = voice;
        ch.voicePos = 0;
        ch.voiceFrameIndex = 0;
        ch.voiceFrames = frames;
        ch.voicePlayback = dialplanPlayback;
    }

    private void voiceFinished(SimChannel ch) {
        ch.voice = null;
        if (ch.voicePlayback && ch.inDialplan && !ch.gone) {
            ch.voicePlayback = false;
            varset(ch, "PLAYBACKSTATUS", "SUCCESS");
            nextStep(ch);
        }
    }

    // ---------------------------------------------------------------- media

    private void mediaTick() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                List<SimChannel> finished = new ArrayList<>();
                for (SimChannel ch : channels.values()) {
                    ch.currentFrame = null;
                    if (ch.voice != null) {
                        ch.currentFrame = ch.voicePos < ch.voice.length
                                ? Arrays.copyOfRange(ch.voice, ch.voicePos, ch.voicePos + CallerAudio.FRAME_BYTES)
                                : null;
                        ch.voicePos += CallerAudio.FRAME_BYTES;
                        if (++ch.voiceFrameIndex >= ch.voiceFrames) {
                            finished.add(ch);
                        }
                    } else if (ch.tone != null && ch.kind != ChannelSnapshot.Kind.PHONE) {
                        // PlayTones on a Local ;2 leg is what the far end "says" to the ;1 leg (a phone's own
                        // PlayTones would play to the phone, not into Asterisk).
                        ch.currentFrame = ch.tone.nextFrame();
                        if (ch.currentFrame == null) {
                            ch.tone = null;
                        }
                    }
                    ch.appFrame = null;
                    if (ch.rtp != null) {
                        ch.appFrame = ch.rtp.inbound().pollFrame();
                    } else if (ch.wsLeg != null) {
                        ch.appFrame = ch.wsLeg.inbound().pollFrame();
                    }
                }
                for (SimChannel em : new ArrayList<>(channels.values())) {
                    if (em.wsLeg != null) {
                        em.wsLeg.tick(em.bridge == null ? null : bridgeAudioFor(em));
                        continue;
                    }
                    if (em.rtp == null || em.bridge == null) {
                        continue;
                    }
                    byte[] frame = bridgeMixFor(em);
                    if (frame != null) {
                        em.rtp.send(frame);
                    }
                }
                captureRecordings();
                finished.forEach(this::voiceFinished);
            } catch (RuntimeException e) {
                LOG.warn("FakeAsterisk media tick failed", e);
            }
        }
    }

    /** What {@code listener} hears in its bridge: the others' audio, mixed; null for silence. */
    private static byte[] bridgeMixFor(SimChannel listener) {
        return bridgeMixFor(listener, false);
    }

    /**
     * The bridge mix for {@code listener}; {@code withoutSnoops} leaves snoop channels out, so that a snoop
     * spying on what a bridge member hears cannot hear itself (no recursion).
     */
    private static byte[] bridgeMixFor(SimChannel listener, boolean withoutSnoops) {
        List<byte[]> frames = new ArrayList<>();
        for (SimChannel other : listener.bridge.channels) {
            if (other != listener && !(withoutSnoops && other.kind == ChannelSnapshot.Kind.SNOOP)) {
                byte[] f = heardFrom(other);
                if (f != null) {
                    frames.add(f);
                }
            }
        }
        if (frames.isEmpty()) {
            return null;
        }
        return frames.size() == 1 ? frames.get(0) : mix(frames);
    }

    private static byte[] bridgeAudioFor(SimChannel em) {
        byte[] ulaw = bridgeMixFor(em);
        if (ulaw != null && "alaw".equals(em.wsLeg.format)) {
            byte[] alaw = new byte[ulaw.length];
            for (int i = 0; i < ulaw.length; i++) {
                alaw[i] = G711.linearToAlaw(G711.ulawToLinear(ulaw[i]));
            }
            return alaw;
        }
        return ulaw;
    }

    /**
     * What a channel sends into Asterisk (into its bridge, its recordings, its snoops' "in" direction): for a
     * Local leg what its peer (the simulated far end) plays, for a phone what its user says, for an
     * ExternalMedia channel what the application sent, for a snoop what it spies on.
     */
    private static byte[] heardFrom(SimChannel ch) {
        switch (ch.kind) {
            case LOCAL:
                return ch.peer != null && !ch.peer.gone ? ch.peer.currentFrame : null;
            case PHONE:
                return ch.currentFrame;
            case EXTERNAL_MEDIA:
                return ch.appFrame;
            case SNOOP: {
                SimChannel target = ch.snoopTarget;
                if (target == null || target.gone) {
                    return null;
                }
                // app_snoop (res/stasis_snoop.c): "in" is the audio the target sends, "out" what it is sent.
                byte[] in = "in".equals(ch.spy) || "both".equals(ch.spy) ? heardFrom(target) : null;
                byte[] out = ("out".equals(ch.spy) || "both".equals(ch.spy)) && target.bridge != null
                        ? bridgeMixFor(target, true) : null;
                if (in == null || out == null) {
                    return in != null ? in : out;
                }
                return mix(List.of(in, out));
            }
            default:
                return null;
        }
    }

    private static byte[] mix(List<byte[]> frames) {
        byte[] out = new byte[CallerAudio.FRAME_BYTES];
        for (int i = 0; i < out.length; i++) {
            int sum = 0;
            for (byte[] f : frames) {
                sum += G711.ulawToLinear(f[i]);
            }
            out[i] = G711.linearToUlaw((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum)));
        }
        return out;
    }

    // ---------------------------------------------------------------- hangup

    /** Leaves the bridge and Stasis, and ends the snoops on this channel, in the recorded order. */
    private void leaveEverything(SimChannel ch) {
        // A channel recording ends with its channel (the recording runs in the channel's Stasis control loop,
        // so RecordingFinished comes before StasisEnd).
        for (SimRecording rec : new ArrayList<>(liveRecordings.values())) {
            if (rec.channel == ch) {
                finishRecording(rec);
            }
        }
        if (ch.bridge != null) {
            leaveBridge(ch);
        }
        boolean snoop = ch.kind == ChannelSnapshot.Kind.SNOOP;
        endStasis(ch, !snoop);
        // Recorded: a snoop ends shortly after its target (StasisEnd, and no ChannelDestroyed reaches the
        // app). Asterisk does it asynchronously: 5 ms later in one recording, while in the SIP recording a
        // DELETE 7 ms after the hangup still found the snoop; the fake ends it after SNOOP_END_DELAY_MS.
        for (SimChannel s : new ArrayList<>(channels.values())) {
            if (s.snoopTarget == ch && !s.gone) {
                later(SNOOP_END_DELAY_MS, () -> {
                    if (!s.gone) {
                        endStasis(s, false);
                        forget(s);
                    }
                });
            }
        }
        for (Iterator<SimPlayback> it = playbacks.values().iterator(); it.hasNext();) {
            SimPlayback pb = it.next();
            if (pb.channel == ch) {
                if (pb.timer != null) {
                    pb.timer.cancel();
                }
                it.remove();
            }
        }
    }

    private void leaveBridge(SimChannel ch) {
        SimBridge b = ch.bridge;
        if (ch.vars.containsKey("BRIDGEPEER")) {
            varset(ch, "BRIDGEPEER", "");
        }
        b.channels.remove(ch);
        ch.bridge = null;
        bridgeChannelEvent("ChannelLeftBridge", b, ch);
    }

    private void destroyed(SimChannel ch, int cause) {
        if (ch.kind == ChannelSnapshot.Kind.LOCAL && ch.name.endsWith(";1")
                || ch.kind == ChannelSnapshot.Kind.EXTERNAL_MEDIA) {
            ch.appName = DIAL_APP; // recorded: a dialed channel reverts to AppDial2 when destroyed
            ch.appData = DIAL_DATA;
        } else if (ch.kind == ChannelSnapshot.Kind.LOCAL) {
            ch.appName = "";
            ch.appData = "";
        }
        ObjectNode p = obj();
        p.put("cause", cause);
        p.put("cause_txt", HangupCause.text(cause));
        if (ch.techCause != null) {
            p.put("tech_cause", ch.techCause);
        }
        channelEvent("ChannelDestroyed", ch, p);
        forget(ch);
    }

    private void forget(SimChannel ch) {
        ch.gone = true;
        ch.voice = null;
        ch.inDialplan = false;
        ch.dialplanGeneration++;
        channels.remove(ch.id);
        if (ch.rtp != null) {
            ch.rtp.close();
        }
        if (ch.wsLeg != null) {
            mediaConnections.remove(ch.wsLeg.connectionId);
            ch.wsLeg.close(); // recorded: the media socket closes with 1000 when the channel is gone
        }
    }

    /**
     * The variables a hung-up dialplan leaves: PLAYBACKSTATUS when a Playback was interrupted and, recorded
     * for a channel sent back to the dialplan with continue, a late STASISSTATUS.
     */
    private void playbackStatus(SimChannel ch) {
        if (ch.inDialplan && "Playback".equals(ch.appName)) {
            varset(ch, "PLAYBACKSTATUS", "SUCCESS");
        }
        if (ch.stasisStatusPending) {
            ch.stasisStatusPending = false;
            varset(ch, "STASISSTATUS", "SUCCESS");
        }
    }

    /**
     * Tears a channel down (after its ChannelHangupRequest, if any, was sent), including the other half
     * of a Local pair. Orders as recorded in bridge-snoop-externalmedia (hanging up {@code ;2}) and
     * externalmedia-slin16 (hanging up {@code ;1}).
     */
    private void destroy(SimChannel ch, int cause) {
        if (ch.gone) {
            return;
        }
        SimChannel peer = ch.peer != null && !ch.peer.gone ? ch.peer : null;
        if (peer == null) {
            leaveEverything(ch);
            destroyed(ch, cause);
            return;
        }
        boolean secondLeg = ch.name.endsWith(";2");
        if (secondLeg && ch.onAnswer != null) {
            // The ;2 leg ends before answering (Hangup(17), Busy, Congestion, ...): dial.c monitor_dial sees the
            // ;1 leg's hangup (or busy/congestion), publishes Dial with the status ast_hangup_cause_to_dial_status
            // gives for the cause, and hangs the ;1 leg up with that cause; it never answers nor enters Stasis.
            ch.onAnswer = null;
            leaveEverything(ch);
            if (ch.hangupApp) {
                // pbx.c __ast_pbx_run ends every dialplan run with ast_softhangup(AST_SOFTHANGUP_APPUNLOAD),
                // published as ChannelHangupRequest {cause: 16 (the flag), soft: true}; core_unreal then queues
                // the hangup on the ;1 leg with the ;2 leg's hangup cause (as recorded for Hangup(), with 16).
                hangupRequest(ch, 16, true);
                hangupRequest(peer, cause, false);
            }
            destroyed(ch, cause);
            dial(peer, dialStatus(cause), peer.dialstring == null ? "" : peer.dialstring);
            leaveEverything(peer);
            destroyed(peer, cause);
            return;
        }
        if (secondLeg) {
            leaveEverything(ch);
            playbackStatus(ch);
            hangupRequest(ch, 16, true);
            // The ;1 leg's hangup is queued with the ;2 leg's cause (recorded: 16 after Hangup()).
            hangupRequest(peer, cause, false);
            destroyed(ch, cause);
            leaveEverything(peer);
            playbackStatus(peer);
            destroyed(peer, cause);
        } else {
            leaveEverything(ch);
            hangupRequest(peer, 16, false);
            destroyed(ch, cause);
            leaveEverything(peer);
            playbackStatus(peer);
            hangupRequest(peer, 16, true);
            destroyed(peer, cause);
        }
    }

    /** dial.c ast_hangup_cause_to_dial_status. */
    private static String dialStatus(int cause) {
        switch (cause) {
            case 17: return "BUSY";
            case 34: return "CONGESTION";
            case 3:
            case 20: return "CHANUNAVAIL";
            default: return "NOANSWER";
        }
    }

    // ---------------------------------------------------------------- lookups

    private SimChannel channel(String id) {
        SimChannel ch = channels.get(id);
        if (ch == null) {
            throw AriError.channelNotFound();
        }
        return ch;
    }

    private SimChannel stasisChannel(String id) {
        SimChannel ch = channel(id);
        if (!ch.inStasis()) {
            throw AriError.notInStasis();
        }
        return ch;
    }

    private SimBridge bridge(String id) {
        SimBridge b = bridges.get(id);
        if (b == null) {
            if (dissolving.containsKey(id)) {
                // resource_bridges.c find_bridge: not among the application's bridges, but its snapshot exists.
                throw new AriError(409, "Bridge not in Stasis application");
            }
            throw AriError.bridgeNotFound();
        }
        return b;
    }

    private static String param(Map<String, String> q, String name) {
        String v = q.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static List<String> csv(String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        return List.of(value.split(","));
    }

    // ---------------------------------------------------------------- channels

    synchronized Reply listChannels() {
        ArrayNode a = mapper.createArrayNode();
        channels.values().forEach(c -> a.add(c.toJson()));
        return Reply.ok(a);
    }

    synchronized Reply getChannel(String id) {
        return Reply.ok(channel(id).toJson());
    }

    synchronized Reply originate(String pathId, Map<String, String> q, JsonNode body) {
        String endpoint = param(q, "endpoint");
        String app = param(q, "app");
        String extension = param(q, "extension");
        if (endpoint == null || app == null && extension == null) {
            throw new AriError(400, "Invalid parameters for originating a channel.");
        }
        if (!endpoint.startsWith("Local/") || endpoint.indexOf('@') < 0) {
            // The fake has no SIP devices; only Local channels into its dialplan can be originated.
            throw new AriError(400, "Invalid parameters for originating a channel.");
        }
        String target = endpoint.substring("Local/".length());
        int slash = target.indexOf('/');
        if (slash >= 0) {
            target = target.substring(0, slash);
        }
        String exten = target.substring(0, target.indexOf('@'));
        String context = target.substring(target.indexOf('@') + 1);
        String id = pathId != null ? pathId : Optional.ofNullable(param(q, "channelId")).orElseGet(this::newId);
        String otherId = Optional.ofNullable(param(q, "otherChannelId")).orElseGet(this::newId);
        if (channels.containsKey(id) || channels.containsKey(otherId) || id.equals(otherId)) {
            throw new AriError(409, "Channel with given unique ID already exists.");
        }
        String base = String.format("Local/%s@%s-%08x", exten, context, localSeq++);
        String created = now();
        SimChannel one = new SimChannel(id, base + ";1", ChannelSnapshot.Kind.LOCAL, "Down", created);
        SimChannel two = new SimChannel(otherId, base + ";2", ChannelSnapshot.Kind.LOCAL, "Ring", created);
        one.dialplan(context, exten, 1, DIAL_APP, DIAL_DATA);
        two.dialplan(context, exten, 1, "", "");
        one.peer = two;
        two.peer = one;
        if (app != null) {
            for (SimChannel c : List.of(one, two)) {
                c.explicitSubscribers.add(app);
                c.subscribers.add(app);
            }
        }
        setVariables(one, body);
        channels.put(id, one);
        channels.put(otherId, two);
        List<String> args = csv(param(q, "appArgs"));
        String dialContext = Optional.ofNullable(param(q, "context")).orElse("default");
        int dialPriority = parseInt(param(q, "priority"), 1);
        String dialstring = exten + "@" + context;
        one.dialstring = dialstring;
        // The spec's default: 30 s before giving up dialing; -1 (or any value below 1) for no timeout.
        int timeoutSeconds = parseInt(param(q, "timeout"), 30);
        later(ORIGINATE_DELAY_MS, () -> {
            if (one.gone) {
                return;
            }
            if (!dialplan.hasExtension(context, exten)) {
                // core_local.c local_call: "No such extension/context %s@%s while calling Local channel" makes
                // ast_call fail; dial.c begin_dial_channel then hangs the ;1 leg up at once, before any Dial
                // event is published, and no code sets a hangup cause: both legs end with cause 0. The
                // originate itself already answered 200 (res/ari/resource_channels.c dials on a thread).
                LOG.debug("FakeAsterisk: No such extension/context {} while calling Local channel", dialstring);
                leaveEverything(two);
                destroyed(two, 0);
                leaveEverything(one);
                destroyed(one, 0);
                return;
            }
            // Recorded (3 of 4 recordings): Dial, the ;2 leg's Answer, both legs Up, Dial ANSWER, StasisStart.
            // As in Asterisk, the ;1 leg is answered (and enters Stasis) only when the ;2 leg answers.
            dial(one, "", dialstring);
            two.onAnswer = () -> {
                if (one.gone) {
                    return;
                }
                stateChange(one, "Up");
                dial(one, "ANSWER", dialstring);
                if (app != null) {
                    enterStasis(one, app, args, true);
                } else {
                    runDialplan(one, dialContext, extension, dialPriority);
                }
            };
            two.inDialplan = true;
            two.priority = 1;
            runStep(two);
            if (timeoutSeconds > 0 && two.onAnswer != null) {
                later(timeoutSeconds * 1000L, () -> {
                    if (two.onAnswer == null || one.gone) {
                        return;
                    }
                    // dial.c handle_timeout_trip: the unanswered ;1 leg is hung up (no Dial event is published
                    // on that path and no hangup cause is set), which ends the ;2 leg's dialplan as well.
                    two.onAnswer = null;
                    leaveEverything(two);
                    destroyed(two, 0);
                    leaveEverything(one);
                    destroyed(one, 0);
                });
            }
        });
        return Reply.ok(one.toJson());
    }

    private static int parseInt(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new AriError(400, "'" + value + "' is not a number");
        }
    }

    private void setVariables(SimChannel ch, JsonNode body) {
        if (body != null && body.path("variables").isObject()) {
            body.get("variables").properties().forEach(e -> ch.vars.put(e.getKey(), e.getValue().asText()));
        }
    }

    synchronized Reply hangup(String id, Map<String, String> q) {
        SimChannel ch = channel(id);
        int cause = HangupCause.fromRequest(param(q, "reason_code"), param(q, "reason"));
        // Recorded: the REST-caused ChannelHangupRequest (cause 32, soft) precedes the 204; the rest follows.
        hangupRequest(ch, cause == 16 ? 32 : cause, true);
        later(1, () -> destroy(ch, cause));
        return Reply.noContent();
    }

    synchronized Reply answer(String id) {
        SimChannel ch = stasisChannel(id);
        // Answering a Local ;2 leg (ast_answer -> core_unreal queues ANSWER to ;1) answers the originate's ;1.
        answerChannel(ch);
        return Reply.noContent();
    }

    synchronized Reply ring(String id, boolean start) {
        SimChannel ch = stasisChannel(id);
        if (start && "Down".equals(ch.state)) {
            stateChange(ch, "Ringing");
        }
        return Reply.noContent();
    }

    synchronized Reply stasisNoOp(String id) {
        stasisChannel(id);
        return Reply.noContent();
    }

    /**
     * Bridge music on hold, with the checks of {@code ast_ari_bridges_start_moh} / {@code _stop_moh}
     * (res/ari/resource_bridges.c): starting always succeeds on a bridge that exists, stopping one that plays
     * none is 409. Asterisk plays it through an announcer channel it pushes into the bridge; the fake sends
     * no music and does not list that channel.
     */
    synchronized Reply bridgeMusicOnHold(String id, boolean start) {
        SimBridge b = bridge(id);
        if (!start && !b.musicOnHold) {
            throw new AriError(409, "Bridge isn't playing music");
        }
        b.musicOnHold = start;
        return Reply.noContent();
    }

    synchronized Reply hold(String id, boolean hold) {
        SimChannel ch = stasisChannel(id);
        channelEvent(hold ? "ChannelHold" : "ChannelUnhold", ch, null);
        return Reply.noContent();
    }

    synchronized Reply sendDtmf(String id, Map<String, String> q) {
        String dtmf = param(q, "dtmf");
        if (dtmf == null) {
            throw new AriError(400, "DTMF is required");
        }
        SimChannel ch = stasisChannel(id);
        int duration = parseInt(param(q, "duration"), 100);
        int between = parseInt(param(q, "between"), 100);
        int before = parseInt(param(q, "before"), 0);
        SimChannel receiver = ch.peer;
        if (receiver != null && !receiver.gone) {
            for (int i = 0; i < dtmf.length(); i++) {
                char digit = dtmf.charAt(i);
                long at = DTMF_DELAY_MS + before + (long) i * (duration + between);
                later(at, () -> {
                    if (!receiver.gone) {
                        ObjectNode p = obj();
                        p.put("digit", String.valueOf(digit));
                        p.put("duration_ms", duration);
                        channelEvent("ChannelDtmfReceived", receiver, p);
                    }
                });
            }
        }
        return Reply.noContent();
    }

    synchronized Reply continueInDialplan(String id, Map<String, String> q) {
        SimChannel ch = stasisChannel(id);
        String context = Optional.ofNullable(param(q, "context")).orElse(ch.context);
        String exten = Optional.ofNullable(param(q, "extension")).orElse(ch.exten);
        boolean located = param(q, "context") != null || param(q, "extension") != null;
        int priority = parseInt(param(q, "priority"), located ? 1 : ch.priority + 1);
        // Recorded: 204 first, then StasisEnd and the dialplan's ChannelDialplan events.
        later(1, () -> {
            if (ch.gone || !ch.inStasis()) {
                return;
            }
            if (ch.bridge != null) {
                leaveBridge(ch);
            }
            endStasis(ch, false);
            ch.stasisStatusPending = true;
            runDialplan(ch, context, exten, priority);
        });
        return Reply.noContent();
    }

    /** Redirect's transfer takes a SIP round trip (REFER, NOTIFY, BYE) before the phone hangs up. */
    private static final long REDIRECT_DELAY_MS = 100;

    /**
     * POST /channels/{id}/redirect, following res/ari/resource_channels.c ast_ari_channels_redirect: the
     * checks and texts in its order, then stasis_app_control_redirect queues ast_transfer and answers 204
     * whatever the transfer's outcome. Only chan_pjsip implements transfer: its channel leaves the call (302
     * before answer, REFER after; either way the phone leaves and the channel ends like a far-end hangup).
     * Local, UnicastRTP, WebSocket and Snoop channels have no transfer callback, so ast_transfer returns 0,
     * res/stasis/control.c logs "Unsupported transfer requested" and the channel stays in Stasis.
     */
    synchronized Reply redirect(String id, Map<String, String> q) {
        SimChannel ch = stasisChannel(id);
        if ("Down".equals(ch.state) || "Ringing".equals(ch.state)) {
            throw new AriError(412, "Channel in invalid state"); // channel_state_invalid
        }
        String endpoint = param(q, "endpoint");
        if (endpoint == null) {
            throw new AriError(400, "Required parameter 'endpoint' not provided.");
        }
        int slash = endpoint.indexOf('/');
        if (slash <= 0) {
            throw new AriError(422, "Endpoint parameter '" + endpoint + "' does not contain tech/resource");
        }
        String tech = endpoint.substring(0, slash);
        if (slash == endpoint.length() - 1) {
            throw new AriError(422, "No resource provided in endpoint parameter '" + endpoint + "'");
        }
        String type = technology(ch);
        // strncasecmp(type, tech, strlen(tech)): a prefix of the channel's technology matches.
        if (tech.length() > type.length() || !type.regionMatches(true, 0, tech, 0, tech.length())) {
            throw new AriError(422, "Endpoint technology '" + tech + "' does not match channel technology '"
                    + type + "'");
        }
        if (ch.kind == ChannelSnapshot.Kind.PHONE) {
            later(REDIRECT_DELAY_MS, () -> {
                if (!ch.gone) {
                    hangupRequest(ch, null, false); // the phone's BYE, as a far-end hangup was recorded
                    destroy(ch, 16);
                }
            });
        } else {
            LOG.debug("FakeAsterisk: Unsupported transfer requested on channel '{}'", ch.name);
        }
        return Reply.noContent();
    }

    /** The channel technology Asterisk reports as the snapshot's type: the name up to its first '/'. */
    private static String technology(SimChannel ch) {
        int slash = ch.name.indexOf('/');
        return slash < 0 ? ch.name : ch.name.substring(0, slash);
    }

    synchronized Reply getVariable(String id, Map<String, String> q) {
        String variable = param(q, "variable");
        if (variable == null) {
            throw new AriError(400, "Missing variable parameter.");
        }
        // Recorded: reading a variable works on a channel that is not (yet) in Stasis.
        SimChannel ch = channel(id);
        String value = ch.vars.get(variable);
        if (value == null) {
            throw new AriError(404, "Channel or variable not found");
        }
        ObjectNode o = obj();
        o.put("value", value);
        return Reply.ok(o);
    }

    synchronized Reply setVariable(String id, Map<String, String> q) {
        String variable = param(q, "variable");
        if (variable == null) {
            throw new AriError(400, "Missing variable parameter.");
        }
        SimChannel ch = stasisChannel(id);
        varset(ch, variable, Optional.ofNullable(q.get("value")).orElse(""));
        return Reply.noContent();
    }

    synchronized Reply snoop(String id, String pathSnoopId, Map<String, String> q) {
        // res/ari/resource_channels.c ari_channels_handle_snoop_channel: the directions, then the application,
        // then the channel, each with its own text.
        String spy = Optional.ofNullable(param(q, "spy")).orElse("none");
        String whisper = Optional.ofNullable(param(q, "whisper")).orElse("none");
        Set<String> directions = Set.of("none", "both", "out", "in");
        if (!directions.contains(spy)) {
            throw new AriError(400, "Invalid direction specified for spy");
        }
        if (!directions.contains(whisper)) {
            throw new AriError(400, "Invalid direction specified for whisper");
        }
        if ("none".equals(spy) && "none".equals(whisper)) {
            throw new AriError(400, "Direction must be specified for at least spy or whisper");
        }
        String app = param(q, "app");
        if (app == null) {
            throw new AriError(400, "Application name is required");
        }
        SimChannel target = channels.get(id);
        if (target == null) {
            throw new AriError(404, "Provided channel was not found");
        }
        String snoopId = pathSnoopId != null ? pathSnoopId
                : Optional.ofNullable(param(q, "snoopId")).orElseGet(this::newId);
        if (channels.containsKey(snoopId)) {
            throw new AriError(400, "Invalid parameters");
        }
        SimChannel s = new SimChannel(snoopId, String.format("Snoop/%s-%08x", target.id, snoopSeq++),
                ChannelSnapshot.Kind.SNOOP, "Up", now());
        s.dialplan("default", "s", 1, "", "");
        s.snoopTarget = target;
        s.spy = spy;
        s.whisper = whisper;
        channels.put(snoopId, s);
        ObjectNode reply = s.toJson();
        // Recorded (sip-call): StasisStart of the snoop precedes the 200; no Dial, no STASISSTATUS.
        enterStasis(s, app, csv(param(q, "appArgs")), false);
        return Reply.ok(reply);
    }

    synchronized Reply externalMedia(Map<String, String> q) {
        String app = param(q, "app");
        String host = param(q, "external_host");
        String format = param(q, "format");
        String encapsulation = Optional.ofNullable(param(q, "encapsulation")).orElse("rtp");
        String transport = Optional.ofNullable(param(q, "transport")).orElse("udp");
        if (app == null) {
            throw new AriError(400, "Invalid parameters");
        }
        if ("websocket".equals(transport)) {
            return websocketMedia(q, app, format);
        }
        InetSocketAddress remote = hostPort(host);
        if (remote == null) {
            throw new AriError(400, "external_host must be <host>:<port> for all transports other than websocket");
        }
        if ("rtp".equals(encapsulation) && !"udp".equals(transport)) {
            throw new AriError(400, "transport must be 'udp' for rtp encapsulation");
        }
        if (!"rtp".equals(encapsulation)) {
            throw new AriError(400, "FakeAsterisk simulates only encapsulation=rtp, not '" + encapsulation + "'");
        }
        if (format == null || !RtpLeg.supports(format)) {
            // Recorded: an unknown format gives Asterisk's generic 500.
            throw new AriError(500, "An internal error prevented this request from being handled");
        }
        String direction = Optional.ofNullable(param(q, "direction")).orElse("both");
        if (!Set.of("both", "in", "out").contains(direction)) {
            throw new AriError(400, "Invalid parameters");
        }
        String id = Optional.ofNullable(param(q, "channelId")).orElseGet(this::newId);
        if (channels.containsKey(id)) {
            throw new AriError(409, "Channel with given unique ID already exists.");
        }
        RtpLeg leg;
        try {
            leg = new RtpLeg(format, remote, id);
        } catch (IOException e) {
            throw new AriError(500, "An internal error prevented this request from being handled");
        }
        String name = String.format("UnicastRTP/%s-0x%012x", host, ThreadLocalRandom.current().nextLong(1L << 47));
        SimChannel em = new SimChannel(id, name, ChannelSnapshot.Kind.EXTERNAL_MEDIA, "Down", now());
        em.dialplan("default", "s", 1, DIAL_APP, DIAL_DATA);
        em.rtp = leg;
        em.vars.put("UNICASTRTP_LOCAL_ADDRESS", "127.0.0.1");
        em.vars.put("UNICASTRTP_LOCAL_PORT", String.valueOf(leg.localPort()));
        em.explicitSubscribers.add(app);
        em.subscribers.add(app);
        channels.put(id, em);
        mediaLegs.put(id, leg);
        ObjectNode reply = em.toJson();
        ObjectNode vars = reply.putObject("channelvars");
        vars.put("UNICASTRTP_LOCAL_PORT", String.valueOf(leg.localPort()));
        vars.put("UNICASTRTP_LOCAL_ADDRESS", "127.0.0.1");
        // Recorded: all of this, StasisStart included, precedes the 200.
        String dialstring = host + "/c(" + format + ")";
        dial(em, "", dialstring);
        stateChange(em, "Up");
        dial(em, "ANSWER", dialstring);
        enterStasis(em, app, csv(param(q, "data")), true);
        return Reply.ok(reply);
    }

    /**
     * chan_websocket ExternalMedia, as recorded in externalmedia-websocket.jsonl: the 200 comes at once with
     * {@code MEDIA_WEBSOCKET_CONNECTION_ID}; StasisStart waits until the application connects its media
     * socket to {@code /media/<id>}.
     */
    private Reply websocketMedia(Map<String, String> q, String app, String format) {
        String connectionType = Optional.ofNullable(param(q, "connection_type")).orElse("client");
        if (!"server".equals(connectionType)) {
            throw new AriError(400, "FakeAsterisk simulates chan_websocket only with connection_type=server (the"
                    + " application connects to /media/<id>), not '" + connectionType + "'");
        }
        if (!"ulaw".equals(format) && !"alaw".equals(format)) {
            throw new AriError(400, "FakeAsterisk simulates chan_websocket media only in ulaw or alaw, not '"
                    + format + "'");
        }
        String id = Optional.ofNullable(param(q, "channelId")).orElseGet(this::newId);
        if (channels.containsKey(id)) {
            throw new AriError(409, "Channel with given unique ID already exists.");
        }
        String connectionId = newUuid();
        String name = String.format("WebSocket/INCOMING/0x%012x", ThreadLocalRandom.current().nextLong(1L << 47));
        SimChannel em = new SimChannel(id, name, ChannelSnapshot.Kind.EXTERNAL_MEDIA, "Down", now());
        em.dialplan("default", "s", 1, DIAL_APP, DIAL_DATA);
        em.wsLeg = new WebSocketLeg(connectionId, format, app, csv(param(q, "data")));
        em.vars.put("MEDIA_WEBSOCKET_CONNECTION_ID", connectionId);
        em.vars.put("MEDIA_WEBSOCKET_OPTIMAL_FRAME_SIZE", "160");
        em.explicitSubscribers.add(app);
        em.subscribers.add(app);
        channels.put(id, em);
        mediaLegs.put(id, em.wsLeg);
        mediaConnections.put(connectionId, em);
        ObjectNode reply = em.toJson();
        ObjectNode vars = reply.putObject("channelvars");
        vars.put("MEDIA_WEBSOCKET_CONNECTION_ID", connectionId);
        vars.put("MEDIA_WEBSOCKET_OPTIMAL_FRAME_SIZE", "160");
        later(1, () -> {
            if (!em.gone) {
                dial(em, "", "INCOMING");
            }
        });
        return Reply.ok(reply);
    }

    synchronized boolean awaitsMediaConnection(String connectionId) {
        SimChannel em = mediaConnections.get(connectionId);
        return em != null && em.wsLeg.socket == null;
    }

    synchronized void mediaConnected(MediaSocket socket) {
        SimChannel em = mediaConnections.get(socket.connectionId);
        if (em == null || em.wsLeg.socket != null) {
            socket.close(1008);
            return;
        }
        WebSocketLeg leg = em.wsLeg;
        leg.socket = socket;
        socket.sendText("MEDIA_START connection_id:" + leg.connectionId + " channel:" + em.name + " channel_id:"
                + em.id + " format:" + leg.format + " optimal_frame_size:160 ptime:20");
        stateChange(em, "Up");
        dial(em, "ANSWER", "INCOMING");
        enterStasis(em, leg.app, leg.args, true);
    }

    synchronized void mediaCommand(MediaSocket socket, String text) {
        SimChannel em = mediaConnections.get(socket.connectionId);
        if (em == null) {
            return;
        }
        String command = text.trim();
        if (command.equals("GET_STATUS")) {
            socket.sendText("STATUS channel_id:" + em.id + " queue_length:" + em.wsLeg.queuedFrames()
                    + " xon_level:800 xoff_level:900 queue_full:false bulk_media:false media_paused:false");
        } else if (command.startsWith("MARK_MEDIA")) {
            em.wsLeg.mark(command.substring("MARK_MEDIA".length()).trim());
        } else if (command.equals("HANGUP")) {
            wsHangup(em);
        } else {
            LOG.debug("FakeAsterisk ignores the media command '{}' on channel {}", command, em.id);
        }
    }

    /** Recorded: HANGUP gives cause 16 with tech_cause 1000, then the media socket closes with 1000. */
    private void wsHangup(SimChannel em) {
        em.techCause = 1000;
        ObjectNode p = obj();
        p.put("cause", 16);
        p.put("tech_cause", 1000);
        channelEvent("ChannelHangupRequest", em, p);
        destroy(em, 16);
    }

    synchronized void mediaAudio(MediaSocket socket, ByteBuffer payload) {
        SimChannel em = mediaConnections.get(socket.connectionId);
        if (em != null) {
            em.wsLeg.audioFromApp(payload);
        }
    }

    synchronized void mediaClosed(MediaSocket socket) {
        SimChannel em = mediaConnections.get(socket.connectionId);
        if (em != null && em.wsLeg.socket == socket && !em.gone) {
            wsHangup(em); // the application went away: the channel cannot carry media any more
        }
    }

    private static InetSocketAddress hostPort(String value) {
        if (value == null) {
            return null;
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            return null;
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                return null;
            }
            return new InetSocketAddress(value.substring(0, colon), port);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- bridges

    synchronized Reply listBridges() {
        ArrayNode a = mapper.createArrayNode();
        bridges.values().forEach(b -> a.add(b.toJson()));
        dissolving.values().forEach(b -> a.add(b.toJson()));
        return Reply.ok(a);
    }

    synchronized Reply getBridge(String id) {
        // GET reads the bridge's snapshot, which lasts until the bridge is dissolved.
        SimBridge d = dissolving.get(id);
        return Reply.ok(d != null ? d.toJson() : bridge(id).toJson());
    }

    synchronized Reply createBridge(String pathId, Map<String, String> q) {
        String id = pathId != null ? pathId : Optional.ofNullable(param(q, "bridgeId")).orElseGet(this::newUuid);
        if (bridges.containsKey(id) || dissolving.containsKey(id)) {
            throw new AriError(409, "Bridge with the same bridgeId already exists");
        }
        List<String> types = csv(param(q, "type"));
        String type = types.contains("holding") ? "holding" : "mixing";
        SimBridge b = new SimBridge(id, Optional.ofNullable(q.get("name")).orElse(""), type, now());
        bridges.put(id, b);
        return Reply.ok(b.toJson());
    }

    private String newUuid() {
        return java.util.UUID.randomUUID().toString();
    }

    synchronized Reply destroyBridge(String id) {
        SimBridge b = bridge(id);
        boolean hadMembers = !b.channels.isEmpty();
        for (SimChannel ch : new ArrayList<>(b.channels)) {
            leaveBridge(ch);
        }
        stopPlaybacksOf(b);
        // A bridge recording ends with its bridge: the Recorder channel is ejected when the bridge dissolves.
        for (SimRecording rec : new ArrayList<>(liveRecordings.values())) {
            if (rec.bridge == b) {
                finishRecording(rec);
            }
        }
        ObjectNode p = obj();
        p.set("bridge", b.toJson());
        // Recorded: BridgeDestroyed precedes the 204.
        emit("BridgeDestroyed", p, null, b);
        bridges.remove(id);
        if (bridgeDissolveMs > 0 && hadMembers) {
            // The 204 goes out once the dissolution is queued; the bridge manager removes a bridge whose members
            // are still leaving it a moment later (an empty one was gone 1 ms after the 204 in every recording).
            dissolving.put(id, b);
            later(bridgeDissolveMs, () -> dissolving.remove(id, b));
        }
        return Reply.noContent();
    }

    private void stopPlaybacksOf(SimBridge b) {
        for (Iterator<SimPlayback> it = playbacks.values().iterator(); it.hasNext();) {
            SimPlayback pb = it.next();
            if (pb.bridge == b) {
                if (pb.timer != null) {
                    pb.timer.cancel();
                }
                it.remove();
            }
        }
    }

    synchronized Reply addChannel(String bridgeId, Map<String, String> q) {
        SimBridge b = bridge(bridgeId);
        List<String> ids = csv(param(q, "channel"));
        if (ids.isEmpty()) {
            throw new AriError(400, "Channel not found");
        }
        List<SimChannel> adding = new ArrayList<>();
        for (String cid : ids) {
            SimChannel ch = channels.get(cid);
            if (ch == null) {
                throw new AriError(400, "Channel not found");
            }
            if (!ch.inStasis()) {
                throw new AriError(422, "Channel not in Stasis application");
            }
            adding.add(ch);
        }
        for (SimChannel ch : adding) {
            if (ch.bridge == b) {
                continue;
            }
            if (ch.bridge != null) {
                leaveBridge(ch);
            }
            b.channels.add(ch);
            ch.bridge = b;
            b.subscribers.add(ch.stasisApp);
            // Recorded: ChannelEnteredBridge and the BRIDGEPEER variables precede the 204.
            bridgeChannelEvent("ChannelEnteredBridge", b, ch);
            if (b.channels.size() == 2) {
                SimChannel first = b.channels.get(0);
                varset(first, "BRIDGEPEER", ch.name);
                varset(ch, "BRIDGEPEER", first.name);
            }
        }
        return Reply.noContent();
    }

    synchronized Reply removeChannel(String bridgeId, Map<String, String> q) {
        SimBridge b = bridge(bridgeId);
        List<SimChannel> removing = new ArrayList<>();
        for (String cid : csv(param(q, "channel"))) {
            SimChannel ch = channels.get(cid);
            if (ch == null) {
                throw new AriError(400, "Channel not found");
            }
            if (ch.bridge != b) {
                throw new AriError(422, "Channel not in this bridge");
            }
            removing.add(ch);
        }
        if (removing.isEmpty()) {
            throw new AriError(400, "Channel not found");
        }
        removing.forEach(this::leaveBridge);
        return Reply.noContent();
    }

    // ---------------------------------------------------------------- playbacks

    synchronized Reply playOnChannel(String id, String pathPlaybackId, Map<String, String> q) {
        SimChannel ch = stasisChannel(id);
        return play(ch, null, pathPlaybackId, q);
    }

    synchronized Reply playOnBridge(String id, String pathPlaybackId, Map<String, String> q) {
        SimBridge b = bridge(id);
        return play(null, b, pathPlaybackId, q);
    }

    private Reply play(SimChannel ch, SimBridge b, String pathPlaybackId, Map<String, String> q) {
        List<String> media = csv(param(q, "media"));
        if (media.isEmpty()) {
            throw new AriError(400, "Invalid parameters");
        }
        String id = pathPlaybackId != null ? pathPlaybackId
                : Optional.ofNullable(param(q, "playbackId")).orElseGet(this::newUuid);
        SimPlayback pb = new SimPlayback(id, media, ch, b);
        playbacks.put(id, pb);
        if (media.size() == 1 && itemMillis(media.get(0)) != null && itemMillis(media.get(0)) >= 0) {
            // Recorded: a single known sound starts (PlaybackStarted) before the 201, which says "playing".
            startItem(pb);
            return Reply.created(pb.toJson());
        }
        // Recorded: a playlist or an unknown sound answers 201 "queued", then starts.
        ObjectNode reply = pb.toJson();
        later(1, () -> {
            if (playbacks.get(id) == pb) {
                startItem(pb);
            }
        });
        return Reply.created(reply);
    }

    /**
     * How long a media item plays: a positive duration, -1 for items that play until stopped (tones and
     * the unrecognised items of a playlist, as recorded), or null for a sound the fake does not have.
     */
    private Long itemMillis(String uri) {
        if (uri.startsWith("sound:")) {
            String name = uri.substring("sound:".length());
            Optional<byte[]> prompt = audio.prompt(name);
            if (prompt.isPresent()) {
                return soundMillis.getOrDefault(name, prompt.get().length / 8L);
            }
            return soundMillis.get(name);
        }
        if (uri.startsWith("recording:")) {
            StoredRecording stored = storedRecordings.get(uri.substring("recording:".length()));
            return stored == null ? null : stored.pcm().length / 16L; // 16 bytes of 8 kHz 16-bit PCM per ms
        }
        if (uri.startsWith("digits:")) {
            return 500L * (uri.length() - "digits:".length());
        }
        return -1L;
    }

    private void playbackEvent(String type, SimPlayback pb) {
        ObjectNode p = obj();
        p.set("playback", pb.toJson());
        emit(type, p, pb.channel, pb.bridge);
    }

    private void startItem(SimPlayback pb) {
        pb.state = "playing";
        playbackEvent("PlaybackStarted", pb);
        Long millis = itemMillis(pb.items.get(pb.index));
        if (millis == null) {
            // Recorded: an unknown sound fails at once.
            pb.state = "failed";
            playbackEvent("PlaybackFinished", pb);
            playbacks.remove(pb.id);
            return;
        }
        if (millis >= 0) {
            pb.timer = later(millis, () -> {
                if (playbacks.get(pb.id) == pb) {
                    advance(pb);
                }
            });
        }
    }

    private void advance(SimPlayback pb) {
        if (pb.timer != null) {
            pb.timer.cancel();
            pb.timer = null;
        }
        if (pb.index + 1 < pb.items.size()) {
            // Recorded: PlaybackContinuing (state continuing) then PlaybackStarted of the next item.
            pb.state = "continuing";
            playbackEvent("PlaybackContinuing", pb);
            pb.index++;
            startItem(pb);
        } else {
            pb.state = "done";
            playbackEvent("PlaybackFinished", pb);
            playbacks.remove(pb.id);
        }
    }

    synchronized Reply getPlayback(String id) {
        SimPlayback pb = playbacks.get(id);
        if (pb == null) {
            throw new AriError(404, "The playback cannot be found");
        }
        return Reply.ok(pb.toJson());
    }

    synchronized Reply stopPlayback(String id) {
        SimPlayback pb = playbacks.get(id);
        if (pb == null) {
            throw new AriError(404, "The playback cannot be found");
        }
        // Recorded: 204 first; stopping an item of a playlist moves on to the next item.
        later(1, () -> {
            if (playbacks.get(id) == pb) {
                advance(pb);
            }
        });
        return Reply.noContent();
    }

    // ---------------------------------------------------------------- recordings

    synchronized Reply recordChannel(String id, Map<String, String> q) {
        SimChannel ch = stasisChannel(id);
        return record(ch, null, q);
    }

    synchronized Reply recordBridge(String id, Map<String, String> q) {
        return record(null, bridge(id), q);
    }

    private Reply record(SimChannel ch, SimBridge b, Map<String, String> q) {
        String name = param(q, "name");
        String format = param(q, "format");
        if (name == null || format == null) {
            throw new AriError(400, "Invalid parameters");
        }
        if (!Set.of("wav", "gsm", "ulaw", "alaw", "sln", "sln16", "g722", "wav16").contains(format)) {
            throw new AriError(422, "The format specified is unknown on this system");
        }
        String ifExists = Optional.ofNullable(param(q, "ifExists")).orElse("fail");
        if (liveRecordings.containsKey(name) || storedRecordings.containsKey(name) && "fail".equals(ifExists)) {
            throw new AriError(409, "A recording with the same name already exists on the system and can not be"
                    + " overwritten because it is in progress or ifExists=fail");
        }
        if (!Set.of("fail", "overwrite", "append").contains(ifExists)) {
            throw new AriError(400, "ifExists invalid"); // resource_channels.c / resource_bridges.c
        }
        SimRecording rec = new SimRecording(name, format, ch, b);
        StoredRecording previous = storedRecordings.get(name);
        if (previous != null && "append".equals(ifExists)) {
            rec.prepend(previous.pcm());
        }
        liveRecordings.put(name, rec);
        ObjectNode reply = rec.toJson(false);
        Runnable start = () -> {
            if (liveRecordings.get(name) != rec) {
                return;
            }
            rec.state = "recording";
            recordingEvent("RecordingStarted", rec, false);
            int max = parseInt(param(q, "maxDurationSeconds"), 0);
            if (max > 0) {
                rec.timer = later(max * 1000L, () -> finishRecording(rec));
            }
        };
        if (b != null) {
            // Recorded: recording a bridge adds a Recorder channel, which a lone channel sees as BRIDGEPEER;
            // then RecordingStarted, all before the 201.
            if (b.channels.size() == 1) {
                varset(b.channels.get(0), "BRIDGEPEER", String.format("Recorder/ARI-%08x;2", recorderSeq++));
            }
            start.run();
        } else {
            later(1, start); // recorded: a channel recording's RecordingStarted follows the 201
        }
        return Reply.created(reply);
    }

    private void recordingEvent(String type, SimRecording rec, boolean withDuration) {
        ObjectNode p = obj();
        p.set("recording", rec.toJson(withDuration));
        emit(type, p, rec.channel, rec.bridge);
    }

    private void finishRecording(SimRecording rec) {
        if (liveRecordings.remove(rec.name) != rec) {
            return;
        }
        if (rec.timer != null) {
            rec.timer.cancel();
        }
        rec.state = "done";
        storedRecordings.put(rec.name, new StoredRecording(rec.format, rec.pcm()));
        recordingEvent("RecordingFinished", rec, true);
    }

    /** A finished recording: its format name and its audio (8 kHz 16-bit little-endian). */
    private record StoredRecording(String format, byte[] pcm) {
    }

    /**
     * One media tick of every running recording: a channel recording takes the frame the channel sent in (no
     * frame, no samples: the recorded silent recording had none); a bridge recording takes the sum, clipped,
     * of every member's frame, and once audio has flowed it gets a frame every tick, as the bridge's mixer
     * feeds its Recorder channel.
     */
    private void captureRecordings() {
        for (SimRecording rec : liveRecordings.values()) {
            if (!"recording".equals(rec.state)) {
                continue;
            }
            if (rec.channel != null) {
                byte[] frame = rec.channel.gone ? null : heardFrom(rec.channel);
                if (frame != null) {
                    rec.append(linear(frame));
                }
                continue;
            }
            short[] sum = new short[CallerAudio.FRAME_BYTES];
            boolean any = false;
            int[] acc = new int[CallerAudio.FRAME_BYTES];
            for (SimChannel member : rec.bridge.channels) {
                byte[] frame = heardFrom(member);
                if (frame != null) {
                    any = true;
                    for (int i = 0; i < acc.length; i++) {
                        acc[i] += G711.ulawToLinear(frame[i]);
                    }
                }
            }
            if (any) {
                rec.mixing = true;
            }
            if (rec.mixing) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, acc[i]));
                }
                rec.append(sum);
            }
        }
    }

    private static short[] linear(byte[] ulaw) {
        short[] out = new short[ulaw.length];
        G711.ulawToLinear(ulaw, 0, ulaw.length, out, 0);
        return out;
    }

    synchronized Reply getLiveRecording(String name) {
        SimRecording rec = liveRecordings.get(name);
        if (rec == null) {
            throw new AriError(404, "Recording not found");
        }
        return Reply.ok(rec.toJson(false));
    }

    synchronized Reply stopLiveRecording(String name) {
        SimRecording rec = liveRecordings.get(name);
        if (rec == null) {
            throw new AriError(404, "Recording not found");
        }
        later(1, () -> finishRecording(rec)); // recorded: 204 first, then RecordingFinished
        return Reply.noContent();
    }

    synchronized Reply listStored() {
        ArrayNode a = mapper.createArrayNode();
        storedRecordings.forEach((n, f) -> a.add(obj().put("name", n).put("format", f.format())));
        return Reply.ok(a);
    }

    synchronized Reply getStored(String name) {
        StoredRecording stored = storedRecordings.get(name);
        if (stored == null) {
            throw new AriError(404, "Recording not found");
        }
        return Reply.ok(obj().put("name", name).put("format", stored.format()));
    }

    synchronized Reply getStoredFile(String name) {
        StoredRecording stored = storedRecordings.get(name);
        if (stored == null) {
            throw new AriError(404, "Recording not found");
        }
        // Every format is served as the WAV Asterisk's wav format writes (8 kHz, 16-bit mono).
        return Reply.binary(WavFile.of8kMono16(stored.pcm()), "audio/wav");
    }

    synchronized Reply deleteStored(String name) {
        if (storedRecordings.remove(name) == null) {
            throw new AriError(404, "Recording not found");
        }
        return Reply.noContent();
    }

    // ---------------------------------------------------------------- applications, asterisk

    // The applications, asterisk, sounds, endpoints, deviceStates and user-event resources are SystemResources;
    // it runs under this lock and reaches the PBX through these hooks.

    /** The live channel of that id, or null. The caller holds this lock. */
    SimChannel liveChannel(String id) {
        return channels.get(id);
    }

    /** The live channels in creation order. The caller holds this lock. */
    java.util.Collection<SimChannel> liveChannels() {
        return channels.values();
    }

    /** The live bridge of that id, or null. The caller holds this lock. */
    SimBridge liveBridge(String id) {
        return bridges.get(id);
    }

    /** The live bridges in creation order. The caller holds this lock. */
    java.util.Collection<SimBridge> liveBridges() {
        return bridges.values();
    }

    /** The Stasis applications; events go out through them under this lock. */
    Applications applications() {
        return apps;
    }

    /** The timestamp an event sent now carries. */
    String timestamp() {
        return now();
    }

    synchronized Reply ping() {
        ObjectNode o = obj();
        o.put("asterisk_id", asteriskId);
        o.put("ping", "pong");
        o.put("timestamp", now());
        return Reply.ok(o);
    }

    // ---------------------------------------------------------------- simulation and inspection

    synchronized String placeIncomingCall(String requestedContext, String extension) {
        String context = requestedContext != null ? requestedContext
                : dialplan.contextOf(extension).orElseThrow(() -> new IllegalArgumentException(
                        "no context of the dialplan has extension '" + extension + "'; the dialplan has "
                                + dialplan.describe()));
        if (!dialplan.hasExtension(context, extension)) {
            throw new IllegalArgumentException("context '" + context + "' of the dialplan has no extension '"
                    + extension + "'; the dialplan has " + dialplan.describe());
        }
        String id = newId();
        SimChannel ch = new SimChannel(id, String.format("PJSIP/1000-%08x", localSeq++), ChannelSnapshot.Kind.PHONE,
                "Ring", now());
        ch.dialplan(context, extension, 1, "", "");
        ch.protocolId = java.util.UUID.randomUUID().toString();
        channels.put(id, ch);
        runDialplan(ch, context, extension, 1);
        // The simulated phone user speaks the caller audio a while (default half a second) after the answer.
        later(ANSWER_DELAY_MS + callerSpeaksAfterMs, () -> {
            if (!ch.gone) {
                byte[] voice = audio.all();
                speak(ch, voice, voice.length / CallerAudio.FRAME_BYTES, false);
            }
        });
        return id;
    }

    synchronized void remoteHangup(String channelId) {
        SimChannel ch = channels.get(channelId);
        if (ch == null) {
            throw new IllegalArgumentException("no live channel '" + channelId + "'");
        }
        hangupRequest(ch, null, false); // recorded (sip-call): the far end's hangup carries no cause fields
        destroy(ch, 16);
    }

    synchronized List<ChannelSnapshot> channelSnapshots() {
        return channels.values().stream().map(SimChannel::snapshot).toList();
    }

    synchronized List<BridgeSnapshot> bridgeSnapshots() {
        return bridges.values().stream().map(SimBridge::snapshot).toList();
    }

    synchronized Optional<MediaLeg> mediaLeg(String channelId) {
        return Optional.ofNullable(mediaLegs.get(channelId));
    }

    synchronized List<String> registeredApplications() {
        return apps.names();
    }

    List<String> eventLog() {
        return apps.eventLog();
    }

    synchronized List<String> leftovers() {
        List<String> out = new ArrayList<>();
        channels.values().forEach(c -> out.add("channel " + c.id + " (" + c.name + ", "
                + (c.inStasis() ? "in Stasis app " + c.stasisApp : "in dialplan") + ")"));
        bridges.values().forEach(b -> out.add("bridge " + b.id + " with channels "
                + b.channels.stream().map(c -> c.id).toList()));
        playbacks.values().forEach(p -> out.add("playback " + p.id + " on " + p.targetUri));
        liveRecordings.values().forEach(r -> out.add("live recording " + r.name + " of " + r.targetUri));
        return out;
    }

    /** How late, at most, a timed action of this PBX ran (milliseconds): what a loaded machine did to its timing. */
    synchronized long maxTimerLatenessMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxTimerLateNanos);
    }

    /** Restart: every channel, bridge, playback and registration vanishes without events, as after a crash. */
    synchronized void wipe() {
        for (SimChannel ch : new ArrayList<>(channels.values())) {
            forget(ch);
        }
        channels.clear();
        bridges.clear();
        dissolving.clear();
        playbacks.values().forEach(p -> {
            if (p.timer != null) {
                p.timer.cancel();
            }
        });
        playbacks.clear();
        liveRecordings.clear();
        apps.wipe();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            mediaLegs.values().forEach(MediaLeg::close);
        }
        timers.shutdownNow();
        media.shutdownNow();
    }
}
