package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One simulated bridge. Mutable; guarded by the {@link Pbx} lock. */
final class SimBridge {
    final String id;
    final String name;
    final String type;
    final String creationtime;
    final List<SimChannel> channels = new ArrayList<>();
    final Set<String> subscribers = new LinkedHashSet<>();
    /** Whether music on hold plays into the bridge ({@code POST /bridges/{id}/moh}). */
    boolean musicOnHold;

    SimBridge(String id, String name, String type, String creationtime) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.creationtime = creationtime;
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id);
        o.put("technology", "holding".equals(type) ? "holding_bridge" : "simple_bridge");
        o.put("bridge_type", type);
        o.put("bridge_class", "stasis");
        o.put("creator", "Stasis");
        o.put("name", name);
        ArrayNode ids = o.putArray("channels");
        channels.forEach(c -> ids.add(c.id));
        o.put("creationtime", creationtime);
        o.put("video_mode", "talker");
        return o;
    }

    BridgeSnapshot snapshot() {
        return new BridgeSnapshot(id, name, type, channels.stream().map(c -> c.id).toList());
    }
}
