package org.arivoice.ari.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A dialplan parsed from {@code extensions.conf} text: contexts of extensions of numbered priorities, each an
 * application call. Understands the subset of Asterisk's syntax that test configurations use: {@code [context]}
 * sections, {@code exten => name,priority,App(args)} with numeric or {@code n} priorities and optional
 * {@code (label)}s, {@code same => n,...}, {@code ;} comments and blank lines. {@code [general]} and
 * {@code [globals]} are skipped; hints are ignored. Extension names starting with {@code _} are patterns
 * ({@code X}, {@code Z}, {@code N}, {@code [..]}, {@code .}, {@code !}), tried after exact names, as in
 * Asterisk. Immutable.
 */
final class Dialplan {
    /** One priority of an extension: the application as written and its (unsubstituted) argument text. */
    record Step(String app, String data) {
    }

    private static final String RECORDED_RESOURCE = "recorded-extensions.conf";
    private static final Pattern LABEL = Pattern.compile("([^()]+)\\(([^()]*)\\)");

    /** context → extension → priority → step, in file order. */
    private final Map<String, Map<String, TreeMap<Integer, Step>>> contexts;
    /** context → extension → label → priority. */
    private final Map<String, Map<String, Map<String, Integer>>> labels;

    private Dialplan(Map<String, Map<String, TreeMap<Integer, Step>>> contexts,
            Map<String, Map<String, Map<String, Integer>>> labels) {
        this.contexts = contexts;
        this.labels = labels;
    }

    /** The dialplan the recordings were made with (context {@code ari-it}), bundled as a resource. */
    static Dialplan recorded() {
        try (InputStream in = Dialplan.class.getResourceAsStream(RECORDED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the ari-testkit jar lacks its resource " + RECORDED_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RECORDED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bundled " + RECORDED_RESOURCE, e);
        }
    }

    /**
     * Parses {@code extensions.conf} text.
     *
     * @param text the file's content
     * @param source the file's name, for error messages
     * @throws IllegalArgumentException naming the file, the line number and what is wrong
     */
    static Dialplan parse(String text, String source) {
        Map<String, Map<String, TreeMap<Integer, Step>>> contexts = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Integer>>> labels = new LinkedHashMap<>();
        String context = null;
        boolean skipping = false;
        String lastExten = null;
        int lastPriority = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = ConfigText.stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                if (close < 2 || close != line.length() - 1) {
                    throw malformed(source, lineNo, "a section header must look like [name], was '" + line + "'");
                }
                context = line.substring(1, close).trim();
                skipping = "general".equalsIgnoreCase(context) || "globals".equalsIgnoreCase(context);
                if (!skipping) {
                    contexts.computeIfAbsent(context, c -> new LinkedHashMap<>());
                    labels.computeIfAbsent(context, c -> new LinkedHashMap<>());
                }
                lastExten = null;
                continue;
            }
            if (skipping) {
                continue;
            }
            int arrow = line.indexOf("=>");
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw malformed(source, lineNo, "expected 'exten => name,priority,App(args)' or 'same => n,App(args)',"
                        + " was '" + line + "'");
            }
            String key = line.substring(0, arrow >= 0 && arrow == eq ? arrow : eq).trim().toLowerCase();
            String value = line.substring(arrow >= 0 && arrow == eq ? arrow + 2 : eq + 1).trim();
            if (context == null) {
                throw malformed(source, lineNo, "'" + key + "' appears before any [context] section");
            }
            String exten;
            String rest;
            if ("exten".equals(key)) {
                int comma = value.indexOf(',');
                if (comma <= 0) {
                    throw malformed(source, lineNo, "expected 'exten => name,priority,App(args)', was '" + line + "'");
                }
                exten = value.substring(0, comma).trim();
                rest = value.substring(comma + 1).trim();
            } else if ("same".equals(key)) {
                if (lastExten == null) {
                    throw malformed(source, lineNo, "'same =>' needs an 'exten =>' line before it in context ["
                            + context + "]");
                }
                exten = lastExten;
                rest = value;
            } else {
                throw malformed(source, lineNo, "FakeAsterisk's dialplan understands only 'exten =>' and 'same =>'"
                        + " lines, not '" + key + "'");
            }
            int comma = rest.indexOf(',');
            if (comma <= 0) {
                throw malformed(source, lineNo, "expected 'priority,App(args)' after the extension name, was '"
                        + rest + "'");
            }
            String priorityText = rest.substring(0, comma).trim();
            String call = rest.substring(comma + 1).trim();
            if ("hint".equalsIgnoreCase(priorityText)) {
                continue; // device-state hints are not part of call flow
            }
            String label = null;
            var labelled = LABEL.matcher(priorityText);
            if (labelled.matches()) {
                priorityText = labelled.group(1).trim();
                label = labelled.group(2).trim();
            }
            int priority;
            if ("n".equalsIgnoreCase(priorityText)) {
                if (!exten.equals(lastExten)) {
                    throw malformed(source, lineNo, "priority 'n' needs an earlier priority of extension '" + exten
                            + "'");
                }
                priority = lastPriority + 1;
            } else {
                try {
                    priority = Integer.parseInt(priorityText);
                } catch (NumberFormatException e) {
                    throw malformed(source, lineNo, "the priority must be a number, 'n' or 'hint', was '"
                            + priorityText + "'");
                }
                if (priority < 1) {
                    throw malformed(source, lineNo, "priorities start at 1, was " + priority);
                }
            }
            Step step = parseCall(call, source, lineNo);
            TreeMap<Integer, Step> steps = contexts.get(context).computeIfAbsent(exten, x -> new TreeMap<>());
            if (steps.containsKey(priority)) {
                throw malformed(source, lineNo, "extension '" + exten + "' of [" + context + "] already has priority "
                        + priority);
            }
            steps.put(priority, step);
            if (label != null && !label.isEmpty()) {
                labels.get(context).computeIfAbsent(exten, x -> new LinkedHashMap<>()).put(label, priority);
            }
            lastExten = exten;
            lastPriority = priority;
        }
        return new Dialplan(contexts, labels);
    }

    private static Step parseCall(String call, String source, int lineNo) {
        int open = call.indexOf('(');
        if (open < 0) {
            if (!call.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw malformed(source, lineNo, "expected an application call like App(args), was '" + call + "'");
            }
            return new Step(call, "");
        }
        String app = call.substring(0, open).trim();
        if (!app.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw malformed(source, lineNo, "'" + app + "' is not an application name (in '" + call + "')");
        }
        if (!call.endsWith(")")) {
            throw malformed(source, lineNo, "the arguments of " + app + " lack their closing ')' (in '" + call + "')");
        }
        return new Step(app, call.substring(open + 1, call.length() - 1));
    }

    private static IllegalArgumentException malformed(String source, int line, String what) {
        return new IllegalArgumentException(source + " line " + line + ": " + what);
    }

    /** The step at {@code priority} of {@code exten@context}, or empty when there is none. */
    Optional<Step> step(String context, String exten, int priority) {
        return extension(context, exten).map(steps -> steps.get(priority));
    }

    /** Whether {@code exten} exists (exactly or by pattern) in {@code context} with a priority 1. */
    boolean hasExtension(String context, String exten) {
        return step(context, exten, 1).isPresent();
    }

    /** The priority a label names in {@code exten@context}. */
    Optional<Integer> label(String context, String exten, String label) {
        Map<String, Map<String, Integer>> byExten = labels.get(context);
        if (byExten == null) {
            return Optional.empty();
        }
        String matched = matchingName(context, exten).orElse(exten);
        return Optional.ofNullable(byExten.getOrDefault(matched, Map.of()).get(label));
    }

    /** The first context (in file order) that has {@code exten}. */
    Optional<String> contextOf(String exten) {
        return contexts.keySet().stream().filter(c -> hasExtension(c, exten)).findFirst();
    }

    /** The contexts, in file order. */
    List<String> contexts() {
        return List.copyOf(contexts.keySet());
    }

    /** Every context's extension names, for messages. */
    String describe() {
        List<String> out = new ArrayList<>();
        contexts.forEach((c, extens) -> out.add(c + " " + extens.keySet()));
        return String.join("; ", out);
    }

    private Optional<TreeMap<Integer, Step>> extension(String context, String exten) {
        Map<String, TreeMap<Integer, Step>> extens = contexts.get(context);
        if (extens == null || exten == null) {
            return Optional.empty();
        }
        return matchingName(context, exten).map(extens::get);
    }

    private Optional<String> matchingName(String context, String exten) {
        Map<String, TreeMap<Integer, Step>> extens = contexts.get(context);
        if (extens == null) {
            return Optional.empty();
        }
        if (extens.containsKey(exten)) {
            return Optional.of(exten);
        }
        return extens.keySet().stream().filter(n -> n.startsWith("_") && patternMatches(n.substring(1), exten))
                .findFirst();
    }

    /** Asterisk's extension pattern characters (pbx.c): X 0-9, Z 1-9, N 2-9, [..] a set, . one or more, ! zero or more. */
    static boolean patternMatches(String pattern, String exten) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (Character.toUpperCase(c)) {
                case 'X': regex.append("[0-9]"); break;
                case 'Z': regex.append("[1-9]"); break;
                case 'N': regex.append("[2-9]"); break;
                case '.': regex.append(".+"); break;
                case '!': regex.append(".*"); break;
                case '[': {
                    int close = pattern.indexOf(']', i);
                    if (close < 0) {
                        return false;
                    }
                    regex.append('[').append(pattern, i + 1, close).append(']');
                    i = close;
                    break;
                }
                default: regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return exten.matches(regex.toString());
        } catch (java.util.regex.PatternSyntaxException e) {
            return false; // a malformed [..] set matches nothing, as Asterisk's matcher finds no match
        }
    }
}
