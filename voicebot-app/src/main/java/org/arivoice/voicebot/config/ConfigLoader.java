package org.arivoice.voicebot.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.arivoice.ari.patterns.MediaFormat;

/**
 * Makes a {@link BotConfig}: from a YAML file and the environment ({@link #load}), or with defaults for
 * {@code simulate} ({@link #forSimulation}).
 */
public final class ConfigLoader {

    /** The default system instructions of the model. */
    public static final String DEFAULT_INSTRUCTIONS = "You are a friendly and concise telephone assistant. "
            + "Speak naturally, keep answers short, and ask one question at a time.";

    /** The default greeting request: instructions for the model's first response. */
    public static final String DEFAULT_GREETING = "Greet the caller briefly and ask how you can help.";

    /** Environment variables that replace one key each (the secrets are handled separately). */
    private static final Map<String, String> ENV_KEYS = envKeys();

    private static final String ARI_PASSWORD_ENV = "ARI_PASSWORD";
    private static final String API_KEY_ENV = "OPENAI_API_KEY";

    private ConfigLoader() {
    }

    private static Map<String, String> envKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ARI_URL", "ari.url");
        m.put("ARI_USER", "ari.user");
        m.put("ARI_APP", "ari.application");
        m.put("OPENAI_MODEL", "realtime.model");
        m.put("OPENAI_ENDPOINT", "realtime.endpoint");
        m.put("AZURE_OPENAI_RESOURCE", "realtime.azure-resource");
        m.put("MEDIA_ADVERTISED_HOST", "media.advertised-host");
        m.put("METRICS_PORT", "observability.metrics-port");
        return Map.copyOf(m);
    }

    /**
     * Reads the configuration: the YAML file if given, then the environment variables {@code ARI_URL},
     * {@code ARI_USER}, {@code ARI_PASSWORD}, {@code ARI_APP}, {@code OPENAI_API_KEY}, {@code OPENAI_MODEL},
     * {@code OPENAI_ENDPOINT}, {@code AZURE_OPENAI_RESOURCE}, {@code MEDIA_ADVERTISED_HOST} and
     * {@code METRICS_PORT}, which win over the file. Secrets come only from the environment or from files
     * ({@code ari.password-file}, {@code realtime.api-key-file}; relative paths are relative to the YAML file's
     * folder). Every problem is collected before anything is thrown.
     *
     * @param file the YAML file, or empty to configure through the environment alone
     * @param env the environment, usually {@code System.getenv()}
     * @return the validated configuration
     * @throws ConfigException listing every problem, each naming the key, what is wrong and a right value
     */
    public static BotConfig load(Optional<Path> file, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        ObjectNode root = file.map(f -> readFile(f, problems)).orElseGet(JsonNodeFactory.instance::objectNode);
        Path baseDir = file.map(f -> f.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Map<String, String> origins = new HashMap<>();
        applyEnvironment(root, env, origins, problems);
        Section top = new Section("", root, origins, problems);
        top.checkKeys(Keys.SECTION_ORDER);
        Section ariS = section(top, "ari", origins, problems);
        Section mediaS = section(top, "media", origins, problems);
        Section realtimeS = section(top, "realtime", origins, problems);
        Section conversationS = section(top, "conversation", origins, problems);
        Section toolsS = section(top, "tools", origins, problems);
        Section limitsS = section(top, "limits", origins, problems);
        Section observabilityS = section(top, "observability", origins, problems);

        BotConfig.Ari ari = ari(ariS, env, baseDir);
        BotConfig.Media media = media(mediaS);
        BotConfig.Realtime realtime = realtime(realtimeS, env, baseDir);
        BotConfig.Conversation conversation = conversation(conversationS);
        BotConfig.Tools tools = tools(toolsS, origins, problems);
        BotConfig.Limits limits = limits(limitsS);
        BotConfig.Observability observability = observability(observabilityS, baseDir);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new BotConfig(ari, media, realtime, conversation, tools, limits, observability);
    }

    /**
     * The ARI URL as written, without validating anything else: {@code ARI_URL}, else {@code ari.url} of the
     * file. For {@code doctor}, which diagnoses the URL's form before loading the rest.
     *
     * @param file the YAML file, or empty
     * @param env the environment
     * @return the URL, or empty when none is set or the file cannot be read
     */
    public static Optional<String> rawAriUrl(Optional<Path> file, Map<String, String> env) {
        String fromEnv = env.get("ARI_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        List<String> ignored = new ArrayList<>();
        ObjectNode root = file.map(f -> readFile(f, ignored)).orElseGet(JsonNodeFactory.instance::objectNode);
        JsonNode url = root.path("ari").path("url");
        return url.isValueNode() && !url.asText().isBlank() ? Optional.of(url.asText().strip()) : Optional.empty();
    }

    private static ObjectNode readFile(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add("--config " + file + ": the file does not exist or is not a regular file; give the path of"
                    + " a YAML configuration such as config/voicebot.yaml");
            return JsonNodeFactory.instance.objectNode();
        }
        YAMLMapper mapper = new YAMLMapper(YAMLFactory.builder().build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode tree;
        try {
            tree = mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst()
                    .orElse("");
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            problems.add(file + " is not valid YAML" + where + ": " + what + "; keys are written \"key: value\""
                    + " with two-space indentation under their section, e.g. \"ari:\" then \"  url: "
                    + AriUrlForm.EXAMPLE + "\"");
            return JsonNodeFactory.instance.objectNode();
        } catch (IOException e) {
            problems.add(file + " cannot be read (" + e.getClass().getSimpleName() + "); check the path and that"
                    + " the bot's user may read it");
            return JsonNodeFactory.instance.objectNode();
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!tree.isObject()) {
            problems.add(file + " must be a mapping of sections (ari:, media:, realtime:, ...), not a single value"
                    + " or a list; see config/voicebot.yaml");
            return JsonNodeFactory.instance.objectNode();
        }
        return (ObjectNode) tree;
    }

    private static void applyEnvironment(ObjectNode root, Map<String, String> env, Map<String, String> origins,
            List<String> problems) {
        for (Map.Entry<String, String> e : ENV_KEYS.entrySet()) {
            String value = env.get(e.getKey());
            if (value == null || value.isBlank()) {
                continue;
            }
            String[] parts = e.getValue().split("\\.");
            JsonNode section = root.get(parts[0]);
            if (section != null && !section.isNull() && !section.isObject()) {
                continue;
            }
            ObjectNode obj = section == null || section.isNull() ? root.putObject(parts[0]) : (ObjectNode) section;
            obj.put(parts[1], value.strip());
            origins.put(e.getValue(), e.getKey());
        }
    }

    private static Section section(Section top, String name, Map<String, String> origins, List<String> problems) {
        Section s = top.child(name).orElseGet(() -> new Section(name, JsonNodeFactory.instance.objectNode(),
                origins, problems));
        s.checkKeys(Keys.SECTIONS.get(name));
        return s;
    }

    private static BotConfig.Ari ari(Section s, Map<String, String> env, Path baseDir) {
        String url = s.requiredText("url", AriUrlForm.EXAMPLE, "set it (or the environment variable ARI_URL) to"
                + " the address of Asterisk's HTTP server").orElse("");
        if (!url.isEmpty()) {
            AriUrlForm.Verdict v = AriUrlForm.check(url);
            v.problem().ifPresent(p -> s.problem("url", p));
        }
        String user = s.requiredText("user", "voicebot", "set it (or the environment variable ARI_USER) to a user"
                + " of ari.conf").orElse("");
        if (user.contains(":")) {
            s.problem("user", "contains ':', which Basic authentication cannot carry; use the ari.conf section"
                    + " name, e.g. user: voicebot");
        }
        Optional<Secret> password = secret(s, "password", "password-file", ARI_PASSWORD_ENV, env, baseDir,
                "/run/secrets/ari-password", "the password of the ari.conf user");
        String application = s.text("application", "voicebot", "voicebot");
        if (!application.matches("[A-Za-z0-9_.-]+")) {
            s.problem("application", "'" + application + "' is not a usable Stasis application name; use letters,"
                    + " digits, '-', '_' or '.', e.g. application: voicebot (the name in Stasis(voicebot) in"
                    + " extensions.conf)");
        }
        String idPrefix = s.text("id-prefix", "voicebot-", "voicebot-");
        if (!idPrefix.matches("[A-Za-z0-9_.-]+")) {
            s.problem("id-prefix", "'" + idPrefix + "' must be letters, digits, '-', '_' or '.', e.g. id-prefix:"
                    + " voicebot-");
        }
        boolean sweep = s.bool("sweep-on-start", true);
        return new BotConfig.Ari(url, user, password.orElse(null), application, idPrefix, sweep);
    }

    /**
     * A secret from the environment, else from a file; a literal in the YAML is refused without repeating it.
     */
    private static Optional<Secret> secret(Section s, String key, String fileKey, String envName,
            Map<String, String> env, Path baseDir, String exampleFile, String what) {
        String howTo = "pass it in the environment variable " + envName + " or put it in a file readable only by"
                + " the bot and set " + s.name(fileKey) + ", e.g. " + fileKey + ": " + exampleFile;
        if (s.has(key)) {
            s.problem(key, "holds a secret in the configuration file, which is refused (configuration files end up"
                    + " in version control and backups): remove it and " + howTo);
        }
        String fromEnv = env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new Secret(fromEnv.strip(), "env " + envName));
        }
        Optional<String> file = s.text(fileKey, exampleFile);
        if (file.isEmpty() || file.get().isEmpty()) {
            if (!s.has(key)) {
                s.problem(key, "is missing (" + what + "); " + howTo);
            }
            return Optional.empty();
        }
        Path path = baseDir.resolve(file.get());
        String value;
        try {
            value = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            s.problem(fileKey, "names " + path + ", which cannot be read (" + e.getClass().getSimpleName()
                    + "); check the path and its permissions, or " + "pass the secret in " + envName + " instead");
            return Optional.empty();
        }
        if (value.isEmpty()) {
            s.problem(fileKey, "names " + path + ", which is empty; write " + what + " into it, or pass it in "
                    + envName);
            return Optional.empty();
        }
        return Optional.of(new Secret(value, "file " + path));
    }

    private static BotConfig.Media media(Section s) {
        String bind = s.text("bind-address", "0.0.0.0", "0.0.0.0");
        boolean wildcard = false;
        if (!isIpLiteral(bind)) {
            s.problem("bind-address", "'" + bind + "' is not an IP address of this machine; use one, or 0.0.0.0"
                    + " for all, e.g. bind-address: 0.0.0.0");
        } else {
            wildcard = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") || bind.equals("::0");
        }
        Optional<String> advertised = s.text("advertised-host", "192.0.2.10").filter(t -> !t.isEmpty());
        if (advertised.isPresent()) {
            String a = advertised.get();
            if (a.contains("://") || a.contains("/") || (a.contains(":") && !a.contains("::")
                    && a.indexOf(':') == a.lastIndexOf(':')) || a.contains(" ")) {
                s.problem("advertised-host", "'" + a + "' must be a bare host name or IP address without scheme or"
                        + " port (the port comes from port-min..port-max), e.g. advertised-host: 192.0.2.10");
            } else if (isIpLiteral(a) && (a.equals("0.0.0.0") || a.equals("::"))) {
                s.problem("advertised-host", "is a wildcard address, which Asterisk cannot send to; give the"
                        + " address Asterisk reaches this machine at, e.g. advertised-host: 192.0.2.10");
            }
        } else if (wildcard) {
            s.problem("advertised-host", "is missing while bind-address is the wildcard " + bind + ": Asterisk"
                    + " must be told where to send the caller's audio (without it the call has one-way audio);"
                    + " set it (or MEDIA_ADVERTISED_HOST) to the address Asterisk reaches this machine at, e.g."
                    + " advertised-host: 192.0.2.10, or bind to that address, e.g. bind-address: 192.0.2.10");
        }
        int before = s.problemCount();
        int portMin = s.integer("port-min", 40000, 1024, 65535);
        int portMax = s.integer("port-max", 40999, 1024, 65535);
        if (portMin > portMax && s.problemCount() == before) {
            s.problem("port-min", "(" + portMin + ") is above media.port-max (" + portMax + "); give a range with"
                    + " at least one port per concurrent call, e.g. port-min: 40000 and port-max: 40999");
        }
        String formatText = s.text("format", "ulaw", "ulaw").toLowerCase(Locale.ROOT);
        MediaFormat format = MediaFormat.ULAW;
        boolean found = false;
        for (MediaFormat f : MediaFormat.values()) {
            if (f.wireValue().equals(formatText)) {
                format = f;
                found = true;
            }
        }
        if (!found) {
            s.problem("format", "'" + formatText + "' is not supported; use ulaw (no transcoding), alaw or slin16,"
                    + " e.g. format: ulaw");
        }
        int jitter = s.integer("jitter-ms", 60, 0, 1000);
        return new BotConfig.Media(bind, advertised.orElse(""), portMin, portMax, format, jitter);
    }

    private static boolean isIpLiteral(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (t.contains(":") && t.matches("[0-9A-Fa-f:.]+")) {
            try {
                // A literal with only hex digits, ':' and '.' is parsed without a DNS lookup.
                InetAddress.getByName(t);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    private static BotConfig.Realtime realtime(Section s, Map<String, String> env, Path baseDir) {
        Optional<String> endpoint = s.text("endpoint", "wss://proxy.example.com").filter(t -> !t.isEmpty());
        if (endpoint.isPresent()) {
            String e = endpoint.get();
            try {
                URI uri = new URI(e);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!List.of("ws", "wss").contains(scheme) || uri.getHost() == null) {
                    s.problem("endpoint", "'" + AriUrlForm.redact(e) + "' must be a ws:// or wss:// URL with a"
                            + " host, e.g. endpoint: wss://proxy.example.com (leave it out for OpenAI)");
                } else if (uri.getRawUserInfo() != null) {
                    s.problem("endpoint", "'" + AriUrlForm.redact(e) + "' contains credentials; remove them and"
                            + " pass the key in OPENAI_API_KEY, e.g. endpoint: wss://proxy.example.com");
                }
            } catch (URISyntaxException ex) {
                s.problem("endpoint", "'" + AriUrlForm.redact(e) + "' is not a valid URL (" + ex.getReason()
                        + "); e.g. endpoint: wss://proxy.example.com");
            }
        }
        Optional<String> azure = s.text("azure-resource", "my-resource").filter(t -> !t.isEmpty());
        if (azure.isPresent() && !azure.get().matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            s.problem("azure-resource", "'" + azure.get() + "' must be the resource name only (the part before"
                    + " .openai.azure.com), e.g. azure-resource: my-resource");
        }
        if (azure.isPresent() && endpoint.isPresent()) {
            s.problem("azure-resource", "and " + s.name("endpoint") + " are both set; set only one: azure-resource"
                    + " for Azure OpenAI, endpoint for another server, neither for OpenAI");
        }
        Optional<Secret> key = secret(s, "api-key", "api-key-file", API_KEY_ENV, env, baseDir,
                "/run/secrets/openai-api-key", "the OpenAI API key");
        String model = s.text("model", "gpt-realtime", "gpt-realtime");
        if (model.isEmpty() || model.contains(" ") || model.contains("/")) {
            s.problem("model", "'" + model + "' is not a model name; e.g. model: gpt-realtime (for Azure: the"
                    + " deployment name)");
        }
        String voice = s.text("voice", "marin", "marin");
        if (voice.isEmpty() || !voice.matches("[A-Za-z0-9_-]+")) {
            s.problem("voice", "'" + voice + "' is not a voice name; e.g. voice: marin");
        }
        Duration connectTimeout = s.duration("connect-timeout", Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofMinutes(5));
        return new BotConfig.Realtime(endpoint, azure, key.orElse(null), model, voice, connectTimeout);
    }

    private static BotConfig.Conversation conversation(Section s) {
        String instructions = s.text("instructions", DEFAULT_INSTRUCTIONS, "You answer the phone for Acme.");
        boolean greet = s.bool("greet", true);
        String greeting = s.text("greeting", DEFAULT_GREETING, DEFAULT_GREETING);
        String vad = s.text("vad", "server_vad", "server_vad");
        if (!vad.equals("server_vad") && !vad.equals("semantic_vad")) {
            s.problem("vad", "'" + vad + "' is not a turn detection type; use server_vad or semantic_vad, e.g. vad:"
                    + " server_vad");
        }
        double threshold = s.decimal("vad-threshold", 0.5, 0.0, 1.0);
        int silence = s.integer("silence-ms", 500, 0, 10_000);
        int prefix = s.integer("prefix-padding-ms", 300, 0, 5_000);
        int guard = s.integer("barge-in-guard-ms", 300, 0, 10_000);
        int minSpeech = s.integer("min-speech-ms", 150, 0, 5_000);
        boolean dtmf = s.bool("forward-dtmf", true);
        Optional<String> transcription = Optional.of(s.text("input-transcription", "gpt-4o-mini-transcribe",
                "gpt-4o-mini-transcribe")).filter(t -> !t.isEmpty() && !t.equalsIgnoreCase("none"));
        return new BotConfig.Conversation(instructions, greet, greeting, vad, threshold, silence, prefix, guard,
                minSpeech, dtmf, transcription);
    }

    private static BotConfig.Tools tools(Section s, Map<String, String> origins, List<String> problems) {
        boolean endCall = s.bool("end-call", true);
        boolean sendDtmf = s.bool("send-dtmf", false);
        Map<String, BotConfig.TransferTarget> targets = new LinkedHashMap<>();
        s.child("transfer-targets").ifPresent(t -> {
            for (String name : t.keys()) {
                if (!name.matches("[A-Za-z0-9_-]+")) {
                    t.problem(name, "is not a usable target name (the model passes it to transfer_call); use"
                            + " letters, digits, '-' or '_', e.g. sales");
                }
                Optional<Section> target = t.child(name);
                if (target.isEmpty()) {
                    continue;
                }
                Section ts = target.get();
                ts.checkKeys(Keys.TRANSFER_TARGET);
                String description = ts.text("description", name, "the sales team");
                Optional<BotConfig.DialplanLocation> location = ts.child("location").flatMap(l -> location(l));
                Optional<String> endpoint = ts.text("endpoint", "PJSIP/200").filter(e -> !e.isEmpty());
                boolean locationGiven = ts.has("location");
                if (locationGiven && endpoint.isPresent()) {
                    ts.problem("location", "and endpoint are both set; set exactly one: a dialplan location"
                            + " (location: {context: default, extension: \"200\"}) or an endpoint (endpoint:"
                            + " PJSIP/200)");
                } else if (!locationGiven && endpoint.isEmpty()) {
                    problems.add("tools.transfer-targets." + name + " has neither location nor endpoint; set"
                            + " exactly one, e.g. location: {context: default, extension: \"200\"} or endpoint:"
                            + " PJSIP/200");
                }
                if (endpoint.isPresent() && !endpoint.get().matches("[A-Za-z0-9_]+/\\S+")) {
                    ts.problem("endpoint", "'" + endpoint.get() + "' is not an endpoint; write technology/resource,"
                            + " e.g. endpoint: PJSIP/200");
                }
                targets.put(name, new BotConfig.TransferTarget(description, location, endpoint));
            }
        });
        return new BotConfig.Tools(endCall, sendDtmf, targets);
    }

    private static Optional<BotConfig.DialplanLocation> location(Section l) {
        l.checkKeys(Keys.LOCATION);
        Optional<String> context = l.requiredText("context", "default", "give the dialplan context");
        Optional<String> extension = l.requiredText("extension", "\"200\"", "give the extension (quote digits)");
        int priority = l.integer("priority", 1, 1, 1_000_000);
        if (context.isEmpty() || extension.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BotConfig.DialplanLocation(context.get(), extension.get(), priority));
    }

    private static BotConfig.Limits limits(Section s) {
        Duration maxCall = s.duration("max-call-duration", Duration.ofMinutes(30), Duration.ofSeconds(10),
                Duration.ofHours(24));
        int maxCalls = s.integer("max-concurrent-calls", 100, 1, 100_000);
        Optional<BotConfig.DialplanLocation> overflow = s.child("overflow").flatMap(ConfigLoader::location);
        String busy = s.text("busy-media", "sound:tt-allbusy", "sound:tt-allbusy");
        Duration rollover = s.duration("session-rollover", Duration.ofMinutes(2), Duration.ofSeconds(10),
                Duration.ofMinutes(30));
        int failures = s.integer("max-realtime-failures", 3, 1, 100);
        String apology = s.text("apology-media", "sound:an-error-has-occurred", "sound:an-error-has-occurred");
        Optional<BotConfig.DialplanLocation> fallback = s.child("fallback").flatMap(ConfigLoader::location);
        Duration grace = s.duration("shutdown-grace", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1));
        for (String[] media : new String[][] {{"busy-media", busy}, {"apology-media", apology}}) {
            if (!media[1].matches("(sound|tone|recording|number|digits|characters):\\S.*")) {
                s.problem(media[0], "'" + media[1] + "' is not an Asterisk media URI; e.g. " + media[0] + ": "
                        + (media[0].equals("busy-media") ? "sound:tt-allbusy" : "sound:an-error-has-occurred"));
            }
        }
        return new BotConfig.Limits(maxCall, maxCalls, overflow, busy, rollover, failures, apology, fallback,
                grace);
    }

    private static BotConfig.Observability observability(Section s, Path baseDir) {
        int port = s.integer("metrics-port", 9464, 0, 65535);
        Optional<Path> transcripts = s.text("transcripts-dir", "/var/lib/voicebot/transcripts")
                .filter(t -> !t.isEmpty()).map(baseDir::resolve);
        boolean record = s.bool("record-calls", false);
        return new BotConfig.Observability(port, transcripts, record);
    }

    /**
     * A configuration for {@code simulate}: application {@code voicebot}, ARI user {@code voicebot} with password
     * {@code voicebot-secret}, media on 127.0.0.1 with ports 40000-40999 in ulaw, the model greets first, no
     * metrics port, every other value at its documented default.
     *
     * @param ariBaseUrl the fake Asterisk's base URL, e.g. {@code http://127.0.0.1:43211}
     * @param realtimeUrl the fake Realtime server's base URL, e.g. {@code ws://127.0.0.1:43212}
     * @param apiKey the API key the fake accepts
     * @return the configuration
     */
    public static BotConfig forSimulation(String ariBaseUrl, String realtimeUrl, String apiKey) {
        BotConfig.Ari ari = new BotConfig.Ari(ariBaseUrl, "voicebot", new Secret("voicebot-secret", "simulation"),
                "voicebot", "voicebot-", true);
        BotConfig.Media media = new BotConfig.Media("127.0.0.1", "127.0.0.1", 40000, 40999, MediaFormat.ULAW, 60);
        BotConfig.Realtime realtime = new BotConfig.Realtime(Optional.of(realtimeUrl), Optional.empty(),
                new Secret(apiKey, "simulation"), "gpt-realtime", "marin", Duration.ofSeconds(10));
        BotConfig.Conversation conversation = new BotConfig.Conversation(DEFAULT_INSTRUCTIONS, true,
                DEFAULT_GREETING, "server_vad", 0.5, 500, 300, 300, 150, true, Optional.of("gpt-4o-mini-transcribe"));
        BotConfig.Tools tools = new BotConfig.Tools(true, false, Map.of());
        BotConfig.Limits limits = new BotConfig.Limits(Duration.ofMinutes(30), 100, Optional.empty(),
                "sound:tt-allbusy", Duration.ofMinutes(2), 3, "sound:an-error-has-occurred", Optional.empty(),
                Duration.ofSeconds(30));
        BotConfig.Observability observability = new BotConfig.Observability(0, Optional.empty(), false);
        return new BotConfig(ari, media, realtime, conversation, tools, limits, observability);
    }
}
