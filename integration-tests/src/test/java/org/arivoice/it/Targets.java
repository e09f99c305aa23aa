package org.arivoice.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link AsteriskTarget} once per JVM, in this order:
 * <ol>
 *   <li>{@code external}: {@code ARI_URL}, {@code ARI_USER} and {@code ARI_PASSWORD} are set;</li>
 *   <li>{@code testcontainers}: a Docker engine is available and has, or can pull, the images the target needs
 *       ({@link ContainerPreflight}, which decides in seconds); {@code asterisk/Dockerfile} is built and run;</li>
 *   <li>{@code fake}: {@link org.arivoice.ari.testkit.FakeAsterisk} loaded with {@code asterisk/conf}.</li>
 * </ol>
 * The system property {@code arivoice.it.target} ({@code external}, {@code testcontainers} or {@code fake})
 * forces one kind, e.g. {@code -Darivoice.it.target=fake} on a machine with Docker. One log line names the
 * choice and why each earlier target was not used; {@link #notUsed()} keeps those reasons for test reports.
 * The target is closed when the JVM exits.
 */
public final class Targets {
    private static final Logger LOG = LoggerFactory.getLogger(Targets.class);
    private static final String FORCE_PROPERTY = "arivoice.it.target";

    private Targets() {
    }

    /** The lazily made, JVM-wide choice (holder idiom: thread-safe, made on first use). */
    private static final class Choice {
        static final Map<String, String> NOT_USED = new LinkedHashMap<>();
        static final AsteriskTarget TARGET;
        static final RuntimeException FAILURE;

        static {
            AsteriskTarget target = null;
            RuntimeException failure = null;
            try {
                target = choose(System.getenv(), NOT_USED);
            } catch (RuntimeException e) {
                failure = e;
                LOG.error("No Asterisk target for the integration tests: {}", e.getMessage());
            }
            TARGET = target;
            FAILURE = failure;
            if (target != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(Choice::closeQuietly, "asterisk-target-close"));
            }
        }

        private static void closeQuietly() {
            try {
                TARGET.close();
            } catch (RuntimeException e) {
                LOG.warn("closing {} failed: {}", TARGET.describe(), e.toString());
            }
        }
    }

    /**
     * The target for this JVM, started on first use.
     *
     * @return the target every scenario runs against
     * @throws IllegalStateException if the chosen target cannot start (e.g. Docker is there but the image
     *     does not build): failing is better than quietly testing something else. Every later call fails the
     *     same way without retrying.
     */
    public static AsteriskTarget current() {
        if (Choice.FAILURE != null) {
            throw new IllegalStateException("the Asterisk target for the integration tests could not start: "
                    + Choice.FAILURE.getMessage(), Choice.FAILURE);
        }
        return Choice.TARGET;
    }

    /**
     * The targets that were not chosen, with the reason, in the order they were considered.
     *
     * @return kind ({@code external}, {@code testcontainers}, {@code fake}) to reason, unmodifiable
     */
    public static Map<String, String> notUsed() {
        current();
        return Collections.unmodifiableMap(Choice.NOT_USED);
    }

    /**
     * Why a kind of target is not in use.
     *
     * @param kind {@code external}, {@code testcontainers} or {@code fake}
     * @return the reason, or empty when it is the current target
     */
    public static Optional<String> whyNotUsed(String kind) {
        return Optional.ofNullable(notUsed().get(kind));
    }

    private static AsteriskTarget choose(Map<String, String> env, Map<String, String> notUsed) {
        String forced = System.getProperty(FORCE_PROPERTY, "").trim();
        if (!forced.isEmpty() && !forced.equals("external") && !forced.equals("testcontainers")
                && !forced.equals("fake")) {
            throw new IllegalStateException("-D" + FORCE_PROPERTY + "=" + forced + " is not a target kind; use"
                    + " external, testcontainers or fake, or leave it unset to choose automatically");
        }
        long start = System.nanoTime();
        String preflightTook = "";
        Path confDir = confDir();
        AsteriskTarget target = null;

        Optional<String> noExternal = ExternalTarget.missing(env);
        if (!forced.isEmpty() && !forced.equals("external")) {
            notUsed.put("external", "-D" + FORCE_PROPERTY + "=" + forced);
        } else if (noExternal.isPresent()) {
            notUsed.put("external", noExternal.get());
            if (forced.equals("external")) {
                throw new IllegalStateException("-D" + FORCE_PROPERTY + "=external, but " + noExternal.get());
            }
        } else {
            target = ExternalTarget.fromEnvironment(env);
        }

        if (target != null) {
            notUsed.put("testcontainers", "an external Asterisk is given (ARI_URL)");
        } else if (!forced.isEmpty() && !forced.equals("testcontainers")) {
            notUsed.put("testcontainers", "-D" + FORCE_PROPERTY + "=" + forced);
        } else {
            long preflightStart = System.nanoTime();
            Optional<String> noContainers = ContainerPreflight.problem(confDir.getParent().resolve("Dockerfile"), env);
            preflightTook = " (found in " + seconds(preflightStart) + ")";
            if (noContainers.isPresent()) {
                notUsed.put("testcontainers", noContainers.get());
                if (forced.equals("testcontainers")) {
                    throw new IllegalStateException("-D" + FORCE_PROPERTY + "=testcontainers, but "
                            + noContainers.get());
                }
            } else {
                target = ContainerTarget.start(confDir.getParent());
            }
        }

        if (target != null) {
            notUsed.put("fake", "a real Asterisk is used (" + target.kind() + ")");
        } else {
            target = FakeTarget.start(confDir);
        }

        StringBuilder line = new StringBuilder("Integration tests run against ").append(target.describe())
                .append(" (chosen and started in ").append(seconds(start)).append(")");
        for (Map.Entry<String, String> entry : notUsed.entrySet()) {
            if (!entry.getKey().equals("fake")) {
                line.append("; not ").append(entry.getKey())
                        .append(entry.getKey().equals("testcontainers") ? preflightTook : "")
                        .append(": ").append(entry.getValue());
            }
        }
        LOG.info("{}", line);
        return target;
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static Path confDir() {
        String prop = System.getProperty("arivoice.asterisk.conf");
        if (prop == null || prop.isBlank()) {
            throw new IllegalStateException("system property arivoice.asterisk.conf is not set; run the tests"
                    + " through Maven (failsafe sets it to <repo>/asterisk/conf) or pass -Darivoice.asterisk.conf");
        }
        Path dir = Path.of(prop).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("arivoice.asterisk.conf names " + dir + ", which is not a directory;"
                    + " it must be the project's asterisk/conf folder");
        }
        return dir;
    }
}
