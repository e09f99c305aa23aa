package org.arivoice.it;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.NetworkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * An Asterisk 22 started in Docker by Testcontainers from {@code asterisk/Dockerfile} (the pinned
 * {@code andrius/asterisk} image plus {@code asterisk/conf}).
 *
 * <p>The image is built from the project's own Dockerfile rather than by copying files into the stock image
 * with {@code withCopyFileToContainer}, so that the container the tests use is exactly the one a developer
 * gets with {@code docker build -t arivoice-asterisk asterisk} (one definition, see {@code asterisk/README.md}).
 * The image keeps a fixed name and is not deleted on exit, so Docker's layer cache makes later runs start at
 * once.
 *
 * <p><b>RTP.</b> {@code Testcontainers.exposeHostPorts} forwards TCP only (through an SSH container), so
 * ExternalMedia RTP from Asterisk reaches the test JVM through the container network's gateway address, which
 * on Linux is an address of the host itself: the tests bind {@code 0.0.0.0} and advertise the gateway. On a
 * Docker engine that runs in a VM (Docker Desktop on macOS or Windows, a remote engine) the gateway is inside
 * the VM; {@link #rtpLimitation()} says so and RTP scenarios skip.
 */
final class ContainerTarget extends ProjectConfiguredTarget {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerTarget.class);

    /** The name the built image gets; the tag follows the base image's Asterisk version. */
    static final String IMAGE_NAME = "arivoice-asterisk-it:22.6.0";
    private static final int HTTP_PORT = 8088;

    private final GenericContainer<?> container;
    private final String baseUrl;
    private final String gateway;
    private final Optional<String> rtpLimitation;

    private ContainerTarget(GenericContainer<?> container, String gateway, Optional<String> rtpLimitation) {
        this.container = container;
        this.baseUrl = "http://" + container.getHost() + ":" + container.getMappedPort(HTTP_PORT);
        this.gateway = gateway;
        this.rtpLimitation = rtpLimitation;
    }

    /**
     * Builds the image from {@code asteriskDir} (which holds {@code Dockerfile} and {@code conf/}) and starts a
     * container, waiting up to 3 minutes until {@code GET /ari/asterisk/info} answers 200 to the test user.
     *
     * @param asteriskDir the project's {@code asterisk} folder
     * @return the running target
     * @throws IllegalStateException if the folder lacks the Dockerfile
     */
    @SuppressWarnings("resource") // the container is owned, and stopped, by the returned target
    static ContainerTarget start(Path asteriskDir) {
        Path dockerfile = asteriskDir.resolve("Dockerfile");
        if (!Files.isRegularFile(dockerfile)) {
            throw new IllegalStateException("no Dockerfile at " + dockerfile + "; the Testcontainers target builds"
                    + " its image from the project's asterisk/ folder");
        }
        ImageFromDockerfile image = new ImageFromDockerfile(IMAGE_NAME, false)
                .withFileFromPath("Dockerfile", dockerfile)
                .withFileFromPath("conf", asteriskDir.resolve("conf"));
        GenericContainer<?> container = new GenericContainer<>(image)
                .withExposedPorts(HTTP_PORT)
                .waitingFor(Wait.forHttp("/ari/asterisk/info")
                        .forPort(HTTP_PORT)
                        .withBasicCredentials(USER, PASSWORD)
                        .forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        container.start();
        String gateway = gatewayOf(container.getContainerInfo());
        return new ContainerTarget(container, gateway, rtpLimitation(gateway));
    }

    private static String gatewayOf(InspectContainerResponse info) {
        NetworkSettings settings = info.getNetworkSettings();
        if (settings != null && settings.getNetworks() != null) {
            for (ContainerNetwork network : settings.getNetworks().values()) {
                if (network.getGateway() != null && !network.getGateway().isBlank()) {
                    return network.getGateway();
                }
            }
        }
        if (settings != null && settings.getGateway() != null && !settings.getGateway().isBlank()) {
            return settings.getGateway();
        }
        LOG.warn("Docker reports no network gateway for the Asterisk container; RTP is advertised as 127.0.0.1,"
                + " which only works with host networking");
        return "127.0.0.1";
    }

    private static Optional<String> rtpLimitation(String gateway) {
        String os = System.getProperty("os.name", "?");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("the Docker engine runs in a VM on " + os + ": Asterisk's RTP to the network gateway "
                    + gateway + " does not reach this JVM (RTP scenarios need a Linux Docker engine whose bridge"
                    + " network reaches the host, or ARI_URL with ARI_MEDIA_HOST)");
        }
        String engine = String.valueOf(DockerClientFactory.instance().getInfo().getOperatingSystem());
        if (engine.contains("Docker Desktop")) {
            return Optional.of("the Docker engine is " + engine + ", which runs in a VM: Asterisk's RTP to the"
                    + " network gateway " + gateway + " does not reach this JVM");
        }
        String dockerHost = DockerClientFactory.instance().dockerHostIpAddress();
        if (!("localhost".equals(dockerHost) || dockerHost.startsWith("127.") || "::1".equals(dockerHost))) {
            return Optional.of("the Docker engine is remote (" + dockerHost + "): its bridge network gateway "
                    + gateway + " is not this machine, so Asterisk's RTP cannot reach this JVM");
        }
        return Optional.empty();
    }

    @Override
    public String kind() {
        return "testcontainers";
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String mediaAdvertiseHost() {
        return gateway;
    }

    @Override
    public String mediaBindHost() {
        return "0.0.0.0";
    }

    @Override
    public Optional<String> rtpLimitation() {
        return rtpLimitation;
    }

    @Override
    public Optional<FakeAsterisk> fake() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "Testcontainers Asterisk (" + IMAGE_NAME + ", container " + shortId() + ") at " + baseUrl
                + ", application " + APPLICATION + ", RTP to gateway " + gateway;
    }

    private String shortId() {
        String id = container.getContainerId();
        return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return describe();
    }
}
