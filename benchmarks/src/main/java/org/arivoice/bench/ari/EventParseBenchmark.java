package org.arivoice.bench.ari;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.event.AriEvent;
import org.arivoice.ari.event.AriEvents;
import org.arivoice.ari.stream.AriEventStream;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ARI event throughput in events per second: {@code parse} is {@link AriEvents#parse(String)} alone on a
 * mix of real-shaped events; {@code streamDispatch} sends a batch of events from a loopback WebSocket server
 * through an {@link AriEventStream} (WebSocket framing, parse, routing to eight channel subscriptions and one
 * stream-wide subscription, hand-off to the dispatch executor) and waits until every handler call is done.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventParseBenchmark {
    private static final int BATCH = 20_000;
    private static final int CHANNELS = 8;

    static String channel(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"Local/caller@ari-it-00000000;1\",\"state\":\"Up\","
                + "\"protocol_id\":\"\",\"caller\":{\"name\":\"\",\"number\":\"\"},\"connected\":{\"name\":\"\","
                + "\"number\":\"\"},\"accountcode\":\"\",\"dialplan\":{\"context\":\"ari-it\",\"exten\":\"caller\","
                + "\"priority\":1,\"app_name\":\"Stasis\",\"app_data\":\"voicebot\"},"
                + "\"creationtime\":\"2026-11-25T19:34:00.573+0000\",\"language\":\"en\"}";
    }

    static String tail() {
        return ",\"asterisk_id\":\"02:fc:00:00:00:01\",\"application\":\"voicebot\"}";
    }

    /** Events in the shape and mix a call produces (ChannelVarset dominates real traffic). */
    static List<String> sampleEvents(String channelId) {
        String ts = "\"timestamp\":\"2026-11-25T19:34:00.577+0000\"";
        List<String> out = new ArrayList<>();
        out.add("{\"type\":\"StasisStart\"," + ts + ",\"args\":[],\"channel\":" + channel(channelId) + tail());
        out.add("{\"variable\":\"BRIDGEPEER\",\"value\":\"UnicastRTP/127.0.0.1:58250-0x55cd480705d0\","
                + "\"type\":\"ChannelVarset\"," + ts + ",\"channel\":" + channel(channelId) + tail());
        out.add("{\"type\":\"ChannelDtmfReceived\"," + ts + ",\"digit\":\"1\",\"duration_ms\":120,\"channel\":"
                + channel(channelId) + tail());
        out.add("{\"type\":\"PlaybackStarted\"," + ts + ",\"playback\":{\"id\":\"pb-1\",\"media_uri\":"
                + "\"sound:hello-world\",\"target_uri\":\"channel:" + channelId + "\",\"language\":\"en\","
                + "\"state\":\"playing\"}" + tail());
        out.add("{\"type\":\"ChannelEnteredBridge\"," + ts + ",\"bridge\":{\"id\":\"bridge-1\",\"technology\":"
                + "\"simple_bridge\",\"bridge_type\":\"mixing\",\"bridge_class\":\"stasis\",\"creator\":\"Stasis\","
                + "\"name\":\"\",\"channels\":[\"" + channelId + "\"],\"creationtime\":"
                + "\"2026-11-25T19:34:00.580+0000\",\"video_mode\":\"talker\"},\"channel\":" + channel(channelId)
                + tail());
        return out;
    }

    /** State of the pure parse benchmark. */
    @State(Scope.Thread)
    public static class ParseState {
        String[] events;
        int next;

        /** Loads the sample events. */
        @Setup
        public void setUp() {
            events = sampleEvents("call-1").toArray(new String[0]);
        }
    }

    /**
     * Parses one event.
     *
     * @param s the sample events
     * @return the event, so that the JIT cannot drop the work
     */
    @Benchmark
    public AriEvent parse(ParseState s) {
        String json = s.events[s.next];
        s.next = (s.next + 1) % s.events.length;
        return AriEvents.parse(json);
    }

    /** A loopback server and a connected stream with subscriptions. */
    @State(Scope.Benchmark)
    public static class StreamState {
        Server server;
        AriEventStream stream;
        WebSocket serverSide;
        final AtomicLong handled = new AtomicLong();
        String[] batch;

        /**
         * Starts the server, connects the stream and subscribes.
         *
         * @throws Exception if the loopback server or the connection fails
         */
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            server = new Server();
            server.start();
            server.started.await(10, TimeUnit.SECONDS);
            stream = AriEventStream.builder().baseUrl("http://127.0.0.1:" + server.getPort())
                    .credentials(Credentials.basic("bench", "bench")).applications("voicebot")
                    .queueCapacity(BATCH * 2).pingInterval(Duration.ZERO).build();
            for (int c = 0; c < CHANNELS; c++) {
                stream.subscribeChannel("call-" + c, e -> handled.incrementAndGet());
            }
            stream.subscribe(e -> handled.incrementAndGet());
            stream.awaitConnected(Duration.ofSeconds(10));
            serverSide = server.opened.poll(10, TimeUnit.SECONDS);
            // ChannelVarset only: no event ends a subscription, so the same subscriptions serve every batch.
            batch = new String[BATCH];
            for (int i = 0; i < BATCH; i++) {
                batch[i] = sampleEvents("call-" + (i % CHANNELS)).get(1);
            }
        }

        /**
         * Closes the stream and the server.
         *
         * @throws Exception if stopping the server is interrupted
         */
        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            stream.close();
            server.stop(1000);
        }
    }

    /**
     * Sends a batch over the loopback WebSocket and waits until every handler call is done.
     *
     * @param s the connected stream
     * @return the event count, so that the JIT cannot drop the work
     * @throws InterruptedException never in practice (the wait spins)
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long streamDispatch(StreamState s) throws InterruptedException {
        long target = s.handled.get() + 2L * BATCH; // each event reaches its channel and the stream-wide handler
        for (String json : s.batch) {
            s.serverSide.send(json);
        }
        while (s.handled.get() < target) {
            Thread.onSpinWait();
        }
        return s.stream.stats().events();
    }

    /** Minimal loopback WebSocket server standing in for Asterisk. */
    static final class Server extends WebSocketServer {
        final BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
        final CountDownLatch started = new CountDownLatch(1);

        Server() {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            opened.add(conn);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
