package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Dialplan}'s steps on a channel, one priority after the other, with the applications the fake
 * knows (Answer, Wait, Playback, PlayTones, Set, Goto, Stasis, Hangup, Busy, ...), and places the simulated
 * phone call that enters it. Mirrors main/pbx.c (__ast_pbx_run, pbx_extension_helper), main/pbx_builtins.c,
 * apps/app_playback.c and main/indications.c. Runs under the {@link Pbx} lock.
 */
final class DialplanRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DialplanRunner.class);
    /** Recorded: Answer() on a ringing Local leg took 500 ms before the next priority ran. */
    private static final long ANSWER_DELAY_MS = 500;

    private final Pbx pbx;

    DialplanRunner(Pbx pbx) {
        this.pbx = pbx;
    }

    /** A simulated phone calls {@code extension}: a PJSIP channel enters the dialplan, its user speaks later. */
    String placeIncomingCall(String requestedContext, String extension) {
        Dialplan dialplan = pbx.dialplan;
        String context = requestedContext != null ? requestedContext
                : dialplan.contextOf(extension).orElseThrow(() -> new IllegalArgumentException(
                        "no context of the dialplan has extension '" + extension + "'; the dialplan has "
                                + dialplan.describe()));
        if (!dialplan.hasExtension(context, extension)) {
            throw new IllegalArgumentException("context '" + context + "' of the dialplan has no extension '"
                    + extension + "'; the dialplan has " + dialplan.describe());
        }
        String id = pbx.newId();
        SimChannel ch = new SimChannel(id, String.format("PJSIP/1000-%08x", pbx.channels.localSeq++),
                ChannelSnapshot.Kind.PHONE, "Ring", Pbx.now());
        ch.dialplan(context, extension, 1, "", "");
        ch.protocolId = java.util.UUID.randomUUID().toString();
        pbx.channels.byId.put(id, ch);
        runDialplan(ch, context, extension, 1);
        // The simulated phone user speaks the caller audio a while (default half a second) after someone can
        // hear it: see speakWhenHeard.
        pbx.later(ANSWER_DELAY_MS, () -> speakWhenHeard(ch, 0));
        return id;
    }

    /**
     * The simulated caller starts to speak {@code callerSpeaksAfter} after the application first lets
     * something hear the call (the caller shares a bridge with another channel, is snooped on or is recorded),
     * or {@value #LISTENER_WAIT_MS} ms after the answer if nothing does. A person who calls a bot waits to be
     * greeted; and on a busy machine the application's media set-up may take seconds, which must not cost a
     * test the caller's words.
     */
    private void speakWhenHeard(SimChannel ch, long waitedMs) {
        if (ch.gone) {
            return;
        }
        if (!heard(ch) && waitedMs < LISTENER_WAIT_MS) {
            pbx.later(LISTENER_POLL_MS, () -> speakWhenHeard(ch, waitedMs + LISTENER_POLL_MS));
            return;
        }
        pbx.later(pbx.callerSpeaksAfterMs, () -> {
            if (!ch.gone) {
                byte[] voice = pbx.audio.all();
                speak(ch, voice, voice.length / CallerAudio.FRAME_BYTES, false);
            }
        });
    }

    /** Whether anything can hear the channel: another bridge member, a snoop, a recording. */
    private boolean heard(SimChannel ch) {
        if (ch.bridge != null && ch.bridge.channels.size() > 1) {
            return true;
        }
        for (SimChannel other : pbx.channels.byId.values()) {
            if (other.snoopTarget == ch && !other.gone) {
                return true;
            }
        }
        for (SimRecording r : pbx.recordings.live.values()) {
            if (r.channel == ch) {
                return true;
            }
        }
        return false;
    }

    /** The channel runs the dialplan from {@code context,exten,priority}. */
    void runDialplan(SimChannel ch, String context, String exten, int priority) {
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
    /** How long after the answer a simulated caller that nothing hears starts to speak anyway. */
    static final long LISTENER_WAIT_MS = 5000;
    private static final long LISTENER_POLL_MS = 20;
    /** Steps run back to back before the fake continues on the timer thread (a Goto loop must not overflow). */
    private static final int MAX_STEP_DEPTH = 50;

    /** Runs the channel's current priority. */
    void runStep(SimChannel ch) {
        if (ch.gone || !ch.inDialplan) {
            return;
        }
        if (ch.stepDepth >= MAX_STEP_DEPTH) {
            int generation = ch.dialplanGeneration;
            pbx.later(1, () -> {
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
        Optional<Dialplan.Step> step = pbx.dialplan.step(ch.context, ch.exten, ch.priority);
        if (step.isEmpty()) {
            // Running off the end of an extension (autofallthrough) or into a missing one (no "i" or "e"
            // extension) ends main/pbx.c __ast_pbx_run with an error and the channel hangs up (for an originated
            // ;1 leg sent on with continue: its Stasis() returns and ari_originate_dial's ast_dial_destroy hangs
            // it up). Nothing on either path sets a hangup cause, so the channel ends with cause 0 ("Unknown"),
            // as for a missing application below.
            pbx.hangups.destroy(ch, 0);
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
            pbx.hangups.destroy(ch, 0);
            return;
        }
        String data = step.get().data();
        if ("Stasis".equals(app) && pbx.stasisOverride != null) {
            int comma = data.indexOf(',');
            data = comma < 0 ? pbx.stasisOverride : pbx.stasisOverride + data.substring(comma);
        }
        ch.appName = app;
        ch.appData = data;
        ObjectNode p = pbx.obj();
        p.put("dialplan_app", app);
        p.put("dialplan_app_data", data);
        pbx.channelEvent("ChannelDialplan", ch, p);
        int generation = ch.dialplanGeneration;
        switch (app) {
            case "Answer": {
                boolean wasUp = "Up".equals(ch.state);
                pbx.channels.answerChannel(ch);
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
                    pbx.hangups.destroy(ch, 0);
                    return;
                }
                nextStepAfter(ch, generation, 0);
                break;
            case "StopPlayTones":
                ch.tone = null;
                nextStepAfter(ch, generation, 0);
                break;
            case "Stasis": {
                List<String> parts = Pbx.csv(data);
                String stasisApp = parts.isEmpty() ? "" : parts.get(0);
                List<String> args = parts.size() > 1 ? parts.subList(1, parts.size()) : List.of();
                if (!pbx.apps.isRegistered(stasisApp)) {
                    // apps/app_stasis.c app_exec: STASISSTATUS is first set to "" (published, as in enterStasis);
                    // an application no socket registered (and no per-call websocket in ari.conf) logs "Stasis
                    // app '%s' doesn't exist", sets STASISSTATUS=FAILED and returns 0 while the channel is not
                    // hung up, so the dialplan goes on at the next priority.
                    LOG.warn("FakeAsterisk: Stasis app '{}' doesn't exist (no event socket asked for it); channel {}"
                            + " goes on in the dialplan", stasisApp, ch.id);
                    pbx.varset(ch, "STASISSTATUS", "");
                    pbx.varset(ch, "STASISSTATUS", "FAILED");
                    nextStepAfter(ch, generation, 0);
                    break;
                }
                ch.stasisFromDialplan = true;
                pbx.apps.enterStasis(ch, stasisApp, args, true);
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
                    pbx.varset(ch, data.substring(0, eq).trim(), data.substring(eq + 1));
                }
                nextStepAfter(ch, generation, 0);
                break;
            }
            case "Goto":
                gotoStep(ch, data);
                break;
            case "Busy":
                // app_busy/Busy(): indicates busy with cause 17 (User busy); the caller then hangs up.
                pbx.hangups.destroy(ch, 17);
                break;
            case "Congestion":
                // Congestion(): indicates congestion with cause 34 (Circuit/channel congestion).
                pbx.hangups.destroy(ch, 34);
                break;
            default: // Hangup([cause]): pbx_builtin_hangup; no or an invalid cause means 16, Normal Clearing
                ch.hangupApp = true;
                pbx.hangups.destroy(ch, hangupCause(data));
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
            pbx.varset(ch, "PLAYBACKSTATUS", "SUCCESS");
            nextStepAfter(ch, generation, 0);
            return;
        }
        if (!"Up".equals(ch.state) && !options.contains("noanswer")) {
            pbx.channels.answerChannel(ch);
            if (ch.gone || ch.dialplanGeneration != generation) {
                return;
            }
        }
        ch.tone = null;
        ByteArrayOutputStream voice = new ByteArrayOutputStream();
        long frames = 0;
        for (String file : files.split("&")) {
            String name = file.trim();
            Optional<byte[]> prompt = pbx.audio.prompt(name);
            Long millis = pbx.soundMillis.get(name);
            if (prompt.isEmpty() && millis == null) {
                // The fake fails the whole step on an unknown file (Asterisk plays the files before it first).
                pbx.varset(ch, "PLAYBACKSTATUS", "FAILED");
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
        List<String> parts = Pbx.csv(data);
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
            pbx.hangups.destroy(ch, 16);
            return;
        }
        int target;
        try {
            target = Integer.parseInt(priority);
        } catch (NumberFormatException e) {
            Optional<Integer> labelled = pbx.dialplan.label(context, exten, priority);
            if (labelled.isEmpty()) {
                // ast_parseable_goto: "Priority '%s' must be a number > 0, or valid label"; Goto returns -1.
                LOG.warn("FakeAsterisk: Goto({}) on channel {}: no priority or label '{}' in {}@{}; the channel"
                        + " hangs up", data, ch.id, priority, exten, context);
                pbx.hangups.destroy(ch, 0);
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
            pbx.later(millis, next);
        }
    }

    private void nextStep(SimChannel ch) {
        ch.priority++;
        runStep(ch);
    }

    static void speak(SimChannel ch, byte[] voice, int frames, boolean dialplanPlayback) {
        ch.voice = voice;
        ch.voicePos = 0;
        ch.voiceFrameIndex = 0;
        ch.voiceFrames = frames;
        ch.voicePlayback = dialplanPlayback;
    }

    /** The media clock played a channel's last frame of voice: a dialplan Playback goes on. */
    void voiceFinished(SimChannel ch) {
        ch.voice = null;
        if (ch.voicePlayback && ch.inDialplan && !ch.gone) {
            ch.voicePlayback = false;
            pbx.varset(ch, "PLAYBACKSTATUS", "SUCCESS");
            nextStep(ch);
        }
    }
}
