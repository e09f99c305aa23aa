package org.arivoice.voicebot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values from one mapping of the YAML tree, adding a problem for each value that is missing, of the
 * wrong type or out of range, instead of stopping at the first. Values may have been replaced by environment
 * variables; messages then name the variable too.
 */
final class Section {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final String path;
    private final ObjectNode node;
    private final Map<String, String> envOrigins;
    private final List<String> problems;

    Section(String path, ObjectNode node, Map<String, String> envOrigins, List<String> problems) {
        this.path = path;
        this.node = node;
        this.envOrigins = envOrigins;
        this.problems = problems;
    }

    /** The full key name for messages, e.g. {@code media.port-min}, with the environment variable if any. */
    String name(String key) {
        String full = path.isEmpty() ? key : path + "." + key;
        String env = envOrigins.get(full);
        return env == null ? full : full + " (set by the environment variable " + env + ")";
    }

    void problem(String key, String sentence) {
        problems.add(name(key) + " " + sentence);
    }

    int problemCount() {
        return problems.size();
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** Adds a problem for every key not in {@code known}, with a "did you mean" when one is close. */
    void checkKeys(List<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            String full = path.isEmpty() ? key : path + "." + key;
            if (!known.contains(key) && !Keys.REFUSED_SECRETS.contains(full)) {
                Optional<String> guess = Keys.didYouMean(key, known);
                problems.add(full + " is not a known key" + guess.map(g -> "; did you mean "
                        + (path.isEmpty() ? g : path + "." + g) + "?").orElse("; the keys here are "
                                + String.join(", ", known)) + " (see config/voicebot.yaml)");
            }
        }
    }

    /** A nested mapping, or an empty one when absent; a problem when it is not a mapping. */
    Optional<Section> child(String key) {
        JsonNode v = node.get(key);
        String childPath = path.isEmpty() ? key : path + "." + key;
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            problem(key, "must be a mapping of keys (indented lines below it), not " + describe(v) + "; e.g."
                    + " \"" + key + ":\" followed by \"  " + exampleChild(childPath) + "\"");
            return Optional.empty();
        }
        return Optional.of(new Section(childPath, (ObjectNode) v, envOrigins, problems));
    }

    /** The names of a mapping's entries, for maps keyed by user-chosen names. */
    List<String> keys() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    Optional<String> text(String key, String example) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            problem(key, "must be a single value, not " + describe(v) + "; e.g. " + key + ": " + example);
            return Optional.empty();
        }
        return Optional.of(v.asText().strip());
    }

    String text(String key, String defaultValue, String example) {
        return text(key, example).orElse(defaultValue);
    }

    Optional<String> requiredText(String key, String example, String hint) {
        Optional<String> v = text(key, example);
        if (v.isEmpty() || v.get().isEmpty()) {
            if (v.isEmpty() || has(key)) {
                problem(key, (v.isEmpty() ? "is missing" : "is empty") + "; " + hint + ", e.g. " + key + ": "
                        + example);
            }
            return Optional.empty();
        }
        return v;
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String t = v.isValueNode() ? v.asText().strip().toLowerCase(Locale.ROOT) : "";
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        problem(key, "must be true or false, not " + describe(v) + "; e.g. " + key + ": " + defaultValue);
        return defaultValue;
    }

    int integer(String key, int defaultValue, int min, int max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        long value;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            value = v.longValue();
        } else if (v.isTextual() && v.asText().strip().matches("-?\\d{1,18}")) {
            value = Long.parseLong(v.asText().strip());
        } else {
            problem(key, "must be a whole number, not " + describe(v) + "; e.g. " + key + ": " + defaultValue);
            return defaultValue;
        }
        if (value < min || value > max) {
            problem(key, "is " + value + ", outside " + min + ".." + max + "; e.g. " + key + ": " + defaultValue);
            return defaultValue;
        }
        return (int) value;
    }

    double decimal(String key, double defaultValue, double min, double max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        double value;
        if (v.isNumber()) {
            value = v.doubleValue();
        } else {
            try {
                value = v.isTextual() ? Double.parseDouble(v.asText().strip()) : Double.NaN;
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (Double.isNaN(value)) {
                problem(key, "must be a number, not " + describe(v) + "; e.g. " + key + ": " + defaultValue);
                return defaultValue;
            }
        }
        if (!(value >= min && value <= max)) {
            problem(key, "is " + value + ", outside " + min + ".." + max + "; e.g. " + key + ": " + defaultValue);
            return defaultValue;
        }
        return value;
    }

    Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        String example = key + ": " + format(defaultValue);
        if (!v.isValueNode()) {
            problem(key, "must be a duration, not " + describe(v) + "; e.g. " + example);
            return defaultValue;
        }
        String t = v.asText().strip();
        Duration value = parseDuration(t);
        if (value == null) {
            String why = t.matches("\\d+") ? "has no unit" : "is not a duration";
            problem(key, "'" + t + "' " + why + "; write a number with ms, s, m or h, e.g. " + example);
            return defaultValue;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problem(key, "is " + format(value) + ", outside " + format(min) + ".." + format(max) + "; e.g. "
                    + example);
            return defaultValue;
        }
        return value;
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (n > 1_000_000_000L) {
                return null;
            }
            switch (m.group(2)) {
                case "ms":
                    return Duration.ofMillis(n);
                case "s":
                    return Duration.ofSeconds(n);
                case "m":
                    return Duration.ofMinutes(n);
                default:
                    return Duration.ofHours(n);
            }
        }
        if (text.toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** A duration as it would be written in the file: {@code 30s}, {@code 2m}, {@code 500ms}. */
    static String format(Duration d) {
        if (d.toMillis() % 3_600_000 == 0 && !d.isZero()) {
            return d.toHours() + "h";
        }
        if (d.toMillis() % 60_000 == 0 && !d.isZero()) {
            return d.toMinutes() + "m";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }

    private static String describe(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            String t = v.asText();
            return "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "'";
        }
        return v.asText();
    }

    private static String exampleChild(String childPath) {
        int dot = childPath.indexOf('.');
        String section = dot < 0 ? childPath : childPath.substring(0, dot);
        List<String> keys = Keys.SECTIONS.get(section);
        if (dot < 0 && keys != null) {
            return keys.get(0) + ": ...";
        }
        return "context: default";
    }
}
