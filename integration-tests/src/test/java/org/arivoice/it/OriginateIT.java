package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.event.ChannelDestroyed;
import org.arivoice.ari.event.StasisEnd;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.ari.model.Channel;
import org.arivoice.testsupport.HangGuard;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;

/**
 * A call's life in Stasis: originating {@code Local/silent@<context>} into the application gives a
 * {@code StasisStart} for the pre-assigned id; hanging it up gives {@code StasisEnd} and then
 * {@code ChannelDestroyed}, and both Local legs disappear.
 */
@HangGuard(seconds = 60)
class OriginateIT extends ScenarioSupport {

    @Test
    void originatedCallEntersStasisAndHangupEndsItAndDestroysBothLegs() {
        String channelId = originateInto("silent");

        StasisStart start = log.await(StasisStart.class, channelId, EVENT_TIMEOUT);
        assertThat(start.application()).isEqualTo(target.application());
        assertThat(start.channel().name()).startsWith("Local/silent@" + target.context());
        Channel live = ari.channels().get(channelId).await();
        assertThat(live.id()).isEqualTo(channelId);
        assertThat(ari.channels().list().await()).extracting(Channel::id).contains(channelId, peerOf(channelId));

        ari.channels().hangup(channelId).await();

        log.await(StasisEnd.class, channelId, EVENT_TIMEOUT);
        log.await(ChannelDestroyed.class, channelId, EVENT_TIMEOUT);
        List<String> types = log.typesAbout(channelId);
        assertThat(types.indexOf("StasisStart")).isLessThan(types.indexOf("StasisEnd"));
        assertThat(types.indexOf("StasisEnd")).isLessThan(types.indexOf("ChannelDestroyed"));

        // The ;2 leg goes with the ;1 leg; hangups complete asynchronously, hence the wait.
        await().atMost(Timeouts.seconds(5)).untilAsserted(() -> {
            assertThatThrownBy(() -> ari.channels().get(channelId).await())
                    .isInstanceOf(AriNotFoundException.class);
            assertThatThrownBy(() -> ari.channels().get(peerOf(channelId)).await())
                    .isInstanceOf(AriNotFoundException.class);
        });
    }
}
