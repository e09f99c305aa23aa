package org.arivoice.realtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local server that speaks the OpenAI Realtime GA protocol over a real WebSocket, for tests and for a
 * bot's simulate mode.
 *
 * <pre>{@code
 * try (FakeRealtimeServer fake = FakeRealtimeServer.builder()
 *         .acceptedApiKeys("sk-test")
 *         .responses(ScriptedResponse.message("Hello, how can I help?"),
 *                    ScriptedResponse.functionCall("get_weather", "{\"city\":\"Paris\"}"))
 *         .build()
 *         .start()) {
 *     URI url = fake.url();            // ws://127.0.0.1:PORT/v1/realtime
 *     // ... connect a client with "Authorization: Bearer sk-test", stream audio ...
 *     fake.receivedEvents("input_audio_buffer.append");
 * }
 * }</pre>
 *
 * <p><b>Handshake.</b> Paths {@code /v1/realtime?model=…} (OpenAI), {@code /openai/v1/realtime?model=…} and
 * {@code /openai/realtime?deployment=…} (Azure OpenAI) are served; others get 404. A key is required, as
 * {@code Authorization: Bearer <key>} or, on the Azure paths, as an {@code api-key} header; a missing or
 * refused key gets HTTP 401 with OpenAI's JSON error body. A client that still sends
 * {@code OpenAI-Beta: realtime=v1} gets an {@code error} event with code {@code beta_api_shape_disabled}
 * and close code 4000, as OpenAI does since it retired the beta protocol.
 *
 * <p><b>Session.</b> {@code session.created} comes first, with the GA defaults (server VAD, {@code audio/pcm}
 * 24 kHz both ways). {@code session.update} is validated like the real API (missing {@code session.type},
 * beta fields such as {@code session.input_audio_format} → {@code unknown_parameter} with {@code param},
 * {@code audio/pcm} without {@code rate}, …), merged, and answered with {@code session.updated}.
 *
 * <p><b>Audio in.</b> Appended audio is decoded in the session's input format and fed to an energy-based
 * VAD that follows the session's {@code turn_detection}; see {@link Builder#vadLevelScale(double)}. End of
 * speech commits the buffer and, with {@code create_response}, starts a response.
 *
 * <p><b>Responses</b> follow the scripted sequence ({@link Builder#responses(ScriptedResponse...)}, shared by
 * all connections, then a default message), with the event order of the real API, and audio sent faster
 * than real time ({@link Builder#playbackSpeed(double)}).
 *
 * <p>Every client message is recorded on arrival ({@link #receivedEvents()}). Thread-safe.
 */
public final class FakeRealtimeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeRealtimeServer.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final int requestedPort;
    private final Set<String> acceptedApiKeys;
    private final String defaultModel;
    private final String defaultVoice;
    private final AudioSource defaultAudio;
    private final List<ScriptedResponse> responses;
    private final List<String> inputTranscripts;
    private final double vadLevelScale;
    private final Duration sessionMaxDuration;
    private final double playbackSpeed;
    private final int audioChunkMillis;
    private final int dropAfterClientEvents;
    private final int closeWithServerErrorAfterClientEvents;
    private final boolean emitUnknownEvents;
    private final boolean failInputTranscription;
    private final Duration slowReads;

    private final AtomicInteger responseCursor = new AtomicInteger();
    private final AtomicInteger transcriptCursor = new AtomicInteger();
    private final AtomicInteger connectionCounter = new AtomicInteger();
    private final java.util.ArrayDeque<ReceivedEvent> received = new java.util.ArrayDeque<>();
    private final int recordingLimit;
    private final Set<RealtimeConnection> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Object lifecycleLock = new Object();
    private Server server;
    private boolean closed;

    private FakeRealtimeServer(Builder b) {
        this.requestedPort = b.port;
        this.acceptedApiKeys = Set.copyOf(b.acceptedApiKeys);
        this.defaultModel = b.defaultModel;
        this.defaultVoice = b.defaultVoice;
        this.defaultAudio = b.defaultAudio;
        this.responses = List.copyOf(b.responses);
        this.inputTranscripts = List.copyOf(b.inputTranscripts);
        this.vadLevelScale = b.vadLevelScale;
        this.sessionMaxDuration = b.sessionMaxDuration;
        this.playbackSpeed = b.playbackSpeed;
        this.audioChunkMillis = b.audioChunkMillis;
        this.dropAfterClientEvents = b.dropAfterClientEvents;
        this.closeWithServerErrorAfterClientEvents = b.closeWithServerErrorAfterClientEvents;
        this.emitUnknownEvents = b.emitUnknownEvents;
        this.failInputTranscription = b.failInputTranscription;
        this.slowReads = b.slowReads;
        this.recordingLimit = b.recordingLimit;
    }

    /**
     * Returns a builder with the defaults: a free port, any non-blank key accepted, model
     * {@code gpt-realtime}, voice {@code alloy}, a 1.5 s 440 Hz tone as the audio, no scripted responses,
     * 60-minute sessions, audio sent ten times faster than real time, no faults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds to 127.0.0.1 and starts accepting connections; returns once the port is bound.
     *
     * @return this server, for chaining
     * @throws IllegalStateException if the server was already started or closed, or the port cannot be bound
     */
    public FakeRealtimeServer start() {
        Server s;
        synchronized (lifecycleLock) {
            if (closed || server != null) {
                throw new IllegalStateException("A FakeRealtimeServer can be started only once; build a new one");
            }
            s = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort));
            server = s;
        }
        s.start();
        try {
            s.started.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("FakeRealtimeServer could not listen on 127.0.0.1:" + requestedPort
                    + " (is the port in use? use port 0 for a free one): " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("FakeRealtimeServer did not start listening within 10 seconds", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting FakeRealtimeServer", e);
        }
        LOG.debug("FakeRealtimeServer listening on {}", url());
        return this;
    }

    /**
     * The port the server listens on.
     *
     * @return the bound port
     * @throws IllegalStateException if the server is not started
     */
    public int port() {
        Server s;
        synchronized (lifecycleLock) {
            s = server;
        }
        if (s == null) {
            throw new IllegalStateException("FakeRealtimeServer is not started; call start() first");
        }
        return s.getPort();
    }

    /**
     * The OpenAI-style endpoint, to which a client appends {@code ?model=…}.
     *
     * @return {@code ws://127.0.0.1:PORT/v1/realtime}
     */
    public URI url() {
        return URI.create("ws://127.0.0.1:" + port() + "/v1/realtime");
    }

    /**
     * The Azure OpenAI GA-style endpoint for a deployment (use it with an {@code api-key} header).
     *
     * @param deployment the deployment name, reported as the session's model
     * @return {@code ws://127.0.0.1:PORT/openai/v1/realtime?model=<deployment>}
     */
    public URI azureUrl(String deployment) {
        Objects.requireNonNull(deployment, "deployment");
        return URI.create("ws://127.0.0.1:" + port() + "/openai/v1/realtime?model="
                + java.net.URLEncoder.encode(deployment, StandardCharsets.UTF_8));
    }

    /**
     * Every message every client has sent, in arrival order (the most recent ones, up to
     * {@link Builder#recordingLimit(int)}).
     *
     * @return an immutable snapshot
     */
    public List<ReceivedEvent> receivedEvents() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /**
     * The parsed events of one type that clients have sent, in arrival order.
     *
     * @param type the event type, such as {@code session.update}
     * @return an immutable snapshot
     */
    public List<JsonNode> receivedEvents(String type) {
        Objects.requireNonNull(type, "type");
        synchronized (received) {
            return received.stream().filter(e -> e.type().equals(type) && e.json() != null)
                    .map(ReceivedEvent::json).toList();
        }
    }

    /**
     * The number of connections that completed the handshake since the server started.
     *
     * @return the count
     */
    public int connectionsAccepted() {
        return connectionCounter.get();
    }

    /**
     * The number of connections open now.
     *
     * @return the count
     */
    public int openConnections() {
        return (int) connections.stream().filter(RealtimeConnection::isOpen).count();
    }

    /**
     * Fault injection: drops every open connection without a close frame (the client sees 1006).
     */
    public void dropConnections() {
        connections.forEach(RealtimeConnection::drop);
    }

    /**
     * Fault injection: closes every open connection with the given close code, such as 1011 or 1012.
     *
     * @param code the WebSocket close code
     * @param reason the close reason
     */
    public void closeConnections(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        connections.forEach(c -> c.close(code, reason));
    }

    /**
     * Sends a raw text message to every open connection, for example an event type a future OpenAI
     * release might add. It is sent as is, after the events already queued.
     *
     * @param json the message
     */
    public void injectEvent(String json) {
        Objects.requireNonNull(json, "json");
        connections.forEach(c -> c.inject(json));
    }

    /**
     * Stops the server and closes every connection (with 1001). Idempotent.
     */
    @Override
    public void close() {
        Server s;
        synchronized (lifecycleLock) {
            if (closed) {
                return;
            }
            closed = true;
            s = server;
        }
        connections.forEach(RealtimeConnection::shutdown);
        if (s != null) {
            s.flusher.close();
            try {
                s.stop(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- package-private configuration for RealtimeConnection ----

    String defaultVoice() {
        return defaultVoice;
    }

    double vadLevelScale() {
        return vadLevelScale;
    }

    Duration sessionMaxDuration() {
        return sessionMaxDuration;
    }

    double playbackSpeed() {
        return playbackSpeed;
    }

    int audioChunkMillis() {
        return audioChunkMillis;
    }

    boolean emitUnknownEvents() {
        return emitUnknownEvents;
    }

    boolean failInputTranscription() {
        return failInputTranscription;
    }

    AudioSource defaultAudio() {
        return defaultAudio;
    }

    /** The next scripted response, shared across connections; a default message once the script is used up. */
    ScriptedResponse nextResponse() {
        int i = responseCursor.getAndIncrement();
        return i < responses.size() ? responses.get(i) : ScriptedResponse.message("This is the fake realtime server speaking.");
    }

    /** The next scripted input transcript, or {@code null} once they are used up. */
    String nextInputTranscript() {
        int i = transcriptCursor.getAndIncrement();
        return i < inputTranscripts.size() ? inputTranscripts.get(i) : null;
    }

    private void record(ReceivedEvent event) {
        synchronized (received) {
            if (received.size() == recordingLimit) {
                received.removeFirst();
            }
            received.add(event);
        }
    }

    /** What the handshake established, attached to the socket until it opens. */
    private record Handshake(String model) {
    }

    private final class Server extends WebSocketServer {
        final CompletableFuture<Void> started = new CompletableFuture<>();
        final StrandedWriteFlusher flusher = new StrandedWriteFlusher(this, "fake-realtime-flusher");

        Server(InetSocketAddress address) {
            super(address);
            setReuseAddr(true);
            setDaemon(true);
            setWebSocketFactory(new RejectableChannel.Factory());
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                ClientHandshake request) throws InvalidDataException {
            ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
            String descriptor = request.getResourceDescriptor();
            int q = descriptor.indexOf('?');
            String path = q < 0 ? descriptor : descriptor.substring(0, q);
            Map<String, String> query = parseQuery(q < 0 ? "" : descriptor.substring(q + 1));
            boolean azure = path.equals("/openai/v1/realtime") || path.equals("/openai/realtime");
            if (!azure && !path.equals("/v1/realtime")) {
                // OpenAI's answer to an unknown URL.
                refuse(conn, "404 Not Found", "Invalid URL (GET " + path + ")", null);
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "No Realtime endpoint at " + path);
            }
            String authorization = request.getFieldValue("Authorization");
            String key = null;
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7).trim();
            } else if (azure && !request.getFieldValue("api-key").isBlank()) {
                key = request.getFieldValue("api-key").trim();
            }
            if (key == null || key.isEmpty() || (!acceptedApiKeys.isEmpty() && !acceptedApiKeys.contains(key))) {
                boolean missing = key == null || key.isEmpty();
                // The bodies follow OpenAI's 401 answers; the key itself is never echoed.
                refuse(conn, "401 Unauthorized", missing
                        ? "You didn't provide an API key. You need to provide your API key in an Authorization"
                                + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
                        : "Incorrect API key provided. You can find your API key at"
                                + " https://platform.openai.com/account/api-keys.",
                        missing ? null : "invalid_api_key");
                LOG.debug("Refused a Realtime handshake: {}", missing ? "no API key" : "API key not accepted");
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "401 Unauthorized");
            }
            String model = path.equals("/openai/realtime") ? query.get("deployment") : query.get("model");
            conn.setAttachment(new Handshake(model == null || model.isBlank() ? defaultModel : model));
            return response;
        }

        private void refuse(WebSocket conn, String status, String message, String code) {
            String body = JSON.createObjectNode().set("error", JSON.createObjectNode()
                    .put("message", message).put("type", "invalid_request_error").putNull("param")
                    .put("code", code)).toString();
            byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + bodyBytes.length + "\r\nConnection: close\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[headBytes.length + bodyBytes.length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
            if (conn instanceof WebSocketImpl impl && impl.getChannel() instanceof RejectableChannel channel) {
                channel.replaceRefusalWith(all);
            }
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            Object attachment = conn.getAttachment();
            String model = attachment instanceof Handshake h ? h.model() : defaultModel;
            int number = connectionCounter.incrementAndGet();
            RealtimeConnection connection = new RealtimeConnection(FakeRealtimeServer.this, conn, number, model);
            conn.setAttachment(connection);
            connections.add(connection);
            String beta = handshake.getFieldValue("OpenAI-Beta");
            if (beta.toLowerCase(java.util.Locale.ROOT).contains("realtime=v1")) {
                connection.rejectBetaClient();
            } else {
                connection.open();
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            if (conn.getAttachment() instanceof RealtimeConnection connection) {
                connection.shutdown();
                connections.remove(connection);
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            if (!(conn.getAttachment() instanceof RealtimeConnection connection)) {
                return;
            }
            ReceivedEvent event = parse(connection.number(), message);
            record(event);
            int count = connection.countClientEvent();
            if (dropAfterClientEvents > 0 && count == dropAfterClientEvents) {
                connection.drop();
                return;
            }
            if (closeWithServerErrorAfterClientEvents > 0 && count == closeWithServerErrorAfterClientEvents) {
                connection.close(1011, "Internal server error");
                return;
            }
            if (!slowReads.isZero()) {
                try {
                    // Sleeping on the I/O thread stops reading the socket, as a congested server would.
                    Thread.sleep(slowReads.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            connection.receive(event);
        }

        @Override
        public void onMessage(WebSocket conn, java.nio.ByteBuffer message) {
            if (conn.getAttachment() instanceof RealtimeConnection connection) {
                byte[] bytes = new byte[message.remaining()];
                message.get(bytes);
                String text = "<binary frame of " + bytes.length + " bytes>";
                record(new ReceivedEvent(connection.number(), "", null, text));
                connection.receive(new ReceivedEvent(connection.number(), "", null, text));
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                started.completeExceptionally(ex);
                LOG.debug("FakeRealtimeServer failed", ex);
            } else {
                LOG.debug("FakeRealtimeServer connection error: {}", ex.toString());
            }
        }

        @Override
        public void onStart() {
            started.complete(null);
        }
    }

    private static ReceivedEvent parse(int connection, String message) {
        JsonNode json;
        try {
            json = JSON.readTree(message);
        } catch (java.io.IOException | RuntimeException e) {
            json = null;
        }
        String type = json != null && json.isObject() && json.path("type").isTextual() ? json.get("type").asText() : "";
        return new ReceivedEvent(connection, type, json, message);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                // A malformed escape: ignore the pair, as a lenient server would.
            }
        }
        return out;
    }

    /** Builder for {@link FakeRealtimeServer}; see {@link FakeRealtimeServer#builder()} for the defaults. */
    public static final class Builder {
        private int port;
        private final Set<String> acceptedApiKeys = new LinkedHashSet<>();
        private String defaultModel = "gpt-realtime";
        private String defaultVoice = "alloy";
        private AudioSource defaultAudio = AudioSource.tone(440, Duration.ofMillis(1500), 0.3);
        private final List<ScriptedResponse> responses = new ArrayList<>();
        private final List<String> inputTranscripts = new ArrayList<>();
        private double vadLevelScale = 0.1;
        private Duration sessionMaxDuration = Duration.ofMinutes(60);
        private double playbackSpeed = 10;
        private int audioChunkMillis = 100;
        private int dropAfterClientEvents;
        private int closeWithServerErrorAfterClientEvents;
        private boolean emitUnknownEvents;
        private boolean failInputTranscription;
        private Duration slowReads = Duration.ZERO;
        private int recordingLimit = 100_000;

        private Builder() {
        }

        /**
         * How many client messages {@link FakeRealtimeServer#receivedEvents()} keeps; beyond it the oldest are
         * forgotten, so that a long simulated call (50 audio appends a second) does not grow without bound.
         *
         * @param maxEvents at least 1; 100,000 by default
         * @return this builder
         */
        public Builder recordingLimit(int maxEvents) {
            if (maxEvents < 1) {
                throw new IllegalArgumentException("The recording limit must be at least 1, not " + maxEvents);
            }
            this.recordingLimit = maxEvents;
            return this;
        }

        /**
         * The TCP port on 127.0.0.1.
         *
         * @param port 0 (the default) for a free port, or 1 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("The port must be between 0 and 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The API keys the handshake accepts. With none (the default) any non-blank key is accepted; a
         * missing key is always refused with 401.
         *
         * @param keys the accepted keys
         * @return this builder
         */
        public Builder acceptedApiKeys(String... keys) {
            for (String k : keys) {
                if (k == null || k.isBlank()) {
                    throw new IllegalArgumentException("An accepted API key must not be blank");
                }
                acceptedApiKeys.add(k);
            }
            return this;
        }

        /**
         * The model reported when the URL names none.
         *
         * @param model the model name
         * @return this builder
         */
        public Builder defaultModel(String model) {
            this.defaultModel = requireText(model, "model");
            return this;
        }

        /**
         * The voice in {@code session.created}.
         *
         * @param voice a voice name such as {@code alloy} or {@code marin}
         * @return this builder
         */
        public Builder defaultVoice(String voice) {
            this.defaultVoice = requireText(voice, "voice");
            return this;
        }

        /**
         * The audio of every message whose script gives none.
         *
         * @param audio the audio source
         * @return this builder
         */
        public Builder audioSource(AudioSource audio) {
            this.defaultAudio = Objects.requireNonNull(audio, "audio");
            return this;
        }

        /**
         * The responses the fake model gives, in order, shared by all connections; after them every
         * response is a default message.
         *
         * @param scripted the responses
         * @return this builder
         */
        public Builder responses(ScriptedResponse... scripted) {
            for (ScriptedResponse r : scripted) {
                responses.add(Objects.requireNonNull(r, "response"));
            }
            return this;
        }

        /**
         * Transcripts of the caller's turns, in order, sent as input transcription events when the session
         * has {@code audio.input.transcription} set. After they are used up the transcript names the length of
         * the speech, such as {@code [800 ms of speech]}.
         *
         * @param transcripts the transcripts
         * @return this builder
         */
        public Builder inputTranscripts(String... transcripts) {
            for (String t : transcripts) {
                inputTranscripts.add(Objects.requireNonNull(t, "transcript"));
            }
            return this;
        }

        /**
         * The VAD level scale: a 10 ms frame is speech when its RMS, as a fraction of full scale, is at least
         * {@code turn_detection.threshold × scale}. With the default 0.1 and the default threshold 0.5, speech
         * is anything above an RMS of 5% of full scale (about -26 dBFS).
         *
         * @param scale the scale, in (0, 1]
         * @return this builder
         */
        public Builder vadLevelScale(double scale) {
            if (!(scale > 0 && scale <= 1)) {
                throw new IllegalArgumentException("The VAD level scale must be in (0, 1], not " + scale);
            }
            this.vadLevelScale = scale;
            return this;
        }

        /**
         * The maximum session duration; at the end the client gets an {@code error} with code
         * {@code session_expired} and close code 1001. OpenAI's is 60 minutes.
         *
         * @param duration the duration, at least 100 ms
         * @return this builder
         */
        public Builder sessionMaxDuration(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.toMillis() < 100) {
                throw new IllegalArgumentException("The session duration must be at least 100 ms, not " + duration);
            }
            this.sessionMaxDuration = duration;
            return this;
        }

        /**
         * How much faster than real time response audio is sent; 10 (the default) sends one second of audio
         * in 100 ms, as the real API sends faster than real time.
         *
         * @param speed the factor, between 0.1 and 1000
         * @return this builder
         */
        public Builder playbackSpeed(double speed) {
            if (!(speed >= 0.1 && speed <= 1000)) {
                throw new IllegalArgumentException("The playback speed must be between 0.1 and 1000, not " + speed);
            }
            this.playbackSpeed = speed;
            return this;
        }

        /**
         * The audio in each {@code response.output_audio.delta}.
         *
         * @param millis milliseconds of audio per delta, 10 to 1000 (default 100)
         * @return this builder
         */
        public Builder audioChunkMillis(int millis) {
            if (millis < 10 || millis > 1000) {
                throw new IllegalArgumentException("The audio chunk must be 10 to 1000 ms, not " + millis);
            }
            this.audioChunkMillis = millis;
            return this;
        }

        /**
         * Fault injection: drop each connection (TCP close without a close frame; the client sees 1006) when
         * its n-th client message arrives. That message is recorded but not processed.
         *
         * @param n the message count, or 0 (the default) for never
         * @return this builder
         */
        public Builder dropAfterClientEvents(int n) {
            this.dropAfterClientEvents = requireCount(n);
            return this;
        }

        /**
         * Fault injection: close each connection with 1011 (server error) when its n-th client message
         * arrives. That message is recorded but not processed.
         *
         * @param n the message count, or 0 (the default) for never
         * @return this builder
         */
        public Builder closeWithServerErrorAfterClientEvents(int n) {
            this.closeWithServerErrorAfterClientEvents = requireCount(n);
            return this;
        }

        /**
         * Fault injection: send event types the schema does not know ({@code session.future_hint} after
         * {@code session.created}, {@code response.future_annotation.added} in each response) and an unknown
         * field {@code x_future_field} in every event, as a newer OpenAI release might.
         *
         * @param emit whether to send them
         * @return this builder
         */
        public Builder emitUnknownEvents(boolean emit) {
            this.emitUnknownEvents = emit;
            return this;
        }

        /**
         * Fault injection: every input transcription fails
         * ({@code conversation.item.input_audio_transcription.failed} with code {@code audio_unintelligible})
         * instead of completing. The conversation goes on; only the transcript is missing.
         *
         * @param fail whether transcriptions fail
         * @return this builder
         */
        public Builder failInputTranscription(boolean fail) {
            this.failInputTranscription = fail;
            return this;
        }

        /**
         * Fault injection: after each client message, stop reading the socket for this long, as a congested
         * server would (the client's sends then back up).
         *
         * @param delay the delay per message, zero (the default) for none, at most 10 s
         * @return this builder
         */
        public Builder slowReads(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.toMillis() > 10_000) {
                throw new IllegalArgumentException("The slow-read delay must be between 0 and 10 s, not " + delay);
            }
            this.slowReads = delay;
            return this;
        }

        /**
         * Builds the server (not yet started).
         *
         * @return the server
         */
        public FakeRealtimeServer build() {
            return new FakeRealtimeServer(this);
        }

        private static int requireCount(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("A message count must be 0 (never) or positive, not " + n);
            }
            return n;
        }

        private static String requireText(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException("The " + what + " must not be blank");
            }
            return value;
        }
    }
}
