package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Originate, /channels/create, /dial and DELETE /channels with the project's dialplan ({@code arivoice-it}), as
 * the conformance recordings (channels-basic, channels-create-dial) show them.
 */
class OriginateTest {
    FakeAsterisk fake;
    TestAri ari;
    TestAri.Events events;

    @BeforeEach
    void start() {
        fake = FakeAsterisk.builder().asteriskConfig(AsteriskConfigTest.PROJECT_CONF).build().start();
        ari = new TestAri(fake);
        events = ari.connect("app=cf");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void originateChecksItsParametersInAsterisksOrder() {
        assertThat(ari.call("POST", "/channels?app=cf").message()).isEqualTo("Endpoint must be specified");
        assertThat(ari.call("POST", "/channels?endpoint=nosl&app=cf").message())
                .isEqualTo("Invalid endpoint specified");
        assertThat(ari.call("POST", "/channels?endpoint=Local/caller@arivoice-it").message())
                .isEqualTo("Application or extension must be specified");
        assertThat(ari.call("POST", "/channels?endpoint=Local/caller@arivoice-it&app=cf&channelId=" + "x".repeat(150))
                .message()).isEqualTo("Uniqueid length exceeds maximum of 149");
        assertThat(ari.call("POST", "/channels?endpoint=Local/caller@arivoice-it&app=cf&formats=nofmt").message())
                .isEqualTo("Provided format (nofmt) was not found");
        assertThat(ari.call("POST", "/channels?endpoint=Local/caller@arivoice-it&extension=caller"
                + "&context=arivoice-it&label=nolabel").status()).isEqualTo(404);
        assertThat(ari.callWithJson("POST", "/channels?endpoint=Local/caller@arivoice-it&app=cf",
                "{\"variables\":{\"A\":1}}").message()).startsWith("Each value in 'variables' must be a string");
        assertThat(ari.call("GET", "/channels").body()).isEmpty();
    }

    @Test
    void theSecondLegIsNamedAfterTheGivenIdAndGetsCallerIdAndVariables() {
        ari.callWithJson("POST", "/channels/o1?endpoint=Local/caller@arivoice-it&app=cf&callerId=%22Ann%22%20%3C555%3E",
                "{\"variables\":{\"V\":\"one\",\"R\":{\"value\":\"rep\",\"report_events\":true}}}");
        events.await("StasisStart", "o1");
        JsonNode two = ari.call("GET", "/channels/o1%3B2").body();
        assertThat(two.path("caller").path("name").asText()).isEqualTo("Ann");
        assertThat(events.typesFor("o1;2")).startsWith("ChannelVarset", "ChannelVarset", "ChannelCallerId",
                "ChannelConnectedLine");
        assertThat(ari.call("GET", "/channels/o1").body().path("channelvars").path("R").asText()).isEqualTo("rep");
        assertThat(ari.call("DELETE", "/channels/o1?reason=busy&reason_code=17").message())
                .isEqualTo("The reason and reason_code can't both be specified");
        assertThat(ari.call("DELETE", "/channels/o1?reason_code=21").status()).isEqualTo(204);
        assertThat(events.await("ChannelDestroyed", "o1;2").path("cause").asInt()).isEqualTo(21);
    }

    @Test
    void aCreatedChannelWaitsDownInStasisUntilItIsDialed() {
        JsonNode created = ari.call("POST", "/channels/create?endpoint=Local/silent@arivoice-it&app=cf&channelId=c1")
                .body();
        assertThat(created.path("state").asText()).isEqualTo("Down");
        events.await("StasisStart", "c1");
        assertThat(ari.call("POST", "/channels/c1/dial?timeout=10").status()).isEqualTo(204);
        events.await(e -> "Dial".equals(e.path("type").asText()) && "ANSWER".equals(e.path("dialstatus").asText()));
        assertThat(ari.call("POST", "/channels/c1/dial").message()).isEqualTo("Channel is not in the 'Down' state");
        assertThat(events.typesFor("c1;2")).isEmpty(); // the callee leg is not subscribed
    }

    @Test
    void aBusyCalleeEndsTheCreatedChannelWithItsCause() {
        ari.call("POST", "/channels/create?endpoint=Local/busy@arivoice-it&app=cf&channelId=c2");
        events.await("StasisStart", "c2");
        ari.call("POST", "/channels/c2/dial");
        assertThat(events.await("ChannelDestroyed", "c2").path("cause").asInt()).isEqualTo(17);
        assertThat(events.typesFor("c2")).containsSubsequence("ChannelHangupRequest", "Dial", "StasisEnd");
    }

    @Test
    void anIax2CallRingsUntilTheDialTimeout() {
        ari.call("POST", "/channels?endpoint=IAX2/127.0.0.1:9/x&app=cf&channelId=i1&timeout=1");
        JsonNode destroyed = events.await("ChannelDestroyed", "i1");
        assertThat(destroyed.path("cause").asInt()).isEqualTo(19);
        assertThat(events.typesFor("i1")).containsExactly("ChannelStateChange", "Dial", "ChannelHangupRequest",
                "ChannelDestroyed");
        Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> fake.channels().isEmpty());
    }
}
