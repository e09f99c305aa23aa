package org.arivoice.ari.patterns;

import java.util.Objects;

/**
 * How a call ended.
 *
 * @param callId the call
 * @param reason why it was torn down
 * @param report what the teardown did to each resource
 */
public record CallEnd(String callId, TeardownReason reason, TeardownReport report) {
    /**
     * Checks the fields.
     *
     * @param callId the call
     * @param reason why it was torn down
     * @param report what the teardown did
     */
    public CallEnd {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(report, "report");
    }
}
