package org.arivoice.ari;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.internal.http.AriUrls;
import org.arivoice.ari.resources.ApplicationsResource;
import org.arivoice.ari.resources.AsteriskResource;
import org.arivoice.ari.resources.BridgesResource;
import org.arivoice.ari.resources.ChannelsResource;
import org.arivoice.ari.resources.DeviceStatesResource;
import org.arivoice.ari.resources.EndpointsResource;
import org.arivoice.ari.resources.EventsResource;
import org.arivoice.ari.resources.MailboxesResource;
import org.arivoice.ari.resources.PlaybacksResource;
import org.arivoice.ari.resources.RecordingsResource;
import org.arivoice.ari.resources.SoundsResource;

/**
 * A client for the Asterisk REST Interface: every operation of ARI, grouped by resource.
 *
 * <pre>{@code
 * AriClient ari = AriClient.builder()
 *         .baseUrl("http://127.0.0.1:8088")
 *         .credentials("voicebot", secret)
 *         .build();
 * Bridge bridge = ari.bridges().create(BridgeOptions.builder().type("mixing").build()).await();
 * ari.bridges().addChannel(bridge.id(), "call-1").await();
 * }</pre>
 *
 * <p><b>Async first.</b> Every operation returns an {@link AriFuture}, a {@code CompletableFuture} whose
 * {@link AriFuture#await()} blocks and rethrows the typed {@link AriException} (404 becomes
 * {@link AriNotFoundException}, a refused connection {@link AriConnectionException}, and so on).
 *
 * <p><b>One per Asterisk.</b> Build it once and share it: it is immutable and thread-safe, and all requests
 * go through one {@link HttpClient}, which keeps HTTP/1.1 connections to Asterisk alive and reuses them.
 * {@link #withTimeout(Duration)} gives a view with another request timeout over the same connections.
 *
 * <p>Credentials are sent preemptively on every request (Basic, or {@code api_key} with
 * {@link Credentials#apiKey(String, String)}); the password never appears in logs, messages or
 * {@link #toString()}. The event WebSocket is not part of this class; see the {@code stream} package.
 */
public final class AriClient implements AutoCloseable {
    private final AriTransport transport;
    private final ApplicationsResource applications;
    private final AsteriskResource asterisk;
    private final BridgesResource bridges;
    private final ChannelsResource channels;
    private final DeviceStatesResource deviceStates;
    private final EndpointsResource endpoints;
    private final EventsResource events;
    private final MailboxesResource mailboxes;
    private final PlaybacksResource playbacks;
    private final RecordingsResource recordings;
    private final SoundsResource sounds;

    private AriClient(AriTransport transport) {
        this.transport = transport;
        this.applications = new ApplicationsResource(transport);
        this.asterisk = new AsteriskResource(transport);
        this.bridges = new BridgesResource(transport);
        this.channels = new ChannelsResource(transport);
        this.deviceStates = new DeviceStatesResource(transport);
        this.endpoints = new EndpointsResource(transport);
        this.events = new EventsResource(transport);
        this.mailboxes = new MailboxesResource(transport);
        this.playbacks = new PlaybacksResource(transport);
        this.recordings = new RecordingsResource(transport);
        this.sounds = new SoundsResource(transport);
    }

    /**
     * Starts configuring a client.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Stasis applications: list, get, subscribe to event sources, event filters.
     *
     * @return the {@code /applications} operations
     */
    public ApplicationsResource applications() {
        return applications;
    }

    /**
     * Asterisk itself: info, ping, modules, logging, global variables, dynamic configuration.
     *
     * @return the {@code /asterisk} operations
     */
    public AsteriskResource asterisk() {
        return asterisk;
    }

    /**
     * Bridges: create, add and remove channels, play, record, music on hold, variables.
     *
     * @return the {@code /bridges} operations
     */
    public BridgesResource bridges() {
        return bridges;
    }

    /**
     * Channels: originate, answer, hang up, play, record, snoop, ExternalMedia, DTMF, variables, ...
     *
     * @return the {@code /channels} operations
     */
    public ChannelsResource channels() {
        return channels;
    }

    /**
     * Custom device states.
     *
     * @return the {@code /deviceStates} operations
     */
    public DeviceStatesResource deviceStates() {
        return deviceStates;
    }

    /**
     * Endpoints: list, get, send messages, REFER.
     *
     * @return the {@code /endpoints} operations
     */
    public EndpointsResource endpoints() {
        return endpoints;
    }

    /**
     * User events and channel claims (the event WebSocket itself is in the {@code stream} package).
     *
     * @return the REST operations of {@code /events}
     */
    public EventsResource events() {
        return events;
    }

    /**
     * Mailboxes (message counts for MWI).
     *
     * @return the {@code /mailboxes} operations
     */
    public MailboxesResource mailboxes() {
        return mailboxes;
    }

    /**
     * Playbacks: get, stop, control.
     *
     * @return the {@code /playbacks} operations
     */
    public PlaybacksResource playbacks() {
        return playbacks;
    }

    /**
     * Live and stored recordings, including the stored file's bytes.
     *
     * @return the {@code /recordings} operations
     */
    public RecordingsResource recordings() {
        return recordings;
    }

    /**
     * Sounds installed on Asterisk.
     *
     * @return the {@code /sounds} operations
     */
    public SoundsResource sounds() {
        return sounds;
    }

    /**
     * A view of this client whose requests use another timeout. It shares this client's connections and
     * credentials; closing either closes both. Cheap: make one per call site if needed.
     *
     * <pre>{@code
     * ari.withTimeout(Duration.ofSeconds(60)).channels().originate(options).await();
     * }</pre>
     *
     * @param requestTimeout the time from sending a request until its whole response has arrived (for a
     *        streamed recording file, until the headers have arrived)
     * @return the view
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public AriClient withTimeout(Duration requestTimeout) {
        return new AriClient(transport.withTimeout(requestTimeout));
    }

    /**
     * The ARI root all requests go to.
     *
     * @return the normalised base URI, ending in {@code /ari/}
     */
    public URI baseUri() {
        return transport.base();
    }

    /**
     * The configured credentials (their {@code toString()} masks the password).
     *
     * @return the credentials, or empty if none were configured
     */
    public Optional<Credentials> credentials() {
        return Optional.ofNullable(transport.credentials());
    }

    /**
     * The request timeout of this client (or view).
     *
     * @return the timeout
     */
    public Duration timeout() {
        return transport.timeout();
    }

    /**
     * Refuses further requests (their futures fail with {@link IllegalStateException}) and releases the
     * HTTP client. Requests already sent complete normally. Idempotent.
     */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * Shows the base URL, the user and the timeout; never the password.
     *
     * @return a description for logs
     */
    @Override
    public String toString() {
        return "AriClient[" + transport.base() + ", user="
                + (transport.credentials() == null ? "none" : transport.credentials().username())
                + ", timeout=" + transport.timeout().toMillis() + "ms" + (transport.isClosed() ? ", closed" : "")
                + "]";
    }

    /** Configures an {@link AriClient}. Not thread-safe; each setter returns the builder. */
    public static final class Builder {
        private URI base;
        private Credentials credentials;
        private Duration defaultTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Executor executor;
        private SSLContext sslContext;

        private Builder() {
        }

        /**
         * Sets Asterisk's HTTP address. {@code http://h:8088}, {@code http://h:8088/ari} and
         * {@code http://h:8088/ari/} are equivalent; with an {@code http.conf} prefix write
         * {@code http://h:8088/prefix/ari}. Use {@code https://} when {@code tlsenable = yes}.
         *
         * @param baseUrl the base URL
         * @return this builder
         * @throws IllegalArgumentException with an explanation if the URL is malformed, not http(s), has no
         *         host, embeds credentials, or has a path beyond the ARI root (such as {@code /ari/asterisk})
         */
        public Builder baseUrl(String baseUrl) {
            this.base = AriUrls.normaliseBaseUrl(baseUrl);
            return this;
        }

        /**
         * Sets the ARI user and password, sent as a preemptive Basic {@code Authorization} header.
         *
         * @param username the user (an {@code ari.conf} section with {@code type = user})
         * @param password its password
         * @return this builder
         * @throws IllegalArgumentException if the user is blank or contains {@code ':'} or the password is
         *         empty
         */
        public Builder credentials(String username, String password) {
            this.credentials = Credentials.basic(username, password);
            return this;
        }

        /**
         * Sets the credentials, e.g. {@link Credentials#apiKey(String, String)} to send them as the
         * {@code api_key} query parameter.
         *
         * @param credentials the credentials, or {@code null} for none
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * Sets the default request timeout: from sending a request until its whole response has arrived.
         * Default 10 s. Override it per call site with {@link AriClient#withTimeout(Duration)}.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder defaultTimeout(Duration timeout) {
            this.defaultTimeout = AriTransport.checkTimeout(timeout);
            return this;
        }

        /**
         * Sets the TCP (and TLS) connect timeout. Default 5 s.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = AriTransport.checkTimeout(timeout);
            return this;
        }

        /**
         * Sets the executor on which the HTTP client completes futures (and so runs non-async dependent
         * stages). Default: the JDK HTTP client's own pool.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets the TLS context for {@code https} base URLs, e.g. one that trusts Asterisk's self-signed
         * certificate. Default: the JDK's default context, which verifies certificates.
         *
         * @param sslContext the context
         * @return this builder
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws IllegalStateException if no base URL was set
         */
        public AriClient build() {
            if (base == null) {
                throw new IllegalStateException("no ARI base URL: call baseUrl(\"http://127.0.0.1:8088\")"
                        + " (the address of Asterisk's http.conf server) before build()");
            }
            HttpClient.Builder http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(connectTimeout);
            if (executor != null) {
                http.executor(executor);
            }
            if (sslContext != null) {
                http.sslContext(sslContext);
            }
            return new AriClient(new AriTransport(http.build(), base, credentials, defaultTimeout));
        }
    }
}
