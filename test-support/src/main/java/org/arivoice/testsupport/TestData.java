package org.arivoice.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's test fixtures: the folder {@code testdata/} at the root of the project (recordings of a real
 * Asterisk, the ARI and OpenAI Realtime declarations, real caller audio; {@code testdata/README.md} says where
 * each came from). They are part of the repository, so a test that needs one never skips: a missing file is a
 * broken checkout and fails the test with its path.
 *
 * <p>The folder is found from the system property {@code arivoice.testdata.dir} (the parent POM sets it for
 * Surefire and Failsafe), else by walking up from the working directory (a test run from an IDE).
 */
public final class TestData {
    /** The system property naming the fixtures folder. */
    public static final String PROPERTY = "arivoice.testdata.dir";
    private static final String MARKER = "README.md";

    private TestData() {
    }

    /**
     * The fixtures folder.
     *
     * @return the absolute path of {@code testdata/}
     * @throws IllegalStateException if it cannot be found (the message says where it was looked for)
     */
    public static Path dir() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path dir = Path.of(property).toAbsolutePath().normalize();
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                return dir;
            }
            throw new IllegalStateException("The test fixtures folder " + dir + " (system property " + PROPERTY
                    + ") has no " + MARKER + ": point the property at the project's testdata folder");
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No testdata folder (with " + MARKER + ") in " + start
                + " or a folder above it: run the tests from inside the project, or set -D" + PROPERTY);
    }

    /**
     * A fixture file.
     *
     * @param relative its path inside {@code testdata/}, for example {@code asterisk-ari/transcripts/x.jsonl}
     * @return its absolute path
     * @throws IllegalStateException if the file is missing (the message names it)
     */
    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException("The test fixture " + file + " is missing: it is part of the"
                    + " repository (see testdata/README.md); restore it with git checkout -- testdata");
        }
        return file;
    }
}
