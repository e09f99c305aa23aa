package org.arivoice.ari.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.event.AriEvent;
import org.arivoice.ari.event.AriEvents;
import org.arivoice.ari.event.StasisEnd;
import org.arivoice.ari.model.Recordings;
import org.arivoice.testsupport.Timeouts;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.Test;

/**
 * Replays {@code event-socket-reconnect.jsonl}: real Asterisk closed the event socket {@code ws1} mid-call, a
 * new socket {@code ws2} got the rest of the call's events, then a third socket for the same application
 * ({@code ws3}, another client) took over and {@code ws2} received {@code ApplicationReplaced}. The stream
 * must reconnect by itself, call the resync hook, keep the per-channel subscription across the gap, and stop
 * (not fight back) after {@code ApplicationReplaced}.
 */
class RecordedSocketReconnectReplayTest {

    @Test
    void streamBehavesAsTheRecordingRequires() throws Exception {
        Path file = Recordings.transcript("event-socket-reconnect.jsonl");
        List<String> ws1 = new ArrayList<>();
        List<String> ws2 = new ArrayList<>();
        for (JsonNode line : Recordings.lines(file)) {
            if ("event".equals(line.path("kind").asText())) {
                String socket = line.path("socket").asText();
                if (socket.equals("ws1")) {
                    ws1.add(line.get("event").toString());
                } else if (socket.equals("ws2")) {
                    ws2.add(line.get("event").toString());
                }
            }
        }
        assertThat(ws1).isNotEmpty();
        assertThat(ws2).isNotEmpty();

        // What the recording implies a call-3 subscription must see: its events up to its StasisEnd.
        List<String> expectedCall3 = new ArrayList<>();
        List<String> expectedAll = new ArrayList<>();
        boolean ended = false;
        for (String json : concat(ws1, ws2)) {
            AriEvent e = AriEvents.parse(json);
            expectedAll.add(e.type());
            if (!ended && e.channelIds().contains("call-3")) {
                expectedCall3.add(e.type());
                ended = e instanceof StasisEnd s && s.channel().id().equals("call-3");
            }
        }
        assertThat(ended).as("the recording has the StasisEnd of call-3").isTrue();

        TestEventServer server = TestEventServer.startOnFreePort();
        List<Integer> resyncs = new CopyOnWriteArrayList<>();
        List<String> replaced = new CopyOnWriteArrayList<>();
        try (AriEventStream stream = AriEventStream.builder().baseUrl(server.baseUrl())
                .credentials(Credentials.basic("voicebot", "secret")).applications("voicebot")
                .reconnectPolicy(new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(100), 2, 0.5))
                .resyncHook((n, gap) -> resyncs.add(n))
                .stateListener(new ConnectionStateListener() {
                    @Override
                    public void onStateChanged(ConnectionState previous, ConnectionState current, String why) {
                    }

                    @Override
                    public void onApplicationReplaced(String application) {
                        replaced.add(application);
                    }
                }).build()) {
            List<String> call3 = new CopyOnWriteArrayList<>();
            Subscription call3Sub = stream.subscribeChannel("call-3", e -> call3.add(e.type()));
            List<String> all = new CopyOnWriteArrayList<>();
            stream.subscribe(e -> all.add(e.type()));
            stream.connect();

            WebSocket first = server.nextConnection();
            ws1.forEach(first::send);
            first.close(1000); // as recorded: code 1000, mid-call
            WebSocket second = server.nextConnection();
            ws2.forEach(second::send);

            await().atMost(Timeouts.seconds(10)).until(() -> all.size() == expectedAll.size());
            call3Sub.closed().get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
            await().atMost(Timeouts.seconds(10)).until(() -> stream.state() == ConnectionState.REPLACED);
            await().atMost(Timeouts.seconds(10)).until(() -> resyncs.size() == 1 && replaced.size() == 1);

            assertThat(all).isEqualTo(expectedAll);
            assertThat(call3).isEqualTo(expectedCall3);
            assertThat(call3).startsWith("Dial").endsWith("StasisEnd").contains("StasisStart");
            assertThat(replaced).containsExactly("voicebot");
            assertThat(stream.stats().reconnects()).isEqualTo(1);
            assertThat(stream.stats().malformed()).isZero();
        } finally {
            server.shutdown();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
