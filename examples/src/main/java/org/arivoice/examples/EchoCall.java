package org.arivoice.examples;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.ari.patterns.BridgedMediaCall;
import org.arivoice.ari.patterns.CallPatterns;
import org.arivoice.ari.patterns.MediaCallOptions;
import org.arivoice.ari.patterns.MediaConnector;
import org.arivoice.rtp.AudioPayload;
import org.arivoice.rtp.jitter.FrameKind;
import org.arivoice.rtp.net.MediaEndpoint;
import org.arivoice.rtp.net.MediaStream;
import org.arivoice.rtp.net.MediaStreamOptions;
import org.arivoice.ari.stream.Subscription;

/**
 * The smallest media application: every caller that enters the Stasis application is answered, put in a
 * mixing bridge with an ExternalMedia channel, and hears their own voice back.
 *
 * <p>What it shows: {@link CallPatterns} running the bridge/ExternalMedia flow (no snoop), a
 * {@link MediaConnector} that opens one rtp-codec {@link MediaStream} per call, and the teardown that
 * removes the ExternalMedia channel and the bridge when the caller hangs up.
 *
 * <p>Run: {@code java -cp examples.jar org.arivoice.examples.EchoCall} (with {@code ARI_URL} etc. for a
 * real Asterisk; dial an extension that enters {@code Stasis(voicebot)}), or without them to watch it echo a
 * simulated caller on a FakeAsterisk.
 */
public final class EchoCall implements AutoCloseable {
    private final CallPatterns calls;
    private final MediaEndpoint endpoint;
    private final Subscription subscription;
    private final Map<String, MediaStream> streams = new ConcurrentHashMap<>();

    private EchoCall(ExampleTarget target, MediaEndpoint endpoint) {
        this.endpoint = endpoint;
        this.calls = CallPatterns.builder(target.ari(), target.events()).application(target.application())
                .idPrefix("echo-").build();
        MediaCallOptions options = MediaCallOptions.builder(new EchoConnector()).noSnoop().build();
        this.subscription = target.events().subscribeApplication(target.application(), event -> {
            if (event instanceof StasisStart start && !calls.isOwn(start.channel().id())) {
                BridgedMediaCall call = calls.startMediaCall(start.channel().id(), options);
                call.ready().thenAccept(r -> System.out.println("echoing " + r.callerChannelId()));
            }
        });
    }

    /**
     * Starts echoing every new caller of the target's application.
     *
     * @param target where to run
     * @param endpoint the UDP media endpoint (its advertised host must be reachable from Asterisk)
     * @return the running echo; close it to tear every call down
     */
    public static EchoCall start(ExampleTarget target, MediaEndpoint endpoint) {
        return new EchoCall(target, endpoint);
    }

    /** {@return the call patterns, e.g. for {@code status()}} */
    public CallPatterns calls() {
        return calls;
    }

    /** One MediaStream per call whose received audio goes straight back out. */
    private final class EchoConnector implements MediaConnector {
        @Override
        public CompletableFuture<String> prepare(String callId) {
            AtomicReference<MediaStream> self = new AtomicReference<>();
            MediaStream stream;
            try {
                stream = MediaStream.open(endpoint, MediaStreamOptions.builder(AudioPayload.PCMU)
                        .audioListener((buf, off, len, timestamp, kind) -> {
                            MediaStream s = self.get();
                            if (s != null && kind == FrameKind.AUDIO) {
                                s.enqueue(1, buf, off, len);   // one endless "utterance": the caller's own voice
                            }
                        }).build());
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            self.set(stream);
            streams.put(callId, stream);
            return CompletableFuture.completedFuture(stream.session().advertisedAddress());
        }

        @Override
        public void release(String callId) {
            MediaStream s = streams.remove(callId);
            if (s != null) {
                s.close();
            }
        }
    }

    @Override
    public void close() {
        subscription.close();
        calls.close();
    }

    /**
     * Runs the echo until Ctrl-C (real Asterisk), or echoes one simulated caller for a few seconds (fake).
     *
     * @param args none
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        try (ExampleTarget target = ExampleTarget.fromEnvironment();
             MediaEndpoint endpoint = MediaEndpoint.builder().bindAddress("0.0.0.0")
                     .advertisedHost(target.mediaHost()).build();
             EchoCall echo = EchoCall.start(target, endpoint)) {
            if (target.fake().isPresent()) {
                String caller = target.fake().get().simulateIncomingCall("1000");
                Thread.sleep(Duration.ofSeconds(4).toMillis());
                target.fake().get().hangUpFromFarEnd(caller);
                Thread.sleep(500);
                System.out.println("status after hang-up: " + echo.calls().status());
            } else {
                System.out.println("Echoing callers of application " + target.application() + "; Ctrl-C to stop.");
                Thread.currentThread().join();
            }
        }
    }
}
