package org.arivoice.rtp.pacer;

/**
 * A copy of the counters of one {@link Pacer}, taken by {@link Pacer#stats()}. Durations are in
 * milliseconds of audio.
 *
 * @param framesSent frames handed to the sink
 * @param paddedFrames frames that ended an utterance and were completed with silence
 * @param skippedSlots slots missed while audio was waiting, because {@code poll} came more than one ptime
 *     late; their audio was not lost, it went out later with a timestamp jump
 * @param utterancesPlayed utterances whose last frame has been sent
 * @param queuedMillis audio waiting now
 * @param rejectedMillis audio refused by {@link OverflowPolicy#REJECT_NEW}
 * @param droppedMillis queued audio discarded by {@link OverflowPolicy#DROP_OLDEST}
 * @param flushedMillis queued audio discarded by {@link Pacer#flush()}
 * @param staleMillis audio refused because its utterance was finished, flushed or older than the newest
 */
public record PacerStats(
        long framesSent,
        long paddedFrames,
        long skippedSlots,
        long utterancesPlayed,
        long queuedMillis,
        long rejectedMillis,
        long droppedMillis,
        long flushedMillis,
        long staleMillis) {
}
