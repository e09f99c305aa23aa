package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;

/**
 * One live recording of a channel or a bridge, with the audio captured so far (8 kHz signed 16-bit
 * little-endian, as Asterisk's {@code wav} format stores it). Guarded by the {@link Pbx} lock.
 */
final class SimRecording {
    /** Cap on captured audio (about 35 minutes) so that a forgotten recording cannot exhaust memory. */
    private static final int MAX_PCM_BYTES = 32 * 1024 * 1024;

    final String name;
    final String format;
    final String targetUri;
    final SimChannel channel;
    final SimBridge bridge;
    String state = "queued";
    PbxTimer timer;
    private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    /** A bridge recording is fed by the mixer every 20 ms once audio first flowed; silence included. */
    boolean mixing;
    /** Muted: silence is recorded in place of what is heard. */
    boolean muted;
    /** Canceled (DELETE) while recording: its file is deleted when it ends. */
    boolean discard;
    /** A bridge recording's Recorder channel in the bridge, or null. */
    String recorder;
    /** From the record request: the longest it records (s, 0 for no limit). */
    int maxDurationSeconds;
    /**
     * From the record request: the silence that ends it (s, 0 for none). The fake detects no silence; with a
     * limit set, RecordingFinished carries talking_duration and silence_duration, as recorded.
     */
    int maxSilenceSeconds;

    SimRecording(String name, String format, SimChannel channel, SimBridge bridge) {
        this.name = name;
        this.format = format;
        this.channel = channel;
        this.bridge = bridge;
        this.targetUri = channel != null ? "channel:" + channel.id : "bridge:" + bridge.id;
    }

    /** Appends earlier audio (ifExists=append). */
    void prepend(byte[] previousPcm) {
        pcm.writeBytes(previousPcm);
    }

    /** Appends one frame of linear samples. */
    void append(short[] samples) {
        if (pcm.size() + 2 * samples.length > MAX_PCM_BYTES) {
            return;
        }
        for (short s : samples) {
            pcm.write(s & 0xFF);
            pcm.write((s >> 8) & 0xFF);
        }
    }

    /** The captured audio, 16-bit little-endian. */
    byte[] pcm() {
        return pcm.toByteArray();
    }

    /** The length in whole seconds, as Asterisk reports {@code duration}. */
    int seconds() {
        return pcm.size() / 2 / 8000;
    }

    ObjectNode toJson(boolean withDuration) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", name);
        o.put("format", format);
        o.put("state", state);
        o.put("target_uri", targetUri);
        if (withDuration) {
            o.put("duration", seconds());
            if (maxSilenceSeconds > 0) {
                o.put("talking_duration", seconds());
                o.put("silence_duration", 0);
            }
        }
        return o;
    }
}
