package org.arivoice.ari.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.arivoice.ari.Credentials;
import org.arivoice.testsupport.Timeouts;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https} base URLs become {@code wss} with real certificate and host name verification. The server
 * certificate is a self-signed one made with the JDK's {@code keytool} for this test.
 */
class AriEventStreamTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final ReconnectPolicy FAST =
            new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.5);

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    /** Makes a PKCS#12 key store holding a self-signed certificate with the given subject alternative name. */
    private KeyStore selfSigned(String san) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool is absent from this JDK: TLS tests skipped");
        Path store = dir.resolve(san.replace(':', '_') + ".p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=ari-test", "-ext", "SAN=" + san, "-validity", "2",
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

    private TestEventServer tlsServer(KeyStore ks) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        // TLS 1.2 on the test server only: Java-WebSocket's server-side SSL channel can drop application data
        // that arrives together with the end of the handshake (its issues #665 and #940), which with TLS 1.3
        // occasionally swallowed our upgrade request and hung the test. The client under test is unchanged
        // and negotiates whatever the server offers.
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(kmf.getKeyManagers(), null, null);
        TestEventServer server = new TestEventServer(0);
        server.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(ctx));
        server.startAndWait();
        cleanup.add(server::shutdown);
        return server;
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

    private AriEventStream.Builder builder(TestEventServer server) {
        return AriEventStream.builder().baseUrl("https://127.0.0.1:" + server.getPort())
                .credentials(Credentials.basic("voicebot", "secret")).applications("voicebot")
                .reconnectPolicy(FAST).connectTimeout(Timeouts.seconds(5));
    }

    private AriEventStream track(AriEventStream s) {
        cleanup.add(0, s);
        return s;
    }

    @Test
    void customTrustStoreConnectsOverWss() throws Exception {
        KeyStore ks = selfSigned("ip:127.0.0.1");
        TestEventServer server = tlsServer(ks);
        AriEventStream stream = track(builder(server).sslContext(trusting(ks)).build());
        assertThat(stream.url()).startsWith("wss://127.0.0.1:");
        stream.awaitConnected(Timeouts.seconds(20));
        server.nextConnection();
        assertThat(server.resources).containsExactly("/ari/events?app=voicebot&subscribeAll=false");
    }

    @Test
    void untrustedCertificateIsRefusedByDefault() throws Exception {
        TestEventServer server = tlsServer(selfSigned("ip:127.0.0.1"));
        AriEventStream stream = track(builder(server).build());
        assertThatThrownBy(() -> stream.awaitConnected(Timeouts.seconds(2)))
                .isInstanceOf(EventStreamException.class).hasMessageContaining("did not connect");
        assertThat(server.resources).isEmpty();
    }

    @Test
    void hostNameIsVerifiedAgainstTheCertificate() throws Exception {
        KeyStore ks = selfSigned("dns:asterisk.example.org");
        TestEventServer server = tlsServer(ks);
        AriEventStream stream = track(builder(server).sslContext(trusting(ks)).build());
        assertThatThrownBy(() -> stream.awaitConnected(Timeouts.seconds(2)))
                .isInstanceOf(EventStreamException.class);
        assertThat(server.resources).isEmpty();
    }

    @Test
    void trustAllIsAnExplicitOptIn() throws Exception {
        TestEventServer server = tlsServer(selfSigned("dns:asterisk.example.org"));
        AriEventStream stream = track(builder(server).insecureTrustAllCertificates().build());
        stream.awaitConnected(Timeouts.seconds(20));
        server.nextConnection();
        assertThat(server.resources).hasSize(1);
    }
}
