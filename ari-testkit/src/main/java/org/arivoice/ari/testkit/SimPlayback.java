package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One playback (a playlist of media URIs) on a channel or a bridge, with the states of res_stasis_playback.c.
 * Guarded by the {@link Pbx} lock.
 */
final class SimPlayback {
    /** res_stasis_playback.c's states; the last four are all rendered {@code done} or {@code failed}. */
    enum State {
        QUEUED("queued"), PLAYING("playing"), PAUSED("paused"), CONTINUING("continuing"), FAILED("failed"),
        STOPPED("done"), COMPLETE("done"), CANCELED("done");

        final String json;

        State(String json) {
            this.json = json;
        }
    }

    final String id;
    final List<String> items;
    final String targetUri;
    final SimChannel channel;
    final SimBridge bridge;
    /** How far a forward or reverse moves (ms). */
    final long skipMs;
    /** Where the first item starts (ms). */
    final long offsetMs;
    int index;
    State state = State.QUEUED;
    PbxTimer timer;
    /** Whether the current item can be paused, moved or stopped (sound, recording and tone items). */
    boolean controllable;
    /** The current item's length (ms), or -1 for one that plays until stopped (a tone). */
    long itemMs;
    /** How much of the current item has played (ms), up to {@link #resumedAtNanos}. */
    long playedMs;
    /** When the current item last (re)started playing ({@link System#nanoTime}). */
    long resumedAtNanos;

    SimPlayback(String id, List<String> items, SimChannel channel, SimBridge bridge, long skipMs, long offsetMs) {
        this.id = id;
        this.items = List.copyOf(items);
        this.channel = channel;
        this.bridge = bridge;
        this.skipMs = skipMs;
        this.offsetMs = offsetMs;
        this.targetUri = channel != null ? "channel:" + channel.id : "bridge:" + bridge.id;
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id);
        o.put("media_uri", items.get(index));
        if (index + 1 < items.size()) {
            o.put("next_media_uri", items.get(index + 1));
        }
        o.put("target_uri", targetUri);
        o.put("language", "en");
        o.put("state", state.json);
        return o;
    }
}
