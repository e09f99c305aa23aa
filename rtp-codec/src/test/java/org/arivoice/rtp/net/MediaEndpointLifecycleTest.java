package org.arivoice.rtp.net;

import static org.arivoice.rtp.net.NetTestSupport.LOOPBACK;
import static org.arivoice.rtp.net.NetTestSupport.canBind;
import static org.arivoice.rtp.net.NetTestSupport.freeConsecutivePorts;
import static org.arivoice.rtp.net.NetTestSupport.loopbackEndpoint;
import static org.arivoice.rtp.net.NetTestSupport.rtp;
import static org.arivoice.rtp.net.NetTestSupport.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.arivoice.rtp.net.NetTestSupport.Collector;
import org.arivoice.rtp.net.NetTestSupport.Peer;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

class MediaEndpointLifecycleTest {
    private static final byte[] FRAME = new byte[160];

    @Test
    void twoHundredSessionsOnTwoLoopsAllReceive() throws Exception {
        int sessions = 200;
        try (MediaEndpoint endpoint = loopbackEndpoint(2); DatagramChannel sender = DatagramChannel.open()) {
            sender.bind(new InetSocketAddress(LOOPBACK, 0));
            List<MediaSession> list = new ArrayList<>();
            List<AtomicInteger> counts = new ArrayList<>();
            Map<String, Integer> perThread = new ConcurrentHashMap<>();
            for (int i = 0; i < sessions; i++) {
                AtomicInteger count = new AtomicInteger();
                counts.add(count);
                list.add(endpoint.openSession(SessionOptions.builder().receiver((session, packet, t) -> {
                    if (count.getAndIncrement() == 0) {
                        perThread.merge(Thread.currentThread().getName(), 1, Integer::sum);
                    }
                }).build()));
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < sessions; i++) {
                    sender.send(ByteBuffer.wrap(rtp(0, round, 160L * round, i, FRAME)), target(list.get(i)));
                }
            }
            await().atMost(Timeouts.seconds(30)).until(() -> counts.stream().allMatch(c -> c.get() == 3));
            // The least-loaded policy splits sessions opened one after another evenly over the loops.
            assertThat(perThread).containsOnlyKeys("test-media-0", "test-media-1");
            assertThat(perThread.values()).containsOnly(100);
            assertThat(list).extracting(MediaSession::localPort).doesNotHaveDuplicates();
            assertThat(endpoint.sessionCount()).isEqualTo(sessions);
        }
    }

    @Test
    void closingASessionFromAnotherThreadWhileTrafficFlowsIsClean() throws Exception {
        try (MediaEndpoint endpoint = loopbackEndpoint(1); Peer peer = new Peer()) {
            Collector got = new Collector();
            MediaSession victim = endpoint.openSession(SessionOptions.builder().receiver(got).build());
            Collector neighbourGot = new Collector();
            MediaSession neighbour = endpoint.openSession(SessionOptions.builder().receiver(neighbourGot).build());
            int port = victim.localPort();

            AtomicBoolean run = new AtomicBoolean(true);
            AtomicReference<Throwable> senderFailure = new AtomicReference<>();
            Thread blaster = new Thread(() -> {
                int seq = 0;
                try {
                    while (run.get()) {
                        peer.send(rtp(0, seq, 160L * seq, 5, FRAME), victim);
                        seq++;
                        if ((seq & 63) == 0) {
                            Thread.onSpinWait();
                        }
                    }
                } catch (Throwable t) {
                    senderFailure.set(t);
                }
            });
            blaster.start();
            try {
                await().until(() -> got.count() > 100);
                CompletableFuture<Void> closedElsewhere = CompletableFuture.runAsync(victim::close);
                closedElsewhere.get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
                assertThat(victim.isOpen()).isFalse();
                int afterClose = got.count();
                // The loop survived and serves the other session.
                peer.send(rtp(0, 1, 0, 6, FRAME), neighbour);
                await().until(() -> neighbourGot.count() == 1);
                assertThat(got.count()).isEqualTo(afterClose);
            } finally {
                run.set(false);
                blaster.join();
            }
            assertThat(senderFailure.get()).isNull();
            assertThat(canBind(port)).isTrue();
            victim.close(); // idempotent
            assertThat(victim.closeAsync().toCompletableFuture()).isCompleted();
        }
    }

    @Test
    void aSessionCanCloseItselfFromItsOwnCallback() throws Exception {
        try (MediaEndpoint endpoint = loopbackEndpoint(1); Peer peer = new Peer()) {
            AtomicInteger delivered = new AtomicInteger();
            MediaSession s = endpoint.openSession(SessionOptions.builder().receiver((session, packet, t) -> {
                delivered.incrementAndGet();
                session.close(); // on the loop thread: must not wait for itself
            }).build());
            int port = s.localPort();
            peer.send(rtp(0, 1, 0, 1, FRAME), s);
            peer.send(rtp(0, 2, 160, 1, FRAME), s);
            // The session leaves the endpoint once its port is free.
            await().until(() -> endpoint.sessionCount() == 0);
            assertThat(s.isOpen()).isFalse();
            assertThat(s.closeAsync().toCompletableFuture()).isCompleted();
            assertThat(delivered.get()).isEqualTo(1);
            assertThat(canBind(port)).isTrue();
            assertThat(endpoint.sessionCount()).isZero();
        }
    }

    @Test
    void closingTheEndpointClosesSessionsFreesPortsAndStopsThreads() throws Exception {
        int p = freeConsecutivePorts(10, false);
        MediaEndpoint endpoint = MediaEndpoint.builder().bindAddress(LOOPBACK).portRange(p, p + 9).loopThreads(2)
                .threadNamePrefix("closing-").build();
        Set<Thread> loopThreads = ConcurrentHashMap.newKeySet();
        List<MediaSession> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            MediaSession s = endpoint.openSession(SessionOptions.builder()
                    .timer((session, now) -> loopThreads.add(Thread.currentThread())).build());
            s.scheduleAt(System.nanoTime());
            sessions.add(s);
        }
        await().until(() -> loopThreads.size() == 2);

        endpoint.close();

        assertThat(endpoint.isClosed()).isTrue();
        assertThat(loopThreads).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
        assertThat(endpoint.sessionCount()).isZero();
        for (MediaSession s : sessions) {
            assertThat(s.isOpen()).isFalse();
            assertThat(s.closeAsync().toCompletableFuture()).isCompleted();
            s.close(); // harmless after the endpoint is gone
            assertThatThrownBy(() -> s.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        }
        for (int port = p; port <= p + 9; port++) {
            assertThat(canBind(port)).as("port %d", port).isTrue();
        }
        assertThatThrownBy(() -> endpoint.openSession(SessionOptions.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> endpoint.openSessionAsync(SessionOptions.defaults()).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class);
        endpoint.close(); // idempotent
    }

    @Test
    void theEndpointCanBeClosedFromALoopThread() throws Exception {
        MediaEndpoint endpoint = loopbackEndpoint(2);
        MediaSession s = endpoint.openSession(SessionOptions.defaults());
        CompletableFuture<Void> done = new CompletableFuture<>();
        s.execute(() -> {
            endpoint.close(); // cannot join its own thread; must not hang
            done.complete(null);
        });
        done.get(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        s.closeAsync().toCompletableFuture().get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        assertThat(endpoint.isClosed()).isTrue();
    }

    @Test
    void anEndpointBoundToAWildcardNeedsAnAdvertisedHost() {
        assertThatThrownBy(() -> MediaEndpoint.builder().bindAddress("0.0.0.0").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("advertisedHost")
                .hasMessageContaining("one-way audio");
        try (MediaEndpoint e = MediaEndpoint.builder().bindAddress("0.0.0.0").advertisedHost("192.0.2.1")
                .ephemeralPorts().loopThreads(1).build()) {
            assertThat(e.bindAddress().isAnyLocalAddress()).isTrue();
            assertThat(e.advertisedHost()).isEqualTo("192.0.2.1");
        }
    }

    @Test
    void builderRejectsNonsense() {
        MediaEndpoint.Builder b = MediaEndpoint.builder();
        assertThatThrownBy(() -> b.advertisedHost("10.0.0.1:4000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a port");
        assertThatThrownBy(() -> b.advertisedHost(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.portRange(5000, 4000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5000-4000");
        assertThatThrownBy(() -> b.portRange(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.loopThreads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.trafficClass(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.threadNamePrefix(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaEndpoint.builder().bindAddress(LOOPBACK).portRange(5001, 5001)
                .evenPortsOnly(true).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no even port");
        SessionOptions.Builder o = SessionOptions.builder();
        assertThatThrownBy(() -> o.remote(InetSocketAddress.createUnresolved("asterisk", 4000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unresolved");
        assertThatThrownBy(() -> o.remote(new InetSocketAddress("0.0.0.0", 4000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wildcard");
        assertThatThrownBy(() -> o.ssrc(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.clockRate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.label("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAreDocumentedOnes() {
        try (MediaEndpoint e = MediaEndpoint.builder().bindAddress(LOOPBACK).build()) {
            assertThat(e.portRange()).isEqualTo(new PortRange(40_000, 40_999));
            assertThat(e.evenPortsOnly()).isFalse();
            assertThat(e.loopThreads()).isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
            assertThat(e.advertisedHost()).isEqualTo("127.0.0.1");
        }
        SessionOptions d = SessionOptions.defaults();
        assertThat(d.remote()).isEmpty();
        assertThat(d.timer()).isEmpty();
        assertThat(d.ssrc()).isEqualTo(-1);
        assertThat(d.clockRate()).isEqualTo(8000);
        assertThat(d.receiver()).isSameAs(RtpReceiver.DISCARD);
        assertThat(PortRange.EPHEMERAL.isEphemeral()).isTrue();
        assertThat(new PortRange(40_000, 40_999).size()).isEqualTo(1000);
        assertThat(new PortRange(40_000, 40_999)).hasToString("40000-40999");
    }
}
