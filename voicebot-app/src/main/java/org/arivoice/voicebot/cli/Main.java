package org.arivoice.voicebot.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.config.ConfigException;
import org.arivoice.voicebot.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * The {@code voicebot} command line: {@code run} (the default), {@code doctor}, {@code simulate},
 * {@code --version}, {@code --help}. Exit codes: 0 success, 1 a failure at run time, 2 a configuration (or
 * usage) error, with every problem on its own line on stderr.
 */
@Command(name = "voicebot", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "An AI voice bot for Asterisk: callers talk with an OpenAI Realtime model.",
        subcommands = {RunCommand.class, DoctorCommand.class, SimulateCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Without a command, voicebot runs the bot.",
            "Exit codes: 0 ok, 1 failure at run time, 2 configuration error.",
            "Configuration: --config FILE, then the environment: ARI_URL, ARI_USER,",
            "ARI_PASSWORD, ARI_APP, OPENAI_API_KEY, OPENAI_MODEL, OPENAI_ENDPOINT,",
            "AZURE_OPENAI_RESOURCE, MEDIA_ADVERTISED_HOST, METRICS_PORT."})
public final class Main implements Callable<Integer> {
    /** Exit code of a success. */
    public static final int OK = 0;
    /** Exit code of a failure at run time. */
    public static final int FAILURE = 1;
    /** Exit code of a configuration error. */
    public static final int CONFIG_ERROR = 2;

    @Mixin
    ConfigOption config;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * A command line over the process's environment and standard streams.
     */
    public Main() {
        this(System.getenv(), System.out, System.err);
    }

    /**
     * A command line over the given environment and streams (for tests and embedding).
     *
     * @param env the environment variables to read the configuration from
     * @param out where results go
     * @param err where messages go
     */
    public Main(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code = new Main().commandLine().execute(args);
        System.exit(code);
    }

    /**
     * The picocli command line over this instance, its output and error streams set.
     *
     * @return the command line; {@code execute(args)} returns the exit code
     */
    public CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            // Run-time failures the commands did not turn into an exit code themselves: one sentence, no trace
            // (the libraries' messages never contain secrets).
            line.getErr().println("voicebot: " + (ex.getMessage() == null ? ex.getClass().getName()
                    : ex.getMessage()));
            return FAILURE;
        });
        return cl;
    }

    /** Without a subcommand: {@code run}. */
    @Override
    public Integer call() {
        RunCommand run = new RunCommand();
        run.main = this;
        run.config = new ConfigOption();
        return run.call();
    }

    Map<String, String> env() {
        return env;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Optional<java.nio.file.Path> configFile(ConfigOption own) {
        return own.resolve(config, env);
    }

    /**
     * Loads the configuration, or prints every problem to stderr.
     *
     * @param own the subcommand's {@code --config}
     * @return the configuration, or empty after printing the problems
     */
    Optional<BotConfig> loadOrReport(ConfigOption own) {
        try {
            return Optional.of(ConfigLoader.load(configFile(own), env));
        } catch (ConfigException e) {
            err.println("voicebot: the configuration is not usable (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + "):");
            for (String p : e.problems()) {
                err.println(p);
            }
            return Optional.empty();
        }
    }
}
