package org.arivoice.voicebot.cli;

import java.util.concurrent.Callable;
import org.arivoice.voicebot.doctor.CheckResult;
import org.arivoice.voicebot.doctor.Doctor;
import org.arivoice.voicebot.doctor.DoctorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code voicebot doctor}: checks the deployment and prints one line per check with a fix for each failure.
 * Exit code 0 when nothing failed (warnings allowed), 1 when a check failed, 2 when the configuration is invalid.
 * The report is the only output: log lines are dropped while it runs, unless {@code --verbose} is given or the
 * user configured logging ({@code LOG_LEVEL}, {@code -Dlogback.configurationFile}).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the deployment: ARI URL, reachability, credentials, write access, Stasis application,"
                + " RTP addresses and ports, OpenAI key and model. One line per check, with a fix for each"
                + " failure. Only the report is printed, unless --verbose or LOG_LEVEL asks for log lines.")
public final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    ConfigOption config;

    @Option(names = {"-v", "--verbose"}, description = "Also print the log lines of the bot and its libraries"
            + " (on stderr) while checking.")
    boolean verbose;

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
        QuietLogging quiet = QuietLogging.when(!verbose && !QuietLogging.configuredByUser(main.env()));
        DoctorReport report;
        try {
            report = Doctor.builder().build().diagnose(main.configFile(config), main.env(),
                    c -> main.out().println(c.line()));
        } finally {
            quiet.close();
        }
        long failed = report.checks().stream().filter(c -> c.status() == CheckResult.Status.FAIL).count();
        long warned = report.checks().stream().filter(c -> c.status() == CheckResult.Status.WARN).count();
        main.out().println(failed == 0 ? "doctor: no failures" + (warned == 0 ? "." : " (" + warned + " warning"
                + (warned == 1 ? "" : "s") + ").") : "doctor: " + failed + " check" + (failed == 1 ? "" : "s")
                        + " failed; fix " + (failed == 1 ? "it" : "them") + " and run doctor again.");
        return report.exitCode();
    }
}
