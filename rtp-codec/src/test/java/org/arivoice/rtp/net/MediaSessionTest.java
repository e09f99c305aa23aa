package org.arivoice.rtp.net;

import static org.arivoice.rtp.net.NetTestSupport.LOOPBACK;
import static org.arivoice.rtp.net.NetTestSupport.loopbackEndpoint;
import static org.arivoice.rtp.net.NetTestSupport.rtp;
import static org.arivoice.rtp.net.NetTestSupport.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.RtpParseResult;
import org.arivoice.rtp.net.NetTestSupport.Collector;
import org.arivoice.rtp.net.NetTestSupport.Peer;
import org.arivoice.rtp.net.NetTestSupport.Received;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MediaSessionTest {
    private static final byte[] FRAME = new byte[160];

    private MediaEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = loopbackEndpoint(2);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    /** Runs {@code sendFrame} on the session's loop and returns its result. */
    private static boolean sendOnLoop(MediaSession session, int pt, boolean marker, long mediaTs, byte[] payload) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        session.execute(() -> result.complete(session.sendFrame(pt, marker, mediaTs, payload, 0, payload.length)));
        return result.orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
    }

    @Test
    void twoEndpointsExchangePacketsWithConsecutiveSequenceNumbersAndOffsetTimestamps() throws Exception {
        try (MediaEndpoint other = loopbackEndpoint(1)) {
            Collector atB = new Collector();
            Collector atA = new Collector();
            MediaSession b = other.openSession(SessionOptions.builder().receiver(atB).build());
            MediaSession a = endpoint.openSession(SessionOptions.builder().receiver(atA).remote(target(b)).build());

            for (int i = 0; i < 5; i++) {
                byte[] payload = new byte[160];
                payload[0] = (byte) i;
                assertThat(sendOnLoop(a, 0, i == 0, 160L * i, payload)).isTrue();
            }
            await().until(() -> atB.count() == 5);

            List<Received> got = atB.list();
            Received first = got.get(0);
            assertThat(first.marker()).isTrue();
            assertThat(first.ssrc()).isEqualTo(a.ssrc());
            assertThat(first.seq()).isEqualTo(a.sequenceBase());
            assertThat(first.timestamp()).isEqualTo(a.timestampBase());
            for (int i = 0; i < 5; i++) {
                Received r = got.get(i);
                assertThat(r.payloadType()).isZero();
                assertThat(r.payload()).hasSize(160);
                assertThat(r.payload()[0]).isEqualTo((byte) i);
                assertThat(r.seq()).isEqualTo((first.seq() + i) & 0xFFFF);
                assertThat(r.timestamp()).isEqualTo((first.timestamp() + 160L * i) & 0xFFFF_FFFFL);
                assertThat(r.marker()).isEqualTo(i == 0);
                assertThat(r.thread()).startsWith("test-media-");
            }
            // b latched a's address from the first packet, so it can answer.
            assertThat(b.remoteAddress()).contains(new InetSocketAddress(LOOPBACK, a.localPort()));
            assertThat(sendOnLoop(b, 8, false, 0, FRAME)).isTrue();
            await().until(() -> atA.count() == 1);
            assertThat(atA.list().get(0).payloadType()).isEqualTo(8);
            assertThat(atA.list().get(0).ssrc()).isEqualTo(b.ssrc());

            SessionStats sa = a.stats();
            assertThat(sa.packetsSent()).isEqualTo(5);
            assertThat(sa.bytesSent()).isEqualTo(5 * (12 + 160));
            assertThat(sa.packetsReceived()).isEqualTo(1);
            SessionStats sb = b.stats();
            assertThat(sb.packetsReceived()).isEqualTo(5);
            assertThat(sb.bytesReceived()).isEqualTo(5 * (12 + 160));
            assertThat(sb.reception().ssrc()).isEqualTo(a.ssrc());
            assertThat(sb.reception().packetsReceived()).isEqualTo(4); // RFC 3550 A.1: first packet is probation
            assertThat(sb.reception().cumulativeLost()).isZero();
        }
    }

    @Test
    void timestampWrapsModulo2To32() throws Exception {
        try (Peer peer = new Peer()) {
            MediaSession s = endpoint.openSession(SessionOptions.builder().remote(peer.address()).build());
            long mediaTs = 0x1_0000_0000L - s.timestampBase() + 5; // base + mediaTs = 2^32 + 5
            assertThat(sendOnLoop(s, 0, false, mediaTs, FRAME)).isTrue();
            RtpPacket p = new RtpPacket();
            assertThat(p.parse(peer.receive(), 0, 12 + 160)).isEqualTo(RtpParseResult.OK);
            assertThat(p.timestamp()).isEqualTo(5);
        }
    }

    @Test
    void fixedSsrcIsUsed() throws Exception {
        try (Peer peer = new Peer()) {
            MediaSession s = endpoint.openSession(SessionOptions.builder().remote(peer.address()).ssrc(0xCAFEF00DL).build());
            assertThat(s.ssrc()).isEqualTo(0xCAFEF00DL);
            sendOnLoop(s, 0, false, 0, FRAME);
            RtpPacket p = new RtpPacket();
            byte[] d = peer.receive();
            assertThat(p.parse(d, 0, d.length).isOk()).isTrue();
            assertThat(p.ssrc()).isEqualTo(0xCAFEF00DL);
        }
    }

    @Test
    void latchesTheFirstValidSourceAndDropsEveryOtherSource() throws Exception {
        Collector got = new Collector();
        MediaSession s = endpoint.openSession(SessionOptions.builder().receiver(got).label("call-1").build());
        assertThat(s.remoteAddress()).isEmpty();
        assertThat(s.isRemoteConfigured()).isFalse();
        try (Peer asterisk = new Peer(); Peer intruder = new Peer()) {
            // Garbage from the intruder before anything valid arrived must not latch it.
            intruder.send(new byte[] {1, 2, 3}, s);
            await().until(() -> s.stats().rejected(RtpParseResult.TOO_SHORT) == 1);
            assertThat(s.remoteAddress()).isEmpty();

            asterisk.send(rtp(0, 100, 1000, 42, FRAME), s);
            await().until(() -> got.count() == 1);
            assertThat(s.remoteAddress()).contains(asterisk.address());

            for (int i = 0; i < 3; i++) {
                intruder.send(rtp(0, 500 + i, 9000, 666, FRAME), s);
            }
            await().until(() -> s.stats().foreignSourceDropped() == 3);

            asterisk.send(rtp(0, 101, 1160, 42, FRAME), s);
            await().until(() -> got.count() == 2);
            assertThat(got.list()).extracting(Received::ssrc).containsOnly(42L);
            assertThat(s.remoteAddress()).contains(asterisk.address());
            SessionStats stats = s.stats();
            assertThat(stats.packetsReceived()).isEqualTo(2);
            assertThat(stats.foreignSourceDropped()).isEqualTo(3);
        }
    }

    @Test
    void aSecondPortOnTheSameHostIsAForeignSource() throws Exception {
        Collector got = new Collector();
        MediaSession s = endpoint.openSession(SessionOptions.builder().receiver(got).build());
        try (Peer first = new Peer(); Peer samePortDifferent = new Peer()) {
            first.send(rtp(0, 1, 0, 7, FRAME), s);
            await().until(() -> got.count() == 1);
            // Same IP (127.0.0.1), other port: still not the latched peer.
            samePortDifferent.send(rtp(0, 2, 160, 7, FRAME), s);
            await().until(() -> s.stats().foreignSourceDropped() == 1);
            assertThat(got.count()).isEqualTo(1);
        }
    }

    @Test
    void configuredRemoteIsLockedFromTheStartAndCanBeSentToAtOnce() throws Exception {
        Collector got = new Collector();
        try (Peer asterisk = new Peer(); Peer intruder = new Peer()) {
            MediaSession s = endpoint.openSession(
                    SessionOptions.builder().receiver(got).remote(asterisk.address()).build());
            assertThat(s.isRemoteConfigured()).isTrue();
            assertThat(s.remoteAddress()).contains(asterisk.address());

            assertThat(sendOnLoop(s, 0, true, 0, FRAME)).isTrue();
            byte[] d = asterisk.receive();
            RtpPacket p = new RtpPacket();
            assertThat(p.parse(d, 0, d.length).isOk()).isTrue();
            assertThat(p.ssrc()).isEqualTo(s.ssrc());

            intruder.send(rtp(0, 1, 0, 1, FRAME), s);
            await().until(() -> s.stats().foreignSourceDropped() == 1);
            asterisk.send(rtp(0, 1, 0, 2, FRAME), s);
            await().until(() -> got.count() == 1);
            assertThat(got.list().get(0).ssrc()).isEqualTo(2);
        }
    }

    @Test
    void anExpectedRemoteIsSentToBeforeTheFirstPacketAndTheFirstPacketStillLatches() throws Exception {
        Collector got = new Collector();
        MediaSession s = endpoint.openSession(SessionOptions.builder().receiver(got).build());
        try (Peer reported = new Peer(); Peer nat = new Peer(); Peer intruder = new Peer()) {
            assertThat(sendOnLoop(s, 0, true, 0, FRAME)).isFalse();
            assertThat(s.stats().sendsWithoutRemote()).isEqualTo(1);

            assertThat(s.expectRemote(reported.address())).isTrue();
            assertThat(s.remoteAddress()).isEmpty();
            assertThat(s.sendAddress()).contains(reported.address());
            assertThat(s.toString()).contains("expected");
            assertThat(sendOnLoop(s, 0, true, 0, FRAME)).isTrue();
            RtpPacket p = new RtpPacket();
            byte[] d = reported.receive();
            assertThat(p.parse(d, 0, d.length).isOk()).isTrue();
            assertThat(p.ssrc()).isEqualTo(s.ssrc());

            // The real packets come from elsewhere (a NAT in between): that source latches and wins.
            nat.send(rtp(0, 1, 0, 5, FRAME), s);
            await().until(() -> got.count() == 1);
            assertThat(s.remoteAddress()).contains(nat.address());
            assertThat(s.sendAddress()).contains(nat.address());
            assertThat(sendOnLoop(s, 0, false, 160, FRAME)).isTrue();
            d = nat.receive();
            assertThat(p.parse(d, 0, d.length).isOk()).isTrue();
            assertThat(p.sequenceNumber()).isEqualTo((s.sequenceBase() + 1) & 0xFFFF);

            // Once latched, the session is locked as before; a later expectation changes nothing.
            intruder.send(rtp(0, 1, 0, 9, FRAME), s);
            await().until(() -> s.stats().foreignSourceDropped() == 1);
            assertThat(s.expectRemote(intruder.address())).isFalse();
            assertThat(s.sendAddress()).contains(nat.address());
        }
    }

    @Test
    void anExpectedRemoteMustBeAnAddressOneCanSendTo() throws Exception {
        MediaSession s = endpoint.openSession(SessionOptions.builder().build());
        assertThatThrownBy(() -> s.expectRemote(new InetSocketAddress("0.0.0.0", 10000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wildcard");
        assertThatThrownBy(() -> s.expectRemote(new InetSocketAddress(LOOPBACK, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> s.expectRemote(InetSocketAddress.createUnresolved("asterisk.invalid", 10000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolved");
        assertThat(s.sendAddress()).isEmpty();
    }

    @Test
    void aConfiguredRemoteIgnoresAnExpectation() throws Exception {
        try (Peer asterisk = new Peer(); Peer other = new Peer()) {
            MediaSession s = endpoint.openSession(SessionOptions.builder().remote(asterisk.address()).build());
            assertThat(s.expectRemote(other.address())).isFalse();
            assertThat(s.sendAddress()).contains(asterisk.address());
        }
    }

    @Test
    void malformedDatagramsAreCountedByReasonAndTheLoopKeepsGoing() throws Exception {
        Collector got = new Collector();
        MediaSession s = endpoint.openSession(SessionOptions.builder().receiver(got).build());
        try (Peer peer = new Peer()) {
            peer.send(new byte[5], s);                                    // too short
            byte[] v1 = rtp(0, 1, 0, 1, FRAME);
            v1[0] = (byte) 0x40;                                          // version 1
            peer.send(v1, s);
            byte[] rtcp = rtp(0, 1, 0, 1, FRAME);
            rtcp[1] = (byte) 200;                                         // RTCP sender report on the RTP port
            peer.send(rtcp, s);
            byte[] badPadding = rtp(0, 1, 0, 1, FRAME);
            badPadding[0] |= 0x20;                                        // P bit, last byte 0
            peer.send(badPadding, s);
            peer.send(rtp(0, 9, 0, 1, FRAME), s);                         // then a valid packet

            await().until(() -> got.count() == 1);
            SessionStats stats = s.stats();
            assertThat(stats.rejected(RtpParseResult.TOO_SHORT)).isEqualTo(1);
            assertThat(stats.rejected(RtpParseResult.BAD_VERSION)).isEqualTo(1);
            assertThat(stats.rejected(RtpParseResult.RTCP)).isEqualTo(1);
            assertThat(stats.rejected(RtpParseResult.BAD_PADDING)).isEqualTo(1);
            assertThat(stats.rejected(RtpParseResult.OK)).isZero();
            assertThat(stats.totalRejected()).isEqualTo(4);
            assertThat(stats.rejected()).doesNotContainKey(RtpParseResult.OK);
            assertThat(stats.packetsReceived()).isEqualTo(1);
            assertThat(got.list().get(0).seq()).isEqualTo(9);
            // The malformed datagrams came first, yet the valid one latched the peer.
            assertThat(s.remoteAddress()).contains(peer.address());
        }
    }

    @Test
    void oversizedDatagramIsReceivedWhole() throws Exception {
        Collector got = new Collector();
        MediaSession s = endpoint.openSession(SessionOptions.builder().receiver(got).build());
        byte[] big = new byte[8000];
        big[7999] = 77;
        try (Peer peer = new Peer()) {
            peer.send(rtp(96, 1, 0, 1, big), s);
            await().until(() -> got.count() == 1);
        }
        assertThat(got.list().get(0).payload()).hasSize(8000).endsWith(77);
    }

    @Test
    void aThrowingReceiverIsCountedAndDoesNotStopDelivery() throws Exception {
        try (MediaEndpoint single = loopbackEndpoint(1); Peer peer = new Peer()) {
            AtomicInteger calls = new AtomicInteger();
            MediaSession failing = single.openSession(SessionOptions.builder().receiver((session, packet, t) -> {
                calls.incrementAndGet();
                throw new IllegalStateException("bug in the application");
            }).build());
            Collector healthy = new Collector();
            MediaSession neighbour = single.openSession(SessionOptions.builder().receiver(healthy).build());

            for (int i = 0; i < 5; i++) {
                peer.send(rtp(0, i, 160L * i, 1, FRAME), failing);
            }
            await().until(() -> calls.get() == 5);
            await().until(() -> failing.stats().handlerErrors() == 5);
            peer.send(rtp(0, 1, 0, 1, FRAME), neighbour);
            await().until(() -> healthy.count() == 1);
            assertThat(failing.stats().packetsReceived()).isEqualTo(5);
            assertThat(failing.isOpen()).isTrue();
        }
    }

    @Test
    void aThrowingTaskIsChargedToItsSession() throws Exception {
        MediaSession s = endpoint.openSession(SessionOptions.defaults());
        s.execute(() -> {
            throw new IllegalArgumentException("boom");
        });
        await().until(() -> s.stats().handlerErrors() == 1);
        CompletableFuture<Boolean> ran = new CompletableFuture<>();
        s.execute(() -> ran.complete(s.isLoopThread()));
        assertThat(ran.get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void sendFrameOffTheLoopThreadIsRefusedWithAClearMessage() throws Exception {
        try (Peer peer = new Peer()) {
            MediaSession s = endpoint.openSession(SessionOptions.builder().remote(peer.address()).build());
            assertThat(s.isLoopThread()).isFalse();
            assertThatThrownBy(() -> s.sendFrame(0, false, 0, FRAME, 0, FRAME.length))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("media loop thread")
                    .hasMessageContaining("execute(Runnable)");
            assertThat(s.stats().packetsSent()).isZero();
        }
    }

    @Test
    void sendsBeforeTheRemoteIsKnownAreDroppedAndCounted() throws Exception {
        MediaSession s = endpoint.openSession(SessionOptions.defaults());
        assertThat(sendOnLoop(s, 0, false, 0, FRAME)).isFalse();
        assertThat(sendOnLoop(s, 0, false, 160, FRAME)).isFalse();
        SessionStats stats = s.stats();
        assertThat(stats.sendsWithoutRemote()).isEqualTo(2);
        assertThat(stats.packetsSent()).isZero();
    }

    @Test
    void aSendErrorIsCountedAndTheSessionCarriesOn() throws Exception {
        // Broadcast without SO_BROADCAST is refused by the kernel (EACCES, or ENETUNREACH without a route).
        InetSocketAddress broadcast = new InetSocketAddress("255.255.255.255", 9);
        MediaSession s = endpoint.openSession(SessionOptions.builder().remote(broadcast).build());
        assertThat(sendOnLoop(s, 0, false, 0, FRAME)).isFalse();
        assertThat(sendOnLoop(s, 0, false, 160, FRAME)).isFalse();
        assertThat(s.stats().sendErrors()).isEqualTo(2);
        assertThat(s.isOpen()).isTrue();
        Collector got = new Collector();
        MediaSession other = endpoint.openSession(SessionOptions.builder().receiver(got).build());
        try (Peer peer = new Peer()) {
            peer.send(rtp(0, 1, 0, 1, FRAME), other);
            await().until(() -> got.count() == 1);
        }
    }

    @Test
    void invalidSendArgumentsAreRejectedBeforeAnythingIsSent() throws Exception {
        try (Peer peer = new Peer()) {
            MediaSession s = endpoint.openSession(SessionOptions.builder().remote(peer.address()).build());
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            s.execute(() -> {
                try {
                    s.sendFrame(128, false, 0, FRAME, 0, FRAME.length);
                    thrown.complete(null);
                } catch (RuntimeException e) {
                    thrown.complete(e);
                }
            });
            assertThat(thrown.get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("payload type");
            assertThat(s.stats().packetsSent()).isZero();
            // The sequence number was not consumed by the refused call.
            sendOnLoop(s, 0, false, 0, FRAME);
            byte[] d = peer.receive();
            assertThat(ByteBuffer.wrap(d, 2, 2).getShort() & 0xFFFF).isEqualTo(s.sequenceBase());
        }
    }

    @Test
    void advertisedAddressIsFormattedForExternalMedia() throws Exception {
        try (MediaEndpoint v4 = MediaEndpoint.builder().bindAddress(LOOPBACK).advertisedHost("203.0.113.7")
                        .ephemeralPorts().loopThreads(1).build();
                MediaEndpoint v6 = MediaEndpoint.builder().bindAddress(LOOPBACK).advertisedHost("[2001:db8::5]")
                        .ephemeralPorts().loopThreads(1).build()) {
            MediaSession a = v4.openSession(SessionOptions.defaults());
            MediaSession b = v6.openSession(SessionOptions.defaults());
            assertThat(a.advertisedAddress()).isEqualTo("203.0.113.7:" + a.localPort());
            assertThat(b.advertisedAddress()).isEqualTo("[2001:db8::5]:" + b.localPort());
            assertThat(a.localAddress()).isEqualTo(new InetSocketAddress(LOOPBACK, a.localPort()));
            assertThat(v6.advertisedHost()).isEqualTo("2001:db8::5");
        }
        MediaSession c = endpoint.openSession(SessionOptions.builder().label("chan-9").build());
        assertThat(c.advertisedAddress()).isEqualTo("127.0.0.1:" + c.localPort());
        assertThat(c.label()).isEqualTo("chan-9");
        assertThat(c.toString()).contains("chan-9").contains("not latched");
    }

    @Test
    void aDualStackEndpointMatchesAConfiguredIpv4RemoteAgainstMappedSenders() throws Exception {
        MediaEndpoint dual;
        try {
            dual = MediaEndpoint.builder().bindAddress("::").advertisedHost("127.0.0.1").ephemeralPorts()
                    .loopThreads(1).build();
            dual.openSession(SessionOptions.defaults()).close();
        } catch (java.io.IOException | RuntimeException e) {
            org.junit.jupiter.api.Assumptions.abort("IPv6 is not available here: " + e);
            return;
        }
        try (dual; Peer peer = new Peer()) {
            Collector got = new Collector();
            MediaSession s = dual.openSession(SessionOptions.builder().receiver(got).remote(peer.address()).build());
            // A dual-stack socket sees the IPv4 peer as ::ffff:127.0.0.1; it must still match 127.0.0.1.
            peer.send(rtp(0, 1, 0, 1, FRAME), s);
            await().until(() -> got.count() == 1);
            assertThat(s.stats().foreignSourceDropped()).isZero();
            assertThat(sendOnLoop(s, 0, false, 0, FRAME)).isTrue();
            assertThat(peer.receive()).hasSize(12 + 160);
        }
    }

    @Test
    void anIpv6RemoteOnAnIpv4EndpointIsRefused() {
        SessionOptions options = SessionOptions.builder().remote(new InetSocketAddress("::1", 5000)).build();
        assertThatThrownBy(() -> endpoint.openSession(options)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IPv6").hasMessageContaining("127.0.0.1");
        assertThat(endpoint.sessionCount()).isZero();
    }
}
