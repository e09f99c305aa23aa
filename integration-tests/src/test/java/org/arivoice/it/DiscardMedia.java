package org.arivoice.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.arivoice.ari.patterns.MediaConnector;

/**
 * A media connector for scenarios about call control rather than audio: one UDP socket that receives every
 * call's RTP and ignores it, so Asterisk (or the fake) always has a real destination.
 */
final class DiscardMedia implements MediaConnector, AutoCloseable {
    private final DatagramSocket socket;
    private final String externalHost;

    DiscardMedia(AsteriskTarget target) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(target.mediaBindHost()), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind a UDP socket on " + target.mediaBindHost(), e);
        }
        externalHost = target.mediaAdvertiseHost() + ":" + socket.getLocalPort();
    }

    @Override
    public CompletableFuture<String> prepare(String callId) {
        return CompletableFuture.completedFuture(externalHost);
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "DiscardMedia[" + externalHost + "]";
    }
}
