package org.arivoice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.arivoice.ari.event.ChannelDestroyed;
import org.arivoice.ari.event.PlaybackContinuing;
import org.arivoice.ari.event.PlaybackFinished;
import org.arivoice.ari.event.PlaybackStarted;
import org.arivoice.ari.model.Playback;
import org.arivoice.ari.resources.PlayOptions;
import org.arivoice.testsupport.HangGuard;
import org.junit.jupiter.api.Test;

/**
 * Playbacks on a channel in Stasis, with tones only (no sound files are assumed on the target).
 *
 * <p>What a real Asterisk does, and so what is asserted: {@code media} is a comma-separated playlist (a tone
 * written {@code tone:440/300,0/200} is two items, {@code tone:440/300} and {@code 0/200}); a {@code tone:}
 * item plays until it is stopped ({@code ast_control_tone} in Asterisk's {@code res_stasis_playback.c} returns
 * only on a stop or hangup; the recording {@code playback-record-dtmf-continue.jsonl} shows no end without a
 * stop); stopping an item that has a successor gives {@code PlaybackContinuing} and a {@code PlaybackStarted}
 * for the next item, stopping the last gives {@code PlaybackFinished} with state {@code done}; an unknown sound
 * is accepted (201) and then fails at once ({@code PlaybackFinished}, state {@code failed}).
 */
@HangGuard(seconds = 60)
class PlaybackIT extends ScenarioSupport {

    @Test
    void tonePlaylistPlaysItemByItemAndFinishesDone() {
        String channelId = originateInto("silent");
        String playbackId = id("tones");

        Playback accepted = ari.channels().play(channelId, PlayOptions.builder("tone:440", "tone:620")
                .playbackId(playbackId).build()).await();
        assertThat(accepted.id()).isEqualTo(playbackId);
        assertThat(accepted.targetUri()).isEqualTo("channel:" + channelId);

        PlaybackStarted first = log.await(PlaybackStarted.class, playbackId, EVENT_TIMEOUT);
        assertThat(first.playback().mediaUri()).isEqualTo("tone:440");
        assertThat(first.playback().nextMediaUri()).isEqualTo("tone:620");
        assertThat(ari.playbacks().get(playbackId).await().state()).isEqualTo("playing");

        ari.playbacks().stop(playbackId).await();
        PlaybackContinuing continuing = log.await(PlaybackContinuing.class, playbackId, EVENT_TIMEOUT);
        assertThat(continuing.playback().state()).isEqualTo("continuing");
        PlaybackStarted second = log.await(PlaybackStarted.class, playbackId,
                e -> "tone:620".equals(e.playback().mediaUri()), "of the second item", EVENT_TIMEOUT);
        assertThat(second.playback().state()).isEqualTo("playing");

        ari.playbacks().stop(playbackId).await();
        PlaybackFinished finished = log.await(PlaybackFinished.class, playbackId, EVENT_TIMEOUT);
        assertThat(finished.playback().state()).isEqualTo("done");
        assertThat(log.typesAbout(playbackId)).containsSubsequence(
                "PlaybackStarted", "PlaybackContinuing", "PlaybackStarted", "PlaybackFinished");

        hangUp(channelId);
    }

    @Test
    void toneWithACadenceIsSplitIntoTwoPlaylistItemsAtItsComma() {
        String channelId = originateInto("silent");
        String playbackId = id("cadence");

        ari.channels().play(channelId, PlayOptions.builder("tone:440/300,0/200").playbackId(playbackId).build())
                .await();

        // As recorded (pb-2 of playback-record-dtmf-continue.jsonl): the comma separates playlist items.
        PlaybackStarted started = log.await(PlaybackStarted.class, playbackId, EVENT_TIMEOUT);
        assertThat(started.playback().mediaUri()).isEqualTo("tone:440/300");
        assertThat(started.playback().nextMediaUri()).isEqualTo("0/200");

        hangUp(channelId);
    }

    @Test
    void unknownSoundIsAcceptedThenFinishesFailed() {
        String channelId = originateInto("silent");
        String playbackId = id("nosound");
        String media = "sound:arivoice-no-such-sound-" + playbackId;

        Playback accepted = ari.channels().play(channelId, PlayOptions.builder(media)
                .playbackId(playbackId).build()).await();
        assertThat(accepted.id()).isEqualTo(playbackId);

        PlaybackFinished finished = log.await(PlaybackFinished.class, playbackId, EVENT_TIMEOUT);
        assertThat(finished.playback().state()).isEqualTo("failed");
        assertThat(finished.playback().mediaUri()).isEqualTo(media);
        List<String> types = log.typesAbout(playbackId);
        assertThat(types).containsSubsequence("PlaybackStarted", "PlaybackFinished");

        hangUp(channelId);
    }

    private void hangUp(String channelId) {
        ari.channels().hangup(channelId).await();
        log.await(ChannelDestroyed.class, channelId, EVENT_TIMEOUT);
    }
}
