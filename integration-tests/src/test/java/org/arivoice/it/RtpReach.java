package org.arivoice.it;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether RTP that the Asterisk container sends to its network's gateway reaches this JVM: the decision
 * behind {@link ContainerTarget#rtpLimitation()}, as a pure function of what the JVM and the engine say.
 *
 * <p>The test is where the gateway is, not what Testcontainers calls the Docker host: inside a container
 * ({@code /.dockerenv}) Testcontainers reports the bridge gateway (e.g. {@code 172.17.0.1}) as the host even
 * for an engine running next to the JVM, so an address test on that value would call a local engine remote.
 * The gateway reaches this JVM exactly when it is one of this machine's own addresses: true for an engine on
 * this Linux machine (also Docker in Docker), false for Docker Desktop's VM, a remote engine, or a host
 * engine whose socket is mounted into the container the JVM runs in.
 */
final class RtpReach {

    /** What the JVM and the engine report. */
    record Facts(String jvmOs, URI dockerHost, String engineOperatingSystem, boolean rootless, String gateway,
            boolean gatewayIsAnAddressOfThisMachine) {
    }

    private RtpReach() {
    }

    /**
     * Why RTP from the container to {@code facts.gateway()} does not reach this JVM, or empty when it does.
     *
     * @param facts what the JVM and the engine report
     * @return the reason, worded for a skipped test
     */
    static Optional<String> limitation(Facts facts) {
        String gateway = facts.gateway();
        if (!facts.jvmOs().toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("the Docker engine runs in a VM on " + facts.jvmOs() + ": Asterisk's RTP to the"
                    + " network gateway " + gateway + " does not reach this JVM (RTP scenarios need a Linux Docker"
                    + " engine whose bridge network reaches the host, or ARI_URL with ARI_MEDIA_HOST)");
        }
        String engineOs = String.valueOf(facts.engineOperatingSystem());
        if (engineOs.contains("Docker Desktop")) {
            return Optional.of("the Docker engine is " + engineOs + ", which runs in a VM: Asterisk's RTP to the"
                    + " network gateway " + gateway + " does not reach this JVM");
        }
        String scheme = String.valueOf(facts.dockerHost().getScheme()).toLowerCase(Locale.ROOT);
        String host = facts.dockerHost().getHost();
        if ((scheme.equals("tcp") || scheme.equals("http") || scheme.equals("https")) && !isLoopback(host)) {
            return Optional.of("the Docker engine is remote (" + facts.dockerHost() + "): its bridge network"
                    + " gateway " + gateway + " is not this machine, so Asterisk's RTP cannot reach this JVM");
        }
        if (facts.rootless()) {
            return Optional.of("the Docker engine runs rootless: its bridge network gateway " + gateway + " lives in"
                    + " the engine's own network namespace, so Asterisk's RTP cannot reach this JVM");
        }
        if (!facts.gatewayIsAnAddressOfThisMachine()) {
            return Optional.of("the container network's gateway " + gateway + " is not an address of this"
                    + " machine (is the engine's socket mounted from another host or container?), so Asterisk's"
                    + " RTP to it cannot reach this JVM");
        }
        return Optional.empty();
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
