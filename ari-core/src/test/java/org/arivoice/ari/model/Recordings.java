package org.arivoice.ari.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.arivoice.ari.internal.json.AriJson;
import org.arivoice.testsupport.TestData;

/**
 * The ARI fixtures of {@code testdata/asterisk-ari} (see {@code testdata/README.md}): Asterisk's api-docs and
 * the recordings of a real Asterisk. They are part of the repository, so a missing one fails the test.
 */
public final class Recordings {
    private Recordings() {
    }

    /**
     * Asterisk's ARI declarations.
     *
     * @return the {@code asterisk-ari/api-docs} folder
     */
    public static Path apiDocs() {
        return TestData.file("asterisk-ari/api-docs");
    }

    /**
     * One recording of a real Asterisk.
     *
     * @param name its file name, for example {@code bridge-snoop-externalmedia.jsonl}
     * @return its path
     */
    public static Path transcript(String name) {
        return TestData.file("asterisk-ari/transcripts/" + name);
    }

    /**
     * All transcript files ({@code transcripts/*.jsonl}), sorted by name.
     *
     * @return the transcript paths
     */
    public static List<Path> transcripts() {
        try (Stream<Path> files = Files.list(TestData.file("asterisk-ari/transcripts"))) {
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
