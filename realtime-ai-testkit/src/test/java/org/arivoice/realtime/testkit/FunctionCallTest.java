package org.arivoice.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunctionCallTest {
    private FakeRealtimeServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        server = FakeRealtimeServer.builder()
                .responses(ScriptedResponse.functionCall("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
                        ScriptedResponse.message("It is sunny in Paris."))
                .build().start();
        client = TestClient.open(server);
    }

    @AfterEach
    void stop() {
        client.assertSchemaValid();
        client.close();
        server.close();
    }

    @Test
    void aScriptedFunctionCallRoundTrip() {
        client.sessionUpdate("{\"type\":\"realtime\",\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\","
                + "\"description\":\"Weather for a city\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"city\":{\"type\":\"string\"}}}}]}");
        client.next("session.updated");
        client.appendChunked(TestAudio.pcm16Utterance(300, 500, 400), 960);
        client.next("response.created");
        JsonNode added = client.next("response.output_item.added");
        assertThat(added.at("/item/type").asText()).isEqualTo("function_call");
        assertThat(added.at("/item/name").asText()).isEqualTo("get_weather");
        String callId = added.at("/item/call_id").asText();
        StringBuilder args = new StringBuilder();
        JsonNode argsDone;
        while (true) {
            JsonNode e = client.next(n -> n.path("type").asText().startsWith("response.function_call_arguments."),
                    "function call arguments");
            if (e.get("type").asText().endsWith(".done")) {
                argsDone = e;
                break;
            }
            assertThat(e.get("call_id").asText()).isEqualTo(callId);
            args.append(e.get("delta").asText());
        }
        assertThat(args.toString()).isEqualTo("{\"city\":\"Paris\",\"unit\":\"celsius\"}");
        assertThat(argsDone.get("arguments").asText()).isEqualTo(args.toString());
        assertThat(argsDone.get("name").asText()).isEqualTo("get_weather");
        assertThat(client.next("response.output_item.done").at("/item/arguments").asText()).isEqualTo(args.toString());
        JsonNode done = client.next("response.done").get("response");
        assertThat(done.at("/output/0/type").asText()).isEqualTo("function_call");
        assertThat(client.types()).doesNotContain("response.output_audio.delta");

        client.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\","
                + "\"call_id\":\"" + callId + "\",\"output\":\"{\\\"temperature\\\":21}\"}}");
        JsonNode outputItem = client.next("conversation.item.added");
        assertThat(outputItem.at("/item/type").asText()).isEqualTo("function_call_output");
        assertThat(outputItem.at("/item/call_id").asText()).isEqualTo(callId);
        client.next("conversation.item.done");
        client.send(TestClient.event("response.create"));
        JsonNode answer = client.next("response.done").get("response");
        assertThat(answer.at("/output/0/content/0/transcript").asText()).isEqualTo("It is sunny in Paris.");
        assertThat(server.receivedEvents("conversation.item.create")).hasSize(1);
    }
}
