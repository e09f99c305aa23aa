package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.arivoice.rtp.codec.G711;

/**
 * Live and stored recordings: recording a channel or a bridge, RecordingStarted / Finished, the audio each media
 * tick adds, and the stored recordings' list, GET, file and DELETE, as res/ari/resource_recordings.c (with the
 * record requests of resource_channels.c and resource_bridges.c) and res/res_stasis_recording.c do it. Runs
 * under the {@link Pbx} lock.
 */
final class Recordings {
    private final Pbx pbx;
    /** Recordings in progress, by name. */
    final Map<String, SimRecording> live = new LinkedHashMap<>();
    /** Finished recordings, by name. */
    final Map<String, StoredRecording> stored = new LinkedHashMap<>();
    private int recorderSeq = 1;

    Recordings(Pbx pbx) {
        this.pbx = pbx;
    }

    /** A finished recording: its format name and its audio (8 kHz 16-bit little-endian). */
    record StoredRecording(String format, byte[] pcm) {
    }

    Reply recordChannel(String id, Map<String, String> q) {
        SimChannel ch = pbx.channels.stasisChannel(id);
        return record(ch, null, q);
    }

    Reply recordBridge(String id, Map<String, String> q) {
        return record(null, pbx.bridges.bridge(id), q);
    }

    private Reply record(SimChannel ch, SimBridge b, Map<String, String> q) {
        String name = Pbx.param(q, "name");
        String format = Pbx.param(q, "format");
        if (name == null || format == null) {
            throw AriError.invalidParameters();
        }
        if (!Set.of("wav", "gsm", "ulaw", "alaw", "sln", "sln16", "g722", "wav16").contains(format)) {
            throw new AriError(422, "The format specified is unknown on this system");
        }
        String ifExists = Optional.ofNullable(Pbx.param(q, "ifExists")).orElse("fail");
        if (live.containsKey(name) || stored.containsKey(name) && "fail".equals(ifExists)) {
            throw new AriError(409, "A recording with the same name already exists on the system and can not be"
                    + " overwritten because it is in progress or ifExists=fail");
        }
        if (!Set.of("fail", "overwrite", "append").contains(ifExists)) {
            throw new AriError(400, "ifExists invalid"); // resource_channels.c / resource_bridges.c
        }
        SimRecording rec = new SimRecording(name, format, ch, b);
        StoredRecording previous = stored.get(name);
        if (previous != null && "append".equals(ifExists)) {
            rec.prepend(previous.pcm());
        }
        live.put(name, rec);
        ObjectNode reply = rec.toJson(false);
        Runnable start = () -> {
            if (live.get(name) != rec) {
                return;
            }
            rec.state = "recording";
            recordingEvent("RecordingStarted", rec, false);
            int max = Pbx.parseInt(Pbx.param(q, "maxDurationSeconds"), 0);
            if (max > 0) {
                rec.timer = pbx.later(max * 1000L, () -> finishRecording(rec));
            }
        };
        if (b != null) {
            // Recorded: recording a bridge adds a Recorder channel, which a lone channel sees as BRIDGEPEER;
            // then RecordingStarted, all before the 201.
            if (b.channels.size() == 1) {
                pbx.varset(b.channels.get(0), "BRIDGEPEER", String.format("Recorder/ARI-%08x;2", recorderSeq++));
            }
            start.run();
        } else {
            pbx.later(1, start); // recorded: a channel recording's RecordingStarted follows the 201
        }
        return Reply.created(reply);
    }

    private void recordingEvent(String type, SimRecording rec, boolean withDuration) {
        ObjectNode p = pbx.obj();
        p.set("recording", rec.toJson(withDuration));
        pbx.emit(type, p, rec.channel, rec.bridge);
    }

    private void finishRecording(SimRecording rec) {
        if (live.remove(rec.name) != rec) {
            return;
        }
        if (rec.timer != null) {
            rec.timer.cancel();
        }
        rec.state = "done";
        stored.put(rec.name, new StoredRecording(rec.format, rec.pcm()));
        recordingEvent("RecordingFinished", rec, true);
    }

    /** Finishes the recordings of a channel that is going away. */
    void finishRecordingsOf(SimChannel ch) {
        for (SimRecording rec : new ArrayList<>(live.values())) {
            if (rec.channel == ch) {
                finishRecording(rec);
            }
        }
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
     * feeds its Recorder channel.
     */
    void captureRecordings() {
        for (SimRecording rec : live.values()) {
            if (!"recording".equals(rec.state)) {
                continue;
            }
            if (rec.channel != null) {
                byte[] frame = rec.channel.gone ? null : MediaClock.heardFrom(rec.channel);
                if (frame != null) {
                    rec.append(linear(frame));
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

    Reply getLiveRecording(String name) {
        SimRecording rec = live.get(name);
        if (rec == null) {
            throw AriError.recordingNotFound();
        }
        return Reply.ok(rec.toJson(false));
    }

    Reply stopLiveRecording(String name) {
        SimRecording rec = live.get(name);
        if (rec == null) {
            throw AriError.recordingNotFound();
        }
        pbx.later(1, () -> finishRecording(rec)); // recorded: 204 first, then RecordingFinished
        return Reply.noContent();
    }

    Reply listStored() {
        ArrayNode a = pbx.mapper.createArrayNode();
        stored.forEach((n, f) -> a.add(pbx.obj().put("name", n).put("format", f.format())));
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

    Reply deleteStored(String name) {
        if (stored.remove(name) == null) {
            throw AriError.recordingNotFound();
        }
        return Reply.noContent();
    }
}
