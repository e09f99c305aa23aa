package org.arivoice.ari.patterns;

/**
 * What a {@link ResourceLedger} entry is, which decides how it is removed and when in a teardown.
 *
 * <p>Teardown goes through the kinds in {@link #teardownOrder()} order: recordings are stopped first so their
 * files are kept, then the channels the call created, then bridges, and the caller last (only when asked).
 */
public enum ResourceKind {
    /** A live recording: stopped (its stored file stays). */
    LIVE_RECORDING(0),
    /** The ExternalMedia channel that carries audio to and from the application: hung up. */
    EXTERNAL_MEDIA_CHANNEL(1),
    /** A snoop channel: hung up (Asterisk also ends it with its target). */
    SNOOP_CHANNEL(1),
    /** A channel the call originated: a transfer target or a conference party: hung up. */
    ORIGINATED_CHANNEL(1),
    /** A bridge: destroyed (Asterisk keeps it after every member has left until it is). */
    BRIDGE(2),
    /** The caller's own channel: hung up only when the teardown is asked to. */
    CALLER_CHANNEL(3);

    private final int teardownOrder;

    ResourceKind(int teardownOrder) {
        this.teardownOrder = teardownOrder;
    }

    /**
     * The teardown stage of this kind; lower stages finish before higher ones start.
     *
     * @return 0 for recordings up to 3 for the caller
     */
    public int teardownOrder() {
        return teardownOrder;
    }

    /**
     * Whether this kind is a channel, removed with {@code DELETE /channels/{id}}.
     *
     * @return {@code true} for the channel kinds
     */
    public boolean isChannel() {
        return this == EXTERNAL_MEDIA_CHANNEL || this == SNOOP_CHANNEL || this == ORIGINATED_CHANNEL
                || this == CALLER_CHANNEL;
    }
}
