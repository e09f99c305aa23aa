package org.arivoice.it;

import java.util.Optional;
import org.arivoice.ari.testkit.FakeAsterisk;

/**
 * The Asterisk the scenarios run against: an existing one named by {@code ARI_URL}, one started in Docker by
 * Testcontainers, or the in-process {@link FakeAsterisk}. Every scenario is written once against this
 * interface; {@link Targets#current()} chooses the target once per JVM.
 *
 * <p>Implementations are immutable after start and thread-safe. Nothing here returns a secret except
 * {@link #password()} and {@link #readOnlyPassword()}, which callers hand to the ARI client only;
 * {@link #describe()} and {@code toString()} never include them.
 */
public interface AsteriskTarget extends AutoCloseable {

    /**
     * What kind of Asterisk this is.
     *
     * @return {@code external}, {@code testcontainers} or {@code fake}
     */
    String kind();

    /**
     * The base URL for the ARI client and the event stream.
     *
     * @return e.g. {@code http://127.0.0.1:8088}
     */
    String baseUrl();

    /**
     * The read-write ARI user.
     *
     * @return the user name, e.g. {@code voicebot}
     */
    String user();

    /**
     * The read-write user's password.
     *
     * @return the password; never log it
     */
    String password();

    /**
     * The read-only ARI user ({@code read_only = yes} in {@code ari.conf}).
     *
     * @return the user name, e.g. {@code reader}
     */
    String readOnlyUser();

    /**
     * The read-only user's password.
     *
     * @return the password; never log it
     */
    String readOnlyPassword();

    /**
     * The Stasis application the scenarios register and originate into.
     *
     * @return e.g. {@code arivoice-it}
     */
    String application();

    /**
     * The dialplan context holding the test extensions ({@code stasis}, {@code caller}, {@code silent},
     * {@code busy}, {@code transferred}; see {@code asterisk/conf/extensions.conf}).
     *
     * @return e.g. {@code arivoice-it}
     */
    String context();

    /**
     * The address Asterisk must send ExternalMedia RTP to, as Asterisk sees the test machine.
     *
     * @return an IP address or host name reachable from Asterisk
     */
    String mediaAdvertiseHost();

    /**
     * The local address the tests bind their UDP sockets to.
     *
     * @return e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
     */
    String mediaBindHost();

    /**
     * Why RTP between this Asterisk and the test JVM may not work, when that can be told in advance (for
     * example a Docker engine in a VM whose bridge network does not reach the host).
     *
     * @return the reason RTP scenarios should skip, or empty when RTP is expected to work
     */
    default Optional<String> rtpLimitation() {
        return Optional.empty();
    }

    /**
     * The in-process fake, for scenarios that inject faults.
     *
     * @return the fake when {@link #kind()} is {@code fake}, else empty
     */
    Optional<FakeAsterisk> fake();

    /**
     * One line for logs and test reports: the kind, the URL and the application; never a password.
     *
     * @return the description
     */
    String describe();

    /** Stops what this target started (container, fake); an external Asterisk is left alone. */
    @Override
    void close();
}
