package org.arivoice.rtp.pacer;

/**
 * What {@link Pacer#flush()} interrupted: for barge-in, the utterance that was being played and how much of
 * it the caller actually heard (for example the {@code audio_end_ms} of an OpenAI Realtime
 * {@code conversation.item.truncate}).
 *
 * @param utteranceId the utterance that was playing or next to play, or {@link Pacer#NO_UTTERANCE} when
 *     nothing was queued or open
 * @param sentMillis how many milliseconds of that utterance had been sent, excluding padding
 * @param discardedMillis how much queued audio, over all utterances, the flush threw away
 */
public record FlushResult(long utteranceId, long sentMillis, long discardedMillis) {

    /**
     * Whether an utterance was playing or about to play.
     *
     * @return {@code utteranceId != Pacer.NO_UTTERANCE}
     */
    public boolean interruptedUtterance() {
        return utteranceId != Pacer.NO_UTTERANCE;
    }
}
