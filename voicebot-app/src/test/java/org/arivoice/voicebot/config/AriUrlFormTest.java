package org.arivoice.voicebot.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AriUrlFormTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8088", "http://127.0.0.1:8088/ari", "https://pbx.example.com:8089",
        "http://h:8088/pbx/ari", "http://[::1]:8088"})
    void rightFormsAreAccepted(String url) {
        assertThat(AriUrlForm.check(url).ok()).as(url).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "http://h:8088/ari/asterisk, http://h:8088, operation path",
        "http://h:8088/asterisk, http://h:8088, misses /ari",
        "http://h:8088/ari/ari, http://h:8088, /ari twice",
        "http://h:8088/, http://h:8088, ends with a slash",
        "http://h:8088/ari/, http://h:8088/ari, ends with a slash",
        "http://h:8088/pbx/ari/channels, http://h:8088/pbx/ari, operation path",
        "ws://h:8088/ari/events, http://h:8088, uses ws://",
        "wss://h:8089, https://h:8089, uses wss://",
        "h:8088, http://h:8088, no scheme",
        "http://u:p@h:8088, http://h:8088, contains credentials",
        "http://h:8088/voice, http://h:8088, without /ari"})
    void wrongFormsSayTheRightOne(String url, String suggestion, String problem) {
        AriUrlForm.Verdict v = AriUrlForm.check(url);
        assertThat(v.ok()).as(url).isFalse();
        assertThat(v.problem()).get().asString().contains(problem).doesNotContain(":p@");
        assertThat(v.suggestion()).contains(suggestion);
    }

    @Test
    void emptyIsAProblemWithAnExample() {
        assertThat(AriUrlForm.check(" ").problem()).get().asString().contains(AriUrlForm.EXAMPLE);
    }

    @Test
    void redactRemovesUserInfo() {
        assertThat(AriUrlForm.redact("http://a:secret@h:1/x")).isEqualTo("http://***@h:1/x");
        assertThat(AriUrlForm.redact("http://h:1/x@y")).isEqualTo("http://h:1/x@y");
    }
}
