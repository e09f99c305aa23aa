package org.arivoice.rtp.net;

import static org.arivoice.rtp.net.NetTestSupport.LOOPBACK;
import static org.arivoice.rtp.net.NetTestSupport.canBind;
import static org.arivoice.rtp.net.NetTestSupport.freeConsecutivePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class MediaEndpointPortTest {

    private static MediaEndpoint endpoint(int first, int last, boolean evenOnly) {
        return MediaEndpoint.builder().bindAddress(LOOPBACK).portRange(first, last).evenPortsOnly(evenOnly)
                .loopThreads(1).threadNamePrefix("port-test-").build();
    }

    @Test
    void anExhaustedRangeFailsWithAMessageSayingWhatToDo() throws Exception {
        int p = freeConsecutivePorts(2, false);
        try (MediaEndpoint e = endpoint(p, p + 1, false)) {
            MediaSession a = e.openSession(SessionOptions.defaults());
            MediaSession b = e.openSession(SessionOptions.defaults());
            assertThat(List.of(a.localPort(), b.localPort())).containsExactlyInAnyOrder(p, p + 1);

            assertThatThrownBy(() -> e.openSession(SessionOptions.defaults()))
                    .isInstanceOf(NoFreePortException.class)
                    .hasMessage("no free UDP port in " + p + "-" + (p + 1) + " on 127.0.0.1: 2 sessions open;"
                            + " widen the range or close sessions")
                    .satisfies(t -> {
                        NoFreePortException n = (NoFreePortException) t;
                        assertThat(n.range()).isEqualTo(new PortRange(p, p + 1));
                        assertThat(n.openSessions()).isEqualTo(2);
                    });
            CompletableFuture<MediaSession> async = e.openSessionAsync(SessionOptions.defaults());
            assertThatThrownBy(async::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(NoFreePortException.class);
            assertThat(e.sessionCount()).isEqualTo(2);
        }
    }

    @Test
    void portsHeldByOtherSocketsAreSkippedAndMentioned() throws Exception {
        int p = freeConsecutivePorts(2, false);
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(LOOPBACK, p));
                MediaEndpoint e = endpoint(p, p + 1, false)) {
            assertThat(squatter.isBound()).isTrue();
            MediaSession s = e.openSession(SessionOptions.defaults());
            assertThat(s.localPort()).isEqualTo(p + 1);
            assertThatThrownBy(() -> e.openSession(SessionOptions.defaults()))
                    .isInstanceOf(NoFreePortException.class)
                    .hasMessageContaining("1 sessions open and 1 ports held by other sockets");
        }
    }

    @Test
    void aClosedSessionsPortCanBeReopened() throws Exception {
        int p = freeConsecutivePorts(1, false);
        try (MediaEndpoint e = endpoint(p, p, false)) {
            for (int round = 0; round < 3; round++) {
                MediaSession s = e.openSession(SessionOptions.defaults());
                assertThat(s.localPort()).isEqualTo(p);
                s.close();
                assertThat(s.isOpen()).isFalse();
                assertThat(e.sessionCount()).isZero();
            }
            assertThat(canBind(p)).isTrue();
        }
    }

    @Test
    void aReleasedPortIsNotHandedOutAgainStraightAway() throws Exception {
        int p = freeConsecutivePorts(3, false);
        try (MediaEndpoint e = endpoint(p, p + 2, false)) {
            MediaSession first = e.openSession(SessionOptions.defaults());
            assertThat(first.localPort()).isEqualTo(p);
            first.close();
            // Late packets of the previous call must not reach the next one: allocation moves on.
            assertThat(e.openSession(SessionOptions.defaults()).localPort()).isEqualTo(p + 1);
            assertThat(e.openSession(SessionOptions.defaults()).localPort()).isEqualTo(p + 2);
            assertThat(e.openSession(SessionOptions.defaults()).localPort()).isEqualTo(p);
        }
    }

    @Test
    void evenPortsOnlySkipsOddPorts() throws Exception {
        int p = freeConsecutivePorts(5, true); // p is odd: the range is odd, even, odd, even, odd
        try (MediaEndpoint e = endpoint(p, p + 4, true)) {
            List<Integer> ports = new ArrayList<>();
            ports.add(e.openSession(SessionOptions.defaults()).localPort());
            ports.add(e.openSession(SessionOptions.defaults()).localPort());
            assertThat(ports).containsExactly(p + 1, p + 3);
            assertThatThrownBy(() -> e.openSession(SessionOptions.defaults()))
                    .isInstanceOf(NoFreePortException.class).hasMessageContaining("(even ports only)");
        }
    }

    @Test
    void concurrentOpensNeverShareAPort() throws Exception {
        int p = freeConsecutivePorts(40, false);
        try (MediaEndpoint e = MediaEndpoint.builder().bindAddress(LOOPBACK).portRange(p, p + 39).loopThreads(2)
                .build()) {
            List<CompletableFuture<MediaSession>> futures = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 10; i++) {
                        CompletableFuture<MediaSession> f = e.openSessionAsync(SessionOptions.defaults());
                        synchronized (futures) {
                            futures.add(f);
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            List<Integer> ports = new ArrayList<>();
            for (CompletableFuture<MediaSession> f : futures) {
                ports.add(f.join().localPort());
            }
            assertThat(ports).hasSize(40).doesNotHaveDuplicates().allMatch(port -> port >= p && port <= p + 39);
        }
    }
}
