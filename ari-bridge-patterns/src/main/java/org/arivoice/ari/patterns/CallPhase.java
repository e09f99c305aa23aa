package org.arivoice.ari.patterns;

/** Where a {@link BridgedMediaCall} stands. */
public enum CallPhase {
    /** The flow is creating the bridge, snoop and ExternalMedia channel. */
    SETTING_UP,
    /** The caller and the ExternalMedia channel share the bridge: the application has the audio. */
    READY,
    /** A blind transfer or redirect has been asked for; the caller is leaving Stasis. */
    TRANSFERRING,
    /** A transfer to an endpoint succeeded: the caller talks to that party, the ExternalMedia leg is gone. */
    WITH_PARTY,
    /** A teardown is removing the call's resources. */
    ENDING,
    /** Every resource is removed (or reported as failed); {@link BridgedMediaCall#ended()} is complete. */
    ENDED
}
