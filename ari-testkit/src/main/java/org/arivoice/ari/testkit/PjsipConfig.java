package org.arivoice.ari.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects of a {@code pjsip.conf}: each section is one res_pjsip sorcery object whose {@code type=} names
 * its object type ({@code endpoint}, {@code aor}, {@code auth}, ...), so one name may carry several objects (the
 * project's {@code [1000]} is an endpoint, an auth and an aor). Templates ({@code [name](!)}) are not objects;
 * a section that names templates ({@code [name](tpl1,tpl2)}) starts with their settings, as Asterisk's config
 * parser ({@code main/config.c}) does. Values are kept as written, a key set twice ({@code allow}) keeps both.
 */
final class PjsipConfig {
    /** One configured object: its type, id and settings ({@code type} excluded) in file order. */
    record PjsipObject(String type, String id, List<Map.Entry<String, String>> settings) {
        /** The last value written for the key, if any. */
        Optional<String> value(String key) {
            String out = null;
            for (Map.Entry<String, String> e : settings) {
                if (e.getKey().equals(key)) {
                    out = e.getValue();
                }
            }
            return Optional.ofNullable(out);
        }
    }

    /** The recorded project's configuration has one endpoint, {@code 1000}; it is the fake's default too. */
    static final PjsipConfig DEFAULT = new PjsipConfig(List.of(
            new PjsipObject("endpoint", "1000", List.of(Map.entry("aors", "1000"), Map.entry("auth", "1000"))),
            new PjsipObject("aor", "1000", List.of())));

    final List<PjsipObject> objects;

    private PjsipConfig(List<PjsipObject> objects) {
        this.objects = List.copyOf(objects);
    }

    /** The object of that type and id, if configured. */
    Optional<PjsipObject> find(String type, String id) {
        return objects.stream().filter(o -> o.type.equals(type) && o.id.equals(id)).findFirst();
    }

    /** The configured ids of one type, in file order. */
    List<String> ids(String type) {
        return objects.stream().filter(o -> o.type.equals(type)).map(PjsipObject::id).toList();
    }

    /**
     * Parses the text of a {@code pjsip.conf}.
     *
     * @throws IllegalArgumentException naming the file and line of a setting outside a section, or of a section
     *     without {@code type=}
     */
    static PjsipConfig parse(String text, String source) {
        Map<String, List<Map.Entry<String, String>>> templates = new LinkedHashMap<>();
        List<PjsipObject> objects = new ArrayList<>();
        String section = null;
        boolean template = false;
        int sectionLine = 0;
        List<Map.Entry<String, String>> settings = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? ConfigText.stripComment(lines[i]).trim() : "[";
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                if (section != null) {
                    if (template) {
                        templates.put(section, settings);
                    } else {
                        objects.add(object(section, settings, source, sectionLine));
                    }
                }
                if (i == lines.length) {
                    break;
                }
                int close = line.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException(source + ":" + (i + 1) + ": a section header without ']'");
                }
                section = line.substring(1, close).trim();
                sectionLine = i + 1;
                settings = new ArrayList<>();
                String options = line.substring(close + 1).trim();
                template = false;
                if (options.startsWith("(") && options.endsWith(")")) {
                    for (String option : options.substring(1, options.length() - 1).split(",")) {
                        String o = option.trim();
                        if (o.equals("!")) {
                            template = true;
                        } else if (templates.containsKey(o)) {
                            settings.addAll(templates.get(o));
                        }
                    }
                }
                continue;
            }
            if (section == null) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": a setting outside any section");
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue; // Asterisk ignores such a line with a warning
            }
            String value = line.substring(eq + 1).trim();
            if (value.startsWith(">")) {
                value = value.substring(1).trim(); // the "=>" form
            }
            settings.add(Map.entry(line.substring(0, eq).trim(), value));
        }
        return new PjsipConfig(objects);
    }

    private static PjsipObject object(String id, List<Map.Entry<String, String>> settings, String source, int line) {
        String type = null;
        List<Map.Entry<String, String>> rest = new ArrayList<>();
        for (Map.Entry<String, String> e : settings) {
            if (e.getKey().equals("type")) {
                type = e.getValue();
            } else {
                rest.add(e);
            }
        }
        if (type == null) {
            throw new IllegalArgumentException(source + ":" + line + ": section [" + id + "] has no type=");
        }
        return new PjsipObject(type, id, rest);
    }
}
