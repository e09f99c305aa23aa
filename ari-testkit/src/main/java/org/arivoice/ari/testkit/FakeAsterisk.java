package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Asterisk REST Interface server for tests: REST under {@code /ari/...}, the event WebSocket
 * at {@code /ari/events} and chan_websocket media at {@code /media/<connection id>} on one loopback port,
 * behaving like the real Asterisk that was recorded
 * in the project's {@code testdata/asterisk-ari/transcripts} (event order relative to REST replies, status
 * codes and {@code message} texts, what survives a hangup).
 *
 * <p>By default the fake runs the recorded dialplan (context {@code ari-it}): originating
 * {@code Local/caller@ari-it} puts the {@code ;1} leg in Stasis and makes the {@code ;2} leg a simulated
 * caller that answers, waits 0.5 s and "plays" {@code hello-world} and {@code demo-congrats} (the real caller
 * audio of the recording, which the testkit bundles; {@link Builder#callerAudio(byte[])} sets other audio). With
 * {@link Builder#asteriskConfig(java.nio.file.Path)} it runs the {@code extensions.conf} and {@code ari.conf} of
 * an Asterisk configuration folder instead, {@code PlayTones()} callers included. An ExternalMedia channel
 * bridged with a caller really sends the audio as 20 ms RTP packets to {@code external_host}; what comes
 * back is kept, mixed into the bridge and into recordings, whose stored WAV files carry the audio.
 *
 * <pre>{@code
 * try (FakeAsterisk ari = FakeAsterisk.builder().build().start()) {
 *     String url = ari.baseUrl();               // http://127.0.0.1:PORT, user voicebot / voicebot-secret
 *     ... run the bot against url ...
 *     ari.assertNoLeaks();                      // no channel, bridge, playback or recording left over
 * }
 * }</pre>
 *
 * <p>Thread-safe. Not a security boundary: it listens on 127.0.0.1 only.
 */
public final class FakeAsterisk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeAsterisk.class);

    private final Builder config;
    private final Faults faults = new Faults();
    private final ObjectMapper mapper = new ObjectMapper();
    private final ScheduledExecutorService control =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fake-asterisk-control");
                t.setDaemon(true);
                return t;
            });
    private Pbx pbx;
    private Server server;
    private ServerConnector connector;
    private int port;

    private FakeAsterisk(Builder config) {
        this.config = config;
    }

    /**
     * Starts configuring a fake.
     *
     * @return a builder with the recorded defaults: users {@code voicebot} (read-write, password
     *     {@code voicebot-secret}) and {@code reader} (read-only, {@code reader-secret}), application
     *     {@code voicebot}, a free loopback port
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the HTTP/WebSocket server.
     *
     * @return this fake, for chaining
     * @throws IllegalStateException if the server cannot start (e.g. the chosen port is taken)
     */
    public synchronized FakeAsterisk start() {
        if (server != null) {
            throw new IllegalStateException("this FakeAsterisk is already started");
        }
        pbx = newPbx();
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("fake-asterisk-http");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // Asterisk reads %2F inside a path segment as part of the name (GET /recordings/stored/cf-dir%2Fx is the
        // stored recording cf-dir/x, recorded in conformance-recordings.jsonl): Jetty rejects it by default.
        http.setUriCompliance(UriCompliance.DEFAULT.with("ARI", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        // Asterisk takes an encoded '/' in a path segment (GET /deviceStates/PJSIP%2F1000); Jetty refuses it unless
        // told otherwise.
        connector.getConnectionFactory(org.eclipse.jetty.server.HttpConnectionFactory.class).getHttpConfiguration()
                .setUriCompliance(org.eclipse.jetty.http.UriCompliance.DEFAULT.with("ARI",
                        org.eclipse.jetty.http.UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        connector.setPort(config.port);
        server.addConnector(connector);
        PjsipConfig pjsip = config.config != null && config.config.pjsip.isPresent() ? config.config.pjsip.get()
                : PjsipConfig.DEFAULT;
        AriHandler front = new AriHandler(pbx, config.users(), faults, mapper,
                new SystemResources(pbx, mapper, config.asteriskId, pjsip, config.sounds.keySet()));
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofHours(1));
            container.addMapping("/ari/events", (request, response, callback) -> {
                var q = org.eclipse.jetty.server.Request.extractQueryParameters(request);
                List<String> apps = List.of(q.getValue("app").split(","));
                boolean all = "true".equalsIgnoreCase(q.getValue("subscribeAll"));
                EventSocket socket = new EventSocket(currentPbx(), apps, all);
                socket.register();
                return socket;
            });
            container.addMapping("/media/*", (request, response, callback) -> {
                String path = org.eclipse.jetty.server.Request.getPathInContext(request);
                String connectionId = path.substring("/media/".length());
                Pbx current = currentPbx();
                if (!current.awaitsMediaConnection(connectionId)) {
                    org.eclipse.jetty.server.Response.writeError(request, response, callback, 404,
                            "no ExternalMedia channel waits for media connection " + connectionId);
                    return null;
                }
                if (request.hasSubProtocol("media")) {
                    response.setAcceptedSubProtocol("media");
                }
                return new MediaSocket(current, connectionId);
            });
        });
        front.setHandler(ws);
        server.setHandler(front);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            server = null;
            pbx = null;
            throw new IllegalStateException("FakeAsterisk could not listen on 127.0.0.1:" + config.port + " (" + e
                    + "); choose another port, or port 0 for a free one", e);
        }
        port = connector.getLocalPort();
        LOG.debug("FakeAsterisk listening on {} (caller audio: {})", baseUrl(), config.audio.origin());
        return this;
    }

    private Pbx newPbx() {
        // With a configuration folder its Stasis() applications are used as written; the recorded dialplan's
        // Stasis(voicebot) enters Builder.application instead.
        Dialplan dialplan = config.config != null && config.config.dialplan.isPresent()
                ? config.config.dialplan.get() : Dialplan.recorded();
        String stasisOverride = config.config != null && config.config.dialplan.isPresent()
                ? null : config.application;
        return new Pbx(mapper, config.asteriskId, stasisOverride, dialplan, config.audio, config.sounds,
                config.callerSpeaksAfter.toMillis(), config.bridgeDissolveDelay.toMillis());
    }

    private synchronized Pbx currentPbx() {
        return pbx;
    }

    /**
     * How late, at most, the fake's own timed actions ran since start (or the last restart), in milliseconds.
     * Tests that replay a recording at its recorded times use it to tell a run that a busy machine made late
     * from a real difference.
     */
    long timerLatenessMillis() {
        return currentPbx().maxTimerLatenessMillis();
    }

    /**
     * Moves the fake's pending timed actions (answers, dialplan waits, playback ends, ...) {@code millis} later,
     * for a test that replays a recording and has shifted its own schedule after a late step.
     */
    void shiftTimers(long millis) {
        currentPbx().shiftTimers(millis);
    }

    /**
     * The base URL a client is configured with.
     *
     * @return {@code http://127.0.0.1:PORT}
     * @throws IllegalStateException before {@link #start()}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * The port the fake listens on.
     *
     * @return the TCP port
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("call start() before asking for the port");
        }
        return port;
    }

    // ---------------------------------------------------------------- inspection

    /**
     * The live channels, in creation order.
     *
     * @return an immutable snapshot
     */
    public List<ChannelSnapshot> channels() {
        return pbx().channelSnapshots();
    }

    /**
     * The live bridges, in creation order.
     *
     * @return an immutable snapshot
     */
    public List<BridgeSnapshot> bridges() {
        return pbx().bridgeSnapshots();
    }

    /**
     * The live snoop channels.
     *
     * @return an immutable snapshot
     */
    public List<ChannelSnapshot> snoops() {
        return channels().stream().filter(c -> c.kind() == ChannelSnapshot.Kind.SNOOP).toList();
    }

    /**
     * The audio an ExternalMedia channel received from the application (RTP payloads, or chan_websocket
     * binary frames), concatenated: what the caller heard, in the channel's format. Still available after
     * the channel is gone.
     *
     * @param channelId the ExternalMedia channel id
     * @return a copy of the payload bytes
     * @throws IllegalArgumentException if no ExternalMedia channel with that id was ever created
     */
    public byte[] receivedAudio(String channelId) {
        return leg(channelId).receivedAudio();
    }

    /**
     * How many RTP packets (or chan_websocket frames) an ExternalMedia channel received from the application.
     *
     * @param channelId the ExternalMedia channel id
     * @return the packet count
     * @throws IllegalArgumentException if no ExternalMedia channel with that id was ever created
     */
    public long rtpPacketsReceived(String channelId) {
        return leg(channelId).packetsReceived();
    }

    /**
     * How many RTP packets (or chan_websocket frames) an ExternalMedia channel sent to the application.
     *
     * @param channelId the ExternalMedia channel id
     * @return the packet count
     * @throws IllegalArgumentException if no ExternalMedia channel with that id was ever created
     */
    public long rtpPacketsSent(String channelId) {
        return leg(channelId).packetsSent();
    }

    private MediaLeg leg(String channelId) {
        return pbx().mediaLeg(channelId).orElseThrow(() -> new IllegalArgumentException(
                "no ExternalMedia channel '" + channelId + "' was created on this FakeAsterisk"));
    }

    /**
     * The µ-law audio a simulated caller of {@code Local/caller@ari-it} says, frame-padded: what an
     * ExternalMedia channel bridged with it sends (in µ-law).
     *
     * @return a copy of the audio
     */
    public byte[] callerAudio() {
        return config.audio.all();
    }

    /**
     * Every event sent (or due to be sent, if the application had no socket at the time), as JSON text.
     *
     * @return an immutable list in sending order
     */
    public List<String> events() {
        return pbx().eventLog();
    }

    /**
     * The Stasis applications registered so far by event sockets (they stay registered when the socket closes).
     *
     * @return the application names
     */
    public List<String> registeredApplications() {
        return pbx().registeredApplications();
    }

    /**
     * The number of open event WebSockets.
     *
     * @return the count
     */
    public int openEventSockets() {
        return pbx().openEventSockets();
    }

    /**
     * Describes every resource still alive: channels, bridges, playbacks and live recordings.
     *
     * @return one sentence per leftover; empty when the application cleaned up everything
     */
    public List<String> leftovers() {
        return pbx().leftovers();
    }

    /**
     * Fails if any channel, bridge, playback or live recording is still alive.
     *
     * @throws AssertionError naming every leftover resource
     */
    public void assertNoLeaks() {
        List<String> left = leftovers();
        if (!left.isEmpty()) {
            throw new AssertionError("FakeAsterisk still holds " + left.size() + " resource(s) the application did"
                    + " not release: " + String.join("; ", left));
        }
    }

    // ---------------------------------------------------------------- simulation

    /**
     * Simulates a phone ({@code PJSIP/1000}) dialling an extension of the first context (in file order) that
     * has it; with the recorded dialplan's {@code 1000} the call is answered and enters the Stasis
     * application, and the caller starts speaking (the caller audio) a second later.
     *
     * @param extension e.g. {@code 1000}, {@code stasis} or {@code caller} of the recorded dialplan
     * @return the new channel's id
     * @throws IllegalArgumentException if no context of the dialplan has the extension
     */
    public String simulateIncomingCall(String extension) {
        return pbx().placeIncomingCall(null, extension);
    }

    /**
     * Simulates a phone ({@code PJSIP/1000}) dialling {@code extension} in {@code context} of the loaded
     * dialplan (the recorded one, or the {@code extensions.conf} of {@link Builder#asteriskConfig(Path)}).
     *
     * @param context a context of the dialplan
     * @param extension an extension of that context
     * @return the new channel's id
     * @throws IllegalArgumentException if the context has no such extension
     */
    public String simulateIncomingCall(String context, String extension) {
        return pbx().placeIncomingCall(Objects.requireNonNull(context, "context"), extension);
    }

    /**
     * Simulates the far end hanging up a channel (no REST call involved).
     *
     * @param channelId a live channel
     * @throws IllegalArgumentException if the channel does not exist
     */
    public void hangUpFromFarEnd(String channelId) {
        pbx().remoteHangup(channelId);
    }

    // ---------------------------------------------------------------- fault injection

    /** Drops every event WebSocket without a close handshake; applications stay registered. */
    public void dropEventSockets() {
        pbx().dropEventSockets();
    }

    /**
     * Closes the listening port so new connections are refused, and reopens it on the same port later.
     * Open event sockets are dropped.
     *
     * @param duration how long to refuse connections
     */
    public synchronized void refuseConnections(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        ServerConnector c = connector;
        pbx().dropEventSockets();
        try {
            c.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not close the FakeAsterisk port: " + e, e);
        }
        control.schedule(() -> {
            try {
                c.setPort(port);
                c.start();
            } catch (Exception e) {
                LOG.warn("FakeAsterisk could not reopen port {}", port, e);
            }
        }, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Makes the next {@code times} REST requests that match fail with {@code status} and an
     * {@code {"message": ...}} body, before authentication and without any effect.
     *
     * @param method an HTTP method, or {@code *} for any
     * @param pathRegex a regular expression matched against the whole path after {@code /ari}, e.g.
     *     {@code /channels/[^/]+/answer}
     * @param status the HTTP status to answer, 400-599
     * @param times how many requests to fail
     */
    public void failRequests(String method, String pathRegex, int status, int times) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an injected failure needs a status of 400-599, was " + status);
        }
        faults.add(new Faults.Rule(method, Pattern.compile(pathRegex), status, Duration.ZERO, times));
    }

    /**
     * Delays the next {@code times} REST requests that match before they are handled normally.
     *
     * @param method an HTTP method, or {@code *} for any
     * @param pathRegex a regular expression matched against the whole path after {@code /ari}
     * @param delay how long to hold each request
     * @param times how many requests to delay
     */
    public void delayRequests(String method, String pathRegex, Duration delay, int times) {
        faults.add(new Faults.Rule(method, Pattern.compile(pathRegex), 0, delay, times));
    }

    /** Removes every REST fault rule. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Simulates an Asterisk restart: every channel, bridge, playback, recording and application
     * registration vanishes without events, and event sockets are dropped. The port stays the same.
     */
    public void restart() {
        pbx().wipe();
    }

    private synchronized Pbx pbx() {
        if (pbx == null) {
            throw new IllegalStateException("call start() first");
        }
        return pbx;
    }

    /** Stops the server, closes every ExternalMedia socket and stops the fake's threads. */
    @Override
    public synchronized void close() {
        stopQuietly();
        control.shutdownNow();
    }

    private void stopQuietly() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.debug("stopping FakeAsterisk: {}", e.toString());
            }
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    /** Configuration of a {@link FakeAsterisk}. Not thread-safe; build once. */
    public static final class Builder {
        private final Map<String, AriUser> users = new LinkedHashMap<>();
        private int port;
        private String application = "voicebot";
        private String asteriskId = "02:fc:00:00:00:01";
        private CallerAudio audio;
        private Duration callerSpeaksAfter = Duration.ofMillis(500);
        private Duration bridgeDissolveDelay = Duration.ofMillis(20);
        private ConfigText config;
        private final Map<String, Long> sounds = defaultSounds();

        /**
         * Recorded lengths: hello-world played 1,404 ms; demo-congrats was still playing 7.4 s after it started
         * (externalmedia-websocket.jsonl) and no recording shows it end, so the fake plays it for 8 s (its audio
         * beyond the 2.1 s captured in the recording is silence). Also the spoken digits {@code digits/0} to
         * {@code digits/9} that Asterisk's core sounds have (the recorded {@code GET /sounds/digits%2F1}),
         * half a second each, as long as a {@code digits:} playback takes per digit in this fake.
         */
        private static Map<String, Long> defaultSounds() {
            Map<String, Long> sounds = new LinkedHashMap<>();
            sounds.put("hello-world", 1404L);
            sounds.put("demo-congrats", 8000L);
            for (int d = 0; d <= 9; d++) {
                sounds.put("digits/" + d, 500L);
            }
            return sounds;
        }

        private Builder() {
        }

        /**
         * Adds an ARI user; once any user is added (here or by {@link #asteriskConfig(Path)}'s {@code ari.conf})
         * the recorded defaults are not created. A user added here replaces a configured one of the same name.
         *
         * @param name the user name (no {@code :})
         * @param password the password
         * @param readOnly {@code true} for a user that gets {@code 403 Write access denied} on any non-GET
         * @return this builder
         */
        public Builder user(String name, String password, boolean readOnly) {
            AriUser u = new AriUser(name, password, readOnly);
            users.put(u.name(), u);
            return this;
        }

        /**
         * Sets the Stasis application the recorded dialplan's {@code Stasis()} steps enter (extensions
         * {@code stasis} and {@code 1000}). Not used with {@link #asteriskConfig(Path)}, whose dialplan names
         * its applications itself.
         *
         * @param name the application name, default {@code voicebot}
         * @return this builder
         */
        public Builder application(String name) {
            if (name == null || name.isBlank() || name.contains(",")) {
                throw new IllegalArgumentException("an application name must be non-blank and contain no ',', was '"
                        + name + "'");
            }
            this.application = name;
            return this;
        }

        /**
         * Chooses the port.
         *
         * @param port 0 (the default) for a free port, else 1-65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the {@code asterisk_id} put in every event.
         *
         * @param id default {@code 02:fc:00:00:00:01}, as recorded
         * @return this builder
         */
        public Builder asteriskId(String id) {
            this.asteriskId = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Replaces the simulated caller's audio.
         *
         * @param ulaw 8 kHz G.711 µ-law longer than 1.4 s; the first 1.4 s are {@code hello-world}, the
         *     rest {@code demo-congrats}
         * @return this builder
         */
        public Builder callerAudio(byte[] ulaw) {
            this.audio = CallerAudio.fromRecording(ulaw.clone(), "supplied by the test");
            return this;
        }

        /**
         * How long the simulated caller of {@link FakeAsterisk#simulateIncomingCall(String)} waits before it
         * speaks, counted from the moment the application first lets something hear the call: the caller's
         * channel shares a bridge with another channel, is snooped on or is recorded (or, if none of that
         * happens, from 5 s after the answer). So the caller's words are never lost to an application whose
         * media set-up a busy machine slowed down. Until then Asterisk's ExternalMedia leg sends no RTP
         * (nothing is mixed for it), which is how a phone that suppresses silence behaves.
         *
         * @param delay from the moment something can hear the caller to the caller's first word (default 500 ms)
         * @return this builder
         * @throws IllegalArgumentException if {@code delay} is negative
         */
        public Builder callerSpeaksAfter(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("callerSpeaksAfter must not be negative, got " + delay);
            }
            this.callerSpeaksAfter = delay;
            return this;
        }

        /**
         * How long a deleted bridge that still had members can be seen after {@code DELETE /bridges/{id}} has
         * answered 204. Asterisk answers as soon as it has queued the bridge's dissolution, which its bridge
         * manager thread carries out a moment later: until then {@code GET /bridges/{id}} and {@code GET /bridges}
         * still show the bridge, and operations on it (a second {@code DELETE}, {@code addChannel}, ...) answer
         * {@code 409 Bridge not in Stasis application} (its source: {@code stasis_app_bridge_destroy} in
         * {@code res_stasis.c}, {@code bridge_dissolve} in {@code main/bridge.c}). An empty bridge was gone 1 ms
         * after the 204 in every recording, and the fake removes it at once; a bridge with members was still found
         * by a {@code GET} right after the 204 in 2 runs of 5 on a real Asterisk. A real Asterisk takes a few
         * milliseconds; the fake holds such a bridge longer so that code which assumes it is gone at once fails
         * every time instead of now and then.
         *
         * @param delay how long the bridge stays visible (default 20 ms; zero removes it with the 204)
         * @return this builder
         * @throws IllegalArgumentException if {@code delay} is negative
         */
        public Builder bridgeDissolveDelay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("bridgeDissolveDelay must not be negative, got " + delay);
            }
            this.bridgeDissolveDelay = delay;
            return this;
        }

        /**
         * Declares a sound that {@code play} with {@code sound:<name>} finds; unknown sounds fail as in Asterisk.
         *
         * @param name the sound name, e.g. {@code beep}
         * @param length how long it plays
         * @return this builder
         */
        public Builder sound(String name, Duration length) {
            sounds.put(Objects.requireNonNull(name, "name"), length.toMillis());
            return this;
        }

        /**
         * Runs an Asterisk configuration folder: its {@code extensions.conf} replaces the recorded dialplan
         * (its {@code Stasis(app)} steps enter the application written there, not {@link #application}) and
         * the users of its {@code ari.conf} ({@code type=user} sections; {@code [general]} is ignored) replace
         * the default users. Either file may be absent. The files are read now.
         *
         * @param directory a folder such as {@code asterisk/conf}
         * @return this builder
         * @throws IllegalArgumentException if the folder does not exist, or a file is malformed (the message
         *     names the file, the line and what is wrong)
         * @throws java.io.UncheckedIOException if a present file cannot be read
         */
        public Builder asteriskConfig(Path directory) {
            this.config = ConfigText.read(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        Map<String, AriUser> users() {
            if (!users.isEmpty() || config != null && !config.users.isEmpty()) {
                Map<String, AriUser> all = new LinkedHashMap<>();
                if (config != null) {
                    all.putAll(config.users);
                }
                all.putAll(users);
                return all;
            }
            Map<String, AriUser> defaults = new LinkedHashMap<>();
            defaults.put("voicebot", new AriUser("voicebot", "voicebot-secret", false));
            defaults.put("reader", new AriUser("reader", "reader-secret", true));
            return defaults;
        }

        /**
         * Creates the fake (not yet listening; call {@link FakeAsterisk#start()}).
         *
         * @return a new fake
         */
        public FakeAsterisk build() {
            Builder copy = new Builder();
            copy.users.putAll(users);
            copy.port = port;
            copy.application = application;
            copy.asteriskId = asteriskId;
            copy.audio = audio != null ? audio : CallerAudio.defaultAudio();
            copy.callerSpeaksAfter = callerSpeaksAfter;
            copy.bridgeDissolveDelay = bridgeDissolveDelay;
            copy.sounds.putAll(sounds);
            copy.config = config;
            return new FakeAsterisk(copy);
        }
    }

    /** Names the port and the dialplan's application; never any credentials. */
    @Override
    public String toString() {
        return "FakeAsterisk[port=" + port + ", application=" + config.application + "]";
    }
}
