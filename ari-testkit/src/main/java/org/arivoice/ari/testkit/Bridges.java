package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bridge table and the bridge requests of ARI: create, add and remove channels, destroy (with the bridge
 * manager's late dissolution), music on hold, the video source and bridge variables, as
 * res/ari/resource_bridges.c checks them and res/stasis/stasis_bridge.c and main/bridge.c carry them out.
 * Playing into and recording a bridge are {@link Playbacks}' and {@link Recordings}'; the internal Announcer and
 * Recorder channels they push into the bridge are tracked here ({@link #joinInternal}). Runs under the
 * {@link Pbx} lock.
 */
final class Bridges {
    /** The bridge types {@code stasis_app_bridge_create} (res/res_stasis.c) understands. */
    private static final Set<String> TYPES =
            Set.of("mixing", "holding", "dtmf_events", "proxy_media", "video_sfu", "video_single", "sdp_label");
    private static final String BAD_VARIABLES =
            "Each value in 'variables' must be a string or an object with 'value' and optional 'report_events'";

    private final Pbx pbx;
    /** Every bridge of the applications, by id, in creation order. */
    final Map<String, SimBridge> byId = new LinkedHashMap<>();
    /** Deleted bridges that Asterisk's bridge manager has not dissolved yet: seen by GET, refused by the rest. */
    final Map<String, SimBridge> dissolving = new LinkedHashMap<>();
    /** The counter in the names of the internal channels (Announcer/ARI-00000055;2, Recorder/...). */
    private int internalSeq = 0x53;

    Bridges(Pbx pbx) {
        this.pbx = pbx;
    }

    SimBridge bridge(String id) {
        SimBridge b = byId.get(id);
        if (b == null) {
            if (dissolving.containsKey(id)) {
                // resource_bridges.c find_bridge: not among the application's bridges, but its snapshot exists.
                throw AriError.bridgeNotInStasis();
            }
            throw AriError.bridgeNotFound();
        }
        return b;
    }

    /**
     * A channel leaves its bridge at a request (removeChannel, a move, the bridge's dissolution): as in the other
     * {@link #leaveBridge}, and its Stasis loop (res_stasis.c stasis_app_exec) unsubscribes its application from
     * the bridge, unless another of its channels is still there. A channel that hangs up in a bridge leaves the
     * subscription behind: its application gets the bridge's BridgeDestroyed (recorded in
     * bridge-snoop-externalmedia.jsonl), one whose channels were removed does not (conformance-bridges.jsonl).
     */
    private void leaveBridgeAtRequest(SimChannel ch) {
        SimBridge b = ch.bridge;
        leaveBridge(ch);
        String app = ch.stasisApp;
        if (app != null && b.memberSubscribers.contains(app)
                && b.channels.stream().noneMatch(c -> app.equals(c.stasisApp))) {
            b.memberSubscribers.remove(app);
            b.subscribers.remove(app);
        }
    }

    /** Takes a channel out of its bridge, with the events of its leaving and the others' new BRIDGEPEER. */
    void leaveBridge(SimChannel ch) {
        SimBridge b = ch.bridge;
        snapshotChanged(b);
        if (ch.vars.containsKey("BRIDGEPEER")) {
            pbx.varset(ch, "BRIDGEPEER", "");
        }
        b.channels.remove(ch);
        ch.bridge = null;
        pbx.bridgeChannelEvent("ChannelLeftBridge", b, ch);
        reconfigured(b);
    }

    /**
     * After a member joined or left: main/bridge.c set_bridge_peer_vars gives every member of a bridge of two
     * or more (internal channels included, holding bridges excepted) a new BRIDGEPEER, the names of the others.
     */
    /**
     * A member joins or leaves, so Asterisk publishes a new snapshot of the bridge: it shows the bridge variables
     * set since the last one, and a video source cleared since then (recorded in both runs: the
     * BridgeVideoSourceChanged of {@code DELETE videoSource} arrived only with the next member, the Announcer of
     * {@code POST moh}, and a GET between the two still showed the source).
     */
    private void snapshotChanged(SimBridge b) {
        b.snapshotVars.clear();
        b.reportedVars.forEach(n -> b.snapshotVars.put(n, b.vars.getOrDefault(n, "")));
        if (b.videoSourceClearPending) {
            b.videoSourceClearPending = false;
            String old = b.videoSourceId;
            b.videoMode = b.sfu ? "sfu" : "talker";
            b.videoSourceId = null;
            videoSourceChanged(b, old);
        }
    }

    private void reconfigured(SimBridge b) {
        if (b.dissolved) {
            return; // main/bridge.c bridge_reconfigured: a dissolved bridge sets no BRIDGEPEER any more
        }
        b.softmix = b.sfu || b.members() > 2; // smart bridging: softmix from a third member on
        if ("holding".equals(b.type) || b.members() < 2) {
            return;
        }
        List<String> names = new ArrayList<>(b.internal);
        b.channels.forEach(c -> names.add(c.name));
        for (SimChannel ch : List.copyOf(b.channels)) {
            List<String> others = new ArrayList<>(names);
            others.remove(ch.name);
            pbx.varset(ch, "BRIDGEPEER", String.join(",", others));
        }
    }

    /**
     * Pushes an internal channel (res/ari/resource_bridges.c prepare_bridge_media_channel) into a bridge.
     *
     * @param kind {@code Announcer/ARI}, {@code Announcer/ARI_MOH} or {@code Recorder/ARI}
     * @return the channel's name, for {@link #leaveInternal}
     */
    String joinInternal(SimBridge b, String kind) {
        String name = String.format("%s-%08x;2", kind, internalSeq++);
        snapshotChanged(b);
        b.internal.add(name);
        reconfigured(b);
        return name;
    }

    /** An internal channel hangs up and leaves its bridge. */
    void leaveInternal(SimBridge b, String name) {
        if (b.internal.remove(name) && byId.get(b.id) == b) {
            snapshotChanged(b);
            reconfigured(b);
        }
    }

    Reply listBridges() {
        ArrayNode a = pbx.mapper.createArrayNode();
        byId.values().forEach(b -> a.add(b.toJson()));
        dissolving.values().forEach(b -> a.add(b.toJson()));
        return Reply.ok(a);
    }

    Reply getBridge(String id) {
        // GET reads the bridge's snapshot, which lasts until the bridge is dissolved.
        SimBridge d = dissolving.get(id);
        return Reply.ok(d != null ? d.toJson() : bridge(id).toJson());
    }

    Reply createBridge(String pathId, Map<String, String> q, JsonNode body) {
        String id = pathId != null ? pathId
                : Optional.ofNullable(Pbx.param(q, "bridgeId")).orElseGet(Pbx::newUuid);
        if (byId.containsKey(id) || dissolving.containsKey(id)) {
            throw new AriError(409, "Bridge with id '" + id + "' already exists");
        }
        List<String> types = Pbx.csv(Pbx.param(q, "type"));
        if (!TYPES.containsAll(types)) {
            // stasis_app_bridge_create refuses a type it does not know; the two create requests word it apart.
            throw new AriError(500, pathId != null ? "Unable to create bridge"
                    : "Unable to create bridge. Possible duplicate bridge id '" + id + "'");
        }
        String type = types.contains("holding") ? "holding" : "mixing";
        SimBridge b = new SimBridge(id, Optional.ofNullable(q.get("name")).orElse(""), type, Pbx.now(),
                types.contains("video_sfu"));
        // Recorded: no BridgeCreated reaches the application for a bridge it created. The bridge exists before
        // its variables are read, so a 400 for a bad variable leaves it behind (cf-br8 was deleted with 204).
        byId.put(id, b);
        JsonNode variables = body == null ? null : body.get("variables");
        if (variables != null && !variables.isNull()) {
            Map<String, String> vars = new LinkedHashMap<>();
            Set<String> reported = new LinkedHashSet<>();
            parseVariables(variables, vars, reported);
            b.vars.putAll(vars);
            b.reportedVars.addAll(reported);
        }
        return Reply.ok(b.toFreshJson());
    }

    /** resource_bridges.c json_to_ast_variables: each value a string or {value, report_events}. */
    private static void parseVariables(JsonNode variables, Map<String, String> vars, Set<String> reported) {
        if (!variables.isObject()) {
            throw new AriError(400, "The 'variables' field must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) variables::fields) {
            JsonNode v = f.getValue();
            if (v.isTextual()) {
                vars.put(f.getKey(), v.asText());
            } else if (v.isObject() && v.path("value").isTextual()) {
                vars.put(f.getKey(), v.get("value").asText());
                if (v.path("report_events").asBoolean(false)) {
                    reported.add(f.getKey());
                }
            } else {
                throw new AriError(400, BAD_VARIABLES);
            }
        }
    }

    Reply destroyBridge(String id) {
        SimBridge b = bridge(id);
        boolean hadMembers = !b.channels.isEmpty();
        // main/bridge.c bridge_dissolve (ast_bridge_destroy) marks the bridge dissolved and kicks every member,
        // internal channels included, at once: none of them leaving gives the others a new BRIDGEPEER.
        b.dissolved = true;
        // A bridge recording ends with its bridge: the Recorder channel is ejected when the bridge dissolves,
        // and its RecordingFinished reaches the members' application before their Stasis loops unsubscribe it.
        pbx.playbacks.dropPlaybacksOf(b);
        pbx.recordings.finishRecordingsOf(b);
        b.internal.clear();
        // bridge_dissolve kicks each member with ast_bridge_channel_leave_bridge (main/bridge_channel.c), which
        // clears its BRIDGEPEER, before any of them is pulled (ChannelLeftBridge). Recorded for two members
        // (conformance-bridges.jsonl, DELETE /bridges/cf-br1): both BRIDGEPEER '' first, then both left.
        List<SimChannel> members = new ArrayList<>(b.channels);
        for (SimChannel ch : members) {
            if (ch.vars.containsKey("BRIDGEPEER")) {
                pbx.varset(ch, "BRIDGEPEER", "");
            }
        }
        for (SimChannel ch : members) {
            leaveBridgeAtRequest(ch);
        }
        // Only an application still subscribed gets BridgeDestroyed (see leaveBridgeAtRequest); recorded before
        // the 204.
        if (!b.subscribers.isEmpty()) {
            ObjectNode p = pbx.obj();
            p.set("bridge", b.toJson());
            pbx.emit("BridgeDestroyed", p, null, b);
        }
        byId.remove(id);
        if (pbx.bridgeDissolveMs > 0 && hadMembers) {
            // The 204 goes out once the dissolution is queued; the bridge manager removes a bridge whose members
            // are still leaving it a moment later (an empty one was gone 1 ms after the 204 in every recording).
            dissolving.put(id, b);
            pbx.later(pbx.bridgeDissolveMs, () -> dissolving.remove(id, b));
        }
        return Reply.noContent();
    }

    /** resource_bridges.c control_list_create: the channels, each of them a Stasis channel. */
    private List<SimChannel> controls(Map<String, String> q) {
        List<SimChannel> out = new ArrayList<>();
        for (String cid : Pbx.csv(Pbx.param(q, "channel"))) {
            if (cid.isEmpty()) {
                continue;
            }
            out.add(control(cid));
        }
        if (out.isEmpty()) {
            throw new AriError(400, "Missing parameter channel");
        }
        return out;
    }

    /** resource_bridges.c find_channel_control: 400 for no channel, 422 for one outside Stasis. */
    private SimChannel control(String channelId) {
        SimChannel ch = pbx.channels.byId.get(channelId);
        if (ch == null || ch.gone) {
            throw new AriError(400, "Channel not found");
        }
        if (!ch.inStasis()) {
            throw new AriError(422, "Channel not in Stasis application");
        }
        return ch;
    }

    Reply addChannel(String bridgeId, Map<String, String> q) {
        SimBridge b = bridge(bridgeId);
        for (SimChannel ch : controls(q)) {
            if (pbx.recordings.isRecording(ch)) {
                // res_stasis_recording.c's add rule holds from the record request until the recording ends.
                throw new AriError(409, "Channel " + ch.id + " currently recording");
            }
            if (ch.bridge != null) {
                // control.c control_swap_channel_in_bridge departs whatever bridge the channel is in before the
                // impart, even when it is this very bridge: re-adding a member makes it leave (its BRIDGEPEER
                // cleared, ChannelLeftBridge, the others' new BRIDGEPEER) and enter again.
                leaveBridgeAtRequest(ch);
            }
            snapshotChanged(b);
            b.channels.add(ch);
            ch.bridge = b;
            if (b.subscribers.add(ch.stasisApp)) {
                b.memberSubscribers.add(ch.stasisApp);
            }
            // Recorded: ChannelEnteredBridge and the BRIDGEPEER variables precede the 204.
            pbx.bridgeChannelEvent("ChannelEnteredBridge", b, ch);
            reconfigured(b);
        }
        return Reply.noContent();
    }

    Reply removeChannel(String bridgeId, Map<String, String> q) {
        SimBridge b = bridge(bridgeId);
        List<SimChannel> removing = controls(q);
        for (SimChannel ch : removing) {
            if (ch.bridge != b) {
                throw new AriError(422, "Channel not in this bridge");
            }
        }
        removing.forEach(this::leaveBridgeAtRequest);
        return Reply.noContent();
    }

    /**
     * Bridge music on hold, with the checks of {@code ast_ari_bridges_start_moh} / {@code _stop_moh}
     * (res/ari/resource_bridges.c): starting always succeeds on a bridge that exists, and pushes an
     * Announcer/ARI_MOH channel into it (the members' BRIDGEPEER show it); stopping one that plays none is 409.
     * The fake sends no music.
     */
    Reply bridgeMusicOnHold(String id, boolean start) {
        SimBridge b = bridge(id);
        if (!start) {
            if (!b.musicOnHold) {
                throw new AriError(409, "Bridge isn't playing music");
            }
            b.musicOnHold = false;
            b.internal.stream().filter(n -> n.startsWith("Announcer/ARI_MOH-")).findFirst()
                    .ifPresent(n -> leaveInternal(b, n));
            return Reply.noContent();
        }
        if (!b.musicOnHold) {
            b.musicOnHold = true;
            joinInternal(b, "Announcer/ARI_MOH");
        }
        return Reply.noContent();
    }

    /** {@code POST /bridges/{id}/videoSource/{channelId}}: single-source video mode, BridgeVideoSourceChanged. */
    Reply setVideoSource(String bridgeId, String channelId) {
        SimBridge b = bridge(bridgeId);
        SimChannel ch = control(channelId);
        if (ch.bridge != b) {
            throw new AriError(422, "Channel not in this bridge");
        }
        String old = b.videoSourceId;
        b.videoMode = "single";
        b.videoSourceId = ch.id;
        videoSourceChanged(b, old);
        return Reply.noContent();
    }

    /** {@code DELETE /bridges/{id}/videoSource}: back to talker mode, seen with the bridge's next snapshot. */
    Reply clearVideoSource(String bridgeId) {
        SimBridge b = bridge(bridgeId);
        if (b.videoSourceId != null) {
            b.videoSourceClearPending = true; // published with the bridge's next snapshot (snapshotChanged)
        }
        return Reply.noContent();
    }

    private void videoSourceChanged(SimBridge b, String old) {
        ObjectNode p = pbx.obj();
        p.set("bridge", b.toJson());
        if (old != null) {
            p.put("old_video_source_id", old);
        }
        pbx.emit("BridgeVideoSourceChanged", p, null, b);
    }

    Reply getVariable(String bridgeId, Map<String, String> q) {
        String name = Pbx.param(q, "variable");
        if (name == null) {
            throw new AriError(400, "Variable name is required");
        }
        SimBridge b = bridge(bridgeId);
        String value = b.vars.get(name);
        if (value == null) {
            throw new AriError(404, "Provided variable was not found");
        }
        return Reply.ok(pbx.obj().put("value", value));
    }

    Reply setVariable(String bridgeId, Map<String, String> q) {
        SimBridge b = bridge(bridgeId);
        String name = Pbx.param(q, "variable");
        if (name == null) {
            // Asterisk dereferences the missing name before checking it (not recorded: it would crash).
            throw new AriError(400, "Variable name is required");
        }
        String value = Optional.ofNullable(q.get("value")).orElse("");
        if (value.isEmpty()) {
            b.vars.remove(name);
        } else {
            b.vars.put(name, value);
        }
        if ("true".equalsIgnoreCase(q.get("report_events"))) {
            b.reportedVars.add(name);
        }
        return Reply.noContent();
    }

    Reply getVariables(String bridgeId, Map<String, String> q) {
        List<String> names = Pbx.csv(Pbx.param(q, "variables"));
        if (names.isEmpty()) {
            throw new AriError(400, "At least one variable name is required");
        }
        SimBridge b = byId.get(bridgeId);
        if (b == null) {
            throw new AriError(404, "Provided bridge was not found");
        }
        ObjectNode out = pbx.obj();
        ObjectNode vars = out.putObject("variables");
        for (String n : names) {
            String v = b.vars.get(n);
            if (v == null) {
                throw new AriError(404, "Provided variable was not found");
            }
            vars.put(n, v);
        }
        return Reply.ok(out);
    }

    Reply setVariables(String bridgeId, JsonNode body) {
        JsonNode variables = body == null ? null : body.get("variables");
        if (variables == null || variables.isNull()) {
            throw new AriError(400, "The 'variables' field is required");
        }
        SimBridge b = byId.get(bridgeId);
        if (b == null) {
            throw new AriError(404, "Provided bridge was not found");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        Set<String> reported = new LinkedHashSet<>();
        parseVariables(variables, vars, reported);
        b.vars.putAll(vars);
        b.reportedVars.addAll(reported);
        return Reply.noContent();
    }
}
