package org.arivoice.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientConfigUtils;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Finds out in seconds whether the Testcontainers target can start here: a Docker engine answers, and it has
 * (or can pull) every image the target needs ({@link NeededImages}). Without this, an engine that cannot
 * reach a registry makes Testcontainers retry the Ryuk pull for minutes before it gives up.
 *
 * <p>It talks to the engine through a plain client of its own, so that nothing starts yet: Testcontainers'
 * shared client would start Ryuk on first use. A missing image is pulled at once; if the registry does not
 * answer within {@link #REGISTRY_ANSWER_TIMEOUT} (an error usually comes back in milliseconds), the target
 * is not usable and the reason names the image and the engine's answer. An image that does come is pulled to
 * the end here, with a log line, since the target needs it anyway.
 */
final class ContainerPreflight {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerPreflight.class);
    /** How long a registry has to start answering a pull. */
    static final Duration REGISTRY_ANSWER_TIMEOUT = Duration.ofSeconds(15);
    /** How long a running pull may go without a progress message before it counts as stalled. */
    static final Duration PULL_STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final String README_HINT = "see integration-tests/README.md, \"Docker without a registry\"";

    private ContainerPreflight() {
    }

    /**
     * Why the Testcontainers target cannot start, or empty when it can.
     *
     * @param dockerfile the Dockerfile the target builds
     * @param env the environment (Testcontainers reads its switches from there)
     * @return the reason in one line, for the target selection's log line and the test report
     * @throws IllegalStateException if the Dockerfile is missing: that is a broken checkout, not a machine
     *     without Docker
     */
    static Optional<String> problem(Path dockerfile, Map<String, String> env) {
        TransportConfig transport;
        try {
            transport = DockerClientFactory.instance().getTransportConfig();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(noEngine(env));
        }
        String dockerfileText = readDockerfile(dockerfile);
        String engine = transport.getDockerHost().toString();
        try (DockerClient client = DockerClientProviderStrategy.getClientForConfig(transport)) {
            NeededImages.Setting setting = new NeededImages.Setting(env, DockerClientConfigUtils.IN_A_CONTAINER,
                    transport.getDockerHost().getScheme(), bridgeNetworkHasGateway(client));
            List<NeededImages.Image> missing = new ArrayList<>();
            for (NeededImages.Image image
                    : NeededImages.forContainerTarget(dockerfileText, setting, ContainerPreflight::substituted)) {
                if (!present(client, image.name())) {
                    missing.add(image);
                }
            }
            for (int i = 0; i < missing.size(); i++) {
                NeededImages.Image image = missing.get(i);
                Optional<String> failure = pull(client, image);
                if (failure.isPresent()) {
                    StringBuilder reason = new StringBuilder("the Docker engine at ").append(engine)
                            .append(" has no ").append(image.name()).append(" (").append(image.purpose())
                            .append(") and cannot pull it: ").append(failure.get());
                    if (i + 1 < missing.size()) {
                        reason.append("; also missing: ");
                        for (int j = i + 1; j < missing.size(); j++) {
                            reason.append(j > i + 1 ? ", " : "").append(missing.get(j).name());
                        }
                    }
                    return Optional.of(reason.append("; ").append(README_HINT).toString());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the preflight's Docker client failed", e);
        } catch (RuntimeException e) {
            return Optional.of("the Docker engine at " + engine + " failed a preflight request: "
                    + engineMessage(e));
        }
    }

    private static String readDockerfile(Path dockerfile) {
        if (!Files.isRegularFile(dockerfile)) {
            throw new IllegalStateException("no Dockerfile at " + dockerfile + "; the Testcontainers target builds"
                    + " its image from the project's asterisk/ folder");
        }
        try {
            return Files.readString(dockerfile);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dockerfile + " failed", e);
        }
    }

    private static String noEngine(Map<String, String> env) {
        // Testcontainers keeps its reason to itself (its log says which strategies failed, and that logger is
        // off in logback-test.xml); say what a reader can check.
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return "no Docker engine found: DOCKER_HOST=" + dockerHost + " does not answer";
        }
        if (!Files.exists(Path.of("/var/run/docker.sock"))) {
            return "no Docker engine found: DOCKER_HOST is not set and /var/run/docker.sock does not exist";
        }
        return "no Docker engine found: /var/run/docker.sock does not answer (is the daemon running, and may this"
                + " user use it?)";
    }

    private static boolean bridgeNetworkHasGateway(DockerClient client) {
        try {
            Network bridge = client.inspectNetworkCmd().withNetworkId("bridge").exec();
            return bridge.getIpam() != null && bridge.getIpam().getConfig() != null
                    && bridge.getIpam().getConfig().stream()
                            .anyMatch(c -> c.getGateway() != null && !c.getGateway().isBlank());
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Testcontainers starts its own images under the name its configured substitutor gives them. */
    private static String substituted(String image) {
        return ImageNameSubstitutor.instance().apply(DockerImageName.parse(image)).asCanonicalNameString();
    }

    private static boolean present(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Pulls the image; the failure in words, or empty once it is there. */
    private static Optional<String> pull(DockerClient client, NeededImages.Image image) {
        DockerImageName name = DockerImageName.parse(image.name());
        CompletableFuture<Void> answered = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        ResultCallback.Adapter<PullResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PullResponseItem item) {
                lastProgress.set(System.nanoTime());
                if (item.isErrorIndicated()) {
                    String message = item.getErrorDetail() != null ? item.getErrorDetail().getMessage()
                            : "the engine reported an error while pulling: " + item;
                    done.completeExceptionally(new IllegalStateException(message));
                }
                answered.complete(null);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
                super.onError(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
                super.onComplete();
            }
        };
        long start = System.nanoTime();
        try (callback) {
            client.pullImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart()).exec(callback);
            try {
                CompletableFuture.anyOf(answered, done).get(REGISTRY_ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return Optional.of("the registry did not answer within " + REGISTRY_ANSWER_TIMEOUT.toSeconds() + " s");
            }
            if (!done.isDone()) {
                LOG.info("Pulling {} ({}); the registry answered, and a first download can take minutes.",
                        image.name(), image.purpose());
            }
            while (true) {
                try {
                    done.get(1, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException e) {
                    long quiet = System.nanoTime() - lastProgress.get();
                    if (quiet > PULL_STALL_TIMEOUT.toNanos()) {
                        return Optional.of("the pull made no progress for " + PULL_STALL_TIMEOUT.toSeconds()
                                + " s");
                    }
                }
            }
        } catch (ExecutionException e) {
            return Optional.of(engineMessage(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while pulling");
        } catch (IOException e) {
            throw new UncheckedIOException("closing the pull of " + image.name() + " failed", e);
        }
        if (!present(client, image.name())) {
            return Optional.of("the pull ended without the image being there");
        }
        LOG.info("Pulled {} in {} s.", image.name(), (System.nanoTime() - start) / 1_000_000_000L);
        return Optional.empty();
    }

    /**
     * The engine's own words: docker-java reports an HTTP error as {@code Status 500: {"message":"..."}}.
     */
    static String engineMessage(Throwable error) {
        String message = String.valueOf(error.getMessage());
        int start = message.indexOf("{\"message\":\"");
        int end = message.lastIndexOf("\"}");
        if (start >= 0 && end > start) {
            message = message.substring(start + "{\"message\":\"".length(), end).replace("\\\"", "\"");
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
