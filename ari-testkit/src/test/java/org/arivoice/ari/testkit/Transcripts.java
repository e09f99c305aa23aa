package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.arivoice.testsupport.TestData;

/**
 * The recordings of a real Asterisk in {@code testdata/asterisk-ari/transcripts} (part of the repository, so a
 * missing one fails the test), and helpers to compare them with what the fake does.
 */
final class Transcripts {
    private Transcripts() {
    }

    /** A recording, for example {@code bridge-snoop-externalmedia.jsonl}. */
    static Path transcript(String name) {
        return TestData.file("asterisk-ari/transcripts/" + name);
    }

    static List<JsonNode> lines(Path file) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(TestAri.JSON.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The set of field paths of a JSON value (array elements merged), to compare shapes, not values. */
    static TreeSet<String> shape(JsonNode node) {
        TreeSet<String> out = new TreeSet<>();
        shape(node, "", out);
        return out;
    }

    private static void shape(JsonNode node, String prefix, TreeSet<String> out) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.add(p);
                shape(e.getValue(), p, out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                shape(element, prefix + "[]", out);
            }
        }
    }

    /** A label for an event that keeps what the recordings make deterministic and drops ids and times. */
    static String label(JsonNode e) {
        String type = e.path("type").asText();
        switch (type) {
            case "ChannelVarset":
                return type + ":" + e.path("variable").asText() + (e.path("value").asText().isEmpty() ? "=''" : "=set");
            case "ChannelHangupRequest":
                return type + ":" + e.path("cause").asText("-") + (e.path("soft").asBoolean() ? ":soft" : "");
            case "Dial":
                return type + ":" + e.path("dialstatus").asText();
            case "ChannelDialplan":
                return type + ":" + e.path("dialplan_app").asText() + "(" + e.path("dialplan_app_data").asText() + ")";
            case "ChannelStateChange":
                return type + ":" + e.path("channel").path("state").asText();
            default:
                if (e.has("playback")) {
                    return type + ":" + e.path("playback").path("state").asText();
                }
                return type;
        }
    }
}
