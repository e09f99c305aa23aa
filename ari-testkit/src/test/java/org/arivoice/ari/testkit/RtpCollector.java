package org.arivoice.ari.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A UDP socket on 127.0.0.1 that keeps every datagram it receives, for ExternalMedia tests. */
final class RtpCollector implements AutoCloseable {
    final List<byte[]> packets = new CopyOnWriteArrayList<>();
    private final DatagramChannel socket;

    RtpCollector() throws IOException {
        socket = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(2048);
            while (socket.isOpen()) {
                try {
                    buf.clear();
                    socket.receive(buf);
                    buf.flip();
                    packets.add(Arrays.copyOf(buf.array(), buf.limit()));
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-rtp");
        t.setDaemon(true);
        t.start();
    }

    /** {@return the local port} */
    int port() throws IOException {
        return ((InetSocketAddress) socket.getLocalAddress()).getPort();
    }

    /** {@return {@code 127.0.0.1:<port>}, for {@code external_host}} */
    String hostPort() throws IOException {
        return "127.0.0.1:" + port();
    }

    /** Sends one datagram from this socket. */
    void send(byte[] datagram, int length, SocketAddress to) throws IOException {
        socket.send(ByteBuffer.wrap(datagram, 0, length), to);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
