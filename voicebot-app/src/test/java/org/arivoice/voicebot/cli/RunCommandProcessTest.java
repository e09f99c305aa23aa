package org.arivoice.voicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voicebot run} as a real process: it serves, and SIGTERM runs the graceful shutdown through the
 * shutdown hook, after which the process exits promptly.
 */
class RunCommandProcessTest {
    private static final String KEY = "sk-process-Jm62";

    @TempDir
    Path dir;

    @Test
    void sigtermShutsTheBotDownCleanly() throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"),
                "Process.destroy() sends SIGTERM only on POSIX systems");
        try (FakeAsterisk asterisk = FakeAsterisk.builder().build().start();
                FakeRealtimeServer model = FakeRealtimeServer.builder().acceptedApiKeys(KEY).build().start()) {
            Path stderr = dir.resolve("stderr.txt");
            Path yaml = dir.resolve("voicebot.yaml");
            Files.writeString(yaml, "media:\n  bind-address: 127.0.0.1\nlimits:\n  shutdown-grace: 2s\n");
            ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                    "--config", yaml.toString()));
            Map<String, String> env = pb.environment();
            env.put("ARI_URL", asterisk.baseUrl());
            env.put("ARI_USER", "voicebot");
            env.put("ARI_PASSWORD", "voicebot-secret");
            env.put("OPENAI_API_KEY", KEY);
            env.put("OPENAI_ENDPOINT", model.url().toString());
            env.put("METRICS_PORT", "0");
            env.remove("VOICEBOT_CONFIG");
            pb.redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            try {
                await().atMost(Timeouts.seconds(60)).until(() -> read(stderr).contains("serving application"));
                assertThat(asterisk.openEventSockets()).isEqualTo(1);
                long sigterm = System.nanoTime();
                p.destroy(); // SIGTERM
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(read(stderr)).isTrue();
                // Nothing of the bot may hold the process after "Shut down" (no call is active, so the shutdown
                // itself is quick). Generous: the machine may be busy; typically well under a second.
                long exitMillis = (System.nanoTime() - sigterm) / 1_000_000;
                System.out.println("voicebot run: SIGTERM -> process exit in " + exitMillis + " ms");
                assertThat(read(stderr)).contains("Shut down");
                assertThat(exitMillis).as(read(stderr)).isLessThan(10_000);
                // 143 = 128 + SIGTERM: the JVM exits through its shutdown hooks.
                assertThat(p.exitValue()).as(read(stderr)).isEqualTo(143);
                await().atMost(Timeouts.seconds(10)).until(() -> asterisk.openEventSockets() == 0);
                asterisk.assertNoLeaks();
                assertThat(read(stderr)).doesNotContain("voicebot-secret").doesNotContain(KEY);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
