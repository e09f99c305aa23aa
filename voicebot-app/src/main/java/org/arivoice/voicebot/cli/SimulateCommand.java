package org.arivoice.voicebot.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.arivoice.voicebot.simulate.Simulation;
import org.arivoice.voicebot.simulate.SimulationOptions;
import org.arivoice.voicebot.simulate.SimulationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code voicebot simulate}: complete calls on this machine with no Asterisk and no OpenAI (a fake Asterisk
 * with a simulated caller, a scripted fake model), through the real media, bridge and Realtime code. Prints
 * per-stage latency and writes WAV files of what the caller said and heard.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run complete simulated calls with a fake Asterisk and a fake model; print latencies and"
                + " write WAV files. Needs no configuration.")
public final class SimulateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "1",
            description = "Concurrent calls (default ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "simulate-out",
            description = "Where WAV files and transcripts are written (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "8",
            description = "How long each call lasts (default ${DEFAULT-VALUE}).")
    int seconds;

    /** Creates the command; picocli fills it. */
    public SimulateCommand() {
    }

    /**
     * Runs the simulation.
     *
     * @return 0 when every call completed and nothing leaked, else 1; 2 for invalid options
     */
    @Override
    public Integer call() {
        SimulationOptions options;
        try {
            options = new SimulationOptions(calls, out, Duration.ofSeconds(seconds));
        } catch (IllegalArgumentException e) {
            main.err().println("voicebot simulate: " + e.getMessage());
            return Main.CONFIG_ERROR;
        }
        SimulationReport report = Simulation.run(options, main.out());
        return report.clean() ? Main.OK : Main.FAILURE;
    }
}
