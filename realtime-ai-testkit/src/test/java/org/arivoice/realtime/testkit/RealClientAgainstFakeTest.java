package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.arivoice.realtime.AudioFormat;
import org.arivoice.realtime.OutputAudio;
import org.arivoice.realtime.RealtimeAuthenticationException;
import org.arivoice.realtime.RealtimeClient;
import org.arivoice.realtime.RealtimeListener;
import org.arivoice.realtime.RealtimeSession;
import org.arivoice.realtime.SessionConfig;
import org.arivoice.realtime.Tool;
import org.arivoice.realtime.event.ErrorDetail;
import org.arivoice.realtime.event.RealtimeResponse;
import org.arivoice.realtime.event.ServerEvent;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real {@code realtime-ai-client} against the fake over a loopback WebSocket. */
class RealClientAgainstFakeTest {
    private static final Duration WAIT = Timeouts.seconds(15);

    private FakeRealtimeServer server;
    private RealtimeClient client;

    /** Records what the client delivers. */
    static final class Recorder implements RealtimeListener {
        final List<String> types = new CopyOnWriteArrayList<>();
        final List<OutputAudio> audio = new CopyOnWriteArrayList<>();
        final List<RealtimeResponse> done = new CopyOnWriteArrayList<>();
        final List<ErrorDetail> errors = new CopyOnWriteArrayList<>();
        final List<Integer> speechStarts = new CopyOnWriteArrayList<>();
        final List<Integer> speechStops = new CopyOnWriteArrayList<>();
        final List<Integer> reconnects = new CopyOnWriteArrayList<>();

        @Override
        public void onReconnected(int attempts) {
            reconnects.add(attempts);
        }

        @Override
        public void onEvent(ServerEvent event) {
            types.add(event.type());
        }

        @Override
        public void onOutputAudio(OutputAudio a) {
            audio.add(a);
        }

        @Override
        public void onResponseDone(RealtimeResponse response) {
            done.add(response);
        }

        @Override
        public void onError(ErrorDetail error) {
            errors.add(error);
        }

        @Override
        public void onSpeechStarted(String itemId, int audioStartMs) {
            speechStarts.add(audioStartMs);
        }

        @Override
        public void onSpeechStopped(String itemId, int audioEndMs) {
            speechStops.add(audioEndMs);
        }

        byte[] audioOf(String responseId) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            audio.stream().filter(a -> a.responseId().equals(responseId)).forEach(a -> out.writeBytes(a.audio()));
            return out.toByteArray();
        }
    }

    private void start(FakeRealtimeServer.Builder builder) {
        server = builder.acceptedApiKeys("sk-fake").build().start();
        client = RealtimeClient.builder().apiKey("sk-fake").endpoint(server.url().toString()).model("gpt-realtime")
                .build();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void speak(RealtimeSession session, byte[] ulaw) {
        for (int i = 0; i < ulaw.length; i += 160) {
            session.appendAudio(ulaw, i, Math.min(160, ulaw.length - i));
        }
    }

    @Test
    void connectsAndItsSessionUpdateIsAccepted() {
        start(FakeRealtimeServer.builder());
        Recorder recorder = new Recorder();
        try (RealtimeSession session = client.connect(SessionConfig.builder().audioFormat(AudioFormat.PCMU)
                .instructions("Be brief.").build(), recorder)) {
            assertThat(session.sessionId()).startsWith("sess_");
            JsonNode update = server.receivedEvents("session.update").get(0);
            assertThat(update.at("/session/type").asText()).isEqualTo("realtime");
            assertThat(update.at("/session/audio/input/format/type").asText()).isEqualTo("audio/pcmu");
            assertThat(recorder.errors).isEmpty();
        }
    }

    @Test
    void aRefusedKeyIsAnAuthenticationError() {
        server = FakeRealtimeServer.builder().acceptedApiKeys("sk-fake").build().start();
        client = RealtimeClient.builder().apiKey("sk-other").endpoint(server.url().toString()).model("gpt-realtime")
                .build();
        assertThatThrownBy(() -> client.connect(SessionConfig.defaults(), new Recorder()))
                .isInstanceOf(RealtimeAuthenticationException.class)
                .satisfies(e -> assertThat(((RealtimeAuthenticationException) e).httpStatus()).isEqualTo(401))
                .hasMessageNotContaining("sk-other");
    }

    @Test
    void callerAudioIsDetectedAndTheAnswerAudioArrives() {
        AudioSource answer = AudioSource.tone(440, Duration.ofMillis(1200), 0.3);
        start(FakeRealtimeServer.builder().responses(ScriptedResponse.message("Hello from the fake.", answer)));
        Recorder recorder = new Recorder();
        try (RealtimeSession session = client.connect(SessionConfig.builder().audioFormat(AudioFormat.PCMU).build(),
                recorder)) {
            speak(session, TestAudio.g711Utterance(true, 1000, 800, 1000));
            await().atMost(WAIT).until(() -> !recorder.done.isEmpty());
            assertThat(recorder.speechStarts).containsExactly(700);
            assertThat(recorder.speechStops).containsExactly(2000);
            RealtimeResponse done = recorder.done.get(0);
            assertThat(done.status()).isEqualTo("completed");
            assertThat(recorder.audioOf(done.id())).isEqualTo(answer.render(org.arivoice.realtime.testkit.AudioFormat.PCMU));
            assertThat(recorder.audio.get(recorder.audio.size() - 1).itemMillis()).isEqualTo(1200);
            assertThat(recorder.errors).isEmpty();
        }
    }

    @Test
    void bargeInCancelsTheAnswerAndTruncatesWhatWasHeard() throws Exception {
        start(FakeRealtimeServer.builder().audioSource(AudioSource.tone(440, Duration.ofSeconds(60), 0.3)));
        Recorder recorder = new Recorder();
        try (RealtimeSession session = client.connect(SessionConfig.builder().audioFormat(AudioFormat.PCMU).build(),
                recorder)) {
            speak(session, TestAudio.g711Utterance(true, 300, 500, 400));
            await().atMost(WAIT).until(() -> recorder.audio.size() >= 3);
            String itemId = recorder.audio.get(0).itemId();
            speak(session, TestAudio.g711Utterance(true, 0, 500, 0));
            await().atMost(WAIT).until(() -> !recorder.done.isEmpty());
            assertThat(recorder.done.get(0).status()).isEqualTo("cancelled");
            long sent = session.truncate(itemId, 150).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(sent).isEqualTo(150);
            await().atMost(WAIT).until(() -> recorder.types.contains("conversation.item.truncated"));
            JsonNode truncate = server.receivedEvents("conversation.item.truncate").get(0);
            assertThat(truncate.get("item_id").asText()).isEqualTo(itemId);
            assertThat(truncate.get("audio_end_ms").asInt()).isEqualTo(150);
            assertThat(recorder.errors).isEmpty();
        }
    }

    @Test
    void aFunctionCallRoundTripsThroughTheToolHandler() {
        start(FakeRealtimeServer.builder()
                .responses(ScriptedResponse.functionCall("get_weather", "{\"city\":\"Paris\"}"),
                        ScriptedResponse.message("It is sunny in Paris.")));
        List<JsonNode> calls = new CopyOnWriteArrayList<>();
        Tool weather = new Tool("get_weather", "Current weather for a city",
                TestClient.JSON.createObjectNode().put("type", "object"), args -> {
                    calls.add(args);
                    return CompletableFuture.completedFuture("{\"temperature_c\":21}");
                });
        Recorder recorder = new Recorder();
        try (RealtimeSession session = client.connect(SessionConfig.builder().audioFormat(AudioFormat.PCMU)
                .tool(weather).build(), recorder)) {
            speak(session, TestAudio.g711Utterance(true, 300, 500, 400));
            await().atMost(WAIT).until(() -> recorder.done.size() >= 2);
            assertThat(calls).hasSize(1);
            assertThat(calls.get(0).get("city").asText()).isEqualTo("Paris");
            JsonNode output = server.receivedEvents("conversation.item.create").get(0);
            assertThat(output.at("/item/type").asText()).isEqualTo("function_call_output");
            assertThat(output.at("/item/output").asText()).isEqualTo("{\"temperature_c\":21}");
            assertThat(server.receivedEvents("response.create")).hasSize(1);
            assertThat(recorder.done.get(1).status()).isEqualTo("completed");
            assertThat(recorder.errors).isEmpty();
        }
    }

    @Test
    void theClientToleratesFutureEventTypesAndFields() {
        start(FakeRealtimeServer.builder().emitUnknownEvents(true));
        Recorder recorder = new Recorder();
        try (RealtimeSession session = client.connect(SessionConfig.builder().audioFormat(AudioFormat.PCMU).build(),
                recorder)) {
            speak(session, TestAudio.g711Utterance(true, 300, 500, 400));
            await().atMost(WAIT).until(() -> !recorder.done.isEmpty());
            assertThat(recorder.done.get(0).status()).isEqualTo("completed");
            assertThat(recorder.types).contains("response.future_annotation.added");
            assertThat(recorder.errors).isEmpty();
        }
    }

    @Test
    void afterAServiceRestartCloseTheClientReconnectsAndResendsItsSession() {
        start(FakeRealtimeServer.builder());
        Recorder recorder = new Recorder();
        try (RealtimeSession session = client.connect(SessionConfig.builder().audioFormat(AudioFormat.PCMU)
                .instructions("Remember me.").build(), recorder)) {
            server.closeConnections(1012, "service restart");
            await().atMost(WAIT).until(() -> !recorder.reconnects.isEmpty());
            await().atMost(WAIT).until(() -> server.receivedEvents("session.update").size() == 2);
            List<ReceivedEvent> updates = server.receivedEvents().stream()
                    .filter(e -> e.type().equals("session.update")).toList();
            assertThat(updates).extracting(ReceivedEvent::connection).containsExactly(1, 2);
            assertThat(updates.get(1).json().at("/session/instructions").asText()).isEqualTo("Remember me.");
            speak(session, TestAudio.g711Utterance(true, 300, 500, 400));
            await().atMost(WAIT).until(() -> !recorder.done.isEmpty());
            assertThat(recorder.errors).isEmpty();
        }
    }
}
