package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.event.StasisEnd;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.resources.ContinueOptions;
import org.arivoice.testsupport.HangGuard;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

/**
 * A blind transfer the ARI way: {@code continue} sends the caller out of Stasis into the dialplan at
 * {@code transferred,1}; the application sees {@code StasisEnd}, and the channel then runs that extension
 * (recorded in {@code playback-record-dtmf-continue.jsonl}: {@code StasisEnd}, then {@code ChannelDialplan} at
 * the new extension).
 */
@HangGuard(seconds = 60)
class BlindTransferIT extends ScenarioSupport {

    @Test
    void continueLeavesStasisAndRunsTheTransferExtension() {
        String channelId = originateInto("silent");

        ari.channels().continueInDialplan(channelId, ContinueOptions.builder()
                .context(target.context())
                .extension("transferred")
                .priority(1)
                .build()).await();

        StasisEnd end = log.await(StasisEnd.class, channelId, EVENT_TIMEOUT);
        assertThat(end.application()).isEqualTo(target.application());
        // The dialplan runs asynchronously after the 204: wait until the channel is at the new extension.
        await().atMost(Timeouts.seconds(10)).untilAsserted(() -> {
            Channel now = ari.channels().get(channelId).await();
            assertThat(now.dialplan().context()).isEqualTo(target.context());
            assertThat(now.dialplan().exten()).isEqualTo("transferred");
        });

        // Out of Stasis, the channel is still the application's to hang up (or it talks to 620 Hz for 60 s).
        ari.channels().hangup(channelId).await();
        await().atMost(Timeouts.seconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> ari.channels().get(channelId).await())
                        .isInstanceOf(AriNotFoundException.class));
    }
}
