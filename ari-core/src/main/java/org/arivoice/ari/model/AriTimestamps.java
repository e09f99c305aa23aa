package org.arivoice.ari.model;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Parses the timestamps that Asterisk puts in models and events.
 *
 * <p>Asterisk writes times such as {@code 2026-11-25T19:34:00.573+0000}: the offset has no colon, so
 * {@link OffsetDateTime#parse(CharSequence)} rejects it. This parser accepts that form, the ISO-8601 form
 * with a colon or {@code Z}, and any number of fraction digits (including none).
 */
public final class AriTimestamps {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter();

    private static final DateTimeFormatter ASTERISK_OUTPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private AriTimestamps() {
    }

    /**
     * Parses a timestamp as Asterisk sends it.
     *
     * @param text the timestamp, for example {@code 2026-11-25T19:34:00.573+0000}; may be {@code null}
     * @return the parsed date-time, or {@code null} if {@code text} is {@code null}
     * @throws DateTimeParseException if {@code text} is not a timestamp in a form Asterisk uses
     */
    public static OffsetDateTime parse(String text) {
        if (text == null) {
            return null;
        }
        return OffsetDateTime.parse(text.trim(), FORMAT);
    }

    /**
     * Formats a date-time the way Asterisk does ({@code yyyy-MM-dd'T'HH:mm:ss.SSSZ}), for fakes and tests
     * that produce ARI JSON.
     *
     * @param time the date-time to format
     * @return the text, for example {@code 2026-11-25T19:34:00.573+0000}
     */
    public static String format(OffsetDateTime time) {
        return time.format(ASTERISK_OUTPUT);
    }
}
