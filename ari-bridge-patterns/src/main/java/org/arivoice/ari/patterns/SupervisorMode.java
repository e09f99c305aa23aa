package org.arivoice.ari.patterns;

/** How a supervisor joins a call ({@link BridgedMediaCall#supervise}). */
public enum SupervisorMode {
    /**
     * The supervisor hears both directions of the snooped channel and nobody hears the supervisor:
     * a snoop with {@code spy=both}, {@code whisper=none}, bridged with the supervisor's channel.
     */
    LISTEN,
    /**
     * As {@link #LISTEN}, and the snooped channel's party hears the supervisor ({@code whisper=out}: the
     * supervisor's audio is mixed into what that channel sends to its far end); the rest of the bridge does
     * not.
     */
    WHISPER,
    /** The supervisor joins the call's bridge: everyone hears everyone. */
    BARGE
}
