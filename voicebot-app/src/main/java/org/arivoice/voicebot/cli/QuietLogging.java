package org.arivoice.voicebot.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps log lines off the console while a command prints a report. Logs go to stderr and the report to
 * stdout, but on a terminal both end up on one screen: the libraries' INFO lines (the ARI event stream
 * connecting, the Realtime client) would land between doctor's lines. While open, every log event of the
 * process is dropped; {@link #close()} restores logging as it was. With a logging backend other than the
 * bot's logback it does nothing.
 */
final class QuietLogging implements AutoCloseable {
    private final LoggerContext context;
    private final TurboFilter dropAll;

    private QuietLogging(LoggerContext context, TurboFilter dropAll) {
        this.context = context;
        this.dropAll = dropAll;
    }

    /**
     * Silences logging until closed, when {@code quiet}; otherwise changes nothing.
     *
     * @param quiet whether to silence
     * @return the handle to close
     */
    static QuietLogging when(boolean quiet) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!quiet || !(factory instanceof LoggerContext context)) {
            return new QuietLogging(null, null);
        }
        TurboFilter dropAll = new TurboFilter() {
            @Override
            public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                    Throwable t) {
                return FilterReply.DENY;
            }
        };
        dropAll.setName("voicebot-quiet-report");
        dropAll.setContext(context);
        dropAll.start();
        context.addTurboFilter(dropAll);
        return new QuietLogging(context, dropAll);
    }

    /**
     * Whether the user asked for log output: {@code LOG_LEVEL} (environment or system property, read by the
     * bot's logback.xml) or a logback configuration file of their own ({@code -Dlogback.configurationFile}).
     *
     * @param env the environment
     * @return true when logging is configured by the user
     */
    static boolean configuredByUser(Map<String, String> env) {
        return env.containsKey("LOG_LEVEL") || System.getProperty("LOG_LEVEL") != null
                || System.getProperty("logback.configurationFile") != null;
    }

    /** Lets log events through again. */
    @Override
    public void close() {
        if (context != null) {
            context.getTurboFilterList().remove(dropAll);
            dropAll.stop();
        }
    }
}
