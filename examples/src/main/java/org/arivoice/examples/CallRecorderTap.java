package org.arivoice.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.ari.patterns.ResourceKind;
import org.arivoice.ari.patterns.ResourceLedger;
import org.arivoice.ari.patterns.TeardownReport;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.resources.ExternalMediaOptions;
import org.arivoice.ari.resources.SnoopDirection;
import org.arivoice.ari.resources.SnoopOptions;
import org.arivoice.ari.stream.Subscription;
import org.arivoice.rtp.AudioPayload;
import org.arivoice.rtp.codec.G711;
import org.arivoice.rtp.jitter.FrameKind;
import org.arivoice.rtp.net.MediaEndpoint;
import org.arivoice.rtp.net.MediaStream;
import org.arivoice.rtp.net.MediaStreamOptions;

/**
 * Taps a live call without touching it: a snoop channel ({@code spy=in}: what the caller says) and an
 * ExternalMedia channel share a bridge of their own, and the caller's audio is written to a WAV file.
 *
 * <p>What it shows: snooping, the ExternalMedia channel's {@code StasisStart} arriving before its REST reply
 * (the subscription is made first), and a {@link ResourceLedger} that removes the snoop, the ExternalMedia
 * channel and the bridge on {@link #close()}, whatever state they are in.
 *
 * <p>Run: {@code java -cp examples.jar org.arivoice.examples.CallRecorderTap <channelId> <file.wav>} on a
 * call already in the application; without {@code ARI_URL} it taps a simulated caller on a FakeAsterisk.
 */
public final class CallRecorderTap implements AutoCloseable {
    private final ResourceLedger ledger;
    private final MediaStream stream;
    private final WavWriter wav;
    private final Subscription mediaStarted;

    private CallRecorderTap(ResourceLedger ledger, MediaStream stream, WavWriter wav, Subscription mediaStarted) {
        this.ledger = ledger;
        this.stream = stream;
        this.wav = wav;
        this.mediaStarted = mediaStarted;
    }

    /**
     * Starts tapping {@code channelId} into {@code file}.
     *
     * @param target where the call is
     * @param endpoint the UDP media endpoint
     * @param channelId a channel in the target's application
     * @param file the WAV file to write (8 kHz, 16-bit mono)
     * @return the tap, once audio can flow
     * @throws IOException if the file or the media socket cannot be opened
     */
    public static CallRecorderTap start(ExampleTarget target, MediaEndpoint endpoint, String channelId, Path file)
            throws IOException {
        String id = "tap-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        ResourceLedger ledger = new ResourceLedger(target.ari(), id, Duration.ofSeconds(15));
        WavWriter wav = new WavWriter(file);
        short[] pcm = new short[1024];
        MediaStream stream = MediaStream.open(endpoint, MediaStreamOptions.builder(AudioPayload.PCMU)
                .audioListener((buf, off, len, timestamp, kind) -> {
                    if (kind != FrameKind.AUDIO) {
                        return;
                    }
                    int n = Math.min(len, pcm.length);
                    G711.ulawToLinear(buf, off, n, pcm, 0);
                    try {
                        wav.write(pcm, n);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).build());
        String snoop = id + "-snoop";
        String bridge = id + "-bridge";
        String media = id + "-media";
        CompletableFuture<Void> started = new CompletableFuture<>();
        Subscription sub = target.events().subscribeChannel(media, e -> {
            if (e instanceof StasisStart) {
                started.complete(null);
            }
        });
        CallRecorderTap tap = new CallRecorderTap(ledger, stream, wav, sub);
        try {
            ledger.create(ResourceKind.SNOOP_CHANNEL, snoop, () -> target.ari().channels().snoopWithId(channelId, snoop,
                    SnoopOptions.builder(target.application()).spy(SnoopDirection.IN).appArgs("tap").build())).join();
            ledger.create(ResourceKind.BRIDGE, bridge, () -> target.ari().bridges().createWithId(bridge,
                    BridgeOptions.builder().type("mixing").name(id).build())).join();
            ledger.create(ResourceKind.EXTERNAL_MEDIA_CHANNEL, media, () -> target.ari().channels().externalMedia(
                    ExternalMediaOptions.builder(target.application(), "ulaw").channelId(media)
                            .externalHost(stream.session().advertisedAddress()).build())).join();
            started.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
            target.ari().bridges().addChannel(bridge, java.util.List.of(snoop, media), null, null, null, null).await();
            return tap;
        } catch (RuntimeException e) {
            tap.close();
            throw e;
        }
    }

    /**
     * Stops the tap: removes the snoop, the ExternalMedia channel and the bridge, and completes the WAV file.
     */
    @Override
    public void close() {
        TeardownReport report = ledger.teardown(false).join();
        mediaStarted.close();
        stream.close();
        try {
            wav.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not complete the WAV file", e);
        }
        if (!report.clean()) {
            System.err.println("the tap could not remove: " + report.failures());
        }
    }

    /**
     * Taps a channel given on the command line (real Asterisk), or a simulated caller for three seconds.
     *
     * @param args {@code <channelId> <file.wav>} for a real Asterisk; {@code [file.wav]} on the fake
     * @throws Exception if the tap fails
     */
    public static void main(String[] args) throws Exception {
        try (ExampleTarget target = ExampleTarget.fromEnvironment();
             MediaEndpoint endpoint = MediaEndpoint.builder().bindAddress("0.0.0.0")
                     .advertisedHost(target.mediaHost()).build()) {
            boolean fake = target.fake().isPresent();
            String channel = fake ? target.fake().get().simulateIncomingCall("1000") : args[0];
            Path file = Path.of(fake ? (args.length > 0 ? args[0] : "tap.wav") : args[1]);
            try (CallRecorderTap tap = CallRecorderTap.start(target, endpoint, channel, file)) {
                System.out.println("tapping " + channel + " into " + file.toAbsolutePath() + (fake ? " for 3 s"
                        : "; Enter to stop"));
                if (fake) {
                    Thread.sleep(3000);
                } else {
                    System.in.read();
                }
            }
            if (fake) {
                target.fake().get().hangUpFromFarEnd(channel);
            }
        }
    }
}
