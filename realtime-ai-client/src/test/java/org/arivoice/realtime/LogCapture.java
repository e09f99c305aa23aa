package org.arivoice.realtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger (and its children) logs at DEBUG and above while the capture is open, instead of
 * printing it; the logger's level and additivity are restored on close.
 */
final class LogCapture implements AutoCloseable {
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

    /** Starts recording the logger {@code loggerName}. */
    static LogCapture of(Class<?> loggerClass) {
        return new LogCapture(loggerClass.getName());
    }

    /** Every event so far. */
    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** The formatted messages logged at {@code level} or above. */
    List<String> messagesAtLeast(Level level) {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(level))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The formatted messages logged at exactly {@code level}. */
    List<String> messagesAt(Level level) {
        return events().stream().filter(e -> e.getLevel().equals(level)).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        logger.setAdditive(previousAdditive);
        appender.stop();
    }
}
