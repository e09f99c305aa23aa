package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void aChosenPortIsUsedAndReportedInTheBaseUrl() throws IOException {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        try (FakeAsterisk fake = FakeAsterisk.builder().port(free).build().start()) {
            assertThat(fake.baseUrl()).isEqualTo("http://127.0.0.1:" + free);
            assertThat(new TestAri(fake).call("GET", "/asterisk/info").body().path("system").path("entity_id").asText())
                    .isEqualTo("02:fc:00:00:00:01");
        }
    }

    @Test
    void aTakenPortIsReportedClearly() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             FakeAsterisk fake = FakeAsterisk.builder().port(taken.getLocalPort()).build()) {
            assertThatThrownBy(fake::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void usingTheFakeBeforeStartOrStartingTwiceIsAnError() {
        try (FakeAsterisk fake = FakeAsterisk.builder().build()) {
            assertThatThrownBy(fake::baseUrl).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
            fake.start();
            assertThatThrownBy(fake::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void builderRejectsBadValues() {
        assertThatThrownBy(() -> FakeAsterisk.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeAsterisk.builder().application("a,b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeAsterisk.builder().user("a:b", "x", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeAsterisk.builder().callerAudio(new byte[100]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.4 s");
    }

    @Test
    void theDialplanApplicationCanBeRenamed() {
        try (FakeAsterisk fake = FakeAsterisk.builder().application("mybot").build().start()) {
            TestAri ari = new TestAri(fake);
            TestAri.Events events = ari.connect("app=mybot");
            ari.call("POST", "/channels?endpoint=Local/stasis@ari-it&app=mybot&channelId=n&otherChannelId=n-peer");
            assertThat(events.await("StasisStart", "n-peer").path("application").asText()).isEqualTo("mybot");
        }
    }
}
