package org.arivoice.ari.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AriEventsTest {

    @Test
    void unknownTypeBecomesGenericEventWithRawJson() {
        String json = "{\"type\":\"ChannelTeleported\",\"application\":\"voicebot\","
                + "\"timestamp\":\"2026-11-25T19:34:00.573+0000\",\"asterisk_id\":\"02:fc\","
                + "\"channel\":{\"id\":\"call-9\"},\"bridge\":{\"id\":\"b-1\"},\"destination\":\"mars\"}";
        AriEvent event = AriEvents.parse(json);
        assertThat(event).isInstanceOf(GenericEvent.class);
        GenericEvent g = (GenericEvent) event;
        assertThat(g.type()).isEqualTo("ChannelTeleported");
        assertThat(g.application()).isEqualTo("voicebot");
        assertThat(g.asteriskId()).isEqualTo("02:fc");
        assertThat(g.timestampAsDateTime().getYear()).isEqualTo(2026);
        assertThat(g.raw().get("destination").asText()).isEqualTo("mars");
        assertThat(g.channelIds()).containsExactly("call-9");
        assertThat(g.bridgeIds()).containsExactly("b-1");
    }

    @Test
    void unknownFieldsAreIgnoredAtEveryLevel() {
        String json = "{\"type\":\"ChannelDtmfReceived\",\"application\":\"a\",\"timestamp\":\"t\","
                + "\"digit\":\"5\",\"duration_ms\":100,\"future_field\":[1,2,{\"x\":null}],"
                + "\"channel\":{\"id\":\"c-1\",\"state\":\"Warp\",\"future\":{\"deep\":true},"
                + "\"caller\":{\"name\":\"n\",\"number\":\"1\",\"extra\":1}}}";
        ChannelDtmfReceived d = (ChannelDtmfReceived) AriEvents.parse(json);
        assertThat(d.digit()).isEqualTo("5");
        assertThat(d.durationMs()).isEqualTo(100);
        assertThat(d.channel().state()).isEqualTo("Warp");
        assertThat(d.channel().caller().number()).isEqualTo("1");
        assertThat(d.asteriskId()).isNull();
    }

    @Test
    void missingOptionalPartsReadAsEmptyOrNull() {
        StasisStart s = (StasisStart) AriEvents.parse("{\"type\":\"StasisStart\",\"channel\":{\"id\":\"c\"}}");
        assertThat(s.args()).isEmpty();
        assertThat(s.replaceChannel()).isNull();
        assertThat(s.channel().channelvars()).isEmpty();
        assertThat(s.channelIds()).containsExactly("c");
        assertThatThrownBy(() -> s.args().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void malformedInputGivesAClearParseException() {
        assertThatThrownBy(() -> AriEvents.parse("{\"type\":\"StasisStart\""))
                .isInstanceOf(AriEventParseException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> AriEvents.parse("[1,2]"))
                .isInstanceOf(AriEventParseException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> AriEvents.parse("{\"channel\":{}}"))
                .isInstanceOf(AriEventParseException.class).hasMessageContaining("\"type\"");
        assertThatThrownBy(() -> AriEvents.parse("{\"type\":7}"))
                .isInstanceOf(AriEventParseException.class).hasMessageContaining("\"type\"");
        assertThatThrownBy(() -> AriEvents.parse(""))
                .isInstanceOf(AriEventParseException.class);
        assertThatThrownBy(() -> AriEvents.parse("{\"type\":\"StasisStart\",\"channel\":\"not-an-object\"}"))
                .isInstanceOf(AriEventParseException.class).hasMessageContaining("StasisStart");
    }

    @Test
    void bridgeMergedRoutesToBothBridges() {
        BridgeMerged m = (BridgeMerged) AriEvents.parse(
                "{\"type\":\"BridgeMerged\",\"bridge\":{\"id\":\"b1\"},\"bridge_from\":{\"id\":\"b2\"}}");
        assertThat(m.bridgeIds()).containsExactly("b1", "b2");
        assertThat(m.channelIds()).isEmpty();
    }

    @Test
    void nullsForPrimitiveFieldsAreTolerated() {
        ChannelDtmfReceived d = (ChannelDtmfReceived) AriEvents.parse(
                "{\"type\":\"ChannelDtmfReceived\",\"digit\":\"#\",\"duration_ms\":null}");
        assertThat(d.durationMs()).isZero();
        assertThat(d.channel()).isNull();
        assertThat(d.channelIds()).isEmpty();
    }
}
