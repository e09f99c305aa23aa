package org.arivoice.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger (and its children) logs at DEBUG and above while the capture is open, instead of
 * printing it; the logger's level and additivity are restored on close. Needs Logback as the SLF4J binding of
 * the tests that use it (test-support declares it optional).
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousAdditive;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        previousLevel = logger.getLevel();
        previousAdditive = logger.isAdditive();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        appender.start();
        logger.addAppender(appender);
    }

    /**
     * Starts recording the logger of {@code loggerClass} (and its children).
     *
     * @param loggerClass the class whose logger is recorded
     * @return the open capture; close it to restore the logger
     */
    public static LogCapture of(Class<?> loggerClass) {
        return new LogCapture(loggerClass.getName());
    }

    /**
     * Every event so far.
     *
     * @return a copy, oldest first
     */
    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /**
     * The formatted messages logged at {@code level} or above.
     *
     * @param level the lowest level kept
     * @return the messages, oldest first
     */
    public List<String> messagesAtLeast(Level level) {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(level))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /**
     * The formatted messages logged at exactly {@code level}.
     *
     * @param level the level kept
     * @return the messages, oldest first
     */
    public List<String> messagesAt(Level level) {
        return events().stream().filter(e -> e.getLevel().equals(level)).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Stops recording and restores the logger's level and additivity. */
    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        logger.setAdditive(previousAdditive);
        appender.stop();
    }
}
