package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One simulated bridge. Mutable; guarded by the {@link Pbx} lock. */
final class SimBridge {
    final String id;
    final String name;
    final String type;
    final String creationtime;
    final List<SimChannel> channels = new ArrayList<>();
    final Set<String> subscribers = new LinkedHashSet<>();
    /** The subscribers that only a member channel subscribed (res_stasis.c app_subscribe_bridge), not a request. */
    final Set<String> memberSubscribers = new LinkedHashSet<>();
    /**
     * The names of the internal channels Asterisk pushes into the bridge (the Announcer of music on hold and of
     * bridge playbacks, the Recorder of bridge recordings): not listed in {@code channels} and without events
     * of their own, but members all the same, so they appear in the others' BRIDGEPEER.
     */
    final List<String> internal = new ArrayList<>();
    /** Whether music on hold plays into the bridge ({@code POST /bridges/{id}/moh}). */
    boolean musicOnHold;
    /** {@code video_sfu} bridges use the softmix technology from the start, and the sfu video mode. */
    final boolean sfu;
    /** The video mode: talker, single (a video source was set) or sfu. */
    String videoMode;
    /** The channel set by {@code POST videoSource}, or null. */
    String videoSourceId;
    /** Bridge variables ({@code POST /bridges/{id}/variable(s)}). */
    final Map<String, String> vars = new LinkedHashMap<>();
    /** The variables set with {@code report_events}, listed in the snapshot's {@code bridgevars}. */
    final Set<String> reportedVars = new LinkedHashSet<>();
    /**
     * The {@code bridgevars} of the bridge's cached snapshot: Asterisk publishes a new snapshot only when the
     * bridge changes otherwise (a member joins or leaves), so GET shows variables set since then only after that.
     */
    final Map<String, String> snapshotVars = new LinkedHashMap<>();
    /** {@code DELETE videoSource} done, but not yet in a published snapshot (see {@link Bridges}). */
    boolean videoSourceClearPending;
    /** Once a third member joined, Asterisk's smart bridging moved the bridge to softmix for good. */
    boolean softmix;
    /** DELETE /bridges/{id} dissolved it (main/bridge.c bridge_dissolve): its members only leave now. */
    boolean dissolved;

    SimBridge(String id, String name, String type, String creationtime, boolean sfu) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.creationtime = creationtime;
        this.sfu = sfu;
        this.softmix = sfu;
        this.videoMode = sfu ? "sfu" : "talker";
    }

    SimBridge(String id, String name, String type, String creationtime) {
        this(id, name, type, creationtime, false);
    }

    /** How many members the bridge has, its internal channels included. */
    int members() {
        return channels.size() + internal.size();
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id);
        o.put("technology", "holding".equals(type) ? "holding_bridge" : softmix ? "softmix" : "simple_bridge");
        o.put("bridge_type", type);
        o.put("bridge_class", "stasis");
        o.put("creator", "Stasis");
        o.put("name", name);
        ArrayNode ids = o.putArray("channels");
        channels.forEach(c -> ids.add(c.id));
        o.put("creationtime", creationtime);
        o.put("video_mode", videoMode);
        if (videoSourceId != null) {
            o.put("video_source_id", videoSourceId);
        }
        if (!snapshotVars.isEmpty()) {
            ObjectNode v = o.putObject("bridgevars");
            snapshotVars.forEach(v::put);
        }
        return o;
    }

    /** The snapshot with the variables as they are now: what the create request answers. */
    ObjectNode toFreshJson() {
        ObjectNode o = toJson();
        o.remove("bridgevars");
        if (!reportedVars.isEmpty()) {
            ObjectNode v = o.putObject("bridgevars");
            reportedVars.forEach(n -> v.put(n, vars.getOrDefault(n, "")));
        }
        return o;
    }

    BridgeSnapshot snapshot() {
        return new BridgeSnapshot(id, name, type, channels.stream().map(c -> c.id).toList());
    }
}
