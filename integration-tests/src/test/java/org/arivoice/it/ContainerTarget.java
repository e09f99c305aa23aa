package org.arivoice.it;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.NetworkSettings;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;
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
 * the VM; {@link #rtpLimitation()} says so ({@link RtpReach} decides) and RTP scenarios skip.
 */
final class ContainerTarget extends ProjectConfiguredTarget {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerTarget.class);

    /** The name the built image gets; the tag follows the base image's Asterisk version. */
    static final String IMAGE_NAME = "arivoice-asterisk-it:22.6.0";
    private static final int HTTP_PORT = 8088;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

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
     * Each step is logged before it starts, so a slow first build or a slow Asterisk shows in the log as what
     * it is. {@link ContainerPreflight} should have made sure the engine has the images this needs.
     *
     * @param asteriskDir the project's {@code asterisk} folder
     * @return the running target
     * @throws IllegalStateException if the folder lacks the Dockerfile or the image does not build
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
        LOG.info("Building the Asterisk image {} from {} (Docker's cache makes this quick after the first build).",
                IMAGE_NAME, dockerfile);
        long buildStart = System.nanoTime();
        try {
            image.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException("building " + IMAGE_NAME + " from " + dockerfile + " failed: "
                    + e.getMessage() + "; run `docker build -t arivoice-asterisk asterisk` to see the build's"
                    + " output", e);
        }
        LOG.info("Built {} in {} s; starting its container.", IMAGE_NAME, secondsSince(buildStart));
        GenericContainer<?> container = new GenericContainer<>(image)
                .withExposedPorts(HTTP_PORT)
                .waitingFor(new AnnouncedAriWait(Wait.forHttp("/ari/asterisk/info")
                        .forPort(HTTP_PORT)
                        .withBasicCredentials(USER, PASSWORD)
                        .forStatusCode(200), STARTUP_TIMEOUT));
        long startStart = System.nanoTime();
        container.start();
        LOG.info("Asterisk answered ARI {} s after its container was created.", secondsSince(startStart));
        String gateway = gatewayOf(container.getContainerInfo());
        return new ContainerTarget(container, gateway, rtpLimitation(gateway));
    }

    private static long secondsSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
    }

    /**
     * Says what it waits for (host, port, timeout), then waits: Testcontainers' own HTTP wait retries in
     * silence until its timeout.
     */
    private record AnnouncedAriWait(WaitStrategy http, Duration timeout) implements WaitStrategy {
        AnnouncedAriWait {
            http = http.withStartupTimeout(timeout);
        }

        @Override
        public void waitUntilReady(WaitStrategyTarget target) {
            LOG.info("Waiting up to {} s for ARI at http://{}:{}/ari/asterisk/info (container port {}) to answer"
                    + " 200; Asterisk loads its modules first.", timeout.toSeconds(), target.getHost(),
                    target.getMappedPort(HTTP_PORT), HTTP_PORT);
            http.waitUntilReady(target);
        }

        @Override
        public WaitStrategy withStartupTimeout(Duration startupTimeout) {
            return new AnnouncedAriWait(http, startupTimeout);
        }
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

    /**
     * Asks the engine what {@link RtpReach} needs. It does not use Testcontainers' "Docker host" address:
     * inside a container that is the bridge gateway even for an engine on this machine.
     */
    private static Optional<String> rtpLimitation(String gateway) {
        URI dockerHost = DockerClientFactory.instance().getTransportConfig().getDockerHost();
        Info info = DockerClientFactory.instance().getInfo();
        boolean rootless = info.getSecurityOptions() != null
                && info.getSecurityOptions().stream().anyMatch(option -> option.contains("name=rootless"));
        return RtpReach.limitation(new RtpReach.Facts(System.getProperty("os.name", "?"), dockerHost,
                info.getOperatingSystem(), rootless, gateway, isAddressOfThisMachine(gateway)));
    }

    private static boolean isAddressOfThisMachine(String address) {
        try {
            return NetworkInterface.getByInetAddress(InetAddress.getByName(address)) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
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
