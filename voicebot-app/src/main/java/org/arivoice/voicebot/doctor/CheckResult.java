package org.arivoice.voicebot.doctor;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link Doctor} check: printed as one line, {@code OK}, {@code WARN} or {@code FAIL}, what
 * was found, and for a failure or warning what to do about it. Never contains a secret.
 *
 * @param check a short name such as {@code ari-credentials}
 * @param status the verdict
 * @param detail what was found, a sentence
 * @param fix what to do, for {@link Status#FAIL} and {@link Status#WARN}
 */
public record CheckResult(String check, Status status, String detail, Optional<String> fix) {

    /** A verdict. */
    public enum Status {
        /** The check passed. */
        OK,
        /** Something may be wrong; the bot can run. */
        WARN,
        /** The bot will not work until this is fixed. */
        FAIL
    }

    /**
     * Checks the components.
     *
     * @param check the check's name
     * @param status the verdict
     * @param detail what was found
     * @param fix what to do
     */
    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
    }

    static CheckResult ok(String check, String detail) {
        return new CheckResult(check, Status.OK, detail, Optional.empty());
    }

    static CheckResult warn(String check, String detail, String fix) {
        return new CheckResult(check, Status.WARN, detail, Optional.of(fix));
    }

    static CheckResult fail(String check, String detail, String fix) {
        return new CheckResult(check, Status.FAIL, detail, Optional.of(fix));
    }

    /**
     * The printed form: {@code FAIL ari-credentials  <detail> Fix: <fix>}.
     *
     * @return one line
     */
    public String line() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-4s %-18s %s", status, check, detail));
        fix.ifPresent(f -> b.append(" Fix: ").append(f));
        return b.toString().replace('\n', ' ');
    }
}
