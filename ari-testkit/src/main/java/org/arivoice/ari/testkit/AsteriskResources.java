package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /asterisk/info}, {@code /asterisk/variable}, {@code /asterisk/modules} and {@code /asterisk/logging},
 * following {@code res/ari/resource_asterisk.c} and what it calls:
 * <ul>
 *   <li>global variables as {@code pbx_builtin_setvar_helper} keeps them; a GET reads the variable of that exact
 *       name ({@code GLOBAL(X)} is not evaluated), a missing one is {@code ""};</li>
 *   <li>the module list of the recorded Asterisk ({@code asterisk-modules.tsv}), loaded, unloaded and reloaded
 *       with the texts of {@code main/loader.c}'s outcomes: a module in use, or built in, cannot be unloaded; one
 *       without a reload callback cannot be reloaded; loading an unknown module is declined;</li>
 *   <li>the log channels of {@code main/logger.c}: the built-in {@code messages.log} and console channels (the
 *       recorded Asterisk had no {@code logger.conf}), dynamic file channels added first in the list, removable,
 *       and a rotate that re-reads the configuration and so drops every dynamic channel.</li>
 * </ul>
 */
final class AsteriskResources {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final String LOG_DIR = "/var/log/asterisk";
    /** {@code levels[]} of main/logger.c, in mask order. */
    private static final List<String> LEVELS = List.of("DEBUG", "TRACE", "NOTICE", "WARNING", "ERROR", "VERBOSE",
            "DTMF");

    /** One module of the recorded list. */
    private record Module(String name, int useCount, String supportLevel, boolean reloads, String description) {
    }

    /** One log channel: file (by path), or the console. */
    private record LogChannel(String channel, String type, String configuration, boolean dynamic) {
    }

    private final ObjectMapper mapper;
    private final String asteriskId;
    private final String startupTime = TIME.format(Instant.now());
    private String lastReloadTime = startupTime;
    private final Map<String, String> globals = new LinkedHashMap<>();
    private final Map<String, Module> known = new LinkedHashMap<>();
    private final Map<String, Module> running = new LinkedHashMap<>();
    private final List<LogChannel> logChannels = new ArrayList<>();

    AsteriskResources(ObjectMapper mapper, String asteriskId) {
        this.mapper = mapper;
        this.asteriskId = asteriskId;
        for (Module m : readModules()) {
            known.put(m.name, m);
            running.put(m.name, m);
        }
        readLoggerConfiguration();
    }

    private static List<Module> readModules() {
        List<Module> out = new ArrayList<>();
        try (InputStream in = AsteriskResources.class.getResourceAsStream("asterisk-modules.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", 5);
                out.add(new Module(f[0], Integer.parseInt(f[1]), f[2], "reload".equals(f[3]), f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@code init_logger_chain} without a {@code logger.conf}: what the recorded Asterisk listed. */
    private void readLoggerConfiguration() {
        logChannels.clear();
        logChannels.add(new LogChannel(LOG_DIR + "/messages.log", "File", components("notice,warning,error"), false));
        logChannels.add(new LogChannel("", "Console", components("notice,warning,error,verbose"), false));
    }

    Reply route(String method, List<String> s, Map<String, String> q) {
        String what = s.size() >= 2 ? s.get(1) : "";
        switch (what) {
            case "info":
                return s.size() == 2 ? info(q.get("only")) : null;
            case "variable":
                if (s.size() != 2) {
                    return null;
                }
                return "GET".equals(method) ? getGlobal(q.get("variable"))
                        : setGlobal(q.get("variable"), q.get("value"));
            case "modules":
                if (s.size() == 2) {
                    return listModules();
                }
                return s.size() == 3 ? module(method, s.get(2)) : null;
            case "logging":
                if (s.size() == 2) {
                    return listLogChannels();
                }
                if (s.size() == 3) {
                    return "POST".equals(method) ? addLog(s.get(2), q.get("configuration")) : deleteLog(s.get(2));
                }
                return s.size() == 4 ? rotateLog(s.get(2)) : null;
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- info, variables

    private Reply info(String only) {
        List<String> parts = only == null ? List.of("build", "system", "config", "status") : SystemResources.list(only);
        ObjectNode o = mapper.createObjectNode();
        if (parts.contains("build")) {
            ObjectNode build = o.putObject("build");
            build.put("os", System.getProperty("os.name", ""));
            build.put("kernel", System.getProperty("os.version", ""));
            build.put("machine", System.getProperty("os.arch", ""));
            build.put("options", "");
            build.put("date", startupTime);
            build.put("user", "");
        }
        if (parts.contains("system")) {
            ObjectNode system = o.putObject("system");
            system.put("version", "FakeAsterisk (ARI 12.0.0)");
            system.put("entity_id", asteriskId);
        }
        if (parts.contains("config")) {
            ObjectNode config = o.putObject("config");
            config.put("name", "");
            config.put("default_language", "en");
            ObjectNode setid = config.putObject("setid");
            setid.put("user", "");
            setid.put("group", "");
        }
        if (parts.contains("status")) {
            ObjectNode status = o.putObject("status");
            status.put("startup_time", startupTime);
            status.put("last_reload_time", lastReloadTime);
        }
        return Reply.ok(o);
    }

    private Reply getGlobal(String name) {
        if (name == null || name.isEmpty()) {
            throw new AriError(400, "Variable name is required");
        }
        return Reply.ok(mapper.createObjectNode().put("value", globals.getOrDefault(name, "")));
    }

    private Reply setGlobal(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new AriError(400, "Variable name is required");
        }
        if (value == null || value.isEmpty()) {
            globals.remove(name); // pbx_builtin_setvar_helper deletes a variable set to nothing
        } else {
            globals.put(name, value);
        }
        return Reply.noContent();
    }

    // ---------------------------------------------------------------- modules

    private ObjectNode moduleJson(Module m) {
        ObjectNode o = mapper.createObjectNode();
        o.put("name", m.name);
        o.put("description", m.description);
        o.put("use_count", m.useCount);
        o.put("status", "Running");
        o.put("support_level", m.supportLevel);
        return o;
    }

    private Reply listModules() {
        ArrayNode a = mapper.createArrayNode();
        running.values().forEach(m -> a.add(moduleJson(m)));
        return Reply.ok(a);
    }

    /** {@code ast_module_check}: the running module of that name, {@code .so} added when missing. */
    private Module runningModule(String name) {
        Module m = running.get(name);
        return m != null ? m : running.get(name + ".so");
    }

    private Reply module(String method, String name) {
        Module m = runningModule(name);
        switch (method) {
            case "GET":
                if (m == null) {
                    throw new AriError(404, "Module could not be found in running modules");
                }
                if (!m.name.equals(name)) {
                    throw new AriError(409, "Module information could not be retrieved");
                }
                return Reply.ok(moduleJson(m));
            case "POST":
                if (m != null) {
                    throw new AriError(409, "Module is already loaded");
                }
                Module k = known.containsKey(name) ? known.get(name) : known.get(name + ".so");
                if (k == null) {
                    throw new AriError(409, "Module load declined");
                }
                running.put(k.name, k);
                return Reply.noContent();
            case "DELETE":
                if (m == null) {
                    throw new AriError(404, "Module not found in running modules");
                }
                if (m.useCount > 0 || !m.name.endsWith(".so")) {
                    throw new AriError(409, "Module could not be unloaded");
                }
                running.remove(m.name);
                return Reply.noContent();
            default: // PUT: reload
                if (m == null) {
                    throw new AriError(404, "Module not found in running modules");
                }
                if (!m.reloads) {
                    throw new AriError(409, "Module does not support reloading");
                }
                lastReloadTime = TIME.format(Instant.now());
                return Reply.noContent();
        }
    }

    // ---------------------------------------------------------------- logging

    /** {@code make_components}: the levels named, in mask order, each followed by a space. */
    private static String components(String configuration) {
        boolean[] on = new boolean[LEVELS.size()];
        for (String item : configuration.split(",")) {
            String w = item.trim().toUpperCase(Locale.ROOT);
            if (w.equals("*")) {
                java.util.Arrays.fill(on, true);
            } else if (w.startsWith("VERBOSE(")) {
                on[LEVELS.indexOf("VERBOSE")] = true;
            } else if (LEVELS.contains(w)) {
                on[LEVELS.indexOf(w)] = true;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < on.length; i++) {
            if (on[i]) {
                out.append(LEVELS.get(i)).append(' ');
            }
        }
        return out.toString();
    }

    /** {@code make_filename}: the console, an absolute path, or a file in the log directory. */
    private static String filename(String name) {
        if (name.equalsIgnoreCase("console")) {
            return "";
        }
        return name.startsWith("/") ? name : LOG_DIR + "/" + name;
    }

    private LogChannel find(String name) {
        String file = filename(name);
        return logChannels.stream().filter(c -> c.channel.equals(file)).findFirst().orElse(null);
    }

    private Reply listLogChannels() {
        ArrayNode a = mapper.createArrayNode();
        for (LogChannel c : logChannels) {
            ObjectNode o = a.addObject();
            o.put("channel", c.channel);
            o.put("type", c.type);
            o.put("status", "Enabled");
            o.put("configuration", c.configuration);
        }
        return Reply.ok(a);
    }

    private Reply addLog(String name, String configuration) {
        if (configuration == null || configuration.isEmpty()) {
            throw new AriError(400, "Configuration levels are required");
        }
        if (find(name) != null) {
            throw new AriError(409, "Log channel already exists");
        }
        logChannels.add(0, new LogChannel(filename(name), "File", components(configuration), true));
        return Reply.noContent();
    }

    private Reply deleteLog(String name) {
        LogChannel c = find(name);
        if (c == null || !c.dynamic) {
            throw new AriError(404, "Log channel does not exist");
        }
        logChannels.remove(c);
        return Reply.noContent();
    }

    private Reply rotateLog(String name) {
        LogChannel c = find(name);
        boolean rotated = c != null && !c.channel.isEmpty(); // only a channel with an open file rotates
        readLoggerConfiguration(); // ast_logger_rotate_channel re-reads the configuration in any case
        if (!rotated) {
            throw new AriError(404, "Log channel does not exist");
        }
        return Reply.noContent();
    }
}
