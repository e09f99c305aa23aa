package org.arivoice.voicebot.cli;

import java.util.concurrent.Callable;
import org.arivoice.voicebot.doctor.CheckResult;
import org.arivoice.voicebot.doctor.Doctor;
import org.arivoice.voicebot.doctor.DoctorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code voicebot doctor}: checks the deployment and prints one line per check with a fix for each failure.
 * Exit code 0 when nothing failed (warnings allowed), 1 when a check failed, 2 when the configuration is invalid.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the deployment: ARI URL, reachability, credentials, write access, Stasis application,"
                + " RTP addresses and ports, OpenAI key and model. One line per check, with a fix for each"
                + " failure.")
public final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    ConfigOption config;

    /** Creates the command; picocli fills it. */
    public DoctorCommand() {
    }

    /**
     * Runs every check.
     *
     * @return the exit code
     */
    @Override
    public Integer call() {
        DoctorReport report = Doctor.builder().build().diagnose(main.configFile(config), main.env(),
                c -> main.out().println(c.line()));
        long failed = report.checks().stream().filter(c -> c.status() == CheckResult.Status.FAIL).count();
        long warned = report.checks().stream().filter(c -> c.status() == CheckResult.Status.WARN).count();
        main.out().println(failed == 0 ? "doctor: no failures" + (warned == 0 ? "." : " (" + warned + " warning"
                + (warned == 1 ? "" : "s") + ").") : "doctor: " + failed + " check" + (failed == 1 ? "" : "s")
                        + " failed; fix " + (failed == 1 ? "it" : "them") + " and run doctor again.");
        return report.exitCode();
    }
}
