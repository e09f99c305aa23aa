package org.arivoice.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.arivoice.realtime.event.ClientEvent;
import org.arivoice.realtime.event.ConversationItem;
import org.arivoice.realtime.event.ConversationItems;
import org.arivoice.realtime.event.ErrorDetail;
import org.arivoice.realtime.event.EventCodec;
import org.arivoice.realtime.event.MalformedEventException;
import org.arivoice.realtime.event.RateLimit;
import org.arivoice.realtime.event.RealtimeResponse;
import org.arivoice.realtime.event.ServerEvent;
import org.arivoice.realtime.internal.AppendEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Realtime conversation over one WebSocket (replaced transparently on reconnect). Obtained from
 * {@link RealtimeClient#connect}; thread-safe. Server events are handled one at a time, in order, on a thread
 * the session borrows from the client's event pool (its "event thread"; an idle session holds none), and
 * handed to the {@link RealtimeListener}.
 *
 * <p><b>Responses.</b> The session keeps the one-active-response rule of the API: a
 * {@link #createResponse()} while a response is in progress is queued and sent after {@code response.done},
 * so the server never answers {@code conversation_already_has_active_response}.
 *
 * <p><b>Barge-in.</b> {@link #truncate(String, long)} cuts an assistant item at what the caller heard, clamped
 * to the audio actually received for it; a cut at 0 ms deletes the item instead.
 *
 * <p><b>Tools.</b> When the model calls a function registered in the {@link SessionConfig}, its handler runs
 * on the client's tool executor; the result (or the error, as text) goes back as a
 * {@code function_call_output} item followed by a {@code response.create}.
 */
public final class RealtimeSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSession.class);
    private static final int MAX_TRACKED_ITEMS = 256;
    private static final String ACTIVE_RESPONSE = "conversation_already_has_active_response";

    private final RealtimeClient client;
    private final RealtimeListener listener;
    private final EventCodec codec = EventCodec.standard();
    private final SerialExecutor events;
    private final String idPrefix;
    private final AtomicLong ids = new AtomicLong();
    private final Object appendLock = new Object();
    private final AppendEncoder encoder = new AppendEncoder();
    private final CompletableFuture<RealtimeSession> ready = new CompletableFuture<>();
    private final CompletableFuture<CloseInfo> closed = new CompletableFuture<>();
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();
    private final AtomicLong totalTokens = new AtomicLong();

    private volatile SessionConfig config;
    private volatile Connection connection;
    private volatile boolean closing;
    private volatile String sessionId;
    private volatile Instant expiresAt;
    private volatile List<RateLimit> rateLimits = List.of();
    private volatile AudioFormat outputFormat;
    private volatile String activeResponseId;

    // State below is touched by the session's event tasks only (one at a time, see SerialExecutor).
    private boolean reconnecting;
    private boolean responseActive;
    private String requestedResponseEventId;
    private SentResponse lastResponseCreate;
    private final Deque<PendingResponse> queuedResponses = new ArrayDeque<>();
    private final Deque<PendingUpdate> pendingUpdates = new ArrayDeque<>();
    private final Map<String, ItemAudio> itemAudio = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ItemAudio> eldest) {
            return size() > MAX_TRACKED_ITEMS;
        }
    };
    // Function calls the server announced as items, by call_id: response.function_call_arguments.done names the
    // function, but some compatible servers leave the name out and give it only in the item. Entries go with
    // their response's response.done (the bound catches items no response claims).
    private final Map<String, FunctionCall> functionCalls = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FunctionCall> eldest) {
            return size() > MAX_TRACKED_ITEMS;
        }
    };
    private ScheduledFuture<?> expiryTimer;

    RealtimeSession(RealtimeClient client, SessionConfig config, RealtimeListener listener) {
        this.client = client;
        this.config = config;
        this.listener = listener;
        this.outputFormat = config.outputFormat();
        this.idPrefix = "evt_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + "_";
        this.events = new SerialExecutor(client.eventPool());
    }

    CompletableFuture<RealtimeSession> start() {
        submit(() -> attempt().whenComplete((v, e) -> {
            if (e == null) {
                ready.complete(this);
            } else {
                RealtimeException failure = RealtimeClient.unwrap(e);
                abandonCurrent();
                ready.completeExceptionally(failure);
                events.shutdown();
            }
        }));
        return ready;
    }

    // ---------------------------------------------------------------- audio

    /**
     * Appends input audio ({@code input_audio_buffer.append}) in the session's input format. The base64
     * text is written straight into a reused buffer, so streaming 20 ms frames allocates almost nothing.
     * Called from any thread; appends from several threads are serialised.
     *
     * @param audio the audio bytes
     * @return true if sent, false if the session is not connected at the moment (reconnecting or closed),
     *     in which case the audio is dropped
     */
    public boolean appendAudio(byte[] audio) {
        return appendAudio(audio, 0, audio.length);
    }

    /**
     * Appends part of an array as input audio.
     *
     * @param audio the array
     * @param offset where the audio starts
     * @param length how many bytes
     * @return true if sent, false if not connected (the audio is dropped)
     */
    public boolean appendAudio(byte[] audio, int offset, int length) {
        Objects.requireNonNull(audio, "audio");
        if (length == 0) {
            return true;
        }
        synchronized (appendLock) {
            int n = encoder.encode(audio, offset, length);
            return sendEncoded(n);
        }
    }

    /**
     * Appends the remaining bytes of a buffer as input audio, without moving its position.
     *
     * @param audio the audio (heap or direct)
     * @return true if sent, false if not connected (the audio is dropped)
     */
    public boolean appendAudio(ByteBuffer audio) {
        Objects.requireNonNull(audio, "audio");
        if (!audio.hasRemaining()) {
            return true;
        }
        synchronized (appendLock) {
            int n = encoder.encode(audio);
            return sendEncoded(n);
        }
    }

    private boolean sendEncoded(int length) {
        Connection c = connection;
        if (c == null || !c.isOpen() || !c.created.isDone()) {
            return false;
        }
        // The encoder's bytes are ASCII: a Latin-1 string is a plain copy, and the encoder may be reused at once.
        String text = new String(encoder.buffer(), 0, length, StandardCharsets.ISO_8859_1);
        try {
            c.send(text);
            return true;
        } catch (RuntimeException e) {
            LOG.debug("Realtime append dropped: {}", e.toString());
            return false;
        }
    }

    /**
     * Commits the input buffer as a user item ({@code input_audio_buffer.commit}); needed only without turn
     * detection.
     *
     * @return a future completed once sent
     */
    public CompletableFuture<Void> commit() {
        return sendAsync(new ClientEvent.InputAudioBufferCommit(nextId()));
    }

    /**
     * Discards the input buffer ({@code input_audio_buffer.clear}).
     *
     * @return a future completed once sent
     */
    public CompletableFuture<Void> clearInput() {
        return sendAsync(new ClientEvent.InputAudioBufferClear(nextId()));
    }

    /**
     * Milliseconds of model audio received so far for an item (what {@link #truncate} clamps to).
     *
     * @param itemId the assistant item
     * @return a future with the milliseconds (bytes divided by 48 for PCM16 24 kHz, by 8 for G.711), 0 for an
     *     unknown item
     */
    public CompletableFuture<Long> audioMillisReceived(String itemId) {
        return onEvents(() -> {
            ItemAudio a = itemAudio.get(itemId);
            return a == null ? 0L : a.bytes / outputFormat.bytesPerMillisecond();
        });
    }

    // ---------------------------------------------------------------- responses

    /**
     * Asks for a response with the session's settings. Queued while another response is active.
     *
     * @return a future completed when the {@code response.create} has been sent
     */
    public CompletableFuture<Void> createResponse() {
        return createResponse(null);
    }

    /**
     * Asks for a response with parameters ({@code RealtimeResponseCreateParams}, e.g. {@code instructions}).
     * Queued while another response is active, and sent after its {@code response.done}.
     *
     * @param params the {@code response} object, or {@code null}
     * @return a future completed when the {@code response.create} has been sent
     */
    public CompletableFuture<Void> createResponse(ObjectNode params) {
        JsonNode copy = params == null ? null : params.deepCopy();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        onEventThread(() -> requestResponse(new PendingResponse(copy, sent, false)), sent);
        return sent;
    }

    /**
     * Cancels the active response ({@code response.cancel}), if there is one; never sends a cancel when idle
     * (which the server would answer with {@code response_cancel_not_active}).
     *
     * @return a future with true if a cancel was sent, false if no response was active
     */
    public CompletableFuture<Boolean> cancelResponse() {
        return onEvents(() -> {
            if (!responseActive) {
                return false;
            }
            sendNow(new ClientEvent.ResponseCancel(nextId(), activeResponseId));
            return true;
        });
    }

    /**
     * Whether a response is in progress (between {@code response.created} and {@code response.done}).
     *
     * @return the active response ID, or empty
     */
    public Optional<String> activeResponseId() {
        return Optional.ofNullable(activeResponseId);
    }

    /**
     * Truncates an assistant audio item at what the caller actually heard ({@code conversation.item.truncate}),
     * after a barge-in. {@code playedMs} is clamped to the audio received for the item; when it is 0 the item is
     * deleted instead ({@code conversation.item.delete}), since nothing of it was heard.
     *
     * @param itemId the assistant item
     * @param playedMs milliseconds of it played to the caller
     * @return a future with the milliseconds sent as {@code audio_end_ms}, or 0 if the item was deleted
     */
    public CompletableFuture<Long> truncate(String itemId, long playedMs) {
        Objects.requireNonNull(itemId, "itemId");
        return onEvents(() -> {
            ItemAudio a = itemAudio.get(itemId);
            long receivedMs = a == null ? 0 : a.bytes / outputFormat.bytesPerMillisecond();
            long ms = Math.max(0, Math.min(playedMs, receivedMs));
            if (ms == 0) {
                sendNow(new ClientEvent.ConversationItemDelete(nextId(), itemId));
                itemAudio.remove(itemId);
                return 0L;
            }
            sendNow(new ClientEvent.ConversationItemTruncate(nextId(), itemId, a.contentIndex, ms));
            return ms;
        });
    }

    /**
     * Adds an item to the conversation ({@code conversation.item.create}); see {@link ConversationItems}.
     *
     * @param item the item
     * @return a future completed once sent
     */
    public CompletableFuture<Void> createItem(ObjectNode item) {
        Objects.requireNonNull(item, "item");
        return sendAsync(new ClientEvent.ConversationItemCreate(nextId(), null, item.deepCopy()));
    }

    /**
     * Deletes an item ({@code conversation.item.delete}).
     *
     * @param itemId the item
     * @return a future completed once sent
     */
    public CompletableFuture<Void> deleteItem(String itemId) {
        return sendAsync(new ClientEvent.ConversationItemDelete(nextId(), Objects.requireNonNull(itemId, "itemId")));
    }

    /**
     * Sends any client event as is (the typed methods above keep the session's bookkeeping; prefer them).
     *
     * @param event the event
     * @return a future completed once sent
     */
    public CompletableFuture<Void> send(ClientEvent event) {
        return sendAsync(Objects.requireNonNull(event, "event"));
    }

    /**
     * Replaces the session configuration: sends it as {@code session.update} and waits for
     * {@code session.updated}. The new configuration is also the one re-sent after a reconnect.
     *
     * @param newConfig the configuration
     * @return a future with the server's view of the session, failed with {@link RealtimeServerErrorException}
     *     if the server rejected it
     */
    public CompletableFuture<JsonNode> updateSession(SessionConfig newConfig) {
        Objects.requireNonNull(newConfig, "newConfig");
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        onEventThread(() -> sendConfig(newConfig).whenComplete((s, e) -> {
            if (e == null) {
                config = newConfig;
                result.complete(s);
            } else {
                result.completeExceptionally(RealtimeClient.unwrap(e));
            }
        }), result);
        return result;
    }

    // ---------------------------------------------------------------- state

    /**
     * The server's session ID (changes on reconnect).
     *
     * @return the ID from {@code session.created}
     */
    public String sessionId() {
        return sessionId;
    }

    /**
     * When the server will end the session.
     *
     * @return {@code expires_at} of {@code session.created}, or empty if the server gave none
     */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * The configuration in effect.
     *
     * @return the config last accepted by the server
     */
    public SessionConfig config() {
        return config;
    }

    /**
     * The latest rate limits from {@code rate_limits.updated}.
     *
     * @return the limits, empty before the first update
     */
    public List<RateLimit> rateLimits() {
        return rateLimits;
    }

    /**
     * Token usage summed over every {@code response.done} of this session (for cost metering).
     *
     * @return the totals (details are not summed and are {@code null})
     */
    public RealtimeResponse.Usage usageTotals() {
        return new RealtimeResponse.Usage(totalTokens.get(), inputTokens.get(), outputTokens.get(), null, null);
    }

    /**
     * Whether the WebSocket is open and the session ready.
     *
     * @return true when connected
     */
    public boolean isConnected() {
        Connection c = connection;
        return c != null && c.isOpen() && c.created.isDone() && !c.created.isCompletedExceptionally();
    }

    /**
     * A future that completes when the session has ended for good.
     *
     * @return the final close
     */
    public CompletableFuture<CloseInfo> closeFuture() {
        return closed;
    }

    /**
     * Closes the session (close code 1000) and waits up to the request timeout for the close to finish. Called
     * from a listener method (the event thread) it does not wait, since the close is processed on that thread.
     */
    @Override
    public void close() {
        if (events.inExecutor()) {
            closeAsync();
            return;
        }
        try {
            closeAsync().get(client.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Realtime session close did not finish cleanly: {}", e.toString());
        }
    }

    /**
     * Closes the session (close code 1000) without waiting.
     *
     * @return a future with the final close
     */
    public CompletableFuture<CloseInfo> closeAsync() {
        closing = true;
        Connection c = connection;
        if (c == null || c.isClosed()) {
            submit(() -> finish(new CloseInfo(1000, "closed by client", false)));
        } else {
            c.close(1000, "closed by client");
        }
        return closed;
    }

    /**
     * Describes the session without secrets.
     *
     * @return the endpoint, model and session ID
     */
    @Override
    public String toString() {
        return "RealtimeSession{endpoint=" + client.endpoint() + ", model=" + client.model() + ", session="
                + sessionId + ", connected=" + isConnected() + "}";
    }

    // ---------------------------------------------------------------- connection

    private CompletableFuture<Void> attempt() {
        Connection c;
        try {
            c = new Connection(client.sessionUri(), client.handshakeHeaders());
        } catch (RealtimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        connection = c;
        client.connectionStarted();
        c.connect();
        CompletableFuture<Void> created = c.created.orTimeout(client.connectTimeout().toMillis(),
                TimeUnit.MILLISECONDS).exceptionally(e -> {
                    if (RealtimeClient.unwrap(e).getCause() instanceof TimeoutException || e instanceof TimeoutException) {
                        throw new RealtimeException("No session.created from the Realtime server at " + hostPort()
                                + " within " + client.connectTimeout().toMillis() + " ms: check the endpoint URL"
                                + " and that the server speaks the GA Realtime protocol", e);
                    }
                    throw RealtimeClient.unwrap(e);
                });
        return created.thenComposeAsync(v -> sendConfig(config), events).thenApply(s -> null);
    }

    private CompletableFuture<JsonNode> sendConfig(SessionConfig cfg) {
        String id = nextId();
        CompletableFuture<JsonNode> updated = new CompletableFuture<>();
        pendingUpdates.add(new PendingUpdate(id, updated));
        try {
            sendNow(cfg.toEvent(id));
        } catch (RealtimeException e) {
            pendingUpdates.removeIf(p -> p.eventId.equals(id));
            return CompletableFuture.failedFuture(e);
        }
        return updated.orTimeout(client.requestTimeout().toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
            if (e instanceof TimeoutException) {
                // Only sent once session.created has arrived: the server is reachable and answered.
                throw new RealtimeException("The Realtime server at " + hostPort() + " answered (session.created)"
                        + " but did not confirm the session.update with session.updated within "
                        + client.requestTimeout().toMillis() + " ms: it may be slow or overloaded, a proxy in"
                        + " between may hold back its messages, or it may not accept the model or the configuration"
                        + " without saying so", e);
            }
            throw RealtimeClient.unwrap(e);
        });
    }

    private void handleClose(Connection c, int code, String reason, boolean remote) {
        if (c != connection || c.abandoned) {
            return;
        }
        CloseInfo close = new CloseInfo(code, reason == null ? "" : reason, remote);
        LOG.debug("Realtime connection to {} closed: {} {}", hostPort(), code, reason);
        failPending(new RealtimeException("The Realtime connection closed (code " + code + ") before the server"
                + " answered"));
        if (!c.created.isDone()) {
            c.created.completeExceptionally(connectFailure(c, close));
            return;
        }
        if (!ready.isDone() || reconnecting) {
            // Closed between session.created and session.updated: the failed update above ends the attempt,
            // whose own handler decides (fail the connect, or try the next reconnect).
            return;
        }
        responseActive = false;
        activeResponseId = null;
        requestedResponseEventId = null;
        lastResponseCreate = null;
        if (closing) {
            finish(close);
            return;
        }
        ReconnectPolicy policy = client.reconnectPolicy();
        boolean retry = close.isRecoverable() && policy.maxAttempts() > 0;
        safe(() -> listener.onDisconnected(close, retry));
        if (retry) {
            reconnecting = true;
            dropQueuedResponses();
            itemAudio.clear();
            functionCalls.clear();
            scheduleReconnect(1, close);
        } else {
            finish(close);
        }
    }

    private void scheduleReconnect(int attemptNo, CloseInfo lastClose) {
        ReconnectPolicy policy = client.reconnectPolicy();
        try {
            client.timers().schedule(() -> submit(() -> {
                if (closing) {
                    finish(lastClose);
                    return;
                }
                LOG.info("Reconnecting to the Realtime server at {} (attempt {} of {})", hostPort(), attemptNo,
                        policy.maxAttempts());
                attempt().whenCompleteAsync((v, err) -> {
                    Throwable e = err;
                    if (e == null && !connection.isOpen()) {
                        e = new RealtimeException("The new connection closed right after the session was set up");
                    }
                    if (e == null) {
                        reconnecting = false;
                        safe(() -> listener.onReconnected(attemptNo));
                    } else if (closing) {
                        finish(lastClose);
                    } else if (attemptNo < policy.maxAttempts()) {
                        abandonCurrent();
                        scheduleReconnect(attemptNo + 1, lastClose);
                    } else {
                        LOG.warn("Giving up reconnecting to the Realtime server at {} after {} attempts: {}",
                                hostPort(), attemptNo, RealtimeClient.unwrap(e).getMessage());
                        abandonCurrent();
                        finish(lastClose);
                    }
                }, events);
            }), policy.delayBefore(attemptNo).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            finish(lastClose);
        }
    }

    private void abandonCurrent() {
        Connection c = connection;
        if (c != null) {
            c.abandoned = true;
            c.close();
        }
    }

    private void finish(CloseInfo close) {
        if (closed.isDone()) {
            return;
        }
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        dropQueuedResponses();
        failPending(new RealtimeException("The Realtime session is closed"));
        safe(() -> listener.onClosed(close));
        closed.complete(close);
        events.shutdown();
    }

    private RealtimeException connectFailure(Connection c, CloseInfo close) {
        int status = c.handshakeStatus();
        if (status > 0) {
            if (status == 401 || status == 403) {
                return new RealtimeAuthenticationException(client.authFailureMessage(status), status);
            }
            return new RealtimeException("The Realtime server at " + hostPort() + " refused the WebSocket"
                    + " handshake with HTTP " + status + ": check the endpoint URL and the model '" + client.model()
                    + "'");
        }
        Throwable error = c.failure();
        Throwable cause = error == null ? null : error.getCause();
        if (error instanceof UnknownHostException || cause instanceof UnknownHostException
                || cause instanceof UnresolvedAddressException) {
            return new RealtimeException("Cannot reach the Realtime server at " + hostPort()
                    + ": the host name does not resolve; check the endpoint URL", error);
        }
        if (error instanceof SSLException || cause instanceof SSLException) {
            Throwable tls = error instanceof SSLException ? error : cause;
            return new RealtimeException("TLS with the Realtime server at " + hostPort() + " failed ("
                    + tls.getMessage() + "): the server's certificate is not trusted or does not name the host."
                    + " Check the endpoint URL; behind a TLS-inspecting proxy, give the client an SSLContext that"
                    + " trusts the proxy's CA (RealtimeClient.Builder.sslContext)", error);
        }
        if (error instanceof ConnectException || error instanceof NoRouteToHostException
                || error instanceof SocketTimeoutException || error instanceof HttpTimeoutException) {
            return new RealtimeException("Cannot reach the Realtime server at " + hostPort() + " ("
                    + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage())
                    + "): check the endpoint URL, the network and any proxy", error);
        }
        if (close.code() == 4000) {
            return new RealtimeException("The Realtime server at " + hostPort() + " closed the connection with"
                    + " code 4000 (" + close.reason() + "): it expects another protocol version", error);
        }
        return new RealtimeException("The Realtime connection to " + hostPort() + " closed before the session"
                + " started (code " + close.code() + (close.reason().isEmpty() ? "" : ": " + close.reason()) + ")",
                error);
    }

    private String hostPort() {
        URI uri = client.endpoint();
        int port = uri.getPort() != -1 ? uri.getPort() : ("wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return uri.getHost() + ":" + port;
    }

    // ---------------------------------------------------------------- events

    private void handleText(Connection c, String text) {
        if (c != connection || c.abandoned) {
            return;
        }
        ServerEvent event;
        try {
            event = codec.parse(text);
        } catch (MalformedEventException e) {
            LOG.warn("{}", e.getMessage());
            return;
        }
        safe(() -> listener.onEvent(event));
        if (event instanceof ServerEvent.SessionCreated e) {
            onSessionCreated(c, e.session());
        } else if (event instanceof ServerEvent.SessionUpdated e) {
            onSessionUpdated(e.session());
        } else if (event instanceof ServerEvent.ErrorEvent e) {
            onError(e.error() == null ? new ErrorDetail("unknown", null, "error event without details", null, null)
                    : e.error());
        } else if (event instanceof ServerEvent.ResponseCreated e) {
            responseActive = true;
            requestedResponseEventId = null;
            activeResponseId = e.response() == null ? null : e.response().id();
        } else if (event instanceof ServerEvent.ResponseDone e) {
            onResponseDone(e.response());
        } else if (event instanceof ServerEvent.ResponseOutputAudioDelta e) {
            onAudioDelta(e);
        } else if (event instanceof ServerEvent.ResponseOutputAudioTranscriptDelta e) {
            safe(() -> listener.onOutputTranscriptDelta(e.responseId(), e.itemId(), e.delta()));
        } else if (event instanceof ServerEvent.ResponseOutputAudioTranscriptDone e) {
            safe(() -> listener.onOutputTranscriptDone(e.responseId(), e.itemId(), e.transcript()));
        } else if (event instanceof ServerEvent.ResponseOutputTextDelta e) {
            safe(() -> listener.onOutputTranscriptDelta(e.responseId(), e.itemId(), e.delta()));
        } else if (event instanceof ServerEvent.ResponseOutputTextDone e) {
            safe(() -> listener.onOutputTranscriptDone(e.responseId(), e.itemId(), e.text()));
        } else if (event instanceof ServerEvent.ConversationItemInputAudioTranscriptionDelta e) {
            safe(() -> listener.onInputTranscriptDelta(e.itemId(), e.delta()));
        } else if (event instanceof ServerEvent.ConversationItemInputAudioTranscriptionCompleted e) {
            safe(() -> listener.onInputTranscriptDone(e.itemId(), e.transcript()));
        } else if (event instanceof ServerEvent.InputAudioBufferSpeechStarted e) {
            safe(() -> listener.onSpeechStarted(e.itemId(), e.audioStartMs() == null ? 0 : e.audioStartMs()));
        } else if (event instanceof ServerEvent.InputAudioBufferSpeechStopped e) {
            safe(() -> listener.onSpeechStopped(e.itemId(), e.audioEndMs() == null ? 0 : e.audioEndMs()));
        } else if (event instanceof ServerEvent.RateLimitsUpdated e) {
            List<RateLimit> limits = e.rateLimits() == null ? List.of() : List.copyOf(e.rateLimits());
            rateLimits = limits;
            safe(() -> listener.onRateLimits(limits));
        } else if (event instanceof ServerEvent.ResponseOutputItemAdded e) {
            rememberFunctionCall(e.responseId(), e.item());
        } else if (event instanceof ServerEvent.ResponseOutputItemDone e) {
            rememberFunctionCall(e.responseId(), e.item());
        } else if (event instanceof ServerEvent.ConversationItemAdded e) {
            rememberFunctionCall(null, e.item());
        } else if (event instanceof ServerEvent.ConversationItemCreated e) {
            rememberFunctionCall(null, e.item());
        } else if (event instanceof ServerEvent.ResponseFunctionCallArgumentsDone e) {
            runTool(c, e);
        } else if (event instanceof ServerEvent.ConversationItemDeleted e) {
            itemAudio.remove(e.itemId());
        }
    }

    private void onSessionCreated(Connection c, JsonNode session) {
        sessionId = session == null ? null : session.path("id").asText(null);
        JsonNode exp = session == null ? null : session.get("expires_at");
        if (exp != null && exp.canConvertToLong() && exp.asLong() > 0) {
            expiresAt = Instant.ofEpochSecond(exp.asLong());
            scheduleExpiryWarning(expiresAt);
        }
        c.created.complete(null);
    }

    private void scheduleExpiryWarning(Instant at) {
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        long delay = Math.max(0, at.toEpochMilli() - client.expiryWarning().toMillis() - System.currentTimeMillis());
        try {
            expiryTimer = client.timers().schedule(() -> submit(() -> {
                if (at.equals(expiresAt) && !closed.isDone()) {
                    safe(() -> listener.onSessionExpiring(at));
                }
            }), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Realtime client closed; no expiry warning scheduled");
        }
    }

    private void onSessionUpdated(JsonNode session) {
        String format = session == null ? null : session.path("audio").path("output").path("format").path("type")
                .asText(null);
        if (format != null) {
            try {
                outputFormat = AudioFormat.fromWireType(format);
            } catch (IllegalArgumentException e) {
                LOG.warn("The Realtime server reports an unknown output format '{}'; counting audio as {}", format,
                        outputFormat);
            }
        }
        PendingUpdate p = pendingUpdates.poll();
        if (p != null) {
            p.future.complete(session);
        }
    }

    private void onError(ErrorDetail error) {
        LOG.debug("Realtime server error: type={} code={} message={} param={} event_id={}", error.type(),
                error.code(), error.message(), error.param(), error.eventId());
        // The listener hears of the error before any future it fails completes.
        safe(() -> listener.onError(error));
        String cause = error.eventId();
        if (cause != null) {
            for (Iterator<PendingUpdate> it = pendingUpdates.iterator(); it.hasNext();) {
                PendingUpdate p = it.next();
                if (p.eventId.equals(cause)) {
                    it.remove();
                    p.future.completeExceptionally(new RealtimeServerErrorException("The session.update", error));
                }
            }
            if (cause.equals(requestedResponseEventId)) {
                requestedResponseEventId = null;
            }
            if (lastResponseCreate != null && cause.equals(lastResponseCreate.eventId)) {
                PendingResponse lost = lastResponseCreate.request;
                lastResponseCreate = null;
                if (ACTIVE_RESPONSE.equals(error.code())) {
                    // Another response (e.g. one started by server VAD) won the race: ask again after it.
                    PendingResponse retry = new PendingResponse(lost.params, CompletableFuture.completedFuture(null),
                            lost.toolFollowUp);
                    if (responseActive) {
                        queuedResponses.addFirst(retry);
                    } else {
                        sendResponseCreate(retry);
                    }
                } else if (!responseActive) {
                    sendNextQueuedResponse();
                }
            }
        }
    }

    private void onResponseDone(RealtimeResponse response) {
        responseActive = false;
        activeResponseId = null;
        forgetFunctionCalls(response);
        if (response != null && response.usage() != null) {
            RealtimeResponse.Usage u = response.usage();
            inputTokens.addAndGet(u.inputTokens() == null ? 0 : u.inputTokens());
            outputTokens.addAndGet(u.outputTokens() == null ? 0 : u.outputTokens());
            totalTokens.addAndGet(u.totalTokens() == null ? 0 : u.totalTokens());
        }
        if (response != null) {
            safe(() -> listener.onResponseDone(response));
        }
        if (requestedResponseEventId == null) {
            sendNextQueuedResponse();
        }
    }

    private void onAudioDelta(ServerEvent.ResponseOutputAudioDelta e) {
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(e.delta() == null ? "" : e.delta());
        } catch (IllegalArgumentException ex) {
            LOG.warn("The Realtime server sent output audio that is not valid base64 (item {}); it was dropped",
                    e.itemId());
            return;
        }
        String itemId = e.itemId() == null ? "" : e.itemId();
        ItemAudio a = itemAudio.computeIfAbsent(itemId, k -> new ItemAudio());
        a.bytes += audio.length;
        a.contentIndex = e.contentIndex() == null ? 0 : e.contentIndex();
        long ms = a.bytes / outputFormat.bytesPerMillisecond();
        OutputAudio out = new OutputAudio(e.responseId(), e.itemId(), a.contentIndex, audio, ms);
        safe(() -> listener.onOutputAudio(out));
    }

    // ---------------------------------------------------------------- responses and tools

    private void requestResponse(PendingResponse request) {
        if (responseActive || requestedResponseEventId != null) {
            if (request.toolFollowUp) {
                for (PendingResponse q : queuedResponses) {
                    if (q.toolFollowUp) {
                        request.sent.complete(null);
                        return;
                    }
                }
            }
            queuedResponses.add(request);
            return;
        }
        sendResponseCreate(request);
    }

    private void sendNextQueuedResponse() {
        PendingResponse next = queuedResponses.poll();
        if (next != null) {
            sendResponseCreate(next);
        }
    }

    private void sendResponseCreate(PendingResponse request) {
        String id = nextId();
        try {
            sendNow(new ClientEvent.ResponseCreate(id, request.params));
            requestedResponseEventId = id;
            lastResponseCreate = new SentResponse(id, request);
            request.sent.complete(null);
        } catch (RealtimeException e) {
            request.sent.completeExceptionally(e);
        }
    }

    private void dropQueuedResponses() {
        PendingResponse p;
        while ((p = queuedResponses.poll()) != null) {
            p.sent.completeExceptionally(new RealtimeException("The response request was dropped because the"
                    + " Realtime connection ended before it could be sent"));
        }
    }

    private void rememberFunctionCall(String responseId, ConversationItem item) {
        if (item == null || !"function_call".equals(item.type()) || item.callId() == null || item.name() == null
                || item.name().isBlank()) {
            return;
        }
        FunctionCall known = functionCalls.get(item.callId());
        String response = responseId != null ? responseId : known == null ? null : known.responseId();
        functionCalls.put(item.callId(), new FunctionCall(item.name(), response));
    }

    private void forgetFunctionCalls(RealtimeResponse response) {
        if (response == null) {
            return;
        }
        if (response.id() != null) {
            functionCalls.values().removeIf(f -> response.id().equals(f.responseId()));
        }
        if (response.output() != null) {
            for (ConversationItem item : response.output()) {
                if (item != null && item.callId() != null) {
                    functionCalls.remove(item.callId());
                }
            }
        }
    }

    /** The called function's name: from the event, else from the item announced with the same call_id. */
    private String toolName(ServerEvent.ResponseFunctionCallArgumentsDone call) {
        if (call.name() != null && !call.name().isBlank()) {
            return call.name();
        }
        FunctionCall known = call.callId() == null ? null : functionCalls.get(call.callId());
        return known == null ? "" : known.name();
    }

    private void runTool(Connection c, ServerEvent.ResponseFunctionCallArgumentsDone call) {
        String name = toolName(call);
        String callId = call.callId();
        Optional<Tool> tool = name.isEmpty() ? Optional.empty() : config.tool(name);
        CompletableFuture<ToolOutcome> result;
        if (tool.isEmpty()) {
            String message;
            if (name.isEmpty()) {
                message = "The function call arrived without the name of a tool, so no tool ran";
                LOG.warn("The Realtime server sent function call {} without a function name, and no item of the"
                        + " response named it; no tool ran and the model was told so", callId);
            } else {
                message = "No tool named '" + name + "' is available";
                LOG.warn("The model called tool '{}' (call {}), but no tool of that name is in the session"
                        + " configuration; the model was told so", name, callId);
            }
            safe(() -> listener.onToolError(callId, name, message));
            result = CompletableFuture.completedFuture(new ToolOutcome(errorText(message), null));
        } else {
            ToolHandler handler = tool.get().handler();
            // Parse and call inside one task on the tool executor: chaining the call with thenCompose would
            // run it on whichever thread attaches the stage if parsing had already finished (the event thread).
            result = CompletableFuture.supplyAsync(() -> {
                CompletableFuture<String> f = handler.call(parseArguments(name, call.arguments()));
                if (f == null) {
                    throw new IllegalStateException("the handler returned no result");
                }
                return f;
            }, client.toolExecutor())
                    .thenCompose(f -> f)
                    .handle((out, err) -> {
                        if (err != null) {
                            Throwable t = err instanceof CompletionException && err.getCause() != null
                                    ? err.getCause() : err;
                            LOG.info("Realtime tool '{}' failed: {}", name, t.toString());
                            String message = "Tool '" + name + "' failed: "
                                    + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
                            return new ToolOutcome(errorText(message), message);
                        }
                        return new ToolOutcome(out == null ? "" : out, null);
                    });
        }
        result.thenAcceptAsync(outcome -> {
            if (outcome.failure() != null) {
                safe(() -> listener.onToolError(callId, name, outcome.failure()));
            }
            if (callId == null) {
                LOG.warn("The Realtime server sent a call of tool '{}' without a call_id; its result cannot be"
                        + " returned to the model", name);
                return;
            }
            if (c != connection) {
                logUndelivered(name, "the connection it was called on has ended");
                return;
            }
            try {
                sendNow(new ClientEvent.ConversationItemCreate(nextId(), null,
                        ConversationItems.functionCallOutput(callId, outcome.output())));
            } catch (RealtimeException e) {
                logUndelivered(name, e.getMessage());
                return;
            }
            requestResponse(new PendingResponse(null, new CompletableFuture<>(), true));
        }, events).exceptionally(e -> {
            LOG.debug("Tool result delivery skipped: {}", e.toString());
            return null;
        });
    }

    private void logUndelivered(String name, String why) {
        if (closing) {
            // The application closed the session while the tool ran (end_call, a transfer, a hang-up): nobody
            // waits for the result any more.
            LOG.debug("Result of tool '{}' not sent: the session was closed while the tool ran", name);
        } else {
            LOG.info("Result of tool '{}' could not be sent: {}", name, why);
        }
    }

    private JsonNode parseArguments(String name, String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return codec.mapper().createObjectNode();
        }
        try {
            return codec.mapper().readTree(arguments);
        } catch (IOException e) {
            throw new IllegalArgumentException("the arguments are not valid JSON", e);
        }
    }

    private String errorText(String message) {
        ObjectNode node = codec.mapper().createObjectNode();
        node.put("error", message);
        return node.toString();
    }

    // ---------------------------------------------------------------- plumbing

    private void sendNow(ClientEvent event) {
        Connection c = connection;
        // After closeAsync the close frame is queued: anything queued behind it would be dropped unseen.
        if (c == null || !c.isOpen() || closing) {
            throw new RealtimeException("The Realtime session is not connected"
                    + (reconnecting ? " (reconnecting)" : closing ? " (closed)" : "") + "; " + event.type()
                    + " was not sent");
        }
        try {
            c.send(codec.write(event));
        } catch (RuntimeException e) {
            throw new RealtimeException("Could not send " + event.type() + " to the Realtime server: "
                    + e.getMessage(), e);
        }
    }

    private CompletableFuture<Void> sendAsync(ClientEvent event) {
        return onEvents(() -> {
            sendNow(event);
            return null;
        });
    }

    private <T> CompletableFuture<T> onEvents(Supplier<T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        onEventThread(() -> f.complete(action.get()), f);
        return f;
    }

    private void onEventThread(Runnable action, CompletableFuture<?> failTarget) {
        Runnable guarded = () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                failTarget.completeExceptionally(e);
            }
        };
        if (events.inExecutor()) {
            guarded.run();
            return;
        }
        try {
            events.execute(guarded);
        } catch (RejectedExecutionException e) {
            failTarget.completeExceptionally(new RealtimeException("The Realtime session is closed"));
        }
    }

    private void submit(Runnable action) {
        try {
            events.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("Realtime session event handling failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Realtime session already closed; event dropped");
        }
    }

    private void failPending(RealtimeException e) {
        PendingUpdate p;
        while ((p = pendingUpdates.poll()) != null) {
            p.future.completeExceptionally(e);
        }
    }

    private static void safe(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("A RealtimeListener method threw; delivery continues", e);
        }
    }

    private String nextId() {
        return idPrefix + ids.incrementAndGet();
    }

    private static final class ItemAudio {
        long bytes;
        int contentIndex;
    }

    private record PendingResponse(JsonNode params, CompletableFuture<Void> sent, boolean toolFollowUp) {
    }

    private record SentResponse(String eventId, PendingResponse request) {
    }

    private record PendingUpdate(String eventId, CompletableFuture<JsonNode> future) {
    }

    private record FunctionCall(String name, String responseId) {
    }

    /** A tool call's output for the model, and the error sentence when it is an error. */
    private record ToolOutcome(String output, String failure) {
    }

    /** One WebSocket; a reconnect makes a new one. Callbacks run on the HTTP client's threads and only enqueue. */
    private final class Connection extends RealtimeSocket {
        final CompletableFuture<Void> created = new CompletableFuture<>();
        volatile boolean abandoned;

        Connection(URI uri, Map<String, String> headers) {
            super(client.http(), uri, headers, client.connectTimeout(), client.pingInterval(), client.timers());
        }

        @Override
        void opened() {
            LOG.debug("Realtime WebSocket open to {}", hostPort());
        }

        @Override
        void message(String text) {
            submit(() -> handleText(this, text));
        }

        @Override
        void closed(int code, String reason, boolean remote) {
            client.connectionEnded();
            submit(() -> handleClose(this, code, reason, remote));
        }

        @Override
        public String toString() {
            return "RealtimeConnection{" + hostPort() + "}";
        }
    }
}
