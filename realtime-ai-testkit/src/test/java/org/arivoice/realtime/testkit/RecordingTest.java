package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingTest {
    @Test
    void everyClientMessageIsRecordedInOrderWithItsConnection() {
        try (FakeRealtimeServer server = FakeRealtimeServer.builder().build().start()) {
            try (TestClient a = TestClient.open(server)) {
                a.sessionUpdate("{\"type\":\"realtime\",\"instructions\":\"one\"}");
                a.next("session.updated");
                a.send("not json at all");
                a.next("error");
                a.append(TestAudio.pcm16Silence(20));
                a.send(TestClient.event("input_audio_buffer.clear"));
                a.next("input_audio_buffer.cleared");
            }
            try (TestClient b = TestClient.open(server)) {
                b.send(TestClient.event("response.cancel"));
                b.next("error");
            }
            List<ReceivedEvent> all = server.receivedEvents();
            assertThat(all).extracting(ReceivedEvent::type).containsExactly("session.update", "",
                    "input_audio_buffer.append", "input_audio_buffer.clear", "response.cancel");
            assertThat(all).extracting(ReceivedEvent::connection).containsExactly(1, 1, 1, 1, 2);
            assertThat(all.get(1).json()).isNull();
            assertThat(all.get(1).raw()).isEqualTo("not json at all");
            assertThat(server.receivedEvents("session.update").get(0).at("/session/instructions").asText())
                    .isEqualTo("one");
            assertThat(server.receivedEvents("input_audio_buffer.append").get(0).get("audio").asText()).isNotEmpty();
        }
    }

    @Test
    void theRecordingKeepsTheMostRecentMessagesUpToItsLimit() {
        try (FakeRealtimeServer server = FakeRealtimeServer.builder().recordingLimit(3).build().start();
                TestClient c = TestClient.open(server)) {
            for (int i = 0; i < 5; i++) {
                c.send(TestClient.event("input_audio_buffer.clear").put("event_id", "e" + i));
                c.next("input_audio_buffer.cleared");
            }
            assertThat(server.receivedEvents()).extracting(e -> e.json().get("event_id").asText())
                    .containsExactly("e2", "e3", "e4");
        }
    }
}
