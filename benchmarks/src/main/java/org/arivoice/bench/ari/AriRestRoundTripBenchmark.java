package org.arivoice.bench.ari;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.model.AsteriskPing;
import org.arivoice.ari.model.Bridge;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.resources.BridgeOptions;
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
 * What one ARI REST call costs end to end on loopback: {@link AriClient} (request building, Basic auth,
 * {@code java.net.http}, JSON parsing into records) against {@link FakeAsterisk} (Jetty, routing, JSON
 * writing). The server's share cannot be separated here; a real Asterisk's own handling time comes on top.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AriRestRoundTripBenchmark {
    private FakeAsterisk asterisk;
    private AriClient ari;

    /** Starts a fake Asterisk with its recorded default users, and a client for it. */
    @Setup(Level.Trial)
    public void start() {
        asterisk = FakeAsterisk.builder().build().start();
        ari = AriClient.builder().baseUrl(asterisk.baseUrl()).credentials("voicebot", "voicebot-secret").build();
        // Two live channels make list() return real models, as on a server with calls.
        asterisk.simulateIncomingCall("stasis");
        asterisk.simulateIncomingCall("stasis");
    }

    /** Stops both. */
    @TearDown(Level.Trial)
    public void stop() {
        ari.close();
        asterisk.close();
    }

    /** {@return the smallest round trip: GET /asterisk/ping} */
    @Benchmark
    public AsteriskPing ping() {
        return ari.asterisk().ping().await();
    }

    /** {@return GET /channels with two channels, parsed into records} */
    @Benchmark
    public List<Channel> listChannels() {
        return ari.channels().list().await();
    }

    /** {@return a bridge created and destroyed: two write calls, as a call set-up and teardown make} */
    @Benchmark
    public Bridge createAndDestroyBridge() {
        Bridge bridge = ari.bridges().create(BridgeOptions.builder().type("mixing").build()).await();
        ari.bridges().destroy(bridge.id()).await();
        return bridge;
    }
}
