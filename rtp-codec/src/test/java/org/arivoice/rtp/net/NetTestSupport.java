package org.arivoice.rtp.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.RtpPacketWriter;

/** Shared helpers for the UDP tests: raw peers on loopback, RTP bytes, a receiver that keeps copies. */
final class NetTestSupport {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private NetTestSupport() {
    }

    /** An endpoint on 127.0.0.1 with ephemeral ports. */
    static MediaEndpoint loopbackEndpoint(int loops) {
        return MediaEndpoint.builder().bindAddress(LOOPBACK).ephemeralPorts().loopThreads(loops)
                .threadNamePrefix("test-media-").build();
    }

    /** The loopback address and port of a session, where a peer sends to. */
    static InetSocketAddress target(MediaSession session) {
        return new InetSocketAddress(LOOPBACK, session.localPort());
    }

    /** A valid RTP packet. */
    static byte[] rtp(int payloadType, int seq, long timestamp, long ssrc, byte[] payload) {
        RtpPacketWriter w = new RtpPacketWriter().payloadType(payloadType).sequenceNumber(seq).timestamp(timestamp)
                .ssrc(ssrc);
        byte[] out = new byte[RtpPacket.FIXED_HEADER_LENGTH + payload.length];
        w.write(payload, 0, payload.length, out, 0);
        return out;
    }

    /**
     * Finds {@code count} consecutive ports on loopback that are free right now, starting at an odd or even
     * port as asked. Another process could take one before the test binds it; the range is chosen at random
     * in 20000-32000 (below the Linux ephemeral range) to make that unlikely.
     */
    static int freeConsecutivePorts(int count, boolean startOdd) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + random.nextInt(12_000);
            if (((base & 1) == 1) != startOdd) {
                base++;
            }
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no run of " + count + " free UDP ports found on loopback");
    }

    private static boolean allFree(int base, int count) {
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int p = base; p < base + count; p++) {
                held.add(new DatagramSocket(new InetSocketAddress(LOOPBACK, p)));
            }
            return true;
        } catch (SocketException e) {
            return false;
        } finally {
            held.forEach(DatagramSocket::close);
        }
    }

    /** Whether a UDP port on loopback can be bound right now. */
    static boolean canBind(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            return s.isBound();
        } catch (SocketException e) {
            return false;
        }
    }

    /** A plain blocking UDP socket on loopback standing in for Asterisk or an attacker. */
    static final class Peer implements AutoCloseable {
        final DatagramSocket socket;

        Peer() {
            try {
                socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                socket.setSoTimeout(10_000);
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        void send(byte[] datagram, MediaSession to) {
            try {
                socket.send(new DatagramPacket(datagram, datagram.length, target(to)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Receives one datagram, failing after 10 s. */
        byte[] receive() {
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Arrays.copyOf(buf, p.getLength());
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** What a receiver saw: a copy of the packet, since the view is reused. */
    record Received(int payloadType, boolean marker, int seq, long timestamp, long ssrc, byte[] payload,
            long arrivalNanos, String thread) {
    }

    /** A receiver that keeps a copy of every packet. */
    static final class Collector implements RtpReceiver {
        final ConcurrentLinkedQueue<Received> packets = new ConcurrentLinkedQueue<>();

        @Override
        public void onPacket(MediaSession session, RtpPacket packet, long arrivalNanos) {
            byte[] payload = new byte[packet.payloadLength()];
            packet.copyPayload(payload, 0);
            packets.add(new Received(packet.payloadType(), packet.marker(), packet.sequenceNumber(),
                    packet.timestamp(), packet.ssrc(), payload, arrivalNanos, Thread.currentThread().getName()));
        }

        int count() {
            return packets.size();
        }

        List<Received> list() {
            return new ArrayList<>(packets);
        }
    }
}
