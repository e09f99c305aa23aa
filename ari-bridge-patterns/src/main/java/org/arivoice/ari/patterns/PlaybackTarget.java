package org.arivoice.ari.patterns;

/** Who hears an announcement ({@link BridgedMediaCall#play}). */
public enum PlaybackTarget {
    /** Everyone in the call's bridge, the ExternalMedia leg included ({@code POST /bridges/{id}/play}). */
    BRIDGE,
    /** Only the caller ({@code POST /channels/{caller}/play}). */
    CALLER
}
