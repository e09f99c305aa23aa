package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge table and the bridge requests of ARI: create, add and remove channels, destroy (with the bridge
 * manager's late dissolution) and music on hold, as res/ari/resource_bridges.c checks them and
 * res/stasis/stasis_bridge.c and main/bridge.c carry them out. Playing into and recording a bridge are
 * {@link Playbacks}' and {@link Recordings}'. Runs under the {@link Pbx} lock.
 */
final class Bridges {
    private final Pbx pbx;
    /** Every bridge of the applications, by id, in creation order. */
    final Map<String, SimBridge> byId = new LinkedHashMap<>();
    /** Deleted bridges that Asterisk's bridge manager has not dissolved yet: seen by GET, refused by the rest. */
    final Map<String, SimBridge> dissolving = new LinkedHashMap<>();

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

    /** Takes a channel out of its bridge, with the events of its leaving. */
    void leaveBridge(SimChannel ch) {
        SimBridge b = ch.bridge;
        if (ch.vars.containsKey("BRIDGEPEER")) {
            pbx.varset(ch, "BRIDGEPEER", "");
        }
        b.channels.remove(ch);
        ch.bridge = null;
        pbx.bridgeChannelEvent("ChannelLeftBridge", b, ch);
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

    Reply createBridge(String pathId, Map<String, String> q) {
        String id = pathId != null ? pathId
                : Optional.ofNullable(Pbx.param(q, "bridgeId")).orElseGet(Pbx::newUuid);
        if (byId.containsKey(id) || dissolving.containsKey(id)) {
            throw new AriError(409, "Bridge with the same bridgeId already exists");
        }
        List<String> types = Pbx.csv(Pbx.param(q, "type"));
        String type = types.contains("holding") ? "holding" : "mixing";
        SimBridge b = new SimBridge(id, Optional.ofNullable(q.get("name")).orElse(""), type, Pbx.now());
        byId.put(id, b);
        return Reply.ok(b.toJson());
    }

    Reply destroyBridge(String id) {
        SimBridge b = bridge(id);
        boolean hadMembers = !b.channels.isEmpty();
        for (SimChannel ch : new ArrayList<>(b.channels)) {
            leaveBridge(ch);
        }
        pbx.playbacks.dropPlaybacksOf(b);
        // A bridge recording ends with its bridge: the Recorder channel is ejected when the bridge dissolves.
        pbx.recordings.finishRecordingsOf(b);
        ObjectNode p = pbx.obj();
        p.set("bridge", b.toJson());
        // Recorded: BridgeDestroyed precedes the 204.
        pbx.emit("BridgeDestroyed", p, null, b);
        byId.remove(id);
        if (pbx.bridgeDissolveMs > 0 && hadMembers) {
            // The 204 goes out once the dissolution is queued; the bridge manager removes a bridge whose members
            // are still leaving it a moment later (an empty one was gone 1 ms after the 204 in every recording).
            dissolving.put(id, b);
            pbx.later(pbx.bridgeDissolveMs, () -> dissolving.remove(id, b));
        }
        return Reply.noContent();
    }

    Reply addChannel(String bridgeId, Map<String, String> q) {
        SimBridge b = bridge(bridgeId);
        List<String> ids = Pbx.csv(Pbx.param(q, "channel"));
        if (ids.isEmpty()) {
            throw new AriError(400, "Channel not found");
        }
        List<SimChannel> adding = new ArrayList<>();
        for (String cid : ids) {
            SimChannel ch = pbx.channels.byId.get(cid);
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
            pbx.bridgeChannelEvent("ChannelEnteredBridge", b, ch);
            if (b.channels.size() == 2) {
                SimChannel first = b.channels.get(0);
                pbx.varset(first, "BRIDGEPEER", ch.name);
                pbx.varset(ch, "BRIDGEPEER", first.name);
            }
        }
        return Reply.noContent();
    }

    Reply removeChannel(String bridgeId, Map<String, String> q) {
        SimBridge b = bridge(bridgeId);
        List<SimChannel> removing = new ArrayList<>();
        for (String cid : Pbx.csv(Pbx.param(q, "channel"))) {
            SimChannel ch = pbx.channels.byId.get(cid);
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

    /**
     * Bridge music on hold, with the checks of {@code ast_ari_bridges_start_moh} / {@code _stop_moh}
     * (res/ari/resource_bridges.c): starting always succeeds on a bridge that exists, stopping one that plays
     * none is 409. Asterisk plays it through an announcer channel it pushes into the bridge; the fake sends
     * no music and does not list that channel.
     */
    Reply bridgeMusicOnHold(String id, boolean start) {
        SimBridge b = bridge(id);
        if (!start && !b.musicOnHold) {
            throw new AriError(409, "Bridge isn't playing music");
        }
        b.musicOnHold = start;
        return Reply.noContent();
    }
}
