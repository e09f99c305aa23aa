package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The playback table: playing media (a playlist of sound, recording, digits and tone URIs) on a channel or a
 * bridge, PlaybackStarted / Continuing / Finished, GET and stop, as res/ari/resource_playbacks.c and
 * res/res_stasis_playback.c do it. The dialplan's own Playback() is {@link DialplanRunner}'s. Runs under the
 * {@link Pbx} lock.
 */
final class Playbacks {
    private final Pbx pbx;
    /** Every playback not finished yet, by id. */
    final Map<String, SimPlayback> byId = new LinkedHashMap<>();

    Playbacks(Pbx pbx) {
        this.pbx = pbx;
    }

    Reply playOnChannel(String id, String pathPlaybackId, Map<String, String> q) {
        SimChannel ch = pbx.channels.stasisChannel(id);
        return play(ch, null, pathPlaybackId, q);
    }

    Reply playOnBridge(String id, String pathPlaybackId, Map<String, String> q) {
        SimBridge b = pbx.bridges.bridge(id);
        return play(null, b, pathPlaybackId, q);
    }

    private Reply play(SimChannel ch, SimBridge b, String pathPlaybackId, Map<String, String> q) {
        List<String> media = Pbx.csv(Pbx.param(q, "media"));
        if (media.isEmpty()) {
            throw AriError.invalidParameters();
        }
        String id = pathPlaybackId != null ? pathPlaybackId
                : Optional.ofNullable(Pbx.param(q, "playbackId")).orElseGet(Pbx::newUuid);
        SimPlayback pb = new SimPlayback(id, media, ch, b);
        byId.put(id, pb);
        if (media.size() == 1 && itemMillis(media.get(0)) != null && itemMillis(media.get(0)) >= 0) {
            // Recorded: a single known sound starts (PlaybackStarted) before the 201, which says "playing".
            startItem(pb);
            return Reply.created(pb.toJson());
        }
        // Recorded: a playlist or an unknown sound answers 201 "queued", then starts.
        ObjectNode reply = pb.toJson();
        pbx.later(1, () -> {
            if (byId.get(id) == pb) {
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
            Optional<byte[]> prompt = pbx.audio.prompt(name);
            if (prompt.isPresent()) {
                return pbx.soundMillis.getOrDefault(name, prompt.get().length / 8L);
            }
            return pbx.soundMillis.get(name);
        }
        if (uri.startsWith("recording:")) {
            Recordings.StoredRecording stored = pbx.recordings.stored.get(uri.substring("recording:".length()));
            return stored == null ? null : stored.pcm().length / 16L; // 16 bytes of 8 kHz 16-bit PCM per ms
        }
        if (uri.startsWith("digits:")) {
            return 500L * (uri.length() - "digits:".length());
        }
        return -1L;
    }

    private void playbackEvent(String type, SimPlayback pb) {
        ObjectNode p = pbx.obj();
        p.set("playback", pb.toJson());
        pbx.emit(type, p, pb.channel, pb.bridge);
    }

    private void startItem(SimPlayback pb) {
        pb.state = "playing";
        playbackEvent("PlaybackStarted", pb);
        Long millis = itemMillis(pb.items.get(pb.index));
        if (millis == null) {
            // Recorded: an unknown sound fails at once.
            pb.state = "failed";
            playbackEvent("PlaybackFinished", pb);
            byId.remove(pb.id);
            return;
        }
        if (millis >= 0) {
            pb.timer = pbx.later(millis, () -> {
                if (byId.get(pb.id) == pb) {
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
            byId.remove(pb.id);
        }
    }

    Reply getPlayback(String id) {
        SimPlayback pb = byId.get(id);
        if (pb == null) {
            throw AriError.playbackNotFound();
        }
        return Reply.ok(pb.toJson());
    }

    Reply stopPlayback(String id) {
        SimPlayback pb = byId.get(id);
        if (pb == null) {
            throw AriError.playbackNotFound();
        }
        // Recorded: 204 first; stopping an item of a playlist moves on to the next item.
        pbx.later(1, () -> {
            if (byId.get(id) == pb) {
                advance(pb);
            }
        });
        return Reply.noContent();
    }

    /** Drops, without events, the playbacks on a channel that is going away. */
    void dropPlaybacksOf(SimChannel ch) {
        for (Iterator<SimPlayback> it = byId.values().iterator(); it.hasNext();) {
            SimPlayback pb = it.next();
            if (pb.channel == ch) {
                if (pb.timer != null) {
                    pb.timer.cancel();
                }
                it.remove();
            }
        }
    }

    /** Drops, without events, the playbacks on a bridge that is being destroyed. */
    void dropPlaybacksOf(SimBridge b) {
        for (Iterator<SimPlayback> it = byId.values().iterator(); it.hasNext();) {
            SimPlayback pb = it.next();
            if (pb.bridge == b) {
                if (pb.timer != null) {
                    pb.timer.cancel();
                }
                it.remove();
            }
        }
    }
}
