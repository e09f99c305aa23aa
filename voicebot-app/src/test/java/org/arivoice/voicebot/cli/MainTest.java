package org.arivoice.voicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final String PASSWORD = "pw-cli-Vb55";
    private static final String KEY = "sk-cli-Rt90";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(Map<String, String> env, String... args) {
        Main main = new Main(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = main.commandLine().execute(args);
        assertThat(out() + err()).doesNotContain(PASSWORD).doesNotContain(KEY);
        return code;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> secrets() {
        Map<String, String> env = new HashMap<>();
        env.put("ARI_PASSWORD", PASSWORD);
        env.put("OPENAI_API_KEY", KEY);
        return env;
    }

    @Test
    void aBadConfigurationExitsTwoWithEveryProblemOnItsOwnLine() {
        Map<String, String> env = secrets();
        env.put("ARI_URL", "http://pbx:8088/ari/asterisk");
        int code = execute(env);
        assertThat(code).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("the configuration is not usable (3 problems)");
        assertThat(err().lines()).anySatisfy(l -> assertThat(l).startsWith("ari.url (set by the environment"
                + " variable ARI_URL) ").endsWith("use http://pbx:8088"));
        assertThat(err().lines()).anySatisfy(l -> assertThat(l).startsWith("ari.user is missing"));
        assertThat(err().lines()).anySatisfy(l -> assertThat(l).startsWith("media.advertised-host is missing"));
    }

    @Test
    void aLiteralSecretInTheFileExitsTwoWithoutPrintingIt() throws IOException {
        Path yaml = dir.resolve("bot.yaml");
        Files.writeString(yaml, "ari:\n  url: http://127.0.0.1:8088\n  user: voicebot\n  password: " + PASSWORD
                + "\nmedia:\n  advertised-host: 127.0.0.1\n");
        Map<String, String> env = new HashMap<>(Map.of("OPENAI_API_KEY", KEY));
        assertThat(execute(env, "run", "--config", yaml.toString())).isEqualTo(2);
        assertThat(err()).contains("ari.password holds a secret in the configuration file").contains("ARI_PASSWORD");
    }

    @Test
    void theConfigOptionWorksBeforeTheSubcommandToo() throws IOException {
        Path yaml = dir.resolve("bot.yaml");
        Files.writeString(yaml, "media:\n  port-min: nope\n");
        assertThat(execute(secrets(), "--config", yaml.toString(), "run")).isEqualTo(2);
        assertThat(err()).contains("media.port-min must be a whole number");
    }

    @Test
    void versionIsPrinted() {
        assertThat(execute(Map.of(), "--version")).isZero();
        assertThat(out()).startsWith("voicebot ").contains("Java");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        assertThat(execute(Map.of(), "--help")).isZero();
        assertThat(out()).contains("run").contains("doctor").contains("simulate").contains("--config")
                .contains("Exit codes: 0 ok, 1 failure at run time, 2 configuration error");
        out.reset();
        assertThat(execute(Map.of(), "simulate", "--help")).isZero();
        assertThat(out()).contains("--calls").contains("--out").contains("--seconds");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(execute(Map.of(), "--frobnicate")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void simulateRefusesInvalidOptions() {
        assertThat(execute(Map.of(), "simulate", "--calls", "0", "--out", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("--calls must be at least 1");
    }

    @Test
    void simulateRunsACallAndPrintsTheReport() throws IOException {
        Path outDir = dir.resolve("sim");
        assertThat(execute(Map.of(), "simulate", "--calls", "1", "--seconds", "3", "--out", outDir.toString()))
                .as(out() + err()).isZero();
        assertThat(out()).contains("1 of 1 call(s) completed").contains("leftovers in Asterisk: none");
        try (var files = Files.walk(outDir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".wav")).count()).isPositive();
        }
    }

    @Test
    void runFailsWithExitOneWhenAsteriskCannotBeReached() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Map<String, String> env = secrets();
        env.put("ARI_URL", "http://127.0.0.1:" + closed);
        env.put("ARI_USER", "voicebot");
        env.put("MEDIA_ADVERTISED_HOST", "127.0.0.1");
        env.put("METRICS_PORT", "0");
        int code = CompletableFuture.supplyAsync(() -> execute(env, "run")).get(Timeouts.ms(120, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("voicebot doctor");
    }

    @Test
    void doctorAgainstHealthyFakesExitsZero() {
        try (FakeAsterisk asterisk = FakeAsterisk.builder().user("voicebot", PASSWORD, false).build().start();
                FakeRealtimeServer model = FakeRealtimeServer.builder().acceptedApiKeys(KEY).build().start()) {
            Map<String, String> env = secrets();
            env.put("ARI_URL", asterisk.baseUrl());
            env.put("ARI_USER", "voicebot");
            env.put("OPENAI_ENDPOINT", model.url().toString());
            env.put("MEDIA_ADVERTISED_HOST", "127.0.0.1");
            assertThat(execute(env, "doctor")).as(out()).isZero();
            assertThat(out().lines().filter(l -> l.startsWith("OK ")).count()).isEqualTo(10);
            assertThat(out()).endsWith("doctor: no failures." + System.lineSeparator());
            asterisk.assertNoLeaks();
        }
    }

    @Test
    void doctorWithABadConfigurationExitsTwo() {
        Map<String, String> env = secrets();
        env.put("ARI_URL", "http://127.0.0.1:8088");
        assertThat(execute(env, "doctor")).isEqualTo(2);
        assertThat(out()).contains("FAIL config").contains("ari.user is missing")
                .contains("doctor: 2 checks failed");
    }
}
