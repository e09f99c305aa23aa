package org.arivoice.realtime;

import java.time.Instant;
import java.util.List;
import org.arivoice.realtime.event.ErrorDetail;
import org.arivoice.realtime.event.RateLimit;
import org.arivoice.realtime.event.RealtimeResponse;
import org.arivoice.realtime.event.ServerEvent;

/**
 * Receives what happens in a session. Every method has an empty default, so implement only what you need.
 * All methods of one session are called one at a time, in the order the server sent the events, on a thread
 * the session borrows from its client's event pool (never the WebSocket I/O thread; sessions share the pool's
 * threads, so an idle session holds none). A method that throws is logged and does not stop delivery. Calls
 * into the session from here are fine, but do not wait here for a future the session completes from a later
 * event (such as {@link RealtimeSession#updateSession}): that event can only be delivered after this method
 * returns. Hand long work off to another thread.
 */
public interface RealtimeListener {

    /**
     * Every server event, typed, before the specific methods below (unknown types arrive as
     * {@link ServerEvent.Unknown}).
     *
     * @param event the event
     */
    default void onEvent(ServerEvent event) {
    }

    /**
     * Model audio, decoded.
     *
     * @param audio the chunk with its item and response IDs
     */
    default void onOutputAudio(OutputAudio audio) {
    }

    /**
     * A piece of the transcript of the model's speech (or of its text output).
     *
     * @param responseId the response
     * @param itemId the assistant item
     * @param delta the new text
     */
    default void onOutputTranscriptDelta(String responseId, String itemId, String delta) {
    }

    /**
     * The full transcript of one spoken (or text) answer.
     *
     * @param responseId the response
     * @param itemId the assistant item
     * @param transcript the whole text
     */
    default void onOutputTranscriptDone(String responseId, String itemId, String transcript) {
    }

    /**
     * A piece of the transcript of the user's speech.
     *
     * @param itemId the user item
     * @param delta the new text
     */
    default void onInputTranscriptDelta(String itemId, String delta) {
    }

    /**
     * The full transcript of one user turn.
     *
     * @param itemId the user item
     * @param transcript the whole text
     */
    default void onInputTranscriptDone(String itemId, String transcript) {
    }

    /**
     * The server detected the start of user speech (the moment to stop playback on barge-in).
     *
     * @param itemId the user item that will hold the speech
     * @param audioStartMs where speech started, in ms of audio appended in this session
     */
    default void onSpeechStarted(String itemId, int audioStartMs) {
    }

    /**
     * The server detected the end of user speech.
     *
     * @param itemId the user item
     * @param audioEndMs where speech ended, in ms of audio appended in this session
     */
    default void onSpeechStopped(String itemId, int audioEndMs) {
    }

    /**
     * A response finished (completed, cancelled, failed or incomplete), with its token usage.
     *
     * @param response the final response
     */
    default void onResponseDone(RealtimeResponse response) {
    }

    /**
     * The server reported an error. Most errors leave the session usable.
     *
     * @param error type, code, message, param, and the {@code event_id} of the client event that caused it
     */
    default void onError(ErrorDetail error) {
    }

    /**
     * A function call of the model ended in an error instead of a result: no tool of that name is in the
     * session configuration (the name is empty when the server did not say which function was called), the
     * arguments are not valid JSON, or the tool's handler failed. The error has gone (or, if the connection has
     * ended meanwhile, was meant to go) to the model as the call's output, {@code {"error": message}}, so the
     * conversation goes on; this tells the application, which would otherwise not know.
     *
     * @param callId the call's {@code call_id}
     * @param name the function's name, empty when the server did not give it
     * @param message the error sentence given to the model
     */
    default void onToolError(String callId, String name, String message) {
    }

    /**
     * Current rate limits (sent at the start of each response).
     *
     * @param limits the limits
     */
    default void onRateLimits(List<RateLimit> limits) {
    }

    /**
     * The session will expire soon (OpenAI ends sessions after 60 minutes): roll over to a new one.
     *
     * @param expiresAt when the server will end the session
     */
    default void onSessionExpiring(Instant expiresAt) {
    }

    /**
     * The connection closed; {@code willReconnect} tells whether the session tries to reconnect.
     *
     * @param close the close code and reason
     * @param willReconnect true if a reconnect is scheduled
     */
    default void onDisconnected(CloseInfo close, boolean willReconnect) {
    }

    /**
     * The session reconnected and its configuration was accepted again. The conversation of the old
     * connection is gone; the server started a new one.
     *
     * @param attempts how many attempts it took
     */
    default void onReconnected(int attempts) {
    }

    /**
     * The session ended for good (closed by the client, a close that is not recoverable, or reconnecting gave
     * up). Last call for this session.
     *
     * @param close the final close
     */
    default void onClosed(CloseInfo close) {
    }
}
