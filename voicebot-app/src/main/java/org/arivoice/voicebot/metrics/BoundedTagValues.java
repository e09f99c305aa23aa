package org.arivoice.voicebot.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one tag may take, capped so that a misbehaving caller (an error type made of a request ID, say)
 * cannot grow the number of time series without bound. The first {@code limit} distinct values are kept as
 * they are; every later new value becomes {@link #OTHER}. Thread-safe.
 */
final class BoundedTagValues {

    /** The value that stands for every value beyond the cap. */
    static final String OTHER = "other";

    /** The value that stands for a missing (null or blank) value. */
    static final String UNKNOWN = "unknown";

    /** Longer values are cut: a tag value is a category, not a message. */
    static final int MAX_LENGTH = 64;

    private final int limit;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    BoundedTagValues(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The tag value limit must be at least 1, was " + limit + ".");
        }
        this.limit = limit;
    }

    /**
     * The tag value to record for {@code raw}: the normalised value itself while fewer than {@code limit} distinct
     * values have been seen (or it is one of them), else {@link #OTHER}.
     */
    String admit(String raw) {
        String value = normalise(raw);
        if (admitted.contains(value)) {
            return value;
        }
        // The slow path is taken at most once per distinct value up to the cap; the lock makes the count exact.
        synchronized (this) {
            if (admitted.contains(value)) {
                return value;
            }
            if (admitted.size() >= limit) {
                return OTHER;
            }
            admitted.add(value);
            return value;
        }
    }

    /** How many distinct values have been admitted. */
    int size() {
        return admitted.size();
    }

    /**
     * Lower case, trimmed, control characters and spaces replaced by {@code _}, at most {@link #MAX_LENGTH}
     * characters; {@link #UNKNOWN} for null or blank.
     */
    static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return UNKNOWN;
        }
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_LENGTH) {
            trimmed = trimmed.substring(0, MAX_LENGTH);
        }
        StringBuilder out = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            out.append(Character.isISOControl(c) || Character.isWhitespace(c) ? '_' : c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
