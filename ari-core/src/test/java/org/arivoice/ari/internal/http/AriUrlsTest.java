package org.arivoice.ari.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AriUrlsTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://h:8088", "http://h:8088/", "http://h:8088/ari", "http://h:8088/ari/",
        " http://h:8088/ari ", "HTTP://h:8088"})
    void theCommonFormsAllMeanTheAriRoot(String url) {
        assertThat(AriUrls.normaliseBaseUrl(url)).isEqualTo(URI.create("http://h:8088/ari/"));
    }

    @Test
    void httpsDefaultPortAndIpv6AndPrefixAreKept() {
        assertThat(AriUrls.normaliseBaseUrl("https://pbx.example.com")).hasToString("https://pbx.example.com/ari/");
        assertThat(AriUrls.normaliseBaseUrl("http://[::1]:8088/ari")).hasToString("http://[::1]:8088/ari/");
        assertThat(AriUrls.normaliseBaseUrl("http://h:8088/pbx/ari")).hasToString("http://h:8088/pbx/ari/");
    }

    @Test
    void anOperationPathAfterAriIsRejectedWithTheRightForm() {
        assertThatThrownBy(() -> AriUrls.normaliseBaseUrl("http://h:8088/ari/asterisk"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/ari/asterisk")
                .hasMessageContaining("http://h:8088/ari")
                .hasMessageContaining("operation path");
    }

    @Test
    void aPathWithoutAriIsRejectedMentioningThePrefixForm() {
        assertThatThrownBy(() -> AriUrls.normaliseBaseUrl("http://h:8088/asterisk"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use http://h:8088 or http://h:8088/ari")
                .hasMessageContaining("http://h:8088/asterisk/ari");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|empty",
        "127.0.0.1:8088|no scheme",
        "ws://h:8088/ari|http://",
        "ftp://h:8088|only http and https",
        "http://:8088|no valid host",
        "http://my_host:8088|no valid host",
        "http://h:8088/ari?x=1|query",
        "http://h:8088/ari#frag|query or fragment",
        "http://h:0|port 0",
        "http://h:8088/a ri|not a valid URL",
        "http://h:8088//ari|empty path segment"})
    void malformedUrlsAreRejectedClearly(String url, String expected) {
        assertThatThrownBy(() -> AriUrls.normaliseBaseUrl(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void userInfoIsRejectedAndThePasswordIsNotEchoed() {
        assertThatThrownBy(() -> AriUrls.normaliseBaseUrl("http://voicebot:TopSecret@h:8088/ari"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials(user, password)")
                .hasMessageNotContaining("TopSecret");
        assertThatThrownBy(() -> AriUrls.normaliseBaseUrl("http://voicebot:TopSecret@h:8088/ari/asterisk"))
                .hasMessageNotContaining("TopSecret");
    }

    @Test
    void eventsUriUsesWsOrWssAndJoinsApplications() {
        URI base = AriUrls.normaliseBaseUrl("http://h:8088");
        assertThat(AriUrls.eventsUri(base, List.of("voicebot", "other app"), true))
                .hasToString("ws://h:8088/ari/events?app=voicebot,other%20app&subscribeAll=true");
        assertThat(AriUrls.eventsUri(AriUrls.normaliseBaseUrl("https://h/pbx/ari"), List.of("a"), false))
                .hasToString("wss://h/pbx/ari/events?app=a&subscribeAll=false");
        assertThatThrownBy(() -> AriUrls.eventsUri(base, List.of(), false)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> AriUrls.eventsUri(base, List.of("a,b"), false)).hasMessageContaining("comma");
    }

    @Test
    void encodingKeepsAsteriskStyleValuesReadableAndProtectsDelimiters() {
        assertThat(AriUrls.encodeQueryValue("Local/caller@ari-it")).isEqualTo("Local/caller@ari-it");
        assertThat(AriUrls.encodeQueryValue("127.0.0.1:58250")).isEqualTo("127.0.0.1:58250");
        assertThat(AriUrls.encodeQueryValue("#")).isEqualTo("%23");
        assertThat(AriUrls.encodeQueryValue("a&b=c+d e%")).isEqualTo("a%26b%3Dc%2Bd%20e%25");
        assertThat(AriUrls.encodeQueryValue("é")).isEqualTo("%C3%A9");
        assertThat(AriUrls.encodePathSegment("a/b?c")).isEqualTo("a%2Fb%3Fc");
        assertThat(AriUrls.encodePathSegment("1795636663.0")).isEqualTo("1795636663.0");
    }
}
