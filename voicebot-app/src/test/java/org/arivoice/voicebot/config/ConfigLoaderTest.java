package org.arivoice.voicebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.arivoice.ari.patterns.MediaFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String PASSWORD = "pw-Zq81-never-print";
    private static final String KEY = "sk-test-Hh72-never-print";

    @TempDir
    Path dir;

    private static Map<String, String> secrets() {
        Map<String, String> env = new HashMap<>();
        env.put("ARI_PASSWORD", PASSWORD);
        env.put("OPENAI_API_KEY", KEY);
        return env;
    }

    private static Map<String, String> minimalEnv() {
        Map<String, String> env = secrets();
        env.put("ARI_URL", "http://127.0.0.1:8088");
        env.put("ARI_USER", "voicebot");
        env.put("MEDIA_ADVERTISED_HOST", "127.0.0.1");
        return env;
    }

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("voicebot.yaml");
        Files.writeString(f, text);
        return f;
    }

    private List<String> problems(String text, Map<String, String> env) throws IOException {
        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(Optional.of(yaml(text)), env),
                ConfigException.class);
        assertThat(e).as("expected a ConfigException").isNotNull();
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(KEY);
        return e.problems();
    }

    private List<String> problems(String text) throws IOException {
        return problems(text, minimalEnv());
    }

    @Test
    void theShippedSampleLoadsWithSecretsFromTheEnvironment() {
        BotConfig c = ConfigLoader.load(Optional.of(Path.of("config/voicebot.yaml")), secrets());
        assertThat(c.ari().url()).isEqualTo("http://127.0.0.1:8088");
        assertThat(c.ari().user()).isEqualTo("voicebot");
        assertThat(c.ari().password().reveal()).isEqualTo(PASSWORD);
        assertThat(c.ari().password().source()).isEqualTo("env ARI_PASSWORD");
        assertThat(c.realtime().apiKey().reveal()).isEqualTo(KEY);
        assertThat(c.media().format()).isEqualTo(MediaFormat.ULAW);
        assertThat(c.tools().transferTargets()).isEmpty();
        assertThat(c.limits().shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.limits().maxCallDuration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.observability().metricsPort()).isEqualTo(9464);
    }

    @Test
    void theSampleDocumentsEveryKey() throws IOException {
        String sample = Files.readString(Path.of("config/voicebot.yaml"));
        for (Map.Entry<String, List<String>> section : Keys.SECTIONS.entrySet()) {
            assertThat(sample).contains(section.getKey() + ":");
            for (String key : section.getValue()) {
                assertThat(sample).as(section.getKey() + "." + key).containsPattern("(?m)^\\s+#?\\s?" + key + ":");
            }
        }
    }

    @Test
    void theSampleWithItsCommentedExamplesEnabledStillLoads() throws IOException {
        // Uncomment every commented key line of the sample: the documented examples must be valid too.
        Files.writeString(dir.resolve("ari-password"), PASSWORD);
        Files.writeString(dir.resolve("openai-api-key"), KEY);
        String sample = Files.readString(Path.of("config/voicebot.yaml"))
                .replace("/run/secrets/ari-password", "ari-password")
                .replace("/run/secrets/openai-api-key", "openai-api-key")
                .replace("transfer-targets: {}", "")
                .replaceAll("(?m)^(\\s*)# ?([a-z-]+:.*)$", "$1$2")
                .replaceAll("(?m)^(\\s*)#(\\s+[a-z-]+:.*)$", "$1 $2");
        // Only one of endpoint and azure-resource may be set.
        sample = sample.replace("azure-resource: my-resource", "");
        BotConfig c = ConfigLoader.load(Optional.of(yaml(sample)), Map.of());
        assertThat(c.ari().password().reveal()).isEqualTo(PASSWORD);
        assertThat(c.realtime().endpoint()).contains("wss://proxy.example.com");
        assertThat(c.tools().transferTargets()).containsOnlyKeys("reception", "support");
        assertThat(c.limits().overflow()).isPresent();
        assertThat(c.limits().fallback()).contains(new BotConfig.DialplanLocation("default", "100", 1));
        assertThat(c.observability().transcriptsDir()).isPresent();
    }

    @Test
    void theEnvironmentAloneIsEnoughAndDefaultsApply() {
        BotConfig c = ConfigLoader.load(Optional.empty(), minimalEnv());
        assertThat(c.ari().application()).isEqualTo("voicebot");
        assertThat(c.ari().idPrefix()).isEqualTo("voicebot-");
        assertThat(c.ari().sweepOnStart()).isTrue();
        assertThat(c.media().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(c.media().portMin()).isEqualTo(40000);
        assertThat(c.media().portMax()).isEqualTo(40999);
        assertThat(c.media().jitterMs()).isEqualTo(60);
        assertThat(c.realtime().model()).isEqualTo("gpt-realtime");
        assertThat(c.realtime().voice()).isEqualTo("marin");
        assertThat(c.realtime().endpoint()).isEmpty();
        assertThat(c.realtime().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.conversation().greet()).isTrue();
        assertThat(c.conversation().vad()).isEqualTo("server_vad");
        assertThat(c.conversation().vadThreshold()).isEqualTo(0.5);
        assertThat(c.conversation().inputTranscription()).contains("gpt-4o-mini-transcribe");
        assertThat(c.tools().endCall()).isTrue();
        assertThat(c.tools().sendDtmf()).isFalse();
        assertThat(c.tools().transferTargets()).isEmpty();
        assertThat(c.limits().maxConcurrentCalls()).isEqualTo(100);
        assertThat(c.limits().sessionRollover()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.limits().busyMedia()).isEqualTo("sound:tt-allbusy");
        assertThat(c.observability().transcriptsDir()).isEmpty();
    }

    @Test
    void environmentVariablesWinOverTheFile() throws IOException {
        Map<String, String> env = secrets();
        env.put("ARI_URL", "http://10.0.0.5:8088/ari");
        env.put("ARI_APP", "bot2");
        env.put("OPENAI_MODEL", "gpt-realtime-mini");
        env.put("OPENAI_ENDPOINT", "ws://127.0.0.1:9999");
        env.put("MEDIA_ADVERTISED_HOST", "10.0.0.7");
        env.put("METRICS_PORT", "0");
        BotConfig c = ConfigLoader.load(Optional.of(yaml("""
                ari:
                  url: http://127.0.0.1:8088
                  user: voicebot
                  application: voicebot
                realtime:
                  model: gpt-realtime
                media:
                  advertised-host: 127.0.0.1
                observability:
                  metrics-port: 9464
                """)), env);
        assertThat(c.ari().url()).isEqualTo("http://10.0.0.5:8088/ari");
        assertThat(c.ari().application()).isEqualTo("bot2");
        assertThat(c.realtime().model()).isEqualTo("gpt-realtime-mini");
        assertThat(c.realtime().endpoint()).contains("ws://127.0.0.1:9999");
        assertThat(c.media().advertisedHost()).isEqualTo("10.0.0.7");
        assertThat(c.observability().metricsPort()).isZero();
    }

    @Test
    void azureResourceComesFromTheEnvironment() {
        Map<String, String> env = minimalEnv();
        env.put("AZURE_OPENAI_RESOURCE", "my-res");
        assertThat(ConfigLoader.load(Optional.empty(), env).realtime().azureResource()).contains("my-res");
    }

    @Test
    void aLiteralPasswordInTheFileIsRefusedWithHowToPassIt() throws IOException {
        List<String> p = problems("ari:\n  password: " + PASSWORD + "\n");
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith("ari.password ").contains("ARI_PASSWORD").contains("password-file")
                .doesNotContain(PASSWORD);
    }

    @Test
    void aLiteralApiKeyInTheFileIsRefusedWithHowToPassIt() throws IOException {
        List<String> p = problems("realtime:\n  api-key: " + KEY + "\n");
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith("realtime.api-key ").contains("OPENAI_API_KEY").contains("api-key-file")
                .doesNotContain(KEY);
    }

    @Test
    void secretsAreReadFromFilesRelativeToTheConfigFile() throws IOException {
        Files.writeString(dir.resolve("ari-password"), PASSWORD + "\n");
        Files.writeString(dir.resolve("key"), KEY);
        Map<String, String> env = minimalEnv();
        env.remove("ARI_PASSWORD");
        env.remove("OPENAI_API_KEY");
        BotConfig c = ConfigLoader.load(Optional.of(yaml("""
                ari:
                  password-file: ari-password
                realtime:
                  api-key-file: key
                """)), env);
        assertThat(c.ari().password().reveal()).isEqualTo(PASSWORD);
        assertThat(c.ari().password().source()).startsWith("file ");
        assertThat(c.realtime().apiKey().reveal()).isEqualTo(KEY);
    }

    @Test
    void theEnvironmentSecretWinsOverTheFile() throws IOException {
        Files.writeString(dir.resolve("ari-password"), "from-file");
        BotConfig c = ConfigLoader.load(Optional.of(yaml("ari:\n  password-file: ari-password\n")), minimalEnv());
        assertThat(c.ari().password().reveal()).isEqualTo(PASSWORD);
    }

    @Test
    void namesAreChecked() throws IOException {
        Map<String, String> env = minimalEnv();
        env.remove("ARI_USER");
        List<String> p = problems("ari:\n  user: 'vb:x'\n  application: 'my app'\n  id-prefix: 'a/b'\n"
                + "realtime:\n  model: 'gpt realtime'\n  azure-resource: https://r.openai.azure.com\n", env);
        assertThat(p).hasSize(5);
        assertThat(p.get(0)).startsWith("ari.user contains ':'");
        assertThat(p.get(1)).startsWith("ari.application 'my app' is not a usable Stasis application name");
        assertThat(p.get(2)).startsWith("ari.id-prefix 'a/b'");
        assertThat(p.get(3)).startsWith("realtime.azure-resource 'https://r.openai.azure.com' must be the resource"
                + " name only");
        assertThat(p.get(4)).startsWith("realtime.model 'gpt realtime' is not a model name");
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() {
        Map<String, String> env = minimalEnv();
        env.put("METRICS_PORT", "http");
        assertThat(catchThrowableOfType(() -> ConfigLoader.load(Optional.empty(), env), ConfigException.class)
                .problems()).containsExactly("observability.metrics-port (set by the environment variable"
                        + " METRICS_PORT) must be a whole number, not 'http'; e.g. metrics-port: 9464");
    }

    @Test
    void anUnreadableOrEmptySecretFileIsAProblem() throws IOException {
        Files.writeString(dir.resolve("empty"), "\n");
        Map<String, String> env = minimalEnv();
        env.remove("ARI_PASSWORD");
        env.remove("OPENAI_API_KEY");
        List<String> p = problems("""
                ari:
                  password-file: missing-file
                realtime:
                  api-key-file: empty
                """, env);
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).startsWith("ari.password-file ").contains("missing-file").contains("cannot be read");
        assertThat(p.get(1)).startsWith("realtime.api-key-file ").contains("is empty");
    }

    @Test
    void missingRequiredValuesAreAllReportedAtOnce() {
        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(Optional.empty(),
                Map.of("MEDIA_ADVERTISED_HOST", "127.0.0.1")), ConfigException.class);
        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems().get(0)).startsWith("ari.url is missing").contains("ARI_URL")
                .contains("http://127.0.0.1:8088");
        assertThat(e.problems().get(1)).startsWith("ari.user is missing").contains("ARI_USER");
        assertThat(e.problems().get(2)).startsWith("ari.password is missing").contains("ARI_PASSWORD");
        assertThat(e.problems().get(3)).startsWith("realtime.api-key is missing").contains("OPENAI_API_KEY");
        assertThat(e.getMessage()).contains("4 problems");
    }

    @Test
    void unknownKeysGetADidYouMean() throws IOException {
        List<String> p = problems("""
                media:
                  advertisedHost: 127.0.0.1
                realtme:
                  model: x
                limits:
                  max-concurent-calls: 5
                  wibble: 1
                """);
        assertThat(p).hasSize(4);
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("media.advertisedHost is not a known key")
                .contains("did you mean media.advertised-host?"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("realtme is not a known key")
                .contains("did you mean realtime?"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("limits.max-concurent-calls")
                .contains("did you mean limits.max-concurrent-calls?"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("limits.wibble is not a known key")
                .contains("the keys here are max-call-duration"));
    }

    @Test
    void wrongTypesNameTheKeyAndARightValue() throws IOException {
        List<String> p = problems("""
                media:
                  port-min: forty
                  jitter-ms: [1, 2]
                conversation:
                  greet: maybe
                  vad-threshold: loud
                tools: yes
                """);
        assertThat(p).containsExactlyInAnyOrder(
                "media.port-min must be a whole number, not 'forty'; e.g. port-min: 40000",
                "media.jitter-ms must be a whole number, not a list; e.g. jitter-ms: 60",
                "conversation.greet must be true or false, not 'maybe'; e.g. greet: true",
                "conversation.vad-threshold must be a number, not 'loud'; e.g. vad-threshold: 0.5",
                "tools must be a mapping of keys (indented lines below it), not true; e.g. \"tools:\" followed by"
                        + " \"  end-call: ...\"");
    }

    @Test
    void rangesAreChecked() throws IOException {
        List<String> p = problems("""
                media:
                  port-min: 41000
                  port-max: 70000
                conversation:
                  vad-threshold: 1.5
                  silence-ms: -1
                realtime:
                  connect-timeout: 30
                limits:
                  shutdown-grace: 2h
                  max-call-duration: soon
                observability:
                  metrics-port: 99999
                """);
        assertThat(p).contains(
                "media.port-max is 70000, outside 1024..65535; e.g. port-max: 40999",
                "conversation.vad-threshold is 1.5, outside 0.0..1.0; e.g. vad-threshold: 0.5",
                "conversation.silence-ms is -1, outside 0..10000; e.g. silence-ms: 500",
                "realtime.connect-timeout '30' has no unit; write a number with ms, s, m or h, e.g."
                        + " connect-timeout: 10s",
                "limits.shutdown-grace is 2h, outside 0s..1h; e.g. shutdown-grace: 30s",
                "limits.max-call-duration 'soon' is not a duration; write a number with ms, s, m or h, e.g."
                        + " max-call-duration: 30m",
                "observability.metrics-port is 99999, outside 0..65535; e.g. metrics-port: 9464");
        assertThat(p).hasSize(7);
    }

    @Test
    void portMinAboveMaxIsAProblem() throws IOException {
        assertThat(problems("media:\n  port-min: 41000\n  port-max: 40000\n")).singleElement().asString()
                .startsWith("media.port-min (41000) is above media.port-max (40000)");
    }

    @Test
    void durationsAcceptUnits() throws IOException {
        BotConfig c = ConfigLoader.load(Optional.of(yaml("""
                realtime:
                  connect-timeout: 1500ms
                limits:
                  max-call-duration: 1h
                  session-rollover: 90s
                  shutdown-grace: PT5S
                """)), minimalEnv());
        assertThat(c.realtime().connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.limits().maxCallDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(c.limits().sessionRollover()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.limits().shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void ariUrlFormsAreExplained() {
        Map<String, String> env = minimalEnv();
        env.put("ARI_URL", "http://10.0.0.5:8088/ari/asterisk");
        assertThat(catchThrowableOfType(() -> ConfigLoader.load(Optional.empty(), env), ConfigException.class)
                .problems()).singleElement().asString()
                .startsWith("ari.url (set by the environment variable ARI_URL) ")
                .contains("operation path").endsWith("use http://10.0.0.5:8088");
        env.put("ARI_URL", "http://10.0.0.5:8088/ari/");
        assertThat(catchThrowableOfType(() -> ConfigLoader.load(Optional.empty(), env), ConfigException.class)
                .problems()).singleElement().asString().contains("ends with a slash")
                .endsWith("use http://10.0.0.5:8088/ari");
        env.put("ARI_URL", "ws://10.0.0.5:8088");
        assertThat(catchThrowableOfType(() -> ConfigLoader.load(Optional.empty(), env), ConfigException.class)
                .problems()).singleElement().asString().contains("uses ws://")
                .contains("use http://10.0.0.5:8088");
        env.put("ARI_URL", "http://voicebot:" + PASSWORD + "@10.0.0.5:8088");
        assertThat(catchThrowableOfType(() -> ConfigLoader.load(Optional.empty(), env), ConfigException.class)
                .problems()).singleElement().asString().contains("contains credentials")
                .contains("use http://10.0.0.5:8088").doesNotContain(PASSWORD);
    }

    @Test
    void aWildcardBindAddressNeedsAnAdvertisedHost() throws IOException {
        Map<String, String> env = minimalEnv();
        env.remove("MEDIA_ADVERTISED_HOST");
        assertThat(problems("media:\n  bind-address: 0.0.0.0\n", env)).singleElement().asString()
                .startsWith("media.advertised-host is missing while bind-address is the wildcard 0.0.0.0")
                .contains("MEDIA_ADVERTISED_HOST").contains("advertised-host: 192.0.2.10");
        BotConfig c = ConfigLoader.load(Optional.of(yaml("media:\n  bind-address: 127.0.0.1\n")), env);
        assertThat(c.media().advertisedHost()).isEmpty();
        assertThat(problems("media:\n  bind-address: my-host\n", env)).singleElement().asString()
                .startsWith("media.bind-address 'my-host' is not an IP address");
        assertThat(problems("media:\n  advertised-host: 'http://10.0.0.1:4000'\n", env)).singleElement().asString()
                .startsWith("media.advertised-host 'http://10.0.0.1:4000' must be a bare host name");
    }

    @Test
    void transferTargetsNeedExactlyOneOfLocationAndEndpoint() throws IOException {
        List<String> p = problems("""
                tools:
                  transfer-targets:
                    both:
                      location: {context: default, extension: "200"}
                      endpoint: PJSIP/200
                    neither:
                      description: nothing
                    good:
                      description: sales
                      endpoint: PJSIP/300
                """);
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).startsWith("tools.transfer-targets.both.location and endpoint are both set")
                .contains("endpoint: PJSIP/200");
        assertThat(p.get(1)).startsWith("tools.transfer-targets.neither has neither location nor endpoint");
        BotConfig c = ConfigLoader.load(Optional.of(yaml("""
                tools:
                  transfer-targets:
                    sales:
                      description: the sales team
                      endpoint: PJSIP/300
                    desk:
                      location: {context: default, extension: "100", priority: 2}
                """)), minimalEnv());
        assertThat(c.tools().transferTargets().get("sales"))
                .isEqualTo(new BotConfig.TransferTarget("the sales team", Optional.empty(), Optional.of("PJSIP/300")));
        assertThat(c.tools().transferTargets().get("desk").location())
                .contains(new BotConfig.DialplanLocation("default", "100", 2));
        assertThat(c.tools().transferTargets().get("desk").description()).isEqualTo("desk");
    }

    @Test
    void otherEnumeratedValuesAreChecked() throws IOException {
        List<String> p = problems("""
                media:
                  format: opus
                conversation:
                  vad: loud_vad
                limits:
                  busy-media: tt-allbusy
                realtime:
                  endpoint: ftp://x
                """);
        assertThat(p).hasSize(4);
        assertThat(p.get(0)).startsWith("media.format 'opus' is not supported").contains("format: ulaw");
        assertThat(p.get(1)).startsWith("realtime.endpoint 'ftp://x' must be a ws:// or wss:// URL");
        assertThat(p.get(2)).startsWith("conversation.vad 'loud_vad'").contains("semantic_vad");
        assertThat(p.get(3)).startsWith("limits.busy-media 'tt-allbusy' is not an Asterisk media URI")
                .contains("sound:tt-allbusy");
    }

    @Test
    void azureAndEndpointTogetherIsAProblem() throws IOException {
        assertThat(problems("realtime:\n  endpoint: wss://x.example\n  azure-resource: r\n")).singleElement()
                .asString().startsWith("realtime.azure-resource and realtime.endpoint are both set");
    }

    @Test
    void invalidYamlSaysWhere() throws IOException {
        List<String> p = problems("ari:\n  url: [unclosed\n");
        assertThat(p).singleElement().asString().contains("is not valid YAML at line");
        // The YAML parser's own message quotes the broken line; only its first line is used, so a secret on
        // that line is not repeated (problems() checks).
        assertThat(problems("ari:\n  password: " + PASSWORD + ": [x\n")).singleElement().asString()
                .contains("is not valid YAML");
        assertThat(problems("realtime:\n  api-key: \"" + KEY + "\n")).singleElement().asString()
                .contains("is not valid YAML");
        assertThat(problems("ari:\n  user: a\n  user: b\n")).singleElement().asString()
                .contains("is not valid YAML").contains("user");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("nope.yaml")), minimalEnv()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void anEmptyFileMeansDefaults() throws IOException {
        assertThat(ConfigLoader.load(Optional.of(yaml("# nothing\n")), minimalEnv()).ari().application())
                .isEqualTo("voicebot");
    }

    @Test
    void manyProblemsAreCollectedAtOnce() throws IOException {
        Map<String, String> env = Map.of();
        List<String> p = problems("""
                ari:
                  url: http://h:8088/asterisk
                  password: x
                media:
                  port-min: abc
                conversation:
                  vad-threshold: 2
                """, env);
        assertThat(p).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void printedConfigurationNeverShowsSecrets() {
        BotConfig c = ConfigLoader.load(Optional.empty(), minimalEnv());
        assertThat(c.toString()).doesNotContain(PASSWORD).doesNotContain(KEY).contains("env ARI_PASSWORD");
    }

    @Test
    void forSimulationHasTheDocumentedDefaults() {
        BotConfig c = ConfigLoader.forSimulation("http://127.0.0.1:1234", "ws://127.0.0.1:5678", "sk-fake");
        assertThat(c.ari().url()).isEqualTo("http://127.0.0.1:1234");
        assertThat(c.ari().application()).isEqualTo("voicebot");
        assertThat(c.ari().user()).isEqualTo("voicebot");
        assertThat(c.ari().password().reveal()).isEqualTo("voicebot-secret");
        assertThat(c.media().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.media().advertisedHost()).isEqualTo("127.0.0.1");
        assertThat(c.media().portMin()).isEqualTo(40000);
        assertThat(c.media().portMax()).isEqualTo(40999);
        assertThat(c.realtime().endpoint()).contains("ws://127.0.0.1:5678");
        assertThat(c.realtime().apiKey().reveal()).isEqualTo("sk-fake");
        assertThat(c.conversation().greet()).isTrue();
        assertThat(c.observability().metricsPort()).isZero();
    }
}
