package org.arivoice.rtp.net;

/**
 * The timer callback of one {@link MediaSession}, run on the session's media loop thread when the deadline
 * set with {@link MediaSession#scheduleAt(long)} is reached. This is how outbound audio is paced: the
 * callback sends what is due (with {@link MediaSession#sendFrame}) and sets the next deadline.
 *
 * <p>Each session has one timer; it fires once per {@code scheduleAt} and must be re-armed by calling
 * {@code scheduleAt} again, typically from inside this callback. Deadlines are absolute
 * {@link System#nanoTime()} values, so a callback that schedules {@code previousDeadline + 20 ms} keeps an
 * exact 20 ms cadence however late the loop happened to run it. A pacer plugs in like this:
 *
 * <pre>{@code
 * Pacer.FrameSink sink = (buf, off, len, rtpTimestamp, marker, utterance) ->
 *         session.sendFrame(PCMU, marker, rtpTimestamp, buf, off, len);     // we are on the loop thread
 * MediaTimer drive = (session, now) -> {
 *     pacer.poll(now, sink);
 *     if (!pacer.isIdle()) {
 *         session.scheduleAt(pacer.nextDeadlineNanos());
 *     }
 *     // Never cancelTimer() here: a fired timer is already disarmed, and a cancel could undo a
 *     // scheduleAt that the producing thread made a moment ago.
 * };
 * // when audio for the session arrives on another thread (the AI client's):
 * pacer.enqueue(utteranceId, audio, 0, audio.length);
 * session.scheduleAt(pacer.nextDeadlineNanos());   // safe from any thread, wakes the loop if needed
 * }</pre>
 *
 * <p>The session adds its random timestamp base to the timestamp passed to {@code sendFrame}, so a pacer
 * built with an initial timestamp of 0 yields a stream starting at the session's base; a pacer with its own
 * random initial timestamp works too (the two offsets add up). What matters is that every packet of the
 * stream, audio and RFC 4733 events alike, is sent through the same session.
 *
 * <p>Like {@link RtpReceiver}, it must not block; an exception is caught, counted in
 * {@link SessionStats#handlerErrors()} and logged once per session.
 */
@FunctionalInterface
public interface MediaTimer {

    /**
     * Runs when the session's deadline has been reached.
     *
     * @param session the session whose timer fired
     * @param nowNanos {@link System#nanoTime()} read just before the call; never earlier than the deadline
     */
    void onTimer(MediaSession session, long nowNanos);
}
