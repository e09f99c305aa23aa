package org.arivoice.voicebot.doctor;

import java.util.List;

/**
 * Everything {@link Doctor} found.
 *
 * @param checks every check in the order run
 * @param configurationInvalid whether the configuration could not be loaded (the network checks then did not
 *     run)
 */
public record DoctorReport(List<CheckResult> checks, boolean configurationInvalid) {

    /**
     * Keeps an unmodifiable copy.
     *
     * @param checks the checks
     * @param configurationInvalid whether the configuration was refused
     */
    public DoctorReport {
        checks = List.copyOf(checks);
    }

    /**
     * Whether any check failed.
     *
     * @return true when at least one is {@link CheckResult.Status#FAIL}
     */
    public boolean failed() {
        return checks.stream().anyMatch(c -> c.status() == CheckResult.Status.FAIL);
    }

    /**
     * The process exit code: 2 when the configuration is invalid, 1 when a check failed, 0 otherwise (warnings
     * included).
     *
     * @return the code
     */
    public int exitCode() {
        return configurationInvalid ? 2 : failed() ? 1 : 0;
    }
}
