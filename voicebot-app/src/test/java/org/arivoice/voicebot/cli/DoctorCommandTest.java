package org.arivoice.voicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code voicebot doctor} on a terminal: stdout and stderr land in one place, as they do on a console, so the
 * libraries' log lines (logback writes them to {@code System.err}) must not come between the report's lines.
 */
class DoctorCommandTest {
    private static final String PASSWORD = "pw-doctor-Hq27";
    private static final String KEY = "sk-doctor-Lm40";

    private FakeAsterisk asterisk;
    private FakeRealtimeServer model;

    @BeforeEach
    void start() {
        asterisk = FakeAsterisk.builder().user("voicebot", PASSWORD, false).build().start();
        model = FakeRealtimeServer.builder().acceptedApiKeys(KEY).build().start();
    }

    @AfterEach
    void stop() {
        try {
            asterisk.assertNoLeaks();
        } finally {
            asterisk.close();
            model.close();
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("ARI_URL", asterisk.baseUrl());
        env.put("ARI_USER", "voicebot");
        env.put("ARI_PASSWORD", PASSWORD);
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_ENDPOINT", model.url().toString());
        env.put("MEDIA_ADVERTISED_HOST", "127.0.0.1");
        return env;
    }

    /** Runs the command line with stdout, stderr and {@code System.err} all going to one terminal. */
    private static List<String> terminal(Map<String, String> env, String... args) {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(screen, true, StandardCharsets.UTF_8);
        PrintStream realErr = System.err;
        int code;
        System.setErr(both);
        try {
            code = new Main(env, both, both).commandLine().execute(args);
        } finally {
            System.setErr(realErr);
        }
        String printed = screen.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        assertThat(printed).doesNotContain(PASSWORD).doesNotContain(KEY);
        return printed.lines().toList();
    }

    @Test
    void doctorPrintsOnlyItsReport() {
        List<String> lines = terminal(env(), "doctor");
        assertThat(lines).allSatisfy(l -> assertThat(l).matches("(OK  |WARN|FAIL) .*|doctor: .*"));
        assertThat(lines).filteredOn(l -> l.startsWith("OK ")).hasSize(10);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("doctor: no failures.");
    }

    @Test
    void verboseAddsTheLibrariesLogLines() {
        List<String> lines = terminal(env(), "doctor", "--verbose");
        assertThat(lines).filteredOn(l -> l.startsWith("OK ")).hasSize(10);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(" INFO ").contains("ARI event stream"));
    }
}
