package org.arivoice.ari.resources;

/**
 * The reason given when hanging up a channel (mapped by Asterisk to a Q.850 cause).
 */
public enum HangupReason {
    /** Normal clearing (the default). */
    NORMAL("normal"),
    /** User busy. */
    BUSY("busy"),
    /** Congestion. */
    CONGESTION("congestion"),
    /** No answer. */
    NO_ANSWER("no_answer"),
    /** No user response. */
    TIMEOUT("timeout"),
    /** Call rejected. */
    REJECTED("rejected"),
    /** Unallocated number. */
    UNALLOCATED("unallocated"),
    /** Normal, unspecified. */
    NORMAL_UNSPECIFIED("normal_unspecified"),
    /** Invalid or incomplete number. */
    NUMBER_INCOMPLETE("number_incomplete"),
    /** Bearer capability not available. */
    CODEC_MISMATCH("codec_mismatch"),
    /** Interworking, unspecified. */
    INTERWORKING("interworking"),
    /** Network out of order. */
    FAILURE("failure"),
    /** Answered elsewhere. */
    ANSWERED_ELSEWHERE("answered_elsewhere");

    private final String wireValue;

    HangupReason(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * The value as sent to Asterisk.
     *
     * @return the query parameter value
     */
    public String wireValue() {
        return wireValue;
    }
}
