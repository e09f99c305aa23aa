package org.arivoice.bench.ari;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.patterns.BridgedMediaCall;
import org.arivoice.ari.patterns.CallEnd;
import org.arivoice.ari.patterns.CallPatterns;
import org.arivoice.ari.patterns.MediaCallOptions;
import org.arivoice.ari.patterns.MediaConnector;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the bridge/snoop/ExternalMedia flow of ari-bridge-patterns costs on loopback against
 * {@link FakeAsterisk}: answer, bridge, add caller, snoop, ExternalMedia (RTP), add it to the bridge, then the
 * ledger's teardown of all of it (seven REST calls and the events that go with them, plus the caller's own
 * hang-up). A real Asterisk's own handling time comes on top; this is the library's and the protocol's share.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MediaCallSetupBenchmark {
    private FakeAsterisk asterisk;
    private AriClient ari;
    private AriEventStream events;
    private CallPatterns patterns;
    private DatagramSocket media;
    private MediaCallOptions options;
    private String caller;

    /** Starts the fake, a client, a connected event stream and one UDP socket that all calls send to. */
    @Setup(Level.Trial)
    public void start() throws IOException {
        asterisk = FakeAsterisk.builder().build().start();
        ari = AriClient.builder().baseUrl(asterisk.baseUrl()).credentials("voicebot", "voicebot-secret").build();
        events = AriEventStream.builder().baseUrl(asterisk.baseUrl())
                .credentials(Credentials.basic("voicebot", "voicebot-secret")).applications("voicebot").build();
        events.connect().join();
        patterns = CallPatterns.builder(ari, events).build();
        media = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        options = MediaCallOptions.builder(MediaConnector.fixed("127.0.0.1:" + media.getLocalPort())).build();
    }

    /** A new caller in Stasis for each invocation (not measured). */
    @Setup(Level.Invocation)
    public void newCaller() {
        caller = asterisk.simulateIncomingCall("1000");
    }

    /**
     * Sets a call up and tears it down.
     *
     * @return how it ended
     */
    @Benchmark
    public CallEnd setUpAndTearDown() {
        BridgedMediaCall call = patterns.startMediaCall(caller, options);
        call.awaitReady(Duration.ofSeconds(10));
        return call.hangup().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Stops everything. */
    @TearDown(Level.Trial)
    public void stop() {
        patterns.close();
        events.close();
        ari.close();
        media.close();
        // Callers were hung up by the teardowns; anything else left would be a leak of the flow.
        java.util.List<String> left = asterisk.leftovers();
        asterisk.close();
        if (!left.isEmpty()) {
            throw new IllegalStateException("the benchmark leaked: " + left);
        }
    }
}
