package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RtpReachTest {
    private static final URI LOCAL_SOCKET = URI.create("unix:///var/run/docker.sock");

    private static RtpReach.Facts linux(URI dockerHost, String gateway, boolean gatewayIsLocal) {
        return new RtpReach.Facts("Linux", dockerHost, "Debian GNU/Linux 12 (bookworm)", false, gateway,
                gatewayIsLocal);
    }

    @Test
    void aLocalEngineWhoseGatewayIsOnThisMachineCarriesRtpEvenInsideAContainer() {
        // Inside a container (/.dockerenv) Testcontainers calls the bridge gateway 172.17.0.1 the Docker host;
        // the decision does not look at that name, only at where the gateway is.
        assertThat(RtpReach.limitation(linux(LOCAL_SOCKET, "172.17.0.1", true))).isEmpty();
        assertThat(RtpReach.limitation(linux(URI.create("unix:///tmp/private.sock"), "172.18.0.1", true))).isEmpty();
        assertThat(RtpReach.limitation(linux(URI.create("tcp://127.0.0.1:2375"), "172.17.0.1", true))).isEmpty();
        assertThat(RtpReach.limitation(linux(URI.create("tcp://localhost:2375"), "172.17.0.1", true))).isEmpty();
    }

    @Test
    void aGatewayThatIsNotAnAddressOfThisMachineIsALimitation() {
        // e.g. the host's socket mounted into the container this JVM runs in
        assertThat(RtpReach.limitation(linux(LOCAL_SOCKET, "172.17.0.1", false)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("172.17.0.1 is not an address of this"));
    }

    @Test
    void aRemoteEngineIsALimitationWhateverItsGatewayLooksLike() {
        assertThat(RtpReach.limitation(linux(URI.create("tcp://build-host:2376"), "172.17.0.1", true)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("remote (tcp://build-host:2376)"));
    }

    @Test
    void dockerDesktopAndNonLinuxJvmsAreVms() {
        RtpReach.Facts desktop = new RtpReach.Facts("Linux", LOCAL_SOCKET, "Docker Desktop", false, "172.17.0.1",
                false);
        assertThat(RtpReach.limitation(desktop))
                .hasValueSatisfying(reason -> assertThat(reason).contains("Docker Desktop, which runs in a VM"));
        RtpReach.Facts mac = new RtpReach.Facts("Mac OS X", LOCAL_SOCKET, "Docker Desktop", false, "172.17.0.1",
                false);
        assertThat(RtpReach.limitation(mac)).hasValueSatisfying(reason -> assertThat(reason).contains("Mac OS X"));
    }

    @Test
    void aRootlessEngineIsALimitation() {
        RtpReach.Facts rootless = new RtpReach.Facts("Linux", URI.create("unix:///run/user/1000/docker.sock"),
                "Ubuntu 24.04 LTS", true, "172.17.0.1", false);
        assertThat(RtpReach.limitation(rootless)).hasValueSatisfying(reason -> assertThat(reason).contains("rootless"));
    }
}
