package org.arivoice.ari.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.arivoice.ari.internal.json.AriJson;

/**
 * Locates {@code ../shared/reference/asterisk-ari} for tests, and skips the calling test when it is absent.
 */
public final class SharedReference {
    private SharedReference() {
    }

    /**
     * The {@code reference/asterisk-ari} folder; skips the test if it is absent.
     *
     * @param whatIsSkipped says what the test would have checked
     * @return the folder
     */
    public static Path asteriskAri(String whatIsSkipped) {
        String prop = System.getProperty("arivoice.shared.dir");
        Path shared = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
        Path dir = shared.resolve("reference").resolve("asterisk-ari");
        if (!Files.isDirectory(dir) && prop != null) {
            dir = Path.of("..", "..", "shared", "reference", "asterisk-ari");
        }
        assumeTrue(Files.isDirectory(dir), "../shared is absent: " + whatIsSkipped);
        return dir;
    }

    /**
     * All transcript files ({@code transcripts/*.jsonl}), sorted by name.
     *
     * @param whatIsSkipped says what the test would have checked
     * @return the transcript paths
     */
    public static List<Path> transcripts(String whatIsSkipped) {
        try (Stream<Path> files = Files.list(asteriskAri(whatIsSkipped).resolve("transcripts"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lines of a transcript as JSON trees.
     *
     * @param transcript the file
     * @return one node per line
     */
    public static List<JsonNode> lines(Path transcript) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(transcript)) {
                if (!line.isBlank()) {
                    out.add(AriJson.mapper().readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
