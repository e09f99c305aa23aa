package org.arivoice.voicebot.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.ari.testkit.FakeAsterisk;
import org.arivoice.realtime.testkit.FakeRealtimeServer;
import org.arivoice.testsupport.Timeouts;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
    private static final String PASSWORD = "voicebot-secret";
    private static final String KEY = "sk-doctor-test-Qx81";

    @TempDir
    Path dir;

    private FakeAsterisk asterisk;
    private FakeRealtimeServer realtime;
    private final List<String> printed = new ArrayList<>();

    @BeforeEach
    void start() {
        asterisk = FakeAsterisk.builder().build().start();
        realtime = FakeRealtimeServer.builder().acceptedApiKeys(KEY).build().start();
    }

    @AfterEach
    void stop() {
        try {
            asterisk.assertNoLeaks();
        } finally {
            asterisk.close();
            realtime.close();
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("ARI_URL", asterisk.baseUrl());
        env.put("ARI_USER", "voicebot");
        env.put("ARI_PASSWORD", PASSWORD);
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_ENDPOINT", realtime.url().toString());
        env.put("MEDIA_ADVERTISED_HOST", "127.0.0.1");
        return env;
    }

    private DoctorReport run(Optional<Path> file, Map<String, String> env) {
        DoctorReport report = Doctor.builder().ariTimeout(Timeouts.seconds(10)).build()
                .diagnose(file, env, c -> printed.add(c.line()));
        String all = String.join("\n", printed);
        assertThat(all).doesNotContain(KEY);
        if (!env.get("ARI_PASSWORD").equals(PASSWORD)) {
            assertThat(all).doesNotContain(env.get("ARI_PASSWORD"));
        }
        assertThat(all).doesNotContain(":" + PASSWORD).doesNotContain("'" + PASSWORD);
        return report;
    }

    private DoctorReport run(Map<String, String> env) {
        return run(Optional.empty(), env);
    }

    private static CheckResult check(DoctorReport r, String name) {
        return r.checks().stream().filter(c -> c.check().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + r.checks()));
    }

    @Test
    void aHealthyDeploymentPassesEveryCheck() {
        DoctorReport r = run(env());
        assertThat(r.checks()).extracting(CheckResult::check).containsExactly("ari-url", "ari-reachable",
                "ari-credentials", "ari-write", "stasis-app", "rtp-address", "rtp-ports", "realtime-reachable",
                "realtime-key", "realtime-model");
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.status()).as(c.line()).isEqualTo(CheckResult.Status.OK));
        assertThat(r.exitCode()).isZero();
        assertThat(asterisk.registeredApplications()).contains("voicebot");
        assertThat(realtime.receivedEvents("session.update")).hasSize(1);
        assertThat(realtime.receivedEvents("response.create")).hasSize(1);
        assertThat(check(r, "realtime-model").line()).contains("answered a one-token probe");
        assertThat(printed).allSatisfy(l -> assertThat(l).startsWith("OK "));
    }

    @Test
    void aWrongPasswordPointsAtAriConf() {
        Map<String, String> env = env();
        env.put("ARI_PASSWORD", "wrong-Kp33");
        DoctorReport r = run(env);
        CheckResult c = check(r, "ari-credentials");
        assertThat(c.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(c.line()).contains("401").contains("ari.conf").contains("[voicebot]").contains("env ARI_PASSWORD");
        assertThat(r.checks()).extracting(CheckResult::check).doesNotContain("ari-write", "stasis-app");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aReadOnlyUserIsDetectedByAWriteProbe() {
        Map<String, String> env = env();
        env.put("ARI_USER", "reader");
        env.put("ARI_PASSWORD", "reader-secret");
        DoctorReport r = run(env);
        assertThat(check(r, "ari-credentials").status()).isEqualTo(CheckResult.Status.OK);
        CheckResult c = check(r, "ari-write");
        assertThat(c.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(c.line()).contains("403").contains("read_only = no").contains("[reader]");
        assertThat(asterisk.bridges()).isEmpty();
    }

    @Test
    void aRefusedPortPointsAtHttpConf() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Map<String, String> env = env();
        env.put("ARI_URL", "http://127.0.0.1:" + closed);
        DoctorReport r = run(env);
        CheckResult c = check(r, "ari-reachable");
        assertThat(c.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(c.line()).contains("cannot connect").contains("enabled = yes").contains("bindaddr")
                .contains("bindport = " + closed);
        assertThat(r.checks()).extracting(CheckResult::check).doesNotContain("ari-credentials");
        // The other parts of the deployment are still diagnosed.
        assertThat(check(r, "realtime-key").status()).isEqualTo(CheckResult.Status.OK);
    }

    @Test
    void anHttpServerWithoutAriAtThatPathPointsAtResAriAndThePrefix() {
        Map<String, String> env = env();
        env.put("ARI_URL", asterisk.baseUrl() + "/pbx/ari");
        DoctorReport r = run(env);
        assertThat(check(r, "ari-url").status()).isEqualTo(CheckResult.Status.OK);
        CheckResult c = check(r, "ari-reachable");
        assertThat(c.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(c.line()).contains("404").contains("res_ari").contains("prefix");
    }

    @Test
    void aWrongUrlFormIsExplainedAndTheRightFormIsCheckedOn() {
        Map<String, String> env = env();
        env.put("ARI_URL", asterisk.baseUrl() + "/ari/asterisk");
        DoctorReport r = run(env);
        CheckResult c = check(r, "ari-url");
        assertThat(c.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(c.line()).contains("operation path").contains("set ari.url (or ARI_URL) to " + asterisk.baseUrl());
        assertThat(check(r, "ari-reachable").status()).isEqualTo(CheckResult.Status.OK);
        assertThat(check(r, "ari-write").status()).isEqualTo(CheckResult.Status.OK);
        assertThat(r.configurationInvalid()).isFalse();
        assertThat(r.exitCode()).isEqualTo(1);

        printed.clear();
        env.put("ARI_URL", asterisk.baseUrl() + "/");
        assertThat(check(run(env), "ari-url").line()).contains("ends with a slash");
    }

    @Test
    void aWrongApiKeyPointsAtOpenaiApiKey() {
        Map<String, String> env = env();
        env.put("OPENAI_API_KEY", "sk-wrong-Zz11");
        DoctorReport r = run(env);
        String all = String.join("\n", printed);
        assertThat(all).doesNotContain("sk-wrong-Zz11");
        CheckResult c = check(r, "realtime-key");
        assertThat(c.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(c.line()).contains("401").contains("OPENAI_API_KEY");
        assertThat(check(r, "realtime-reachable").status()).isEqualTo(CheckResult.Status.OK);
    }

    @Test
    void anUnreachableRealtimeServerIsReported() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Map<String, String> env = env();
        env.put("OPENAI_ENDPOINT", "ws://127.0.0.1:" + closed);
        CheckResult c = check(run(env), "realtime-reachable");
        assertThat(c.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(c.line()).contains("OPENAI_ENDPOINT");
    }

    @Test
    void anUnknownModelIsNamed() throws Exception {
        // OpenAI reports an unusable model with an error event, then closes the socket.
        assertModelNamedAsUnavailable(new ModelRejectingServer(Fault.ERROR_AND_CLOSE));
    }

    @Test
    void aModelTheKeyMayNotUseIsFoundByAOneTokenProbeResponse() throws Exception {
        // OpenAI opens the session for a key without access to the model; the first response fails with
        // model_not_found (response.done, status "failed").
        ModelRejectingServer server = new ModelRejectingServer(Fault.FAILED_FIRST_RESPONSE);
        assertModelNamedAsUnavailable(server);
        // The probe asked for one token of text, outside the conversation.
        String create = server.received.stream().filter(m -> m.contains("\"response.create\"")).findFirst()
                .orElseThrow();
        assertThat(create).contains("\"max_output_tokens\":1").contains("\"conversation\":\"none\"")
                .contains("\"output_modalities\":[\"text\"]");
    }

    /** Runs doctor against {@code server} for model {@code gpt-wrong}: the model check fails and names it. */
    private void assertModelNamedAsUnavailable(ModelRejectingServer server) throws Exception {
        server.start();
        try {
            Map<String, String> env = env();
            env.put("OPENAI_ENDPOINT", "ws://127.0.0.1:" + server.bound.get() + "/v1/realtime");
            env.put("OPENAI_MODEL", "gpt-wrong");
            DoctorReport r = run(env);
            CheckResult c = check(r, "realtime-model");
            assertThat(c.status()).isEqualTo(CheckResult.Status.FAIL);
            assertThat(c.line()).contains("model 'gpt-wrong' is not available").contains("model_not_found")
                    .contains("OPENAI_MODEL");
            assertThat(check(r, "realtime-key").status()).isEqualTo(CheckResult.Status.OK);
        } finally {
            server.stop(1000);
        }
    }

    @Test
    void aServerThatCreatesTheSessionButNeverConfirmsTheUpdateIsNotCalledUnreachable() throws Exception {
        ModelRejectingServer server = new ModelRejectingServer(Fault.NEVER_CONFIRMS_UPDATE);
        server.start();
        try {
            Map<String, String> env = env();
            env.put("OPENAI_ENDPOINT", "ws://127.0.0.1:" + server.bound.get() + "/v1/realtime");
            Path yaml = dir.resolve("voicebot.yaml");
            Files.writeString(yaml, "realtime:\n  connect-timeout: 1s\n");
            DoctorReport r = run(Optional.of(yaml), env);
            assertThat(check(r, "realtime-reachable").status()).isEqualTo(CheckResult.Status.OK);
            CheckResult c = check(r, "realtime-model");
            assertThat(c.status()).isEqualTo(CheckResult.Status.FAIL);
            assertThat(c.line()).contains("answered (session created) but did not confirm the session.update")
                    .contains("within 1000 ms").contains("slow or overloaded").contains("proxy")
                    .contains("OPENAI_MODEL").doesNotContain("that the server runs").doesNotContain("Cannot reach");
            assertThat(server.received).anyMatch(m -> m.contains("\"session.update\""));
        } finally {
            server.stop(1000);
        }
    }

    @Test
    void anApplicationAlreadyRegisteredIsNotTakenOver() throws Exception {
        try (AriEventStream bot = AriEventStream.builder().baseUrl(asterisk.baseUrl())
                .credentials(Credentials.basic("voicebot", PASSWORD)).applications("voicebot").build()) {
            bot.awaitConnected(Timeouts.seconds(10));
            DoctorReport r = run(env());
            CheckResult c = check(r, "stasis-app");
            assertThat(c.status()).isEqualTo(CheckResult.Status.OK);
            assertThat(c.line()).contains("already registered").contains("probed as 'voicebot-doctor'")
                    .contains("ARI_APP");
            assertThat(bot.state()).isEqualTo(org.arivoice.ari.stream.ConnectionState.CONNECTED);
        }
    }

    @Test
    void aSecondProcessWithTheSameApplicationIsDetected() throws Exception {
        Doctor doctor = Doctor.builder().ariTimeout(Timeouts.seconds(10)).applicationWindow(Duration.ofSeconds(60))
                .build();
        CompletableFuture<DoctorReport> report = CompletableFuture.supplyAsync(() -> doctor.diagnose(Optional.empty(),
                env(), c -> printed.add(c.line())));
        await().atMost(Timeouts.seconds(30)).until(() -> asterisk.registeredApplications().contains("voicebot")
                && asterisk.openEventSockets() == 1);
        try (AriEventStream other = AriEventStream.builder().baseUrl(asterisk.baseUrl())
                .credentials(Credentials.basic("voicebot", PASSWORD)).applications("voicebot").build()) {
            other.awaitConnected(Timeouts.seconds(10));
            DoctorReport r = report.get(60, java.util.concurrent.TimeUnit.SECONDS);
            CheckResult c = check(r, "stasis-app");
            assertThat(c.status()).isEqualTo(CheckResult.Status.FAIL);
            assertThat(c.line()).contains("ApplicationReplaced").contains("ARI_APP");
        }
    }

    @Test
    void mediaAddressesAndPortsAreChecked() throws IOException {
        Map<String, String> env = env();
        env.put("MEDIA_ADVERTISED_HOST", "192.0.2.10");
        CheckResult nat = check(run(env), "rtp-address");
        assertThat(nat.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(nat.line()).contains("not an address of this machine").contains("NAT");

        try (DatagramSocket held = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = held.getLocalPort();
            Path yaml = dir.resolve("voicebot.yaml");
            Files.writeString(yaml, "media:\n  bind-address: 127.0.0.1\n  port-min: " + port + "\n  port-max: "
                    + port + "\n");
            printed.clear();
            CheckResult ports = check(run(Optional.of(yaml), env()), "rtp-ports");
            assertThat(ports.status()).isEqualTo(CheckResult.Status.FAIL);
            assertThat(ports.line()).contains("could be bound").contains("port-min");
        }
    }

    @Test
    void aConfigurationErrorStopsWithExitCodeTwo() {
        Map<String, String> env = env();
        env.remove("MEDIA_ADVERTISED_HOST");
        DoctorReport r = run(env);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.checks()).extracting(CheckResult::check).containsExactly("ari-url", "config");
        assertThat(check(r, "config").line()).contains("media.advertised-host is missing");
    }

    /** How {@link ModelRejectingServer} refuses the session. */
    private enum Fault {
        /** An error event ({@code model_not_found}) and a close at once. */
        ERROR_AND_CLOSE,
        /** A normal session whose first response fails, as OpenAI does for a key without access to the model. */
        FAILED_FIRST_RESPONSE,
        /** {@code session.created}, then silence: the {@code session.update} is never confirmed. */
        NEVER_CONFIRMS_UPDATE
    }

    /** A Realtime server that refuses the model or the session in one of the ways of {@link Fault}. */
    private static final class ModelRejectingServer extends WebSocketServer {
        private static final String MODEL_NOT_FOUND = "{\"type\":\"invalid_request_error\",\"code\":\"model_not_found\","
                + "\"message\":\"The model `gpt-wrong` does not exist or you do not have access to it.\"}";
        final CompletableFuture<Integer> bound = new CompletableFuture<>();
        final Fault fault;
        final java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();

        ModelRejectingServer(Fault fault) {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.fault = fault;
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            if (fault != Fault.ERROR_AND_CLOSE) {
                conn.send("{\"type\":\"session.created\",\"event_id\":\"event_1\",\"session\":{\"type\":\"realtime\","
                        + "\"object\":\"realtime.session\",\"id\":\"sess_1\",\"model\":\"gpt-wrong\"}}");
                return;
            }
            conn.send("{\"type\":\"error\",\"event_id\":\"event_1\",\"error\":" + MODEL_NOT_FOUND.replace("}",
                    ",\"param\":null,\"event_id\":null}") + "}");
            conn.close(1008, "model_not_found");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
            if (fault == Fault.NEVER_CONFIRMS_UPDATE) {
                return;
            }
            if (message.contains("\"session.update\"")) {
                conn.send("{\"type\":\"session.updated\",\"event_id\":\"event_2\",\"session\":{\"type\":\"realtime\","
                        + "\"object\":\"realtime.session\",\"id\":\"sess_1\",\"model\":\"gpt-wrong\"}}");
            } else if (message.contains("\"response.create\"")) {
                conn.send("{\"type\":\"response.created\",\"event_id\":\"event_3\",\"response\":{\"object\":"
                        + "\"realtime.response\",\"id\":\"resp_1\",\"status\":\"in_progress\",\"output\":[]}}");
                conn.send("{\"type\":\"response.done\",\"event_id\":\"event_4\",\"response\":{\"object\":"
                        + "\"realtime.response\",\"id\":\"resp_1\",\"status\":\"failed\",\"status_details\":{\"type\":"
                        + "\"failed\",\"error\":" + MODEL_NOT_FOUND + "},\"output\":[]}}");
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            bound.complete(getPort());
        }
    }
}
