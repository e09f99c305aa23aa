package org.arivoice.ari.patterns;

import java.util.List;
import java.util.Objects;

/**
 * What a teardown did to each resource of a {@link ResourceLedger}, in the order it did it.
 *
 * @param outcomes one entry per resource
 */
public record TeardownReport(List<Outcome> outcomes) {

    /** What happened to one resource. */
    public enum Result {
        /** The teardown removed it (hang-up, destroy or stop answered 2xx). */
        REMOVED,
        /** It was already gone: Asterisk answered 404 (or the ledger had seen its end). */
        ALREADY_GONE,
        /** It was left alone on purpose, e.g. the caller when the teardown was not asked to hang up. */
        KEPT,
        /** Asterisk refused or did not answer; the resource may still exist (see the detail). */
        FAILED
    }

    /**
     * What happened to one resource.
     *
     * @param kind what the resource is
     * @param id its ARI id
     * @param result what happened
     * @param detail why, for {@link Result#FAILED}; empty otherwise
     */
    public record Outcome(ResourceKind kind, String id, Result result, String detail) {
        /**
         * Checks the fields.
         *
         * @param kind what the resource is
         * @param id its ARI id
         * @param result what happened
         * @param detail why, never null
         */
        public Outcome {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(result, "result");
            detail = detail == null ? "" : detail;
        }
    }

    /**
     * Keeps an unmodifiable copy.
     *
     * @param outcomes one entry per resource
     */
    public TeardownReport {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * Whether every resource is now gone or was kept on purpose.
     *
     * @return {@code false} when any removal failed
     */
    public boolean clean() {
        return outcomes.stream().noneMatch(o -> o.result() == Result.FAILED);
    }

    /**
     * The resources whose removal failed and that may still exist in Asterisk.
     *
     * @return the failed outcomes, possibly empty
     */
    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> o.result() == Result.FAILED).toList();
    }
}
