package org.arivoice.ari.patterns;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One active call as seen at one moment, for an operator's status page.
 *
 * @param callId the call
 * @param callerChannelId the caller's channel
 * @param phase where it stands
 * @param startedAt when its flow started
 * @param resources what it holds in Asterisk
 */
public record CallView(String callId, String callerChannelId, CallPhase phase, Instant startedAt,
        List<TrackedResource> resources) {
    /**
     * Keeps an unmodifiable copy.
     *
     * @param callId the call
     * @param callerChannelId the caller's channel
     * @param phase where it stands
     * @param startedAt when it started
     * @param resources what it holds
     */
    public CallView {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(callerChannelId, "callerChannelId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(startedAt, "startedAt");
        resources = List.copyOf(resources);
    }
}
