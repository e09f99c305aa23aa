package org.arivoice.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.arivoice.ari.resources.OriginateOptions;
import org.arivoice.ari.testkit.BridgeSnapshot;
import org.arivoice.ari.testkit.ChannelSnapshot;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

class SupervisorWhisperTest {

    @Test
    void theSupervisorIsBridgedWithASnoopOnTheAgentAndClosingRemovesOnlyThat() {
        try (ExampleTarget target = ExampleTarget.fake(FakeAsterisk.builder().build().start())) {
            FakeAsterisk fake = target.fake().orElseThrow();
            for (String id : new String[] {"agent", "supervisor"}) {
                target.ari().channels().originateWithId(id, OriginateOptions.builder("Local/caller@ari-it")
                        .app("voicebot").otherChannelId(id + "-peer").build()).await();
            }
            await().atMost(Timeouts.seconds(5)).until(() -> fake.channels().size() == 4);

            try (SupervisorWhisper w = SupervisorWhisper.start(target, "agent", "supervisor")) {
                assertThat(fake.snoops()).extracting(ChannelSnapshot::id).containsExactly(w.snoopId());
                assertThat(fake.bridges()).singleElement().satisfies(b -> {
                    assertThat(b.id()).isEqualTo(w.bridgeId());
                    assertThat(b.channelIds()).containsExactly(w.snoopId(), "supervisor");
                });
            }

            assertThat(fake.snoops()).isEmpty();
            assertThat(fake.bridges()).extracting(BridgeSnapshot::id).isEmpty();
            assertThat(fake.channels()).extracting(ChannelSnapshot::id)
                    .containsExactlyInAnyOrder("agent", "agent-peer", "supervisor", "supervisor-peer");
            target.ari().channels().hangup("agent").await();
            target.ari().channels().hangup("supervisor").await();
            await().atMost(Timeouts.seconds(10)).untilAsserted(fake::assertNoLeaks);
        }
    }
}
