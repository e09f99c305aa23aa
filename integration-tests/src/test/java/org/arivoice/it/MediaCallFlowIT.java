package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.model.LiveRecording;
import org.arivoice.ari.patterns.BridgedMediaCall;
import org.arivoice.ari.patterns.CallEnd;
import org.arivoice.ari.patterns.CallPatterns;
import org.arivoice.ari.patterns.MediaCallOptions;
import org.arivoice.ari.patterns.MediaCallReady;
import org.arivoice.ari.patterns.MediaConnector;
import org.arivoice.ari.patterns.TeardownReason;
import org.arivoice.ari.patterns.TeardownReport;
import org.arivoice.rtp.AudioPayload;
import org.arivoice.rtp.net.MediaEndpoint;
import org.arivoice.rtp.net.MediaStream;
import org.arivoice.rtp.net.MediaStreamOptions;
import org.arivoice.testsupport.HangGuard;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The production flow of ari-bridge-patterns ({@link BridgedMediaCall}: answer, mixing bridge, caller, snoop,
 * ExternalMedia over RTP, ExternalMedia into the bridge) against the target, with real RTP: the caller's
 * 440 Hz tone reaches the test's UDP socket, and a 1 kHz tone the test sends back reaches the bridge, proved by
 * a recording of the bridge. After the caller hangs up nothing of the call is left in Asterisk.
 */
@HangGuard(seconds = 90)
class MediaCallFlowIT extends ScenarioSupport {
    private static final int RATE = Ulaw.RATE;

    private MediaEndpoint endpoint;
    private CallPatterns patterns;
    private final Map<String, MediaStream> streams = new ConcurrentHashMap<>();
    private final Map<String, AudioCapture> heard = new ConcurrentHashMap<>();

    @AfterEach
    void closePatterns() {
        if (patterns != null) {
            patterns.close();
        }
        streams.values().forEach(MediaStream::close);
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** One MediaStream per call on a shared endpoint; Asterisk is sent to the stream's advertised address. */
    private MediaConnector connector() {
        return new MediaConnector() {
            @Override
            public CompletableFuture<String> prepare(String callId) {
                AudioCapture capture = new AudioCapture();
                heard.put(callId, capture);
                MediaStream stream;
                try {
                    stream = MediaStream.open(endpoint,
                            capture.into(MediaStreamOptions.builder(AudioPayload.PCMU)).build());
                } catch (IOException e) {
                    return CompletableFuture.failedFuture(e);
                }
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
        };
    }

    private void openMedia() {
        endpoint = MediaEndpoint.builder().bindAddress(target.mediaBindHost())
                .advertisedHost(target.mediaAdvertiseHost()).ephemeralPorts().build();
        patterns = CallPatterns.builder(ari, events).application(target.application()).idPrefix(prefix()).build();
    }

    @Test
    void theCallersAudioReachesTheAppAndTheAppsAudioReachesTheBridge() {
        assumeRtpReachable();
        openMedia();
        String caller = originateInto("caller");
        BridgedMediaCall call = patterns.startMediaCall(caller, MediaCallOptions.builder(connector()).build());

        MediaCallReady ready = call.awaitReady(Timeouts.seconds(20));
        assertThat(ready.rtpPeer()).isPresent();
        assertThat(ari.bridges().get(ready.bridgeId()).await().channels())
                .containsExactlyInAnyOrder(caller, ready.externalMediaChannelId());

        // The caller's tone arrives at our socket.
        AudioCapture in = heard.get(call.callId());
        await().atMost(Timeouts.seconds(10)).until(() -> in.size() >= RATE);
        short[] callerAudio = Ulaw.decode(in.bytes());
        assertThat(Goertzel.power(callerAudio, RATE, 440)).as("caller's 440 Hz against 1 kHz")
                .isGreaterThan(10 * Goertzel.power(callerAudio, RATE, 1000));

        // We answer with 1 kHz while the bridge is recorded: the recording must hold our tone.
        String recording = prefix() + "flow-rec";
        call.startRecording(recording, "wav").orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        MediaStream media = streams.get(call.callId());
        byte[] reply = Ulaw.tone(1000, 2 * RATE);
        media.enqueue(1, reply, 0, reply.length);
        media.finish(1);
        await().atMost(Timeouts.seconds(10)).until(() -> media.sentMillis(1) >= 2000);
        LiveRecording finished = call.stopRecording(recording).orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(finished.name()).isEqualTo(recording);
        byte[] file = ari.recordings().getStoredFile(recording).await();
        ari.recordings().deleteStored(recording).await();
        WavAudio wav = WavAudio.parse(file);
        assertThat(wav.samples().length).as("samples recorded").isGreaterThan(wav.sampleRate());
        double ours = Goertzel.power(wav.samples(), wav.sampleRate(), 1000);
        assertThat(ours).as("our 1 kHz in the bridge recording, against 1.5 kHz that nobody sends")
                .isGreaterThan(10 * Goertzel.power(wav.samples(), wav.sampleRate(), 1500));

        // The caller hangs up: the ExternalMedia channel and the bridge, which Asterisk keeps, are removed.
        ari.channels().hangup(caller).await();
        CallEnd end = call.ended().orTimeout(Timeouts.ms(20, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.reason()).isEqualTo(TeardownReason.CALLER_HUNG_UP);
        assertThat(end.report().clean()).isTrue();
        assertThat(end.report().outcomes()).anySatisfy(o -> {
            assertThat(o.id()).isEqualTo(ready.externalMediaChannelId());
            assertThat(o.result()).isEqualTo(TeardownReport.Result.REMOVED);
        });
    }
}
