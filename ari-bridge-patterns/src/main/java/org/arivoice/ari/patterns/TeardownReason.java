package org.arivoice.ari.patterns;

/** Why a call was torn down. */
public enum TeardownReason {
    /** The caller's channel left Stasis or was destroyed (hang-up). */
    CALLER_HUNG_UP,
    /** A step of the set-up failed; what existed was rolled back. */
    SETUP_FAILED,
    /** The call reached its maximum duration. */
    CALL_TIMEOUT,
    /** The application asked for it ({@link BridgedMediaCall#hangup()}). */
    REQUESTED,
    /** The application is shutting down ({@link CallPatterns#close()}). */
    SHUTDOWN,
    /** The caller was handed to the dialplan or another endpoint (blind transfer or redirect). */
    TRANSFERRED,
    /** The ExternalMedia channel ended while the call was up (Asterisk hung it up). */
    MEDIA_LOST,
    /** After a transfer to a person, that person hung up. */
    TRANSFER_PARTY_HUNG_UP
}
