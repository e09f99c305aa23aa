package org.arivoice.realtime;

/**
 * One chunk of model audio, decoded from a {@code response.output_audio.delta}.
 *
 * @param responseId the response that produced it
 * @param itemId the assistant item it belongs to (the one to truncate on barge-in)
 * @param contentIndex the content part index within the item
 * @param audio the decoded audio in the session's output format (owned by the receiver)
 * @param itemMillis the total milliseconds of audio received for this item so far, including this chunk
 */
public record OutputAudio(String responseId, String itemId, int contentIndex, byte[] audio, long itemMillis) {
}
