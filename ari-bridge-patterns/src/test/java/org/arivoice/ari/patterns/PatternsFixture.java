package org.arivoice.ari.patterns;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.event.AriEvent;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.ari.resources.OriginateOptions;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.testsupport.Timeouts;

/** A FakeAsterisk, a client and a connected event stream for app {@code voicebot}, and a real UDP media socket per call. */
final class PatternsFixture implements AutoCloseable {
    static final String APP = "voicebot";

    final FakeAsterisk asterisk;
    final AriClient ari;
    final AriEventStream events;
    final CallPatterns patterns;
    final List<AriEvent> received = new CopyOnWriteArrayList<>();
    final UdpConnector media = new UdpConnector();

    PatternsFixture() {
        this(b -> b);
    }

    /** With the fake configured by {@code fake} (e.g. a longer bridge dissolution). */
    PatternsFixture(java.util.function.UnaryOperator<FakeAsterisk.Builder> fake) {
        asterisk = fake.apply(FakeAsterisk.builder()).build().start();
        ari = AriClient.builder().baseUrl(asterisk.baseUrl()).credentials("voicebot", "voicebot-secret").build();
        events = AriEventStream.builder().baseUrl(asterisk.baseUrl())
                .credentials(Credentials.basic("voicebot", "voicebot-secret")).applications(APP).build();
        events.subscribe(received::add);
        events.connect().join();
        // The client sees the handshake complete a moment before the server has registered the application.
        await().atMost(Timeouts.seconds(5)).until(() -> asterisk.registeredApplications().contains(APP)
                && asterisk.openEventSockets() == 1);
        patterns = CallPatterns.builder(ari, events).idPrefix("av-").build();
    }

    MediaCallOptions.Builder options() {
        return MediaCallOptions.builder(media).stepTimeout(Timeouts.seconds(3));
    }

    /** A simulated phone call to extension 1000, which enters Stasis; returns the caller's channel id. */
    String incomingCall() {
        String id = asterisk.simulateIncomingCall("1000");
        awaitStasisStart(id);
        return id;
    }

    /** A Local/caller@ari-it pair whose ;1 leg enters the application; returns that leg's id (peer: id + "-peer"). */
    String localCaller(String id) {
        return localCaller(id, "caller");
    }

    /** As {@link #localCaller(String)} with another extension of ari-it ({@code stasis}: both legs in the app). */
    String localCaller(String id, String extension) {
        ari.channels().originateWithId(id, OriginateOptions.builder("Local/" + extension + "@ari-it").app(APP)
                .otherChannelId(id + "-peer").build()).await();
        awaitStasisStart(id);
        return id;
    }

    /** Starts the flow for {@code caller} with {@link #options()} and waits until it is ready. */
    BridgedMediaCall readyCall(String caller) {
        BridgedMediaCall call = patterns.startMediaCall(caller, options().build());
        call.awaitReady(Timeouts.seconds(10));
        return call;
    }

    void awaitStasisStart(String channelId) {
        await().atMost(Timeouts.seconds(10)).until(() -> received.stream()
                .anyMatch(e -> e instanceof StasisStart s && s.channel().id().equals(channelId)));
    }

    void assertNoLeaks() {
        try {
            await().atMost(Timeouts.seconds(10)).untilAsserted(asterisk::assertNoLeaks);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("FakeAsterisk still holds: " + asterisk.leftovers(), e);
        }
    }

    @Override
    public void close() {
        patterns.close();
        events.close();
        media.close();
        asterisk.close();
    }

    /** One real UDP socket per call on 127.0.0.1; prepare() answers with its address. */
    static final class UdpConnector implements MediaConnector {
        final Map<String, DatagramSocket> sockets = new ConcurrentHashMap<>();
        final List<String> released = new CopyOnWriteArrayList<>();
        volatile Consumer<ExternalMediaChannel> onConnect = c -> { };

        @Override
        public CompletableFuture<String> prepare(String callId) {
            try {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                sockets.put(callId, s);
                return CompletableFuture.completedFuture("127.0.0.1:" + s.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public CompletableFuture<Void> connect(ExternalMediaChannel channel) {
            onConnect.accept(channel);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void release(String callId) {
            released.add(callId);
            DatagramSocket s = sockets.remove(callId);
            if (s != null) {
                s.close();
            }
        }

        /** Receives one RTP datagram for the call; returns its source address. */
        InetSocketAddress receiveOne(String callId) throws IOException {
            DatagramSocket s = sockets.get(callId);
            s.setSoTimeout(5000);
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no RTP arrived for " + callId + " within 5 s", e);
            }
            return (InetSocketAddress) p.getSocketAddress();
        }

        void close() {
            sockets.values().forEach(DatagramSocket::close);
        }
    }
}
