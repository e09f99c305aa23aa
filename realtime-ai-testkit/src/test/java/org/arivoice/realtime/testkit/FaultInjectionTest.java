package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    @Test
    void theSessionExpiresWithSessionExpiredThenClose1001() {
        try (FakeRealtimeServer server = FakeRealtimeServer.builder().sessionMaxDuration(Duration.ofMillis(300)).build().start();
                TestClient client = TestClient.open(server)) {
            JsonNode error = client.next("error").get("error");
            assertThat(error.get("code").asText()).isEqualTo("session_expired");
            assertThat(error.get("message").asText()).contains("maximum duration");
            assertThat(client.awaitClose().code()).isEqualTo(1001);
            client.assertSchemaValid();
        }
    }

    @Test
    void anAbruptDropLooksLike1006ToTheClient() {
        try (FakeRealtimeServer server = FakeRealtimeServer.builder().dropAfterClientEvents(2).build().start();
                TestClient client = TestClient.open(server)) {
            client.send(TestClient.event("input_audio_buffer.clear"));
            client.next("input_audio_buffer.cleared");
            client.send(TestClient.event("input_audio_buffer.clear"));
            assertThat(client.awaitClose().code()).isEqualTo(1006);
            assertThat(server.receivedEvents()).hasSize(2);
        }
    }

    @Test
    void aServerErrorCloseIs1011() {
        try (FakeRealtimeServer server = FakeRealtimeServer.builder().closeWithServerErrorAfterClientEvents(1).build().start();
                TestClient client = TestClient.open(server)) {
            client.send(TestClient.event("response.create"));
            assertThat(client.awaitClose().code()).isEqualTo(1011);
        }
    }

    @Test
    void runtimeFaultsCloseDropAndInject() {
        try (FakeRealtimeServer server = FakeRealtimeServer.builder().build().start();
                TestClient first = TestClient.open(server);
                TestClient second = TestClient.connect(java.net.URI.create(server.url() + "?model=x"),
                        java.util.Map.of("Authorization", "Bearer k"), false)) {
            second.next("session.created");
            assertThat(server.connectionsAccepted()).isEqualTo(2);
            server.injectEvent("{\"type\":\"response.brand_new_thing\",\"event_id\":\"event_x\"}");
            assertThat(second.next("response.brand_new_thing").get("event_id").asText()).isEqualTo("event_x");
            server.closeConnections(1012, "service restart");
            assertThat(first.awaitClose().code()).isEqualTo(1012);
            assertThat(second.awaitClose().code()).isEqualTo(1012);
        }
        try (FakeRealtimeServer server = FakeRealtimeServer.builder().build().start();
                TestClient client = TestClient.open(server)) {
            server.dropConnections();
            assertThat(client.awaitClose().code()).isEqualTo(1006);
        }
    }

    @Test
    void unknownFutureEventTypesAreSentWhenAskedFor() {
        try (FakeRealtimeServer server = FakeRealtimeServer.builder().emitUnknownEvents(true).build().start();
                TestClient client = TestClient.connect(java.net.URI.create(server.url() + "?model=gpt-realtime"),
                        java.util.Map.of("Authorization", "Bearer k"), false)) {
            client.next("session.created");
            client.next("session.future_hint");
            client.send(TestClient.event("response.create"));
            client.next("response.future_annotation.added");
            client.next("response.done");
            ServerEventSchemas schemas = ServerEventSchemas.load();
            for (JsonNode e : client.events()) {
                String type = e.get("type").asText();
                if (type.contains("future")) {
                    assertThat(schemas.knownTypes()).doesNotContain(type);
                } else {
                    assertThat(e.has("x_future_field")).as(type).isTrue();
                    assertThat(schemas.validate(e)).as(type).isEmpty();
                }
            }
        }
    }

    @Test
    void slowReadsStillProcessEveryEventInOrder() {
        try (FakeRealtimeServer server = FakeRealtimeServer.builder().slowReads(Duration.ofMillis(20)).build().start();
                TestClient client = TestClient.open(server)) {
            for (int i = 0; i < 10; i++) {
                client.send(TestClient.event("conversation.item.retrieve").put("item_id", "item_" + i).put("event_id", "e" + i));
            }
            for (int i = 0; i < 10; i++) {
                assertThat(client.next("error").at("/error/event_id").asText()).isEqualTo("e" + i);
            }
            List<String> ids = server.receivedEvents().stream().map(e -> e.json().get("event_id").asText()).toList();
            assertThat(ids).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        }
    }

    @Test
    void aBusyPortIsReportedWhenStarting() {
        try (FakeRealtimeServer first = FakeRealtimeServer.builder().build().start()) {
            FakeRealtimeServer second = FakeRealtimeServer.builder().port(first.port()).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port()).hasMessageContaining("port 0");
            second.close();
        }
    }

    @Test
    void inputTranscriptionCanFailWithoutStoppingTheConversation() {
        try (FakeRealtimeServer server = FakeRealtimeServer.builder().failInputTranscription(true).build().start();
                TestClient client = TestClient.open(server)) {
            client.sessionUpdate("{\"type\":\"realtime\",\"audio\":{\"input\":{\"transcription\":"
                    + "{\"model\":\"gpt-4o-mini-transcribe\"}}}}");
            client.next("session.updated");
            client.appendChunked(TestAudio.pcm16Utterance(300, 500, 400), 960);
            String itemId = client.next("input_audio_buffer.committed").get("item_id").asText();
            JsonNode failed = client.next("conversation.item.input_audio_transcription.failed");
            assertThat(failed.get("item_id").asText()).isEqualTo(itemId);
            assertThat(failed.at("/error/code").asText()).isEqualTo("audio_unintelligible");
            assertThat(client.next("response.done").at("/response/status").asText()).isEqualTo("completed");
            assertThat(client.types()).doesNotContain("conversation.item.input_audio_transcription.completed");
            client.assertSchemaValid();
        }
    }
}
