package org.arivoice.ari.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.testkit.BridgeSnapshot;
import org.arivoice.ari.testkit.ChannelSnapshot;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BridgedMediaCallFlowTest {
    private final PatternsFixture fx = new PatternsFixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void readyCallHasCallerAndMediaInOneBridgeAndRtpComesFromTheReportedPeer() throws Exception {
        String caller = fx.incomingCall();
        BridgedMediaCall call = fx.patterns.startMediaCall(caller, fx.options().build());

        MediaCallReady ready = call.awaitReady(Timeouts.seconds(10));

        assertThat(ready.callerChannelId()).isEqualTo(caller);
        assertThat(ready.bridgeId()).isEqualTo(call.callId() + "-bridge").startsWith("av-");
        assertThat(ready.snoopChannelId()).contains(call.callId() + "-snoop");
        BridgeSnapshot bridge = fx.asterisk.bridges().stream().filter(b -> b.id().equals(ready.bridgeId()))
                .findFirst().orElseThrow();
        assertThat(bridge.type()).isEqualTo("mixing");
        assertThat(bridge.channelIds()).containsExactly(caller, ready.externalMediaChannelId());
        assertThat(fx.asterisk.snoops()).extracting(ChannelSnapshot::id).containsExactly(call.callId() + "-snoop");
        InetSocketAddress source = fx.media.receiveOne(call.callId());
        assertThat(ready.rtpPeer()).contains(source);
        assertThat(call.phase()).isEqualTo(CallPhase.READY);
        assertThat(call.resources()).extracting(TrackedResource::kind).containsExactly(ResourceKind.CALLER_CHANNEL,
                ResourceKind.BRIDGE, ResourceKind.SNOOP_CHANNEL, ResourceKind.EXTERNAL_MEDIA_CHANNEL);
        assertThat(call.resources()).extracting(TrackedResource::state).containsOnly(TrackedResource.State.LIVE);
    }

    @Test
    void callerHangupTearsDownMediaChannelAndBridgeThatAsteriskWouldKeep() {
        String caller = fx.incomingCall();
        BridgedMediaCall call = fx.patterns.startMediaCall(caller, fx.options().build());
        MediaCallReady ready = call.awaitReady(Timeouts.seconds(10));

        fx.asterisk.hangUpFromFarEnd(caller);

        CallEnd end = call.ended().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        assertThat(end.reason()).isEqualTo(TeardownReason.CALLER_HUNG_UP);
        assertThat(end.report().clean()).isTrue();
        assertThat(end.report().outcomes()).anySatisfy(o -> {
            assertThat(o.id()).isEqualTo(ready.externalMediaChannelId());
            assertThat(o.result()).isEqualTo(TeardownReport.Result.REMOVED);
        });
        assertThat(end.report().outcomes()).anySatisfy(o -> {
            assertThat(o.id()).isEqualTo(ready.bridgeId());
            assertThat(o.result()).isEqualTo(TeardownReport.Result.REMOVED);
        });
        assertThat(fx.media.released).containsExactly(call.callId());
        assertThat(call.phase()).isEqualTo(CallPhase.ENDED);
        assertThat(fx.patterns.activeCalls()).isEmpty();
        fx.assertNoLeaks();
    }

    @Test
    void statusListsActiveCallsWithTheirResourcesAndCountsOutcomes() {
        String caller = fx.incomingCall();
        BridgedMediaCall call = fx.patterns.startMediaCall(caller, fx.options().noSnoop().build());
        call.awaitReady(Timeouts.seconds(10));

        CallStatus status = fx.patterns.status();
        assertThat(status.calls()).singleElement().satisfies(v -> {
            assertThat(v.callId()).isEqualTo(call.callId());
            assertThat(v.phase()).isEqualTo(CallPhase.READY);
            assertThat(v.resources()).extracting(TrackedResource::id).containsExactly(caller,
                    call.callId() + "-bridge", call.callId() + "-media");
        });
        assertThat(status.counters().callsStarted()).isEqualTo(1);
        assertThat(status.counters().callsReady()).isEqualTo(1);

        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        CallCounters after = fx.patterns.counters();
        assertThat(after.teardowns()).containsEntry(TeardownReason.REQUESTED, 1L);
        assertThat(after.totalSetupFailures()).isZero();
        assertThat(fx.patterns.status().calls()).isEmpty();
        fx.assertNoLeaks();
    }

    @Test
    void hangupIsIdempotent() {
        String caller = fx.incomingCall();
        BridgedMediaCall call = fx.patterns.startMediaCall(caller, fx.options().build());
        call.awaitReady(Timeouts.seconds(10));

        CompletableFuture<CallEnd> first = call.hangup();
        CompletableFuture<CallEnd> second = call.hangup();

        assertThat(first.orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join()).isEqualTo(second.orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join());
        assertThat(fx.patterns.counters().teardowns()).containsEntry(TeardownReason.REQUESTED, 1L);
        fx.assertNoLeaks();
    }

    @Test
    void maxDurationTearsTheCallDownAndHangsUpTheCaller() {
        String caller = fx.incomingCall();
        BridgedMediaCall call = fx.patterns.startMediaCall(caller,
                fx.options().maxDuration(Duration.ofMillis(700)).build());
        call.awaitReady(Timeouts.seconds(10));

        CallEnd end = call.ended().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        assertThat(end.reason()).isEqualTo(TeardownReason.CALL_TIMEOUT);
        assertThat(end.report().outcomes()).anySatisfy(o -> {
            assertThat(o.kind()).isEqualTo(ResourceKind.CALLER_CHANNEL);
            assertThat(o.result()).isEqualTo(TeardownReport.Result.REMOVED);
        });
        fx.assertNoLeaks();
    }

    @Test
    void closeTearsDownEveryCallAndRefusesNewOnes() {
        BridgedMediaCall a = fx.patterns.startMediaCall(fx.incomingCall(), fx.options().build());
        BridgedMediaCall b = fx.patterns.startMediaCall(fx.incomingCall(), fx.options().build());
        a.awaitReady(Timeouts.seconds(10));
        b.awaitReady(Timeouts.seconds(10));

        fx.patterns.close();

        assertThat(a.ended().join().reason()).isEqualTo(TeardownReason.SHUTDOWN);
        assertThat(b.ended().join().reason()).isEqualTo(TeardownReason.SHUTDOWN);
        fx.assertNoLeaks();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fx.patterns.startMediaCall("x", fx.options().build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void teardownThatIsNotAskedToHangUpLeavesTheCallerInStasis() {
        String caller = fx.incomingCall();
        BridgedMediaCall call = fx.patterns.startMediaCall(caller, fx.options().hangUpCaller(false).build());
        call.awaitReady(Timeouts.seconds(10));

        fx.patterns.shutdown().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();

        assertThat(call.ended().join().report().outcomes()).anySatisfy(o -> {
            assertThat(o.id()).isEqualTo(caller);
            assertThat(o.result()).isEqualTo(TeardownReport.Result.KEPT);
        });
        await().atMost(Timeouts.seconds(5)).untilAsserted(() -> {
            assertThat(fx.asterisk.channels()).extracting(ChannelSnapshot::id).containsExactly(caller);
            assertThat(fx.asterisk.bridges()).isEmpty();
        });
        fx.asterisk.hangUpFromFarEnd(caller);
        fx.assertNoLeaks();
    }

    @Test
    void websocketTransportConnectsMediaBeforeWaitingForStasisStart() {
        List<String> texts = new CopyOnWriteArrayList<>();
        List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        MediaConnector ws = new MediaConnector() {
            @Override
            public CompletableFuture<String> prepare(String callId) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> connect(ExternalMediaChannel channel) {
                String id = channel.websocketConnectionId().orElseThrow();
                URI uri = URI.create(fx.asterisk.baseUrl().replace("http://", "ws://") + "/media/" + id);
                return http.newWebSocketBuilder().subprotocols("media").buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        texts.add(data.toString());
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                        w.request(1);
                        return null;
                    }
                }).thenAccept(sockets::add);
            }
        };
        String caller = fx.incomingCall();
        BridgedMediaCall call = fx.patterns.startMediaCall(caller,
                MediaCallOptions.builder(ws).transport(MediaTransport.WEBSOCKET).stepTimeout(Timeouts.seconds(3))
                        .build());

        MediaCallReady ready = call.awaitReady(Timeouts.seconds(10));

        assertThat(ready.rtpPeer()).isEmpty();
        assertThat(ready.websocketConnectionId()).isPresent();
        await().atMost(Timeouts.seconds(5)).until(() -> texts.stream().anyMatch(t -> t.startsWith("MEDIA_START")));
        assertThat(texts.get(0)).contains("connection_id:" + ready.websocketConnectionId().get());
        assertThat(fx.asterisk.bridges()).singleElement()
                .satisfies(b -> assertThat(b.channelIds()).containsExactly(caller, ready.externalMediaChannelId()));
        call.hangup().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).join();
        fx.assertNoLeaks();
    }
}
