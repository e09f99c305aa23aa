package org.arivoice.ari.patterns;

import java.util.Objects;

/**
 * The bridge/snoop/ExternalMedia flow failed at one step; everything it had created has been (or is being)
 * removed. The cause is usually an {@link org.arivoice.ari.AriException} carrying Asterisk's status and
 * message, a timeout, or a {@link CallEndedException} when the caller hung up during set-up.
 */
public class MediaCallSetupException extends CallPatternException {
    private static final long serialVersionUID = 1L;

    /** The call that failed. */
    private final String callId;
    /** The step that failed. */
    private final SetupStep step;

    /**
     * Creates the exception.
     *
     * @param callId the call
     * @param step the step that failed
     * @param message what failed, as a sentence
     * @param cause the underlying failure
     */
    public MediaCallSetupException(String callId, SetupStep step, String message, Throwable cause) {
        super(message, cause);
        this.callId = Objects.requireNonNull(callId, "callId");
        this.step = Objects.requireNonNull(step, "step");
    }

    /**
     * The call that failed.
     *
     * @return its id
     */
    public String callId() {
        return callId;
    }

    /**
     * The step that failed.
     *
     * @return the step
     */
    public SetupStep step() {
        return step;
    }
}
