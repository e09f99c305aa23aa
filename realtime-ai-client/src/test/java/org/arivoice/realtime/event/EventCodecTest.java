package org.arivoice.realtime.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = EventCodec.standard();

    @Property
    void theAudioDeltaFastPathAgreesWithTheGeneralPath(@ForAll @AlphaChars String itemId,
            @ForAll("delta") String delta, @ForAll boolean extraFieldFirst, @ForAll boolean extraObject) {
        ObjectNode node = codec.mapper().createObjectNode();
        node.put("type", "response.output_audio.delta");
        if (extraFieldFirst) {
            node.put("future_field", 3);
        }
        node.put("event_id", "event_" + itemId.length());
        node.put("response_id", "resp_1");
        node.put("item_id", itemId);
        node.put("output_index", 0);
        node.put("content_index", 2);
        node.put("delta", delta);
        if (extraObject) {
            node.putObject("future_object").putArray("list").add(1).addObject().put("x", "y");
        }
        String text = node.toString();
        ServerEvent fast = codec.parse(text);
        ServerEvent general = codec.parse((JsonNode) node);
        assertThat(fast).isEqualTo(general).isInstanceOf(ServerEvent.ResponseOutputAudioDelta.class);
    }

    @Provide
    Arbitrary<String> delta() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600).map(b -> java.util.Base64.getEncoder()
                .encodeToString(b));
    }

    @Test
    void aDeltaWithAWronglyTypedKnownFieldIsUnknownOnBothPaths() {
        ServerEvent e = codec.parse("{\"type\":\"response.output_audio.delta\",\"delta\":[1,2]}");
        assertThat(e).isInstanceOf(ServerEvent.Unknown.class);
        ServerEvent s = codec.parse("{\"type\":\"response.output_audio.delta\",\"content_index\":\"zero\"}");
        assertThat(s).isInstanceOf(ServerEvent.Unknown.class);
    }

    @Test
    void nonObjectsAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> codec.parse("[1,2]")).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> codec.parse("{\"type\":")).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void anExplicitNullTurnDetectionIsSentAsNull() {
        String json = codec.write(org.arivoice.realtime.SessionConfig.builder().noTurnDetection().build().toEvent(null));
        assertThat(json).isEqualTo("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\","
                + "\"audio\":{\"input\":{\"turn_detection\":null}}}}");
    }

    @Test
    void clientEventsOmitNullsAndCarryTheirType() {
        assertThat(codec.write(new ClientEvent.InputAudioBufferCommit(null)))
                .isEqualTo("{\"type\":\"input_audio_buffer.commit\"}");
        assertThat(codec.write(new ClientEvent.ConversationItemTruncate("e1", "item_1", 0, 250)))
                .isEqualTo("{\"type\":\"conversation.item.truncate\",\"event_id\":\"e1\",\"item_id\":\"item_1\","
                        + "\"content_index\":0,\"audio_end_ms\":250}");
    }
}
