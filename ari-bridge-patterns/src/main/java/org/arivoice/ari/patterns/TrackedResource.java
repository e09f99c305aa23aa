package org.arivoice.ari.patterns;

import java.util.Objects;

/**
 * One resource a {@link ResourceLedger} knows about, as seen at one moment.
 *
 * @param kind what it is
 * @param id its ARI id (a channel or bridge id, or a recording name)
 * @param state where it stands
 */
public record TrackedResource(ResourceKind kind, String id, State state) {

    /** Where a tracked resource stands. */
    public enum State {
        /** Its create request has been sent and not yet answered. */
        CREATING,
        /** Asterisk created it, as far as the ledger knows. */
        LIVE,
        /** Asterisk reported its end (hang-up, destruction) without the ledger removing it. */
        GONE,
        /** The teardown removed it, or found it already gone. */
        REMOVED
    }

    /**
     * Checks the fields.
     *
     * @param kind what it is
     * @param id its ARI id
     * @param state where it stands
     */
    public TrackedResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }
}
