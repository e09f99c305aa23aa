package org.arivoice.rtp.pacer;

/** What a {@link Pacer} does when audio is enqueued beyond {@link PacerConfig#maxQueuedMillis()}. */
public enum OverflowPolicy {
    /**
     * Keep what is queued and accept only what fits; {@link Pacer#enqueue(long, byte[], int, int)} returns
     * how many bytes it took, so the producer can slow down and offer the rest later.
     */
    REJECT_NEW,
    /**
     * Accept all new audio and discard the oldest queued audio to make room: for producers that cannot
     * wait, where the freshest audio matters most.
     */
    DROP_OLDEST
}
