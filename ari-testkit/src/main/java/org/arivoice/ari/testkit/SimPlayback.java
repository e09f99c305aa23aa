package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One playback (a playlist of media URIs) on a channel or a bridge. Guarded by the {@link Pbx} lock. */
final class SimPlayback {
    final String id;
    final List<String> items;
    final String targetUri;
    final SimChannel channel;
    final SimBridge bridge;
    int index;
    String state = "queued";
    PbxTimer timer;

    SimPlayback(String id, List<String> items, SimChannel channel, SimBridge bridge) {
        this.id = id;
        this.items = List.copyOf(items);
        this.channel = channel;
        this.bridge = bridge;
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
        o.put("state", state);
        return o;
    }
}
