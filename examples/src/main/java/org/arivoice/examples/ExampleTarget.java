package org.arivoice.examples;

import java.util.Map;
import java.util.Optional;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.ari.testkit.FakeAsterisk;

/**
 * Where an example runs: the Asterisk named by {@code ARI_URL}, {@code ARI_USER}, {@code ARI_PASSWORD}
 * (application {@code ARI_APP}, default {@code voicebot}; this machine's address as Asterisk sees it
 * {@code MEDIA_HOST}, default {@code 127.0.0.1}), or, when {@code ARI_URL} is not set, an in-process
 * {@link FakeAsterisk} so that the example can be tried on any machine.
 *
 * <p>Holds a connected {@link AriClient} and {@link AriEventStream}; closing it closes both (and the fake).
 */
public final class ExampleTarget implements AutoCloseable {
    private final AriClient ari;
    private final AriEventStream events;
    private final String application;
    private final String mediaHost;
    private final FakeAsterisk fake;

    private ExampleTarget(String url, String user, String password, String application, String mediaHost,
            FakeAsterisk fake) {
        this.application = application;
        this.mediaHost = mediaHost;
        this.fake = fake;
        this.ari = AriClient.builder().baseUrl(url).credentials(user, password).build();
        this.events = AriEventStream.builder().baseUrl(url).credentials(Credentials.basic(user, password))
                .applications(application).build();
        this.events.connect().join();
    }

    /**
     * The target the environment names, or a fresh FakeAsterisk.
     *
     * @return a connected target
     */
    public static ExampleTarget fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * The target {@code env} names, or a fresh FakeAsterisk when it has no {@code ARI_URL}.
     *
     * @param env environment variables
     * @return a connected target
     */
    public static ExampleTarget from(Map<String, String> env) {
        String url = env.get("ARI_URL");
        String app = env.getOrDefault("ARI_APP", "voicebot");
        if (url == null || url.isBlank()) {
            return fake(FakeAsterisk.builder().application(app).build().start());
        }
        String user = require(env, "ARI_USER");
        String password = require(env, "ARI_PASSWORD");
        return new ExampleTarget(url, user, password, app, env.getOrDefault("MEDIA_HOST", "127.0.0.1"), null);
    }

    /**
     * A target on a running FakeAsterisk with its recorded default user; closing the target closes the fake.
     *
     * @param fake the fake, started
     * @return a connected target
     */
    public static ExampleTarget fake(FakeAsterisk fake) {
        ExampleTarget t = new ExampleTarget(fake.baseUrl(), "voicebot", "voicebot-secret", "voicebot", "127.0.0.1",
                fake);
        return t;
    }

    private static String require(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set: with ARI_URL set, also set ARI_USER and "
                    + "ARI_PASSWORD (a read-write user of ari.conf)");
        }
        return v;
    }

    /** {@return the REST client} */
    public AriClient ari() {
        return ari;
    }

    /** {@return the connected event stream of {@link #application()}} */
    public AriEventStream events() {
        return events;
    }

    /** {@return the Stasis application the example serves} */
    public String application() {
        return application;
    }

    /** {@return this machine's address as Asterisk sees it, for ExternalMedia's {@code external_host}} */
    public String mediaHost() {
        return mediaHost;
    }

    /** {@return the fake, when the example runs on one} */
    public Optional<FakeAsterisk> fake() {
        return Optional.ofNullable(fake);
    }

    @Override
    public void close() {
        events.close();
        ari.close();
        if (fake != null) {
            fake.close();
        }
    }

    /** Names the application and whether it is a fake; never credentials. */
    @Override
    public String toString() {
        return "ExampleTarget[" + application + (fake != null ? ", FakeAsterisk" : "") + "]";
    }
}
