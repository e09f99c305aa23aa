package org.arivoice.ari;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates {@code ../shared} (the reference material), skipping the calling test when it is absent. */
final class SharedReference {
    private SharedReference() {
    }

    static Path dir(String whatIsSkipped) {
        String property = System.getProperty("arivoice.shared.dir");
        Path dir = property != null ? Path.of(property) : Path.of("../../shared");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("../../shared");
        }
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("reference/asterisk-ari")),
                "../shared is absent: " + whatIsSkipped);
        return dir;
    }

    static Path apiDocs(String whatIsSkipped) {
        return dir(whatIsSkipped).resolve("reference/asterisk-ari/api-docs");
    }

    static Path transcript(String name, String whatIsSkipped) {
        return dir(whatIsSkipped).resolve("reference/asterisk-ari/transcripts").resolve(name);
    }
}
