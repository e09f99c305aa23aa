package org.arivoice.voicebot.cli;

import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.arivoice.voicebot.call.VoiceBot;
import org.arivoice.voicebot.call.VoiceBotException;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.metrics.MetricsServer;
import org.arivoice.voicebot.metrics.MicrometerBotMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code voicebot run}: loads the configuration, starts the metrics server (when {@code metrics-port} &gt; 0)
 * and the bot, and serves calls until SIGTERM/SIGINT, then shuts down gracefully within
 * {@code limits.shutdown-grace}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bot (the default): serve every call that enters the Stasis application.")
public final class RunCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    ConfigOption config;

    /** Creates the command; picocli fills it. */
    public RunCommand() {
    }

    /**
     * Runs until the process is told to stop.
     *
     * @return the exit code
     */
    @Override
    public Integer call() {
        Optional<BotConfig> loaded = main.loadOrReport(config);
        if (loaded.isEmpty()) {
            return Main.CONFIG_ERROR;
        }
        BotConfig cfg = loaded.get();
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();
        MetricsServer server = null;
        int metricsPort = cfg.observability().metricsPort();
        if (metricsPort > 0) {
            try {
                server = MetricsServer.start(metricsPort, metrics);
            } catch (UncheckedIOException | IllegalArgumentException e) {
                main.err().println("voicebot: cannot serve metrics on port " + metricsPort + " (" + e.getMessage()
                        + "); free the port, or set observability.metrics-port (METRICS_PORT) to another port or to"
                        + " 0 to disable metrics.");
                return Main.FAILURE;
            }
        }
        VoiceBot bot;
        try {
            bot = VoiceBot.start(cfg, metrics);
        } catch (VoiceBotException e) {
            main.err().println("voicebot: " + e.getMessage());
            main.err().println("voicebot: 'voicebot doctor' checks the whole deployment and says what to fix.");
            closeQuietly(server);
            return Main.FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        MetricsServer metricsServer = server;
        Thread hook = new Thread(() -> {
            try {
                bot.shutdown(cfg.limits().shutdownGrace());
            } finally {
                closeQuietly(metricsServer);
                stopped.countDown();
            }
        }, "voicebot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        main.err().println("voicebot: serving application '" + cfg.ari().application() + "' at " + cfg.ari().url()
                + (metricsServer == null ? "" : "; metrics on port " + metricsServer.port())
                + "; stop with SIGTERM (Ctrl-C).");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    private static void closeQuietly(MetricsServer server) {
        if (server != null) {
            server.close();
        }
    }
}
