package org.arivoice.rtp.jitter;

/**
 * A copy of the counters of one {@link JitterBuffer}, taken by {@link JitterBuffer#stats()}. Packet counts
 * are cumulative over the life of the buffer, across resets.
 *
 * <p>Every audio packet offered is counted exactly once in {@code accepted}, {@code duplicates},
 * {@code lateDropped}, {@code overflows} or {@code malformed}; every accepted packet ends up in
 * {@code played}, {@code lateDropped} (only when it overlaps audio already played), {@code discardedOnReset}
 * or is still {@code buffered}.
 *
 * @param accepted audio packets stored (including those that started the stream after a reset)
 * @param played audio packets released as {@link FrameKind#AUDIO} frames
 * @param lateDropped packets dropped because their audio had already been played out or concealed
 * @param duplicates packets dropped as copies of a buffered or already played packet
 * @param overflows packets dropped because every slot was in use
 * @param malformed packets that could not be used as audio (empty, partial samples, too long)
 * @param wrongPayloadType packets of an unexpected payload type
 * @param resets times the stream restarted (new SSRC, sequence or timestamp jump, persistent lateness)
 * @param discardedOnReset buffered packets thrown away by those resets
 * @param clockSlips times the playout clock was moved to follow a sender clock that runs faster or slower
 *     than ours (a slower one costs one concealed packet per slip)
 * @param telephoneEvents RFC 4733 packets separated from the audio
 * @param comfortNoise RFC 3389 packets separated from the audio
 * @param concealedMillis time filled with {@link FrameKind#CONCEALED_REPEAT} frames
 * @param silenceMillis time filled with {@link FrameKind#SILENCE} frames
 * @param buffered packets held now
 * @param currentDepthMillis audio time from the playout position to the end of the newest buffered packet
 */
public record JitterBufferStats(
        long accepted,
        long played,
        long lateDropped,
        long duplicates,
        long overflows,
        long malformed,
        long wrongPayloadType,
        long resets,
        long discardedOnReset,
        long clockSlips,
        long telephoneEvents,
        long comfortNoise,
        long concealedMillis,
        long silenceMillis,
        int buffered,
        long currentDepthMillis) {
}
