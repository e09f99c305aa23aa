package org.arivoice.it;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The Docker images the Testcontainers target needs before it can start, as a pure function of the
 * Dockerfile, the environment and what the engine says about its {@code bridge} network. {@link
 * ContainerPreflight} then asks the engine whether it has each one or can pull it.
 *
 * <p>Besides the Dockerfile's base images, Testcontainers 1.21 itself starts two containers of its own:
 * <ul>
 *   <li>{@value #RYUK_IMAGE} ("Ryuk", which removes the test containers when the JVM exits), unless
 *       {@code TESTCONTAINERS_RYUK_DISABLED=true};</li>
 *   <li>{@value #TINY_IMAGE}, to find the address at which this JVM reaches the containers' ports, when the
 *       JVM runs in a container itself ({@code /.dockerenv} exists), talks to the engine over a socket, the
 *       engine's {@code bridge} network reports no gateway (Docker 20.10 reports none), and
 *       {@code TESTCONTAINERS_HOST_OVERRIDE} is not set.</li>
 * </ul>
 * Both names are the ones written in Testcontainers' classes (checked by {@code NeededImagesTest}, which
 * fails when an upgrade changes them).
 */
final class NeededImages {
    /** The Ryuk image Testcontainers 1.21.4 starts ({@code org.testcontainers.utility.RyukContainer}). */
    static final String RYUK_IMAGE = "testcontainers/ryuk:0.12.0";
    /** The image Testcontainers 1.21.4 runs commands in ({@code DockerClientFactory.TINY_IMAGE}). */
    static final String TINY_IMAGE = "alpine:3.17";

    /** An image and what it is for, in words for the reason line. */
    record Image(String name, String purpose) {
    }

    /** What decides which of Testcontainers' own images are needed. */
    record Setting(Map<String, String> env, boolean inAContainer, String dockerHostScheme,
            boolean bridgeNetworkHasGateway) {
    }

    private NeededImages() {
    }

    /**
     * The images to have before starting the Testcontainers target, in the order Testcontainers needs them.
     *
     * @param dockerfile the text of the Dockerfile the target builds
     * @param setting the environment and the engine's answers
     * @param substitutor the name Testcontainers gives its own images (its configured {@code
     *     ImageNameSubstitutor}); the base images are used by the build under the names the Dockerfile gives
     * @return the images with their purpose
     */
    static List<Image> forContainerTarget(String dockerfile, Setting setting, UnaryOperator<String> substitutor) {
        List<Image> images = new ArrayList<>();
        if (hostLookupRunsAContainer(setting)) {
            images.add(new Image(substitutor.apply(TINY_IMAGE), "run by Testcontainers to find this machine's"
                    + " address, because /.dockerenv exists and TESTCONTAINERS_HOST_OVERRIDE is not set"));
        }
        if (!Boolean.parseBoolean(setting.env().get("TESTCONTAINERS_RYUK_DISABLED"))) {
            images.add(new Image(substitutor.apply(RYUK_IMAGE), "Testcontainers' Ryuk, which removes the test"
                    + " containers on exit; TESTCONTAINERS_RYUK_DISABLED=true does without it"));
        }
        for (String base : baseImages(dockerfile)) {
            images.add(new Image(base, "the base image of asterisk/Dockerfile"));
        }
        return images;
    }

    /**
     * Whether Testcontainers will run {@value #TINY_IMAGE} to find the host its mapped ports are on (its
     * {@code DockerClientProviderStrategy.resolveDockerHostIpAddress}).
     */
    static boolean hostLookupRunsAContainer(Setting setting) {
        String override = setting.env().get("TESTCONTAINERS_HOST_OVERRIDE");
        if (override != null && !override.isBlank()) {
            return false;
        }
        String scheme = setting.dockerHostScheme().toLowerCase(Locale.ROOT);
        boolean socket = scheme.equals("unix") || scheme.equals("npipe");
        return socket && setting.inAContainer() && !setting.bridgeNetworkHasGateway();
    }

    /**
     * The images a Dockerfile's {@code FROM} lines name, without {@code scratch} and without names of earlier
     * build stages. A name that uses a build argument ({@code $VERSION}) cannot be known before the build and
     * is left out: the build itself reports it if it is missing.
     *
     * @param dockerfile the Dockerfile's text
     * @return the base images in the order they appear, each once
     */
    static List<String> baseImages(String dockerfile) {
        List<String> images = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        for (String raw : dockerfile.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (!words[0].equalsIgnoreCase("FROM")) {
                continue;
            }
            int i = 1;
            while (i < words.length && words[i].startsWith("--")) {
                i++; // --platform=... is the only FROM flag, always written with '='
            }
            if (i >= words.length) {
                continue;
            }
            String image = words[i];
            boolean earlierStage = stages.contains(image.toLowerCase(Locale.ROOT));
            if (i + 2 < words.length && words[i + 1].equalsIgnoreCase("AS")) {
                stages.add(words[i + 2].toLowerCase(Locale.ROOT));
            }
            if (!image.equalsIgnoreCase("scratch") && !image.contains("$") && !earlierStage
                    && !images.contains(image)) {
                images.add(image);
            }
        }
        return images;
    }
}
