package org.arivoice.voicebot.call;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A call that has ended.
 *
 * @param callId the call's id
 * @param callerChannelId the caller's channel
 * @param externalMediaChannelId the ExternalMedia channel, when the media path was set up
 * @param reason why it ended, e.g. {@code CALLER_HUNG_UP}, {@code REQUESTED}, {@code TRANSFERRED}
 * @param length how long it lasted
 * @param realtimeFailures how many times the Realtime session failed during the call
 */
public record CallSummary(String callId, String callerChannelId, Optional<String> externalMediaChannelId,
        String reason, Duration length, int realtimeFailures) {
    /**
     * Checks the fields.
     *
     * @param callId the call's id
     * @param callerChannelId the caller's channel
     * @param externalMediaChannelId the ExternalMedia channel, or empty
     * @param reason why it ended
     * @param length how long it lasted
     * @param realtimeFailures Realtime failures during the call
     */
    public CallSummary {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(callerChannelId, "callerChannelId");
        Objects.requireNonNull(externalMediaChannelId, "externalMediaChannelId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(length, "length");
    }
}
