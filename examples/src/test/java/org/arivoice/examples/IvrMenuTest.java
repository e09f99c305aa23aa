package org.arivoice.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.resources.ContinueOptions;
import org.arivoice.ari.resources.OriginateOptions;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IvrMenuTest {
    private ExampleTarget target;
    private IvrMenu menu;

    @BeforeEach
    void start() {
        target = ExampleTarget.fake(FakeAsterisk.builder().build().start());
        await().atMost(Timeouts.seconds(5))
                .until(() -> target.fake().orElseThrow().registeredApplications().contains("voicebot"));
        menu = new IvrMenu(target, List.of("sound:hello-world"),
                Map.of("2", ContinueOptions.builder().context("ari-it").extension("caller").priority(1).build()),
                Duration.ofSeconds(3));
        // Both legs of Local/stasis enter the application: DTMF sent on "phone" arrives on "caller".
        target.ari().channels().originateWithId("caller", OriginateOptions.builder("Local/stasis@ari-it")
                .app("voicebot").otherChannelId("phone").build()).await();
        await().atMost(Timeouts.seconds(5)).until(() -> target.fake().orElseThrow().events().stream()
                .anyMatch(e -> e.contains("\"StasisStart\"") && e.contains("\"id\":\"phone\"")));
    }

    @AfterEach
    void stop() {
        target.close();
    }

    @Test
    void aDigitOnTheMenuSendsTheCallerToItsDialplanLocation() throws Exception {
        CompletableFuture<String> routed = menu.run("caller");
        await().atMost(Timeouts.seconds(5)).until(() -> target.fake().orElseThrow().events().stream()
                .anyMatch(e -> e.contains("\"PlaybackStarted\"")));

        target.ari().channels().sendDtmf("phone", "7").await();   // not on the menu: the prompt again
        await().atMost(Timeouts.seconds(5)).until(() -> target.fake().orElseThrow().events().stream()
                .filter(e -> e.contains("\"PlaybackStarted\"")).count() >= 2);
        target.ari().channels().sendDtmf("phone", "2").await();

        assertThat(routed.get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isEqualTo("2");
        assertThat(target.ari().channels().get("caller").await().dialplan().exten()).isEqualTo("caller");
        target.ari().channels().hangup("caller").await();
        await().atMost(Timeouts.seconds(10)).untilAsserted(target.fake().orElseThrow()::assertNoLeaks);
    }

    @Test
    void noDigitHangsUpAfterTheTimeout() throws Exception {
        assertThat(menu.run("caller").get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isEmpty();
        await().atMost(Timeouts.seconds(10)).untilAsserted(target.fake().orElseThrow()::assertNoLeaks);
    }
}
