package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ScheduledFuture;

/** One live recording of a channel or a bridge. Guarded by the {@link Pbx} lock. */
final class SimRecording {
    final String name;
    final String format;
    final String targetUri;
    final SimChannel channel;
    final SimBridge bridge;
    String state = "queued";
    ScheduledFuture<?> timer;

    SimRecording(String name, String format, SimChannel channel, SimBridge bridge) {
        this.name = name;
        this.format = format;
        this.channel = channel;
        this.bridge = bridge;
        this.targetUri = channel != null ? "channel:" + channel.id : "bridge:" + bridge.id;
    }

    ObjectNode toJson(boolean withDuration) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", name);
        o.put("format", format);
        o.put("state", state);
        o.put("target_uri", targetUri);
        if (withDuration) {
            // The fake records no audio; the recorded Asterisk also reported 0 for a silent call.
            o.put("duration", 0);
        }
        return o;
    }
}
