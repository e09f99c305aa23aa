package org.arivoice.ari.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration FakeAsterisk takes from an Asterisk configuration folder: the dialplan of
 * {@code extensions.conf}, the ARI users of {@code ari.conf} and the objects of {@code pjsip.conf}, each when the
 * file is present. Also the
 * comment rule both files share ({@code ;} starts a comment unless written {@code \;}).
 */
final class ConfigText {
    final Optional<Dialplan> dialplan;
    final Map<String, AriUser> users;
    final Optional<PjsipConfig> pjsip;

    private ConfigText(Optional<Dialplan> dialplan, Map<String, AriUser> users, Optional<PjsipConfig> pjsip) {
        this.dialplan = dialplan;
        this.users = users;
        this.pjsip = pjsip;
    }

    /**
     * Reads {@code extensions.conf}, {@code ari.conf} and {@code pjsip.conf} from a folder.
     *
     * @throws IllegalArgumentException if the folder does not exist or a file is malformed (naming file and line)
     * @throws UncheckedIOException if a present file cannot be read
     */
    static ConfigText read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("the Asterisk configuration folder " + directory.toAbsolutePath()
                    + " does not exist or is not a folder");
        }
        Path extensions = directory.resolve("extensions.conf");
        Path ari = directory.resolve("ari.conf");
        Optional<Dialplan> dialplan = Files.isRegularFile(extensions)
                ? Optional.of(Dialplan.parse(readText(extensions), extensions.toString()))
                : Optional.empty();
        Map<String, AriUser> users = Files.isRegularFile(ari) ? parseAriUsers(readText(ari), ari.toString())
                : Map.of();
        Path pjsipConf = directory.resolve("pjsip.conf");
        Optional<PjsipConfig> pjsip = Files.isRegularFile(pjsipConf)
                ? Optional.of(PjsipConfig.parse(readText(pjsipConf), pjsipConf.toString()))
                : Optional.empty();
        return new ConfigText(dialplan, users, pjsip);
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The users of {@code ari.conf}: every section with {@code type=user} ({@code [general]} is skipped). Only
     * plain-text passwords can be checked by the fake; {@code password_format=crypt} is refused.
     */
    static Map<String, AriUser> parseAriUsers(String text, String source) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, Integer> sectionLines = new LinkedHashMap<>();
        String section = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                if (close < 2) {
                    throw new IllegalArgumentException(source + " line " + (i + 1)
                            + ": a section header must look like [name], was '" + line + "'");
                }
                section = line.substring(1, close).trim();
                sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
                sectionLines.putIfAbsent(section, i + 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(source + " line " + (i + 1)
                        + ": expected 'name = value', was a line without '='");
            }
            if (section == null) {
                throw new IllegalArgumentException(source + " line " + (i + 1)
                        + ": a setting appears before any [section]");
            }
            String value = line.substring(eq + 1).trim();
            if (value.startsWith(">")) {
                value = value.substring(1).trim();
            }
            sections.get(section).put(line.substring(0, eq).trim().toLowerCase(), value);
        }
        Map<String, AriUser> users = new LinkedHashMap<>();
        sections.forEach((name, settings) -> {
            if ("general".equalsIgnoreCase(name) || !"user".equalsIgnoreCase(settings.get("type"))) {
                return;
            }
            int line = sectionLines.get(name);
            if ("crypt".equalsIgnoreCase(settings.getOrDefault("password_format", "plain"))) {
                throw new IllegalArgumentException(source + " line " + line + ": user [" + name
                        + "] uses password_format=crypt; FakeAsterisk checks plain passwords only");
            }
            String password = settings.get("password");
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + line + ": user [" + name
                        + "] has no password (Asterisk refuses such a user)");
            }
            users.put(name, new AriUser(name, password, isTrue(settings.getOrDefault("read_only", "no"))));
        });
        return users;
    }

    /** Asterisk's ast_true: yes, true, y, t, 1 and on. */
    private static boolean isTrue(String value) {
        return switch (value.trim().toLowerCase()) {
            case "yes", "true", "y", "t", "1", "on" -> true;
            default -> false;
        };
    }

    /** The line without its comment; {@code \;} stands for a literal semicolon. */
    static String stripComment(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == ';') {
                out.append(';');
                i++;
            } else if (c == ';') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
