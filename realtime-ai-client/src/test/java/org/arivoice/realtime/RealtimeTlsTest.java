package org.arivoice.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.arivoice.testsupport.Timeouts;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client over {@code wss://}, as against OpenAI and Azure: a loopback server with a self-signed
 * certificate made with the JDK's {@code keytool} for this test.
 */
class RealtimeTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;
    private ScriptedRealtimeServer server;
    private RealtimeClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private KeyStore selfSigned(String san) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool is absent from this JDK: TLS tests skipped");
        Path store = dir.resolve(san.replace(':', '_') + ".p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=realtime-test", "-ext", "SAN=" + san, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private void startTlsServer(KeyStore ks) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        // TLS 1.2 on the test server only (Java-WebSocket's server-side SSL channel can drop data that arrives
        // with the end of a TLS 1.3 handshake); the client under test negotiates what the server offers.
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = new ScriptedRealtimeServer();
        server.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(ctx));
        server.startAndWait();
    }

    private static SSLContext trusting(KeyStore ks) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", ks.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private RealtimeClient.Builder builder() {
        return RealtimeClient.builder().endpoint(server.endpoint().replace("ws://", "wss://")).apiKey("sk-test-key")
                .connectTimeout(Timeouts.seconds(5)).requestTimeout(Timeouts.seconds(5));
    }

    @Test
    void aTrustedServerCarriesTheSessionAndTheAudio() throws Exception {
        KeyStore ks = selfSigned("ip:127.0.0.1");
        startTlsServer(ks);
        client = builder().sslContext(trusting(ks)).build();
        try (RealtimeSession session = client.connect(SessionConfig.defaults(), new RecordingListener())) {
            assertThat(session.sessionId()).isEqualTo("sess_1");
            server.next("session.update");
            byte[] frame = new byte[160];
            for (int i = 0; i < 50; i++) {
                frame[0] = (byte) i;
                assertThat(session.appendAudio(frame)).isTrue();
            }
            for (int i = 0; i < 50; i++) {
                JsonNode append = server.next("input_audio_buffer.append");
                assertThat(Base64.getDecoder().decode(append.path("audio").asText())[0]).isEqualTo((byte) i);
            }
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedWithAnExplanation() throws Exception {
        startTlsServer(selfSigned("ip:127.0.0.1"));
        client = builder().build();
        assertThatThrownBy(() -> client.connect(SessionConfig.defaults(), new RecordingListener()))
                .isInstanceOf(RealtimeException.class)
                .hasMessageContaining("TLS with the Realtime server at 127.0.0.1:")
                .hasMessageContaining("sslContext");
        assertThat(server.connections.get()).isZero();
    }

    @Test
    void theHostNameIsVerifiedEvenWithATrustedCertificate() throws Exception {
        KeyStore ks = selfSigned("dns:realtime.example.org");
        startTlsServer(ks);
        client = builder().sslContext(trusting(ks)).build();
        assertThatThrownBy(() -> client.connect(SessionConfig.defaults(), new RecordingListener()))
                .isInstanceOf(RealtimeException.class).hasMessageContaining("TLS with the Realtime server");
        assertThat(server.connections.get()).isZero();
    }
}
