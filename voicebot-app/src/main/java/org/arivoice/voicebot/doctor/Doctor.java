package org.arivoice.voicebot.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.AriConnectionException;
import org.arivoice.ari.AriException;
import org.arivoice.ari.AriForbiddenException;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.AriTimeoutException;
import org.arivoice.ari.AriUnauthorizedException;
import org.arivoice.ari.Credentials;
import org.arivoice.ari.model.Application;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.ari.stream.ConnectionState;
import org.arivoice.ari.stream.ConnectionStateListener;
import org.arivoice.ari.stream.EventStreamException;
import org.arivoice.ari.stream.ReconnectPolicy;
import org.arivoice.realtime.AudioFormat;
import org.arivoice.realtime.RealtimeAuthenticationException;
import org.arivoice.realtime.RealtimeClient;
import org.arivoice.realtime.RealtimeException;
import org.arivoice.realtime.RealtimeListener;
import org.arivoice.realtime.RealtimeServerErrorException;
import org.arivoice.realtime.RealtimeSession;
import org.arivoice.realtime.SessionConfig;
import org.arivoice.realtime.event.ErrorDetail;
import org.arivoice.realtime.event.RealtimeResponse;
import org.arivoice.realtime.event.ServerEvent;
import org.arivoice.voicebot.config.AriUrlForm;
import org.arivoice.voicebot.config.BotConfig;
import org.arivoice.voicebot.config.ConfigException;
import org.arivoice.voicebot.config.ConfigLoader;

/**
 * Diagnoses a deployment: the failures that stop real ones, each reported as one {@link CheckResult} with a fix.
 * In order: the ARI URL's form, the configuration, Asterisk's reachability, the ARI credentials, write access
 * (a read-only user), the Stasis application over the event socket, the RTP addresses and port range, and the
 * Realtime API (reachability, key, model). Checks that depend on an earlier one that failed are not run.
 *
 * <pre>{@code
 * DoctorReport report = Doctor.builder().build().diagnose(Optional.of(path), System.getenv(),
 *         check -> System.out.println(check.line()));
 * System.exit(report.exitCode());
 * }</pre>
 *
 * <p>Doctor never takes over a running bot's Stasis application: when Asterisk already has the application
 * registered, the event socket is probed with the doctor-only application name {@code <application>-doctor}.
 */
public final class Doctor {
    private final Duration ariTimeout;
    private final Duration applicationWindow;

    private Doctor(Builder b) {
        this.ariTimeout = b.ariTimeout;
        this.applicationWindow = b.applicationWindow;
    }

    /**
     * A builder with the defaults described on its methods.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads the configuration as {@code run} would and diagnoses it. A wrong ARI URL form is reported and, when
     * the right form is clear, the other checks run with it; any other configuration problem is reported (one
     * {@code FAIL config} per problem) and stops the diagnosis.
     *
     * @param file the YAML file, or empty
     * @param env the environment
     * @param sink receives each result as soon as it is known
     * @return every result
     */
    public DoctorReport diagnose(Optional<java.nio.file.Path> file, Map<String, String> env,
            Consumer<CheckResult> sink) {
        List<CheckResult> results = new ArrayList<>();
        Consumer<CheckResult> out = r -> {
            results.add(r);
            sink.accept(r);
        };
        Map<String, String> effectiveEnv = env;
        Optional<String> raw = ConfigLoader.rawAriUrl(file, env);
        boolean urlReported = false;
        if (raw.isPresent()) {
            AriUrlForm.Verdict v = AriUrlForm.check(raw.get());
            urlReported = true;
            if (v.ok()) {
                out.accept(CheckResult.ok("ari-url", "'" + raw.get() + "' has the form of an ARI base URL"));
            } else {
                out.accept(CheckResult.fail("ari-url", "the ARI URL " + v.problem().get() + ".",
                        v.suggestion().map(s -> "set ari.url (or ARI_URL) to " + s + "; checking on with " + s
                                + ".").orElse("set ari.url (or ARI_URL) to e.g. " + AriUrlForm.EXAMPLE + ".")));
                if (v.suggestion().isPresent()) {
                    Map<String, String> corrected = new HashMap<>(env);
                    corrected.put("ARI_URL", v.suggestion().get());
                    effectiveEnv = corrected;
                }
            }
        }
        BotConfig config;
        try {
            config = ConfigLoader.load(file, effectiveEnv);
        } catch (ConfigException e) {
            for (String p : e.problems()) {
                if (urlReported && p.startsWith("ari.url")) {
                    continue;
                }
                out.accept(CheckResult.fail("config", p, "correct the configuration; see config/voicebot.yaml."));
            }
            return new DoctorReport(results, true);
        }
        diagnose(config, out);
        return new DoctorReport(results, false);
    }

    /**
     * Diagnoses a loaded configuration (no URL form or configuration checks).
     *
     * @param config the configuration
     * @param sink receives each result as soon as it is known
     * @return every result
     */
    public DoctorReport diagnose(BotConfig config, Consumer<CheckResult> sink) {
        List<CheckResult> results = new ArrayList<>();
        Consumer<CheckResult> out = r -> {
            results.add(r);
            sink.accept(r);
        };
        checkAri(config, out);
        checkMedia(config, out);
        checkRealtime(config, out);
        return new DoctorReport(results, false);
    }

    // ---------------------------------------------------------------- ARI

    private void checkAri(BotConfig config, Consumer<CheckResult> out) {
        BotConfig.Ari a = config.ari();
        String where = hostPort(a.url());
        try (AriClient ari = AriClient.builder().baseUrl(a.url()).credentials(a.user(), a.password().reveal())
                .defaultTimeout(ariTimeout).connectTimeout(ariTimeout).build()) {
            try {
                ari.asterisk().ping().await();
                out.accept(CheckResult.ok("ari-reachable", "Asterisk's ARI answers at " + where + "."));
                out.accept(CheckResult.ok("ari-credentials", "ARI user '" + a.user() + "' is accepted."));
            } catch (AriUnauthorizedException e) {
                out.accept(CheckResult.ok("ari-reachable", "Asterisk's ARI answers at " + where + "."));
                out.accept(CheckResult.fail("ari-credentials", "Asterisk refused ARI user '" + a.user() + "' with"
                        + " the password from " + a.password().source() + " (401 Authentication required).",
                        "check that ari.conf has a section [" + a.user() + "] with type = user and the same"
                                + " password (password_format = plain), then 'module reload res_ari.so'; or"
                                + " correct ARI_USER/ARI_PASSWORD."));
                return;
            } catch (AriConnectionException e) {
                out.accept(CheckResult.fail("ari-reachable", "cannot connect to Asterisk at " + where
                        + " (" + rootCause(e) + ").", "check that Asterisk runs and that http.conf has enabled"
                                + " = yes, bindaddr = an address reachable from here (0.0.0.0 for all) and"
                                + " bindport = " + port(a.url()) + " ('http show status' in the Asterisk CLI);"
                                + " check firewalls and Docker port mappings."));
                return;
            } catch (AriTimeoutException e) {
                out.accept(CheckResult.fail("ari-reachable", "Asterisk at " + where + " did not answer within "
                        + ariTimeout.toSeconds() + " s.", "a firewall may drop the packets, or the address is"
                                + " not Asterisk's; check http.conf bindaddr/bindport and the network path."));
                return;
            } catch (AriNotFoundException e) {
                out.accept(CheckResult.fail("ari-reachable", "an HTTP server answers at " + where + ", but not"
                        + " with ARI (404 for " + e.operation() + ").", "load ARI in Asterisk ('module load"
                                + " res_ari.so', ari.conf enabled = yes) and check http.conf's prefix: with"
                                + " prefix = p the URL is http://host:port/p/ari."));
                return;
            } catch (AriException e) {
                out.accept(CheckResult.fail("ari-reachable", "Asterisk at " + where + " answered HTTP "
                        + e.status() + e.asteriskMessage().map(m -> " (" + m + ")").orElse("") + ".",
                        "check the Asterisk log for the cause."));
                return;
            }
            checkWriteAccess(ari, a, out);
            checkApplication(ari, a, out);
        }
    }

    private void checkWriteAccess(AriClient ari, BotConfig.Ari a, Consumer<CheckResult> out) {
        // The probe bridge carries the bot's id prefix, so that if the doctor dies between create and destroy
        // the bot's start-up sweep removes it.
        String bridgeId = a.idPrefix() + "doctor-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            ari.bridges().createWithId(bridgeId, BridgeOptions.builder().type("mixing").name("voicebot doctor probe")
                    .build()).await();
        } catch (AriForbiddenException e) {
            out.accept(CheckResult.fail("ari-write", "ARI user '" + a.user() + "' may only read (403 Write access"
                    + " denied on POST /bridges); the bot creates bridges and channels.", "set read_only = no in"
                            + " the [" + a.user() + "] section of ari.conf, then 'module reload res_ari.so'."));
            return;
        } catch (AriException e) {
            out.accept(CheckResult.fail("ari-write", "creating a probe bridge failed: HTTP " + e.status()
                    + e.asteriskMessage().map(m -> " (" + m + ")").orElse("") + ".",
                    "check the Asterisk log; the bot needs to create bridges."));
            return;
        }
        try {
            ari.bridges().destroy(bridgeId).await();
            out.accept(CheckResult.ok("ari-write", "ARI user '" + a.user() + "' may create and destroy bridges."));
        } catch (AriException e) {
            out.accept(CheckResult.warn("ari-write", "the probe bridge " + bridgeId + " could be created but not"
                    + " destroyed (HTTP " + e.status() + ").", "the bot's start-up sweep removes it; check the"
                            + " Asterisk log."));
        }
    }

    private void checkApplication(AriClient ari, BotConfig.Ari a, Consumer<CheckResult> out) {
        boolean alreadyRegistered;
        try {
            ari.applications().get(a.application()).await();
            alreadyRegistered = true;
        } catch (AriNotFoundException e) {
            alreadyRegistered = false;
        } catch (AriException e) {
            out.accept(CheckResult.fail("stasis-app", "GET /applications/" + a.application() + " failed: HTTP "
                    + e.status() + ".", "check the Asterisk log."));
            return;
        }
        // Connecting an event socket for an application takes it over from whoever holds it (Asterisk sends
        // ApplicationReplaced to the old socket, which gets nothing more): probing a running bot's application
        // would cut the bot off. So an application Asterisk already knows is probed under a doctor-only name.
        // A fixed probe name: Asterisk keeps every application registered until it restarts, so a new name per
        // run would add one registration per run.
        String probed = alreadyRegistered ? a.application() + "-doctor" : a.application();
        CountDownLatch replaced = new CountDownLatch(1);
        AtomicReference<String> authFailure = new AtomicReference<>();
        try (AriEventStream events = AriEventStream.builder().baseUrl(a.url())
                .credentials(Credentials.basic(a.user(), a.password().reveal())).applications(probed)
                .reconnectPolicy(new ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), 2.0, 0.1))
                .connectTimeout(ariTimeout)
                .stateListener(new ConnectionStateListener() {
                    @Override
                    public void onStateChanged(ConnectionState previous, ConnectionState current, String reason) {
                        if (current == ConnectionState.AUTH_FAILED) {
                            authFailure.set(reason);
                        }
                    }

                    @Override
                    public void onApplicationReplaced(String application) {
                        replaced.countDown();
                    }
                }).build()) {
            try {
                events.awaitConnected(ariTimeout);
            } catch (EventStreamException e) {
                out.accept(CheckResult.fail("stasis-app", "the ARI event WebSocket did not open ("
                        + (authFailure.get() != null ? "401 on the handshake" : "state " + e.state()) + ").",
                        "check that res_ari and res_http_websocket are loaded and that nothing between the bot"
                                + " and Asterisk (a proxy) blocks WebSocket upgrades."));
                return;
            }
            Application app;
            try {
                app = ari.applications().get(probed).await();
            } catch (AriException e) {
                out.accept(CheckResult.fail("stasis-app", "the event socket opened but Asterisk does not list"
                        + " application '" + probed + "' (HTTP " + e.status() + ").", "check the Asterisk log for"
                                + " Stasis errors."));
                return;
            }
            if (alreadyRegistered) {
                out.accept(CheckResult.ok("stasis-app", "the event socket works (probed as '" + app.name()
                        + "'). Application '" + a.application() + "' is already registered in Asterisk (by a"
                        + " running bot, or one that ran since Asterisk started), so doctor did not connect to it:"
                        + " that would take a running bot's calls over. A second bot process needs its own"
                        + " ARI_APP."));
                return;
            }
            boolean taken = replaced.await(applicationWindow.toMillis(), TimeUnit.MILLISECONDS);
            if (taken) {
                out.accept(CheckResult.fail("stasis-app", "another process connected to application '"
                        + a.application() + "' while doctor held it (ApplicationReplaced).", "stop the other"
                                + " process or give each its own application name (ARI_APP); Asterisk delivers an"
                                + " application's calls to one socket only."));
                return;
            }
            out.accept(CheckResult.ok("stasis-app", "application '" + app.name() + "' registers over the event"
                    + " socket; extensions.conf must route calls to Stasis(" + a.application() + ")."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- media

    private void checkMedia(BotConfig config, Consumer<CheckResult> out) {
        BotConfig.Media m = config.media();
        InetAddress bind;
        try {
            bind = InetAddress.getByName(m.bindAddress());
        } catch (UnknownHostException e) {
            out.accept(CheckResult.fail("rtp-address", "media.bind-address '" + m.bindAddress() + "' is not an"
                    + " address.", "use an address of this machine or 0.0.0.0."));
            return;
        }
        List<InetAddress> local = localAddresses();
        if (!bind.isAnyLocalAddress() && !bind.isLoopbackAddress() && !local.contains(bind)) {
            out.accept(CheckResult.fail("rtp-address", "media.bind-address " + m.bindAddress() + " is not an"
                    + " address of this machine.", "use one of " + describe(local) + " or 0.0.0.0."));
        } else if (bind.isAnyLocalAddress() && m.advertisedHost().isEmpty()) {
            out.accept(CheckResult.fail("rtp-address", "media.bind-address is the wildcard " + m.bindAddress()
                    + " and no advertised-host is set: Asterisk would not know where to send the caller's audio.",
                    "set media.advertised-host (or MEDIA_ADVERTISED_HOST) to the address Asterisk reaches this"
                            + " machine at."));
        } else {
            String advertised = m.advertisedHost().isEmpty() ? m.bindAddress() : m.advertisedHost();
            checkAdvertised(advertised, local, config.ari().url(), out);
        }
        checkPortRange(bind, m, out);
    }

    private void checkAdvertised(String advertised, List<InetAddress> local, String ariUrl,
            Consumer<CheckResult> out) {
        InetAddress addr;
        try {
            addr = InetAddress.getByName(advertised);
        } catch (UnknownHostException e) {
            out.accept(CheckResult.fail("rtp-address", "media.advertised-host '" + advertised + "' does not"
                    + " resolve here.", "use an IP address, or a name that Asterisk's machine resolves."));
            return;
        }
        boolean asteriskLocal = isLocalHost(hostOf(ariUrl), local);
        if (addr.isLoopbackAddress() && !asteriskLocal) {
            out.accept(CheckResult.fail("rtp-address", "media.advertised-host " + advertised + " is a loopback"
                    + " address but Asterisk is at " + hostOf(ariUrl) + ": Asterisk would send the caller's"
                    + " audio to itself.", "set media.advertised-host (or MEDIA_ADVERTISED_HOST) to an address"
                            + " of this machine that Asterisk can reach, e.g. one of " + describe(local) + "."));
            return;
        }
        if (!addr.isLoopbackAddress() && !local.contains(addr)) {
            out.accept(CheckResult.warn("rtp-address", "media.advertised-host " + advertised + " is not an address"
                    + " of this machine (NAT, a Docker port mapping or a load balancer?).", "make sure UDP to "
                            + advertised + " on the RTP port range reaches this machine, or the caller hears"
                            + " nothing; this machine's addresses are " + describe(local) + "."));
            return;
        }
        out.accept(CheckResult.ok("rtp-address", "Asterisk will send RTP to " + advertised + ", an address of"
                + " this machine."));
    }

    private static void checkPortRange(InetAddress bind, BotConfig.Media m, Consumer<CheckResult> out) {
        int tried = 0;
        for (int port = m.portMin(); port <= m.portMax() && tried < 20; port++, tried++) {
            try (DatagramSocket s = new DatagramSocket(null)) {
                s.bind(new InetSocketAddress(bind, port));
                out.accept(CheckResult.ok("rtp-ports", "bound UDP " + m.bindAddress() + ":" + port + " of the range "
                        + m.portMin() + "-" + m.portMax() + "."));
                return;
            } catch (SocketException e) {
                // in use or not permitted: try the next one
            }
        }
        out.accept(CheckResult.fail("rtp-ports", "none of the first " + tried + " UDP ports from " + m.portMin()
                + " could be bound on " + m.bindAddress() + ".", "choose a free range (media.port-min/port-max),"
                        + " stop the process holding them, or run the bot where it may bind them."));
    }

    // ---------------------------------------------------------------- Realtime

    private void checkRealtime(BotConfig config, Consumer<CheckResult> out) {
        BotConfig.Realtime r = config.realtime();
        RealtimeClient.Builder b = RealtimeClient.builder().model(r.model()).connectTimeout(r.connectTimeout())
                .requestTimeout(r.connectTimeout());
        String target;
        if (r.azureResource().isPresent()) {
            b.azureResource(r.azureResource().get()).azureApiKey(r.apiKey().reveal());
            target = r.azureResource().get() + ".openai.azure.com";
        } else {
            b.apiKey(r.apiKey().reveal());
            r.endpoint().ifPresent(b::endpoint);
            target = r.endpoint().map(Doctor::hostPort).orElse("api.openai.com");
        }
        String keyName = r.azureResource().isPresent() ? "the Azure key (OPENAI_API_KEY)" : "OPENAI_API_KEY";
        AtomicReference<ErrorDetail> error = new AtomicReference<>();
        AtomicBoolean created = new AtomicBoolean();
        CompletableFuture<RealtimeResponse> probe = new CompletableFuture<>();
        SessionConfig session = SessionConfig.builder().audioFormat(AudioFormat.PCMU).voice(r.voice())
                .instructions("voicebot doctor probe").build();
        try (RealtimeClient client = b.build()) {
            RealtimeSession s = client.connect(session, new RealtimeListener() {
                @Override
                public void onEvent(ServerEvent event) {
                    if (event instanceof ServerEvent.SessionCreated) {
                        created.set(true);
                    }
                }

                @Override
                public void onError(ErrorDetail e) {
                    error.compareAndSet(null, e);
                }

                @Override
                public void onResponseDone(RealtimeResponse response) {
                    probe.complete(response);
                }
            });
            // A key without access to the model still gets a session: OpenAI reports model_not_found only in
            // the first response (response.done, status "failed"). So ask for one token of text, outside the
            // conversation: the cheapest response there is.
            ErrorDetail refused = null;
            boolean answered = false;
            try {
                s.createResponse(probeResponse());
                RealtimeResponse done = probe.get(r.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
                refused = failedResponseError(done);
                answered = refused == null;
            } catch (TimeoutException e) {
                refused = error.get();
            } catch (ExecutionException e) {
                refused = error.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                s.close();
            }
            if (refused != null) {
                reportServerError(refused, r, target, out);
                return;
            }
            out.accept(CheckResult.ok("realtime-reachable", "the Realtime server at " + target + " answered with"
                    + " session.created."));
            out.accept(CheckResult.ok("realtime-key", "the API key from " + r.apiKey().source() + " is accepted."));
            if (answered) {
                out.accept(CheckResult.ok("realtime-model", "model '" + r.model() + "' accepted the session"
                        + " configuration (voice " + r.voice() + ", audio/pcmu) and answered a one-token probe."));
            } else {
                out.accept(new CheckResult("realtime-model", CheckResult.Status.WARN, "model '" + r.model()
                        + "' accepted the session configuration but did not answer a one-token probe within "
                        + r.connectTimeout().toMillis() + " ms.", Optional.of("run doctor again; if it persists,"
                                + " check the model's status and your rate limits in the OpenAI dashboard.")));
            }
        } catch (RealtimeAuthenticationException e) {
            out.accept(CheckResult.ok("realtime-reachable", "the Realtime server at " + target + " answered."));
            out.accept(CheckResult.fail("realtime-key", "the server rejected the API key from " + r.apiKey()
                    .source() + " (HTTP " + e.httpStatus() + ").", "check " + keyName + ": a current key of the"
                            + " right project, without quotes or spaces."));
        } catch (RealtimeServerErrorException e) {
            reportServerError(e.error(), r, target, out);
        } catch (RealtimeException e) {
            ErrorDetail seen = error.get();
            if (seen != null) {
                reportServerError(seen, r, target, out);
                return;
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (created.get()) {
                reportUnconfirmedSession(e, why, r, target, out);
                return;
            }
            out.accept(CheckResult.fail("realtime-reachable", "no Realtime session with " + target + ": "
                    + why + (why.endsWith(".") ? "" : "."), r.endpoint().isPresent() ? "check realtime.endpoint (OPENAI_ENDPOINT) and that"
                            + " the server runs." : "check that this machine reaches " + target + ":443 (firewall,"
                                    + " HTTPS proxy, DNS)."));
        }
    }

    /**
     * The server answered with {@code session.created}, so it is reachable and took the key, but the session
     * never became ready: most often the {@code session.update} was not confirmed in time.
     */
    private static void reportUnconfirmedSession(RealtimeException e, String why, BotConfig.Realtime r,
            String target, Consumer<CheckResult> out) {
        out.accept(CheckResult.ok("realtime-reachable", "the Realtime server at " + target + " answered with"
                + " session.created."));
        out.accept(CheckResult.ok("realtime-key", "the API key from " + r.apiKey().source() + " is accepted."));
        String detail = e.getCause() instanceof TimeoutException
                ? "the Realtime server at " + target + " answered (session created) but did not confirm the"
                        + " session.update (model '" + r.model() + "', voice " + r.voice() + ", audio/pcmu) within "
                        + r.connectTimeout().toMillis() + " ms."
                : "the Realtime server at " + target + " created a session, but then: " + why
                        + (why.endsWith(".") ? "" : ".");
        out.accept(CheckResult.fail("realtime-model", detail, "the server may be slow or overloaded (run doctor"
                + " again, or raise realtime.connect-timeout), a proxy between here and " + target + " may hold back"
                + " WebSocket messages, or the server may refuse the model or the configuration without saying"
                + " so: check realtime.model (OPENAI_MODEL), realtime.voice and the server's log."));
    }

    /** {@code response.create} for one token of text, kept out of the conversation. */
    private static ObjectNode probeResponse() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("conversation", "none");
        p.putArray("output_modalities").add("text");
        p.put("max_output_tokens", 1);
        p.put("instructions", "Reply with the single word OK.");
        return p;
    }

    /** The error of a {@code response.done} whose status is {@code failed}, or null. */
    static ErrorDetail failedResponseError(RealtimeResponse done) {
        if (!"failed".equals(done.status())) {
            return null;
        }
        JsonNode e = done.statusDetails() == null ? null : done.statusDetails().path("error");
        if (e == null || e.isMissingNode() || e.isNull()) {
            return new ErrorDetail("server_error", null, "the probe response failed without details", null, null);
        }
        return new ErrorDetail(e.path("type").asText(null), e.path("code").asText(null),
                e.path("message").asText(""), e.path("param").asText(null), null);
    }

    private static void reportServerError(ErrorDetail e, BotConfig.Realtime r, String target,
            Consumer<CheckResult> out) {
        out.accept(CheckResult.ok("realtime-reachable", "the Realtime server at " + target + " answered."));
        String code = e.code() == null ? "" : e.code();
        String message = e.message() == null ? "" : e.message();
        if (code.equals("invalid_api_key") || code.equals("unauthorized")) {
            out.accept(CheckResult.fail("realtime-key", "the server rejected the API key (" + code + ").",
                    "check OPENAI_API_KEY."));
            return;
        }
        out.accept(CheckResult.ok("realtime-key", "the API key from " + r.apiKey().source() + " is accepted."));
        boolean aboutModel = code.equals("model_not_found") || code.equals("invalid_model")
                || "model".equals(e.param()) || message.toLowerCase(Locale.ROOT).contains("model");
        if (aboutModel) {
            out.accept(CheckResult.fail("realtime-model", "model '" + r.model() + "' is not available: " + message
                    + (code.isEmpty() ? "" : " (" + code + ")"), "set realtime.model (OPENAI_MODEL) to a Realtime"
                            + " model your key may use, e.g. gpt-realtime" + (r.azureResource().isPresent()
                                    ? "; for Azure, the name of a Realtime deployment of the resource" : "") + "."));
        } else {
            out.accept(CheckResult.fail("realtime-model", "the server refused the session: " + message
                    + (e.param() == null ? "" : " (parameter " + e.param() + ")"), "check realtime.voice and the"
                            + " conversation settings against the model's documentation."));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static List<InetAddress> localAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    out.add(a);
                }
            }
        } catch (SocketException e) {
            // no interface list: every address will look foreign, which only turns OK into WARN
        }
        return out;
    }

    private static String describe(List<InetAddress> addresses) {
        List<String> shown = new ArrayList<>();
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && !(a instanceof Inet6Address)) {
                shown.add(a.getHostAddress());
            }
        }
        return shown.isEmpty() ? "(no non-loopback IPv4 address found)" : String.join(", ", shown);
    }

    private static boolean isLocalHost(String host, List<InetAddress> local) {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || local.contains(a);
        } catch (IOException e) {
            return false;
        }
    }

    private static String hostOf(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? url : h;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static int port(String url) {
        try {
            URI u = URI.create(url);
            return u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 8089 : 8088;
        } catch (IllegalArgumentException e) {
            return 8088;
        }
    }

    private static String hostPort(String url) {
        try {
            URI u = URI.create(url);
            return u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
        } catch (IllegalArgumentException e) {
            return AriUrlForm.redact(url);
        }
    }

    /** Why a connection failed, in words; the JDK's HTTP client reports a refusal as various exceptions. */
    private static String rootCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnknownHostException) {
                return "the host name does not resolve";
            }
            if (c instanceof java.net.NoRouteToHostException) {
                return "no route to the host";
            }
        }
        return "connection refused or closed";
    }

    /** Options of a {@link Doctor}. */
    public static final class Builder {
        private Duration ariTimeout = Duration.ofSeconds(5);
        private Duration applicationWindow = Duration.ofSeconds(1);

        private Builder() {
        }

        /**
         * How long to wait for Asterisk's answers and for the event socket to open.
         *
         * @param timeout default 5 s
         * @return this builder
         */
        public Builder ariTimeout(Duration timeout) {
            this.ariTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How long doctor holds the application's event socket to notice another process taking it over
         * ({@code ApplicationReplaced}).
         *
         * @param window default 1 s
         * @return this builder
         */
        public Builder applicationWindow(Duration window) {
            this.applicationWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        /**
         * Builds the doctor.
         *
         * @return the doctor
         */
        public Doctor build() {
            return new Doctor(this);
        }
    }
}
