package org.arivoice.it;

import java.nio.file.Path;
import java.util.Optional;
import org.arivoice.ari.testkit.FakeAsterisk;

/**
 * The in-process {@link FakeAsterisk}, configured from the project's own {@code asterisk/conf} (users from
 * {@code ari.conf}, the {@code arivoice-it} dialplan from {@code extensions.conf}), so the scenarios meet the
 * same users, context and extensions as on a real Asterisk. Always available; used when neither
 * {@code ARI_URL} nor a Docker engine is.
 */
final class FakeTarget extends ProjectConfiguredTarget {
    // The well-known test users of asterisk/conf/ari.conf, which the fake loads.

    private final FakeAsterisk fake;

    private FakeTarget(FakeAsterisk fake) {
        this.fake = fake;
    }

    /**
     * Starts a fake on a free loopback port.
     *
     * @param confDir the project's {@code asterisk/conf} folder
     * @return the running target
     */
    static FakeTarget start(Path confDir) {
        return new FakeTarget(FakeAsterisk.builder().asteriskConfig(confDir).build().start());
    }

    @Override
    public String kind() {
        return "fake";
    }

    @Override
    public String baseUrl() {
        return fake.baseUrl();
    }

    @Override
    public String mediaAdvertiseHost() {
        return "127.0.0.1";
    }

    @Override
    public String mediaBindHost() {
        return "127.0.0.1";
    }

    @Override
    public Optional<FakeAsterisk> fake() {
        return Optional.of(fake);
    }

    @Override
    public String describe() {
        return "FakeAsterisk at " + fake.baseUrl() + " (asterisk/conf, application " + APPLICATION + ")";
    }

    @Override
    public void close() {
        fake.close();
    }

    @Override
    public String toString() {
        return describe();
    }
}
