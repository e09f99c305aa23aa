package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.arivoice.rtp.codec.G711;

/**
 * Live and stored recordings: recording a channel or a bridge, RecordingStarted / Finished, stop, cancel, pause
 * and mute, the audio each media tick adds, and the stored recordings' list, GET, file, copy and DELETE, as
 * res/ari/resource_recordings.c (with the record requests of resource_channels.c and resource_bridges.c),
 * res/res_stasis_recording.c and res/stasis_recording/stored.c do it. A channel's recording waits in its
 * control queue behind its playbacks ({@link MediaQueue}); a bridge is recorded by a Recorder channel pushed
 * into it. Runs under the {@link Pbx} lock.
 */
final class Recordings {
    /** The file extensions {@code ast_get_format_for_file_ext} knows on the recorded Asterisk. */
    private static final Set<String> FILE_FORMATS = Set.of("wav", "WAV", "wav16", "wav49", "gsm", "ulaw", "ul",
            "mu", "pcm", "alaw", "al", "alw", "sln", "raw", "sln12", "sln16", "sln24", "sln32", "sln44", "sln48",
            "sln96", "sln192", "g722", "g723", "g726-16", "g726-24", "g726-32", "g726-40", "g729", "h263", "h264",
            "ilbc", "siren7", "siren14", "vox", "au", "ogg", "oga");
    private static final String NOT_IN_SESSION = "Recording not in session";

    private final Pbx pbx;
    /** Recordings in progress or queued, by name. */
    final Map<String, SimRecording> live = new LinkedHashMap<>();
    /** Finished recordings, by name (a name may hold a subdirectory: cf-dir/x). */
    final Map<String, StoredRecording> stored = new LinkedHashMap<>();
    /**
     * res_stasis_recording.c's add rule, per channel: from the record request until the recording ends, the
     * channel cannot be added to a bridge.
     */
    private final Map<SimChannel, Integer> recordingRule = new HashMap<>();

    Recordings(Pbx pbx) {
        this.pbx = pbx;
    }

    /** A finished recording: its format name and its audio (8 kHz 16-bit little-endian). */
    record StoredRecording(String format, byte[] pcm) {
    }

    /** Whether a record request on this channel has not ended yet (bridges' addChannel refuses it). */
    boolean isRecording(SimChannel ch) {
        return recordingRule.getOrDefault(ch, 0) > 0;
    }

    /** resource_channels.c ast_ari_channels_record. */
    Reply recordChannel(String id, Map<String, String> q) {
        int maxDuration = Pbx.parseInt(Pbx.param(q, "maxDurationSeconds"), 0);
        if (maxDuration < 0) {
            throw new AriError(400, "max_duration_seconds cannot be negative");
        }
        if (Pbx.parseInt(Pbx.param(q, "maxSilenceSeconds"), 0) < 0) {
            throw new AriError(400, "max_silence_seconds cannot be negative");
        }
        SimChannel ch = pbx.channels.stasisChannel(id);
        checkOptions(q);
        if (!FILE_FORMATS.contains(String.valueOf(Pbx.param(q, "format")))) {
            throw new AriError(422, "specified format is unknown on this system");
        }
        SimRecording rec = newRecording(ch, null, q, maxDuration);
        recordingRule.merge(ch, 1, Integer::sum);
        queue().submit(ch, () -> start(rec), false, null);
        return created(rec);
    }

    /** resource_bridges.c ast_ari_bridges_record: a Recorder channel joins the bridge, and leaves on failure. */
    Reply recordBridge(String id, Map<String, String> q) {
        SimBridge b = pbx.bridges.bridge(id);
        if (!FILE_FORMATS.contains(String.valueOf(Pbx.param(q, "format")))) {
            throw new AriError(422, "specified format is unknown on this system");
        }
        String recorderFormat = Pbx.param(q, "recorder_format");
        if (recorderFormat != null && !Playbacks.CODECS.contains(recorderFormat)) {
            throw new AriError(422, "specified recorder_format is unknown on this system");
        }
        String recorder = pbx.bridges.joinInternal(b, "Recorder/ARI");
        SimRecording rec;
        try {
            checkOptions(q);
            rec = newRecording(null, b, q, Pbx.parseInt(Pbx.param(q, "maxDurationSeconds"), 0));
        } catch (AriError e) {
            pbx.bridges.leaveInternal(b, recorder); // the request's Recorder channel hangs up
            throw e;
        }
        rec.recorder = recorder;
        start(rec); // recorded: the Recorder's RecordingStarted precedes the 201
        return created(rec);
    }

    private static void checkOptions(Map<String, String> q) {
        String terminateOn = Pbx.param(q, "terminateOn");
        if (terminateOn != null && !Set.of("none", "any", "#", "*").contains(terminateOn.toLowerCase())) {
            throw new AriError(400, "terminateOn invalid"); // stasis_app_recording_termination_parse
        }
        String ifExists = Pbx.param(q, "ifExists");
        if (ifExists != null && !Set.of("fail", "overwrite", "append").contains(ifExists)) {
            throw new AriError(400, "ifExists invalid");
        }
    }

    /** stasis_app_control_record's checks: EINVAL (500) and EEXIST (409). */
    private SimRecording newRecording(SimChannel ch, SimBridge b, Map<String, String> q, int maxDuration) {
        String name = Pbx.param(q, "name");
        if (name == null || maxDuration < 0 || Pbx.parseInt(Pbx.param(q, "maxSilenceSeconds"), 0) < 0
                || escapes(name)) {
            // An empty name, or one whose directory ast_safe_mkdir refuses (outside the recordings directory).
            throw new AriError(500, "Error parsing request");
        }
        String ifExists = Optional.ofNullable(Pbx.param(q, "ifExists")).orElse("fail");
        if ("fail".equals(ifExists) && stored.containsKey(name) || live.containsKey(name)) {
            throw new AriError(409, "Recording '" + name + "' already exists and can not be overwritten");
        }
        SimRecording rec = new SimRecording(name, Pbx.param(q, "format"), ch, b);
        rec.maxDurationSeconds = maxDuration;
        rec.maxSilenceSeconds = Pbx.parseInt(Pbx.param(q, "maxSilenceSeconds"), 0);
        StoredRecording previous = stored.get(name);
        if (previous != null && "append".equals(ifExists)) {
            rec.prepend(previous.pcm());
        }
        live.put(name, rec);
        return rec;
    }

    /** Whether a relative recording name leads outside the recordings directory. */
    private static boolean escapes(String name) {
        int depth = 0;
        for (String part : name.split("/", -1)) {
            if ("..".equals(part)) {
                depth--;
            } else if (!part.isEmpty() && !".".equals(part)) {
                depth++;
            }
            if (depth < 0 || name.startsWith("/")) {
                return true;
            }
        }
        return false;
    }

    private static Reply created(SimRecording rec) {
        return Reply.created(rec.toJson(false),
                "/ari/recordings/live/" + URLEncoder.encode(rec.name, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private MediaQueue queue() {
        return pbx.playbacks.queue;
    }

    /** res_stasis_recording.c record_file: the recording's turn in its control queue. */
    private void start(SimRecording rec) {
        if (live.get(rec.name) != rec) {
            if (rec.channel != null) {
                queue().done(rec.channel);
            }
            return;
        }
        if (rec.channel != null && rec.channel.bridge != null) {
            live.remove(rec.name);
            rec.state = "failed";
            recordingEvent("RecordingFailed", rec, false);
            endRule(rec);
            queue().done(rec.channel);
            return;
        }
        // Recorded: a recording stopped while queued ("canceled") still starts when its turn comes.
        rec.state = "recording";
        recordingEvent("RecordingStarted", rec, false);
        if (rec.maxDurationSeconds > 0) {
            rec.timer = pbx.later(rec.maxDurationSeconds * 1000L, () -> finishRecording(rec));
        }
    }

    private void endRule(SimRecording rec) {
        if (rec.channel != null) {
            recordingRule.computeIfPresent(rec.channel, (c, n) -> n > 1 ? n - 1 : null);
        }
    }

    private void recordingEvent(String type, SimRecording rec, boolean withDuration) {
        ObjectNode p = pbx.obj();
        p.set("recording", rec.toJson(withDuration));
        pbx.emit(type, p, rec.channel, rec.bridge);
    }

    /** The recording ends (its limit, stop, cancel, hang-up): RecordingFinished, then its queue moves on. */
    private void finishRecording(SimRecording rec) {
        if (live.get(rec.name) != rec) {
            return;
        }
        live.remove(rec.name);
        if (rec.timer != null) {
            rec.timer.cancel();
        }
        rec.state = "done";
        if (!rec.discard) {
            stored.put(rec.name, new StoredRecording(rec.format, rec.pcm()));
        }
        recordingEvent("RecordingFinished", rec, true);
        endRule(rec);
        if (rec.channel != null) {
            queue().done(rec.channel);
        } else if (rec.recorder != null) {
            pbx.bridges.leaveInternal(rec.bridge, rec.recorder);
        }
    }

    /**
     * Ends the recordings of a channel that is going away: the running one finishes (recorded before
     * StasisEnd), queued ones are dropped with the channel's control queue. Its playbacks go first.
     */
    void finishRecordingsOf(SimChannel ch) {
        pbx.playbacks.failPlaybacksOf(ch);
        for (SimRecording rec : new ArrayList<>(live.values())) {
            if (rec.channel != ch) {
                continue;
            }
            if ("recording".equals(rec.state) || "paused".equals(rec.state)) {
                finishRecording(rec);
            } else {
                live.remove(rec.name);
                endRule(rec);
            }
        }
        recordingRule.remove(ch);
        queue().clear(ch);
    }

    /** Finishes the recordings of a bridge that is being destroyed. */
    void finishRecordingsOf(SimBridge b) {
        for (SimRecording rec : new ArrayList<>(live.values())) {
            if (rec.bridge == b) {
                finishRecording(rec);
            }
        }
    }

    /**
     * One media tick of every running recording: a channel recording takes the frame the channel sent in (no
     * frame, no samples: the recorded silent recording had none); a bridge recording takes the sum, clipped,
     * of every member's frame, and once audio has flowed it gets a frame every tick, as the bridge's mixer
     * feeds its Recorder channel. A muted recording records silence in place of what it hears.
     */
    void captureRecordings() {
        for (SimRecording rec : live.values()) {
            if (!"recording".equals(rec.state)) {
                continue;
            }
            if (rec.channel != null) {
                byte[] frame = rec.channel.gone ? null : MediaClock.heardFrom(rec.channel);
                if (frame != null) {
                    rec.append(rec.muted ? new short[frame.length] : linear(frame));
                }
                continue;
            }
            short[] sum = new short[CallerAudio.FRAME_BYTES];
            boolean any = false;
            int[] acc = new int[CallerAudio.FRAME_BYTES];
            for (SimChannel member : rec.bridge.channels) {
                byte[] frame = MediaClock.heardFrom(member);
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
                for (int i = 0; i < sum.length && !rec.muted; i++) {
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

    private SimRecording liveRecording(String name) {
        SimRecording rec = live.get(name);
        if (rec == null) {
            throw AriError.recordingNotFound();
        }
        return rec;
    }

    Reply getLiveRecording(String name) {
        return Reply.ok(liveRecording(name).toJson(false));
    }

    /** res_stasis_recording.c recording_stop / recording_disregard. */
    Reply stopLiveRecording(String name) {
        return endLiveRecording(liveRecording(name), false);
    }

    /** {@code DELETE /recordings/live/{name}}: recording_cancel (the file is deleted) / recording_disregard. */
    Reply cancelLiveRecording(String name) {
        return endLiveRecording(liveRecording(name), true);
    }

    private Reply endLiveRecording(SimRecording rec, boolean cancel) {
        switch (rec.state) {
            case "queued":
                rec.state = "canceled"; // recording_disregard: GET shows it canceled; it still starts later
                return Reply.noContent();
            case "recording":
            case "paused":
                rec.discard |= cancel;
                pbx.later(1, () -> finishRecording(rec)); // recorded: 204 first, then RecordingFinished
                return Reply.noContent();
            default:
                throw new AriError(409, NOT_IN_SESSION);
        }
    }

    /** POST (pause) / DELETE (unpause) {@code /recordings/live/{name}/pause}. */
    Reply pauseLiveRecording(String name, boolean pause) {
        SimRecording rec = liveRecording(name);
        if (!"recording".equals(rec.state) && !"paused".equals(rec.state)) {
            throw new AriError(409, NOT_IN_SESSION);
        }
        rec.state = pause ? "paused" : "recording";
        return Reply.noContent();
    }

    /** POST (mute) / DELETE (unmute) {@code /recordings/live/{name}/mute}. */
    Reply muteLiveRecording(String name, boolean mute) {
        SimRecording rec = liveRecording(name);
        if (!"recording".equals(rec.state) && !"paused".equals(rec.state)) {
            throw new AriError(409, NOT_IN_SESSION);
        }
        rec.muted = mute;
        return Reply.noContent();
    }

    Reply listStored() {
        ArrayNode a = pbx.mapper.createArrayNode();
        new TreeMap<>(stored).forEach((n, f) -> a.add(pbx.obj().put("name", n).put("format", f.format())));
        return Reply.ok(a);
    }

    Reply getStored(String name) {
        StoredRecording s = stored.get(name);
        if (s == null) {
            throw AriError.recordingNotFound();
        }
        return Reply.ok(pbx.obj().put("name", name).put("format", s.format()));
    }

    Reply getStoredFile(String name) {
        StoredRecording s = stored.get(name);
        if (s == null) {
            throw AriError.recordingNotFound();
        }
        // Every format is served as the WAV Asterisk's wav format writes (8 kHz, 16-bit mono).
        return Reply.binary(WavFile.of8kMono16(s.pcm()), "audio/wav");
    }

    /** resource_recordings.c ast_ari_recordings_copy_stored, with stored.c's checks of the destination. */
    Reply copyStored(String name, String destination) {
        StoredRecording s = stored.get(name);
        if (s == null) {
            throw AriError.recordingNotFound();
        }
        if (destination != null && stored.containsKey(destination)) {
            throw new AriError(409, "A recording with the same name already exists on the system");
        }
        if (destination == null || destination.isEmpty()) {
            throw new AriError(400, "Invalid destination recording name");
        }
        if (escapes(destination)) {
            throw new AriError(403, "Destination file path is forbidden");
        }
        // stasis_app_stored_recording_copy drops an extension; subdirectories are made as needed.
        int dot = destination.lastIndexOf('.');
        String target = dot > destination.lastIndexOf('/') ? destination.substring(0, dot) : destination;
        stored.put(target, s);
        return Reply.ok(pbx.obj().put("name", target).put("format", s.format()));
    }

    Reply deleteStored(String name) {
        if (stored.remove(name) == null) {
            throw AriError.recordingNotFound();
        }
        return Reply.noContent();
    }
}
