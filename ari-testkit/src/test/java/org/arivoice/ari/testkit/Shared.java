package org.arivoice.ari.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Access to ../shared (the recordings) for tests; tests skip when it is absent. */
final class Shared {
    private Shared() {
    }

    static Path dir() {
        String prop = System.getProperty("arivoice.shared.dir");
        Path p = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../../shared");
        return p;
    }

    static Path transcript(String name, String whatIsSkipped) {
        Path p = dir().resolve("reference/asterisk-ari/transcripts").resolve(name);
        assumeTrue(Files.isRegularFile(p), "../shared is absent: " + whatIsSkipped);
        return p;
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
