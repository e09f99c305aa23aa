package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The playback table: playing media (a playlist of sound, recording, number, digits, characters and tone URIs)
 * on a channel or a bridge, PlaybackStarted / Continuing / Finished, GET, stop and control, as
 * res/ari/resource_playbacks.c and res/res_stasis_playback.c do it. A channel's playbacks wait in its control
 * queue ({@link MediaQueue}), one at a time; a bridge plays through an Announcer channel it pushes into the
 * bridge. The dialplan's own Playback() is {@link DialplanRunner}'s. Runs under the {@link Pbx} lock.
 */
final class Playbacks {
    /** The skip of forward and reverse when {@code skipms} is not given (ARI's default). */
    private static final long DEFAULT_SKIP_MS = 3000;
    /** How long a digit, a character or a number word takes to say (the fake's choice). */
    private static final long SAY_MS = 500;
    /** The formats {@code ast_format_cache_get} knows for announcer_format. */
    static final Set<String> CODECS = Set.of("ulaw", "alaw", "gsm", "g722", "g726", "g729", "slin", "slin12",
            "slin16", "slin24", "slin32", "slin44", "slin48", "slin96", "slin192", "opus", "ilbc", "lpc10", "speex",
            "speex16", "speex32", "testlaw", "adpcm", "g723", "siren7", "siren14", "g719", "h264", "vp8");
    /** play_on_channel: an item that is skipped without a final update (unsupported scheme, no such recording). */
    private static final long SKIP = -2;

    private final Pbx pbx;
    /** The playbacks not finished yet that GET finds, by id. */
    final Map<String, SimPlayback> byId = new LinkedHashMap<>();
    /** Playbacks whose id an earlier one still holds: Asterisk accepts a duplicate playbackId (recorded). */
    private final List<SimPlayback> shadowed = new ArrayList<>();
    /** The channels' and bridges' control queues, which recordings share. */
    final MediaQueue queue;

    Playbacks(Pbx pbx) {
        this.pbx = pbx;
        this.queue = new MediaQueue(pbx);
    }

    /** resource_channels.c ari_channels_handle_play. */
    Reply playOnChannel(String id, String pathPlaybackId, Map<String, String> q) {
        SimChannel ch = pbx.channels.stasisChannel(id);
        if (Set.of("Down", "Rsrvd", "Ringing").contains(ch.state)) {
            throw AriError.channelInvalidState(); // channel_state_invalid
        }
        SimPlayback pb = newPlayback(ch, null, pathPlaybackId, q);
        if (pb == null) {
            throw new AriError(500, "Failed to queue media for playback");
        }
        register(pb);
        queue.submit(ch, () -> runItem(pb), false, null);
        return Reply.created(pb.toJson(), "/ari/playbacks/" + pb.id);
    }

    /**
     * resource_bridges.c ari_bridges_handle_play: a new Announcer channel joins the bridge (its members'
     * BRIDGEPEER show it), plays, and hangs up when its queue is empty; a play while it plays waits its turn.
     */
    Reply playOnBridge(String id, String pathPlaybackId, Map<String, String> q) {
        SimBridge b = pbx.bridges.bridge(id);
        String format = Pbx.param(q, "announcer_format");
        if (format != null && !CODECS.contains(format)) {
            throw new AriError(422, "specified announcer_format is unknown on this system");
        }
        boolean fresh = !queue.busy(b);
        String announcer = fresh ? pbx.bridges.joinInternal(b, "Announcer/ARI") : null;
        SimPlayback pb = newPlayback(null, b, pathPlaybackId, q);
        if (pb == null) {
            // Recorded: the Announcer joined and left, and the 500 has an "error" key, not "message".
            if (announcer != null) {
                pbx.bridges.leaveInternal(b, announcer);
            }
            return new Reply(500, pbx.obj().put("error", "Allocation failed"), null, null);
        }
        register(pb);
        // Recorded: the Announcer's PlaybackStarted precedes the 201.
        queue.submit(b, () -> runItem(pb), true, () -> pbx.bridges.leaveInternal(b, announcer));
        return Reply.created(pb.toJson(), "/ari/playbacks/" + pb.id);
    }

    /** The checks both play requests share; null when there is no media (the play fails to queue). */
    private SimPlayback newPlayback(SimChannel ch, SimBridge b, String pathPlaybackId, Map<String, String> q) {
        int skipms = Pbx.parseInt(Pbx.param(q, "skipms"), (int) DEFAULT_SKIP_MS);
        if (skipms < 0) {
            throw new AriError(400, "skipms cannot be negative");
        }
        int offsetms = Pbx.parseInt(Pbx.param(q, "offsetms"), 0);
        if (offsetms < 0) {
            throw new AriError(400, "offsetms cannot be negative");
        }
        List<String> media = Pbx.csv(Pbx.param(q, "media"));
        if (media.isEmpty()) {
            return null;
        }
        String id = pathPlaybackId != null ? pathPlaybackId
                : Optional.ofNullable(Pbx.param(q, "playbackId")).orElseGet(Pbx::newUuid);
        return new SimPlayback(id, media, ch, b, skipms, offsetms);
    }

    private void register(SimPlayback pb) {
        if (byId.containsKey(pb.id)) {
            shadowed.add(pb);
        } else {
            byId.put(pb.id, pb);
        }
    }

    private void unregister(SimPlayback pb) {
        if (pb.timer != null) {
            pb.timer.cancel();
            pb.timer = null;
        }
        if (byId.get(pb.id) == pb) {
            byId.remove(pb.id);
            shadowed.stream().filter(s -> s.id.equals(pb.id)).findFirst().ifPresent(s -> {
                shadowed.remove(s);
                byId.put(s.id, s);
            });
        } else {
            shadowed.remove(pb);
        }
    }

    private static Object owner(SimPlayback pb) {
        return pb.channel != null ? pb.channel : pb.bridge;
    }

    /**
     * How long a media item plays (ms): -1 for one that plays until stopped (a tone), null for one that fails
     * at once (a sound the fake does not have), {@link #SKIP} for one play_on_channel skips without a word.
     */
    private Long itemMillis(String uri) {
        if (uri.startsWith("sound:")) {
            String name = uri.substring("sound:".length());
            Optional<byte[]> prompt = pbx.audio.prompt(name);
            if (prompt.isPresent()) {
                return pbx.soundMillis.getOrDefault(name, prompt.get().length / 8L);
            }
            return pbx.soundMillis.get(name);
        }
        if (uri.startsWith("recording:")) {
            Recordings.StoredRecording stored = pbx.recordings.stored.get(uri.substring("recording:".length()));
            return stored == null ? SKIP : stored.pcm().length / 16L; // 16 bytes of 8 kHz 16-bit PCM per ms
        }
        if (uri.startsWith("number:")) {
            try {
                return SAY_MS * String.valueOf(Math.abs(Long.parseLong(uri.substring(7).trim()))).length();
            } catch (NumberFormatException e) {
                return SKIP;
            }
        }
        if (uri.startsWith("digits:") || uri.startsWith("characters:")) {
            return SAY_MS * (uri.length() - uri.indexOf(':') - 1);
        }
        if (uri.startsWith("tone:")) {
            return -1L;
        }
        return SKIP; // recorded: cfbogus:xyz, or 0/200 with no scheme, start and never finish
    }

    private void playbackEvent(SimPlayback pb) {
        String type;
        switch (pb.state) {
            case PLAYING: type = "PlaybackStarted"; break;
            case CONTINUING: type = "PlaybackContinuing"; break;
            case QUEUED:
            case PAUSED: return; // res_stasis_playback.c playback_to_json has no event for these
            default: type = "PlaybackFinished"; break;
        }
        ObjectNode p = pbx.obj();
        p.set("playback", pb.toJson());
        pbx.emit(type, p, pb.channel, pb.bridge);
    }

    /** play_on_channel's loop, from the current item on. */
    private void runItem(SimPlayback pb) {
        if (pb.state == SimPlayback.State.CANCELED) {
            // playback_first_update: a playback stopped while queued is published as done and never plays.
            playbackEvent(pb);
            finish(pb);
            return;
        }
        pb.state = SimPlayback.State.PLAYING;
        playbackEvent(pb);
        String uri = pb.items.get(pb.index);
        Long millis = itemMillis(uri);
        if (millis == null) {
            itemEnded(pb, false); // recorded: an unknown sound fails at once
            return;
        }
        if (millis == SKIP) {
            nextItem(pb);
            return;
        }
        if (uri.startsWith("sound:") || uri.startsWith("recording:") || uri.startsWith("tone:")) {
            pb.controllable = true;
        }
        pb.itemMs = millis >= 0 && pb.index == 0 ? Math.max(0, millis - pb.offsetMs) : millis;
        pb.playedMs = 0;
        resume(pb);
    }

    /** Starts (or restarts after a pause) the current item's clock. */
    private void resume(SimPlayback pb) {
        pb.resumedAtNanos = System.nanoTime();
        if (pb.timer != null) {
            pb.timer.cancel();
            pb.timer = null;
        }
        if (pb.itemMs >= 0) {
            pb.timer = pbx.later(Math.max(0, pb.itemMs - pb.playedMs), () -> {
                pb.timer = null;
                itemEnded(pb, true);
            });
        }
    }

    /** How much of the current item has played (ms). */
    private static long position(SimPlayback pb) {
        long running = pb.state == SimPlayback.State.PAUSED ? 0
                : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pb.resumedAtNanos);
        return pb.playedMs + running;
    }

    /** playback_final_update, then on to the next item unless the playback was stopped. */
    private void itemEnded(SimPlayback pb, boolean ok) {
        if (pb.timer != null) {
            pb.timer.cancel();
            pb.timer = null;
        }
        boolean last = pb.index == pb.items.size() - 1;
        if (ok) {
            pb.state = last ? SimPlayback.State.COMPLETE : SimPlayback.State.CONTINUING;
        } else if (pb.state != SimPlayback.State.STOPPED) {
            pb.state = last ? SimPlayback.State.FAILED : SimPlayback.State.CONTINUING;
        }
        playbackEvent(pb);
        if (pb.state == SimPlayback.State.STOPPED) {
            finish(pb); // the stream's stop ends the whole playlist
        } else {
            nextItem(pb);
        }
    }

    private void nextItem(SimPlayback pb) {
        if (pb.index + 1 < pb.items.size()) {
            pb.index++;
            runItem(pb);
        } else {
            finish(pb);
        }
    }

    private void finish(SimPlayback pb) {
        unregister(pb);
        queue.done(owner(pb));
    }

    Reply getPlayback(String id) {
        SimPlayback pb = byId.get(id);
        if (pb == null) {
            throw AriError.playbackNotFound();
        }
        return Reply.ok(pb.toJson());
    }

    /** resource_playbacks.c ast_ari_playbacks_stop with res_stasis_playback.c's operation table. */
    Reply stopPlayback(String id) {
        SimPlayback pb = byId.get(id);
        if (pb == null) {
            throw AriError.playbackNotFound();
        }
        switch (pb.state) {
            case QUEUED:
                pb.state = SimPlayback.State.CANCELED; // playback_cancel: it ends when its turn comes
                return Reply.noContent();
            case PLAYING:
            case CONTINUING:
            case PAUSED:
                break;
            default:
                return Reply.noContent();
        }
        if (!pb.controllable) {
            throw new AriError(500, "Could not stop playback");
        }
        boolean tone = pb.items.get(pb.index).startsWith("tone:");
        pb.state = SimPlayback.State.STOPPED;
        if (pb.timer != null) {
            pb.timer.cancel();
            pb.timer = null;
        }
        int index = pb.index;
        // Recorded: 204 first. A stopped tone ends its item normally (the playlist goes on: cf-pl5, cf-pbt);
        // a stopped sound stream ends the playback.
        pbx.later(1, () -> {
            if (pb.index == index && pb.state == SimPlayback.State.STOPPED && isLive(pb)) {
                itemEnded(pb, tone);
            }
        });
        return Reply.noContent();
    }

    private boolean isLive(SimPlayback pb) {
        return byId.get(pb.id) == pb || shadowed.contains(pb);
    }

    /** resource_playbacks.c ast_ari_playbacks_control. */
    Reply controlPlayback(String id, Map<String, String> q) {
        String op = Pbx.param(q, "operation");
        if (op == null) {
            throw new AriError(400, "Missing operation");
        }
        if (!Set.of("unpause", "pause", "restart", "reverse", "forward").contains(op)) {
            throw new AriError(400, "Invalid operation " + op);
        }
        SimPlayback pb = byId.get(id);
        if (pb == null) {
            throw AriError.playbackNotFound();
        }
        SimPlayback.State s = pb.state;
        boolean playing = s == SimPlayback.State.PLAYING || s == SimPlayback.State.CONTINUING;
        boolean allowed = playing || s == SimPlayback.State.PAUSED && ("pause".equals(op) || "unpause".equals(op))
                || s == SimPlayback.State.QUEUED && "restart".equals(op);
        if (!allowed) {
            throw new AriError(409, "Can only " + op + " while media is playing");
        }
        boolean noop = s == SimPlayback.State.QUEUED || playing && "unpause".equals(op)
                || s == SimPlayback.State.PAUSED && "pause".equals(op);
        if (noop) {
            return Reply.noContent();
        }
        if (!pb.controllable) {
            throw new AriError(500, "Could not " + op + " playback");
        }
        switch (op) {
            case "pause":
                pb.playedMs = position(pb);
                pb.state = SimPlayback.State.PAUSED;
                if (pb.timer != null) {
                    pb.timer.cancel();
                    pb.timer = null;
                }
                break;
            case "unpause":
                pb.state = SimPlayback.State.PLAYING;
                playbackEvent(pb); // playback_unpause publishes the playing state: PlaybackStarted
                resume(pb);
                break;
            case "restart":
                pb.playedMs = 0;
                resume(pb);
                break;
            default:
                if (pb.itemMs >= 0) {
                    long at = position(pb) + ("forward".equals(op) ? pb.skipMs : -pb.skipMs);
                    pb.playedMs = Math.max(0, Math.min(pb.itemMs, at));
                    resume(pb);
                }
                break;
        }
        return Reply.noContent();
    }

    /**
     * A channel hangs up: its current playback fails (play_on_channel's final update after the hangup,
     * recorded before StasisEnd) and the ones waiting in its queue are dropped.
     */
    void failPlaybacksOf(SimChannel ch) {
        for (SimPlayback pb : List.copyOf(all())) {
            if (pb.channel != ch) {
                continue;
            }
            if (pb.state != SimPlayback.State.QUEUED && pb.state != SimPlayback.State.CANCELED) {
                if (pb.state != SimPlayback.State.STOPPED) {
                    pb.state = SimPlayback.State.FAILED;
                }
                playbackEvent(pb);
            }
            unregister(pb);
        }
        queue.clear(ch);
    }

    private List<SimPlayback> all() {
        List<SimPlayback> out = new ArrayList<>(byId.values());
        out.addAll(shadowed);
        return out;
    }

    /** Drops, without events, the playbacks on a channel that is going away. */
    void dropPlaybacksOf(SimChannel ch) {
        for (SimPlayback pb : all()) {
            if (pb.channel == ch) {
                unregister(pb);
            }
        }
        queue.clear(ch);
    }

    /** Drops, without events, the playbacks on a bridge that is being destroyed. */
    void dropPlaybacksOf(SimBridge b) {
        for (SimPlayback pb : all()) {
            if (pb.bridge == b) {
                unregister(pb);
            }
        }
        queue.clear(b);
    }
}
