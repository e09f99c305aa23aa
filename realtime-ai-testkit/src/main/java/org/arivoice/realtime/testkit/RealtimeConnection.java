package org.arivoice.realtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the {@link FakeRealtimeServer}: the session, the conversation, the input buffer
 * with its VAD, and the response being generated.
 *
 * <p>All protocol state lives on one single-threaded scheduler per connection, so client events, response
 * streaming and timers never race; the WebSocket I/O thread only records and hands over.
 */
final class RealtimeConnection {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeConnection.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final double MIN_COMMIT_MS = 100;
    private static final List<String> CLIENT_EVENT_TYPES = List.of("session.update", "input_audio_buffer.append",
            "input_audio_buffer.commit", "input_audio_buffer.clear", "output_audio_buffer.clear",
            "conversation.item.create", "conversation.item.retrieve", "conversation.item.truncate",
            "conversation.item.delete", "response.create", "response.cancel");

    /** An item of the conversation, with the assistant audio produced for it. */
    private static final class Item {
        final ObjectNode json;
        final boolean assistantAudio;
        long audioMs;

        Item(ObjectNode json, boolean assistantAudio) {
            this.json = json;
            this.assistantAudio = assistantAudio;
        }
    }

    /** The response being generated. */
    private final class ActiveResponse {
        final String id = newId("resp");
        final ScriptedResponse script;
        final boolean audioOut;
        final AudioFormat format;
        final ObjectNode base;
        final boolean inConversation;
        boolean cutByTokenLimit;
        String itemId;
        Item item;
        byte[] audio = new byte[0];
        int audioOffset;
        List<String> pieces = List.of();
        int piecesSent;
        final StringBuilder textSoFar = new StringBuilder();
        ScheduledFuture<?> next;

        ActiveResponse(ScriptedResponse script, boolean audioOut, AudioFormat format, ObjectNode base,
                boolean inConversation) {
            this.inConversation = inConversation;
            this.script = script;
            this.audioOut = audioOut;
            this.format = format;
            this.base = base;
        }
    }

    private final FakeRealtimeServer server;
    private final WebSocket socket;
    private final int number;
    private final ScheduledExecutorService executor;
    private final AtomicInteger clientEvents = new AtomicInteger();
    private final ObjectNode session;
    private final String conversationId = newId("conv");
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final java.util.Set<String> callIds = new java.util.HashSet<>();
    private final VoiceActivityDetector vad;

    private AudioFormat inputFormat = AudioFormat.PCM16;
    private int pendingByte = -1;
    private long bufferBytes;
    private String speechItemId;
    private long speechStartMs;
    private long idleSinceMs = -1;
    private ActiveResponse active;
    private boolean assistantAudioPresent;
    private long inputAudioMsTotal;
    private volatile boolean open = true;

    RealtimeConnection(FakeRealtimeServer server, WebSocket socket, int number, String model) {
        this.server = server;
        this.socket = socket;
        this.number = number;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-realtime-connection-" + number);
            t.setDaemon(true);
            return t;
        });
        long expiresAt = Instant.now().plus(server.sessionMaxDuration()).getEpochSecond();
        this.session = SessionConfig.defaults(newId("sess"), model, server.defaultVoice(), expiresAt);
        this.vad = new VoiceActivityDetector(server.vadLevelScale());
        configureInput();
    }

    int number() {
        return number;
    }

    boolean isOpen() {
        return open && socket.isOpen();
    }

    int countClientEvent() {
        return clientEvents.incrementAndGet();
    }

    // ---- lifecycle ----

    void open() {
        run(() -> {
            send(event("session.created").set("session", session.deepCopy()));
            if (server.emitUnknownEvents()) {
                send(event("session.future_hint").put("hint", "a field a future release might add"));
            }
            long maxMs = server.sessionMaxDuration().toMillis();
            executor.schedule(this::expire, maxMs, TimeUnit.MILLISECONDS);
        });
    }

    void rejectBetaClient() {
        run(() -> {
            sendError(ProtocolError.invalidRequest("beta_api_shape_disabled",
                    "The beta Realtime API shape has been retired. Remove the 'OpenAI-Beta: realtime=v1' header"
                            + " and use the GA event shapes.", null), null);
            socket.close(4000, "beta_api_shape_disabled");
        });
    }

    private void expire() {
        long minutes = server.sessionMaxDuration().toMinutes();
        String limit = minutes >= 1 ? minutes + " minutes" : server.sessionMaxDuration().toMillis() + " ms";
        // OpenAI's wording: "Your session hit the maximum duration of 60 minutes."
        sendError(ProtocolError.invalidRequest("session_expired",
                "Your session hit the maximum duration of " + limit + ".", null), null);
        close(CloseFrame.GOING_AWAY, "session expired");
    }

    void drop() {
        open = false;
        if (socket instanceof WebSocketImpl impl) {
            impl.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by fault injection");
        } else {
            socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by fault injection");
        }
        shutdown();
    }

    void close(int code, String reason) {
        open = false;
        socket.close(code, reason);
        shutdown();
    }

    void inject(String json) {
        run(() -> sendRaw(json));
    }

    void shutdown() {
        open = false;
        executor.shutdownNow();
    }

    void receive(ReceivedEvent event) {
        run(() -> handle(event));
    }

    private void run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // A bug here must not kill the connection's thread; the test sees the log and the missing event.
                    LOG.warn("FakeRealtimeServer connection {} failed to handle an event", number, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Connection {} is closed; event dropped", number);
        }
    }

    // ---- dispatch ----

    private void handle(ReceivedEvent event) {
        JsonNode json = event.json();
        if (json == null) {
            // Modelled on OpenAI's answer to a message that is not JSON.
            sendError(ProtocolError.invalidRequest("invalid_json",
                    "Invalid JSON: the message could not be parsed. Send each event as one JSON object.", null),
                    null);
            return;
        }
        String clientEventId = json.path("event_id").isTextual() ? json.get("event_id").asText() : null;
        try {
            if (!json.isObject() || !json.has("type")) {
                // OpenAI's wording (from the published error example).
                throw ProtocolError.invalidRequest("invalid_event", "The 'type' field is missing.", null);
            }
            String type = json.get("type").asText();
            switch (type) {
                case "session.update" -> sessionUpdate(json);
                case "input_audio_buffer.append" -> append(json);
                case "input_audio_buffer.commit" -> commit();
                case "input_audio_buffer.clear" -> clear();
                case "output_audio_buffer.clear" -> throw ProtocolError.invalidRequest("invalid_value",
                        "output_audio_buffer.clear is only supported for WebRTC and SIP connections; over a"
                                + " WebSocket, truncate the item with conversation.item.truncate instead.", "type");
                case "conversation.item.create" -> itemCreate(json);
                case "conversation.item.retrieve" -> itemRetrieve(json);
                case "conversation.item.truncate" -> itemTruncate(json);
                case "conversation.item.delete" -> itemDelete(json);
                case "response.create" -> responseCreate(json);
                case "response.cancel" -> responseCancel(json);
                default -> throw ProtocolError.invalidRequest("invalid_value", "Invalid value: '" + type
                        + "'. Supported values are: '" + String.join("', '", CLIENT_EVENT_TYPES) + "'.", "type");
            }
        } catch (ProtocolError e) {
            sendError(e, clientEventId);
        }
    }

    // ---- session ----

    private void sessionUpdate(JsonNode json) throws ProtocolError {
        SessionConfig.validateAndMerge(session, json.get("session"), assistantAudioPresent);
        configureInput();
        send(event("session.updated").set("session", session.deepCopy()));
    }

    private void configureInput() {
        JsonNode input = session.path("audio").path("input");
        AudioFormat format = AudioFormat.of(input.get("format"));
        if (format != inputFormat) {
            pendingByte = -1;
        }
        inputFormat = format;
        JsonNode td = input.path("turn_detection");
        if (td.isObject()) {
            // Semantic VAD has no energy settings; its eagerness maps to how long a pause ends a turn.
            boolean semantic = "semantic_vad".equals(td.path("type").asText());
            int silence = semantic ? switch (td.path("eagerness").asText("auto")) {
                case "low" -> 1500;
                case "medium" -> 800;
                case "high" -> 300;
                default -> 500;
            } : td.path("silence_duration_ms").asInt(200);
            vad.configure(td.path("threshold").asDouble(0.5), td.path("prefix_padding_ms").asInt(300), silence,
                    format.sampleRate());
        } else if (vad.speaking()) {
            vad.reset();
            speechItemId = null;
        }
    }

    private JsonNode turnDetection() {
        return session.path("audio").path("input").path("turn_detection");
    }

    // ---- input audio ----

    private void append(JsonNode json) throws ProtocolError {
        JsonNode audio = json.get("audio");
        if (audio == null || audio.isNull()) {
            throw ProtocolError.missingParameter("audio");
        }
        if (!audio.isTextual()) {
            throw ProtocolError.invalidType("audio", "a string", SessionConfig.nodeType(audio));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(audio.asText());
        } catch (IllegalArgumentException e) {
            throw ProtocolError.invalidRequest("invalid_value",
                    "Invalid 'audio': expected base64-encoded audio bytes (" + e.getMessage() + ").", "audio");
        }
        bufferBytes += bytes.length;
        inputAudioMsTotal = (long) (inputAudioMsTotal + (double) bytes.length / inputFormat.bytesPerMs());
        short[] samples = decodeWithCarry(bytes);
        if (!turnDetection().isObject()) {
            vad.advance(samples);
            return;
        }
        for (VoiceActivityDetector.Transition t : vad.feed(samples)) {
            if (t.started()) {
                speechStarted(t.audioMs());
            } else {
                speechStopped(t.audioMs());
            }
        }
        checkIdleTimeout();
    }

    private short[] decodeWithCarry(byte[] bytes) {
        if (inputFormat.bytesPerSample() == 1) {
            return inputFormat.decode(bytes, 0, bytes.length);
        }
        byte[] joined = bytes;
        if (pendingByte >= 0) {
            joined = new byte[bytes.length + 1];
            joined[0] = (byte) pendingByte;
            System.arraycopy(bytes, 0, joined, 1, bytes.length);
        }
        pendingByte = joined.length % 2 == 1 ? joined[joined.length - 1] & 0xFF : -1;
        return inputFormat.decode(joined, 0, joined.length - (joined.length % 2));
    }

    private void speechStarted(long audioStartMs) {
        speechItemId = newId("item");
        speechStartMs = audioStartMs;
        idleSinceMs = -1;
        send(event("input_audio_buffer.speech_started").put("audio_start_ms", audioStartMs)
                .put("item_id", speechItemId));
        if (active != null && turnDetection().path("interrupt_response").asBoolean(true)) {
            cancelResponse("turn_detected");
        }
    }

    private void speechStopped(long audioEndMs) {
        String itemId = speechItemId == null ? newId("item") : speechItemId;
        speechItemId = null;
        send(event("input_audio_buffer.speech_stopped").put("audio_end_ms", audioEndMs).put("item_id", itemId));
        commitUserAudio(itemId, audioEndMs - speechStartMs);
        if (active == null && turnDetection().path("create_response").asBoolean(true)) {
            startResponse(null);
        }
    }

    private void checkIdleTimeout() {
        JsonNode idle = turnDetection().path("idle_timeout_ms");
        if (!idle.isIntegralNumber() || idleSinceMs < 0 || active != null || vad.speaking()) {
            return;
        }
        long now = vad.positionMs();
        if (now - idleSinceMs < idle.asLong()) {
            return;
        }
        String itemId = newId("item");
        send(event("input_audio_buffer.timeout_triggered").put("audio_start_ms", idleSinceMs)
                .put("audio_end_ms", now).put("item_id", itemId));
        long silentMs = now - idleSinceMs;
        idleSinceMs = -1;
        commitUserAudio(itemId, silentMs);
        if (turnDetection().path("create_response").asBoolean(true)) {
            startResponse(null);
        }
    }

    private void commit() throws ProtocolError {
        double ms = (double) bufferBytes / inputFormat.bytesPerMs();
        if (ms < MIN_COMMIT_MS) {
            // OpenAI's wording for this error.
            throw ProtocolError.invalidRequest("input_audio_buffer_commit_empty", String.format(java.util.Locale.ROOT,
                    "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio,"
                            + " but buffer only has %.2fms of audio.", ms), null);
        }
        String itemId = speechItemId != null ? speechItemId : newId("item");
        speechItemId = null;
        vad.reset();
        commitUserAudio(itemId, (long) ms);
    }

    private void clear() {
        bufferBytes = 0;
        pendingByte = -1;
        speechItemId = null;
        vad.reset();
        send(event("input_audio_buffer.cleared"));
    }

    private void commitUserAudio(String itemId, long speechMs) {
        String previous = lastItemId();
        bufferBytes = 0;
        vad.markBufferStart();
        ObjectNode committed = event("input_audio_buffer.committed");
        putNullable(committed, "previous_item_id", previous);
        send(committed.put("item_id", itemId));
        ObjectNode item = F.objectNode();
        item.put("id", itemId).put("object", "realtime.item").put("type", "message").put("status", "completed")
                .put("role", "user");
        item.putArray("content").addObject().put("type", "input_audio");
        items.put(itemId, new Item(item, false));
        sendItemAddedAndDone(previous, item);
        if (session.path("audio").path("input").path("transcription").isObject() && server.failInputTranscription()) {
            ObjectNode failed = event("conversation.item.input_audio_transcription.failed").put("item_id", itemId)
                    .put("content_index", 0);
            // The published example of this event.
            failed.putObject("error").put("type", "transcription_error").put("code", "audio_unintelligible")
                    .put("message", "The audio could not be transcribed.");
            send(failed);
        } else if (session.path("audio").path("input").path("transcription").isObject()) {
            String transcript = server.nextInputTranscript();
            if (transcript == null) {
                transcript = "[" + Math.max(0, speechMs) + " ms of speech]";
            }
            send(event("conversation.item.input_audio_transcription.delta").put("item_id", itemId)
                    .put("content_index", 0).put("delta", transcript));
            ObjectNode completed = event("conversation.item.input_audio_transcription.completed")
                    .put("item_id", itemId).put("content_index", 0).put("transcript", transcript);
            int audioTokens = (int) Math.max(1, speechMs / 100);
            int textTokens = Math.max(1, transcript.split("\\s+").length);
            ObjectNode usage = completed.putObject("usage");
            usage.put("type", "tokens").put("total_tokens", audioTokens + textTokens)
                    .put("input_tokens", audioTokens);
            usage.putObject("input_token_details").put("text_tokens", 0).put("audio_tokens", audioTokens);
            usage.put("output_tokens", textTokens);
            ((ObjectNode) item.get("content").get(0)).put("transcript", transcript);
            send(completed);
        }
    }

    // ---- conversation items ----

    private void itemCreate(JsonNode json) throws ProtocolError {
        JsonNode itemNode = json.get("item");
        if (itemNode == null || itemNode.isNull()) {
            throw ProtocolError.missingParameter("item");
        }
        if (!itemNode.isObject()) {
            throw ProtocolError.invalidType("item", "an object", SessionConfig.nodeType(itemNode));
        }
        ObjectNode item = ((ObjectNode) itemNode).deepCopy();
        String type = item.path("type").asText("");
        switch (type) {
            case "message" -> {
                String role = item.path("role").asText("");
                if (!role.equals("user") && !role.equals("assistant") && !role.equals("system")) {
                    throw ProtocolError.invalidValue("item.role", role, "'user', 'assistant', and 'system'");
                }
                if (!item.path("content").isArray()) {
                    throw ProtocolError.missingParameter("item.content");
                }
            }
            case "function_call" -> {
                requireText(item, "name", "item.name");
                requireText(item, "arguments", "item.arguments");
                if (item.path("call_id").isTextual()) {
                    callIds.add(item.get("call_id").asText());
                }
            }
            case "function_call_output" -> {
                requireText(item, "call_id", "item.call_id");
                requireText(item, "output", "item.output");
                String callId = item.get("call_id").asText();
                if (!callIds.contains(callId)) {
                    throw ProtocolError.invalidRequest("invalid_value", "Invalid 'item.call_id': no function call"
                            + " with call_id '" + callId + "' in the conversation.", "item.call_id");
                }
            }
            default -> throw ProtocolError.invalidValue("item.type", type,
                    "'message', 'function_call', and 'function_call_output'");
        }
        String id = item.path("id").isTextual() ? item.get("id").asText() : newId("item");
        if (items.containsKey(id)) {
            throw ProtocolError.invalidRequest("invalid_value", "Invalid 'item.id': an item with id '" + id
                    + "' already exists in the conversation.", "item.id");
        }
        String previous;
        JsonNode previousNode = json.get("previous_item_id");
        if (previousNode != null && !previousNode.isNull()) {
            previous = previousNode.asText();
            if (!previous.equals("root") && !items.containsKey(previous)) {
                throw ProtocolError.invalidRequest("invalid_value", "Invalid 'previous_item_id': no item with id '"
                        + previous + "' in the conversation.", "previous_item_id");
            }
        } else {
            previous = lastItemId();
        }
        item.put("id", id);
        item.put("object", "realtime.item");
        item.put("status", "completed");
        insertAfter(previous, id, new Item(item, false));
        sendItemAddedAndDone("root".equals(previous) ? null : previous, item);
    }

    private void insertAfter(String previous, String id, Item item) {
        if (previous == null || previous.equals(lastItemId())) {
            items.put(id, item);
            return;
        }
        List<Map.Entry<String, Item>> entries = new ArrayList<>(items.entrySet());
        items.clear();
        if ("root".equals(previous)) {
            items.put(id, item);
        }
        for (Map.Entry<String, Item> e : entries) {
            items.put(e.getKey(), e.getValue());
            if (e.getKey().equals(previous)) {
                items.put(id, item);
            }
        }
    }

    private void itemRetrieve(JsonNode json) throws ProtocolError {
        Item item = requireItem(json);
        send(event("conversation.item.retrieved").set("item", item.json.deepCopy()));
    }

    private void itemTruncate(JsonNode json) throws ProtocolError {
        Item item = requireItem(json);
        JsonNode contentIndex = json.get("content_index");
        JsonNode audioEnd = json.get("audio_end_ms");
        if (contentIndex == null) {
            throw ProtocolError.missingParameter("content_index");
        }
        if (audioEnd == null) {
            throw ProtocolError.missingParameter("audio_end_ms");
        }
        if (!audioEnd.isIntegralNumber() || audioEnd.asLong() < 0) {
            throw ProtocolError.invalidType("audio_end_ms", "a non-negative integer", SessionConfig.nodeType(audioEnd));
        }
        if (!item.assistantAudio) {
            throw ProtocolError.invalidRequest("invalid_value", "Invalid 'item_id': only assistant messages with"
                    + " audio content can be truncated.", "item_id");
        }
        if (contentIndex.asInt(-1) != 0) {
            throw ProtocolError.invalidRequest("invalid_value", "Invalid 'content_index': the item has audio only"
                    + " at content index 0.", "content_index");
        }
        long end = audioEnd.asLong();
        if (end > item.audioMs) {
            // Modelled on OpenAI's wording for a truncation past the end of the item's audio.
            throw ProtocolError.invalidRequest("invalid_value", "Audio content of " + item.audioMs
                    + "ms is already shorter than " + end + "ms", "audio_end_ms");
        }
        item.audioMs = end;
        // As the real API does: no transcript of audio the user never heard stays in the context.
        JsonNode part = item.json.path("content").path(0);
        if (part.isObject()) {
            ((ObjectNode) part).put("transcript", "");
        }
        send(event("conversation.item.truncated").put("item_id", item.json.get("id").asText())
                .put("content_index", 0).put("audio_end_ms", end));
    }

    private void itemDelete(JsonNode json) throws ProtocolError {
        Item item = requireItem(json);
        String id = item.json.get("id").asText();
        items.remove(id);
        send(event("conversation.item.deleted").put("item_id", id));
    }

    private Item requireItem(JsonNode json) throws ProtocolError {
        JsonNode id = json.get("item_id");
        if (id == null || id.isNull()) {
            throw ProtocolError.missingParameter("item_id");
        }
        Item item = items.get(id.asText());
        if (item == null) {
            throw ProtocolError.invalidRequest("invalid_value", "Invalid 'item_id': no item with id '"
                    + id.asText() + "' in the conversation.", "item_id");
        }
        return item;
    }

    // ---- responses ----

    private void responseCreate(JsonNode json) throws ProtocolError {
        JsonNode params = json.get("response");
        if (params != null && !params.isNull()) {
            if (!params.isObject()) {
                throw ProtocolError.invalidType("response", "an object", SessionConfig.nodeType(params));
            }
            SessionConfig.validateModalities(params.get("output_modalities"), "response.output_modalities");
            SessionConfig.validateMaxOutputTokens(params.get("max_output_tokens"), "response.max_output_tokens");
        }
        if (active != null) {
            // OpenAI's wording.
            throw ProtocolError.invalidRequest("conversation_already_has_active_response",
                    "Conversation already has an active response in progress: " + active.id
                            + ". Wait until the response is finished before creating a new one.", null);
        }
        startResponse(params);
    }

    private void responseCancel(JsonNode json) throws ProtocolError {
        String requested = json.path("response_id").isTextual() ? json.get("response_id").asText() : null;
        if (active == null || (requested != null && !requested.equals(active.id))) {
            // OpenAI's wording.
            throw ProtocolError.invalidRequest("response_cancel_not_active",
                    "Cancellation failed: no active response found", null);
        }
        cancelResponse("client_cancelled");
    }

    private void startResponse(JsonNode params) {
        ScriptedResponse script = server.nextResponse();
        JsonNode modalities = params != null && params.has("output_modalities") ? params.get("output_modalities")
                : session.path("output_modalities");
        boolean audioOut = !"text".equals(modalities.path(0).asText("audio"));
        AudioFormat format = AudioFormat.of(session.path("audio").path("output").get("format"));
        ObjectNode base = F.objectNode();
        // conversation "none" is an out-of-band response: its items stay out of the conversation.
        boolean inConversation = params == null || !"none".equals(params.path("conversation").asText("auto"));
        ActiveResponse r = new ActiveResponse(script, audioOut, format, base, inConversation);
        base.put("object", "realtime.response").put("id", r.id).put("status", "in_progress");
        base.putArray("output");
        base.put("conversation_id", conversationId);
        base.putArray("output_modalities").add(audioOut ? "audio" : "text");
        base.set("max_output_tokens", params != null && params.has("max_output_tokens")
                ? params.get("max_output_tokens") : session.path("max_output_tokens").deepCopy());
        ObjectNode output = base.putObject("audio").putObject("output");
        output.set("format", format.toJson());
        output.put("voice", session.path("audio").path("output").path("voice").asText("alloy"));
        JsonNode metadata = params == null ? null : params.get("metadata");
        base.set("metadata", metadata != null && metadata.isObject() ? metadata.deepCopy() : F.nullNode());
        active = r;
        idleSinceMs = -1;
        send(event("response.created").set("response", base.deepCopy()));
        ObjectNode limits = event("rate_limits.updated");
        ArrayNode list = limits.putArray("rate_limits");
        list.addObject().put("name", "requests").put("limit", 5000).put("remaining", 4999).put("reset_seconds", 0.012);
        list.addObject().put("name", "tokens").put("limit", 40000).put("remaining", 39000).put("reset_seconds", 1.5);
        send(limits);
        if (server.emitUnknownEvents()) {
            send(event("response.future_annotation.added").put("response_id", r.id)
                    .put("annotation", "an event type a future release might add"));
        }
        switch (script.kind()) {
            case FAILED -> {
                ObjectNode done = base.deepCopy();
                done.put("status", "failed");
                ObjectNode details = done.putObject("status_details");
                details.put("type", "failed");
                details.putObject("error").put("type", "server_error").put("code", script.errorCode().orElse("server_error"));
                done.set("usage", usage(0, 0, 0));
                active = null;
                send(event("response.done").set("response", done));
            }
            case FUNCTION_CALL -> startFunctionCall(r);
            default -> startMessage(r);
        }
    }

    private void startMessage(ActiveResponse r) {
        r.itemId = newId("item");
        ObjectNode item = F.objectNode();
        item.put("id", r.itemId).put("object", "realtime.item").put("type", "message").put("status", "in_progress")
                .put("role", "assistant");
        item.putArray("content");
        r.item = new Item(item, r.audioOut);
        addResponseItem(r, item);
        ObjectNode part = F.objectNode();
        if (r.audioOut) {
            part.put("type", "audio").put("transcript", "");
            r.audio = r.script.audio().orElse(server.defaultAudio()).render(r.format);
        } else {
            part.put("type", "text").put("text", "");
        }
        send(contentEvent("response.content_part.added", r).set("part", part));
        r.pieces = words(r.script.text());
        JsonNode limit = r.base.get("max_output_tokens");
        // Output tokens are counted as one per word plus one per 50 ms of audio (see usage()); a lower
        // max_output_tokens cuts the answer short, as the model would.
        double audioMsPerWord = r.pieces.isEmpty() ? 0 : (double) r.audio.length / r.format.bytesPerMs() / r.pieces.size();
        int kept = limit != null && limit.isIntegralNumber()
                ? Math.max(1, (int) Math.floor(limit.asInt() / (1 + audioMsPerWord / 50))) : Integer.MAX_VALUE;
        if (kept < r.pieces.size()) {
            int bytes = (int) ((long) r.audio.length * kept / r.pieces.size());
            r.audio = java.util.Arrays.copyOf(r.audio, bytes - bytes % r.format.bytesPerSample());
            r.pieces = List.copyOf(r.pieces.subList(0, kept));
            r.cutByTokenLimit = true;
        }
        scheduleTick(r, 0);
    }

    private void startFunctionCall(ActiveResponse r) {
        r.itemId = newId("item");
        String callId = "call_" + randomChars(16);
        ObjectNode item = F.objectNode();
        item.put("id", r.itemId).put("object", "realtime.item").put("type", "function_call")
                .put("status", "in_progress").put("name", r.script.functionName().orElseThrow())
                .put("call_id", callId).put("arguments", "");
        r.item = new Item(item, false);
        callIds.add(callId);
        addResponseItem(r, item);
        List<String> chunks = new ArrayList<>();
        String args = r.script.text();
        for (int i = 0; i < args.length(); i += 16) {
            chunks.add(args.substring(i, Math.min(args.length(), i + 16)));
        }
        r.pieces = chunks;
        scheduleTick(r, 0);
    }

    private void addResponseItem(ActiveResponse r, ObjectNode item) {
        String previous = lastItemId();
        if (r.inConversation) {
            items.put(r.itemId, r.item);
        }
        send(outputEvent("response.output_item.added", r).set("item", item.deepCopy()));
        if (r.inConversation) {
            ObjectNode added = event("conversation.item.added");
            putNullable(added, "previous_item_id", previous);
            send(added.set("item", item.deepCopy()));
        }
    }

    private void scheduleTick(ActiveResponse r, long delayMicros) {
        try {
            r.next = executor.schedule(() -> tick(r), delayMicros, TimeUnit.MICROSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Connection {} closed during a response", number);
        }
    }

    private void tick(ActiveResponse r) {
        if (active != r || !open) {
            return;
        }
        String kind = r.script.kind() == ScriptedResponse.Kind.FUNCTION_CALL ? "function" : r.audioOut ? "audio" : "text";
        switch (kind) {
            case "audio" -> {
                if (r.audioOffset < r.audio.length) {
                    int chunk = Math.min(server.audioChunkMillis() * r.format.bytesPerMs(), r.audio.length - r.audioOffset);
                    String b64 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(r.audio,
                            r.audioOffset, r.audioOffset + chunk));
                    r.audioOffset += chunk;
                    r.item.audioMs = r.audioOffset / r.format.bytesPerMs();
                    assistantAudioPresent = true;
                    send(contentEvent("response.output_audio.delta", r).put("delta", b64));
                    int due = (int) Math.ceil((double) r.pieces.size() * r.audioOffset / r.audio.length);
                    sendTranscriptPieces(r, due, "response.output_audio_transcript.delta");
                    long chunkMs = chunk / r.format.bytesPerMs();
                    scheduleTick(r, (long) (chunkMs * 1000 / server.playbackSpeed()));
                    return;
                }
                sendTranscriptPieces(r, r.pieces.size(), "response.output_audio_transcript.delta");
            }
            case "text" -> {
                if (r.piecesSent < r.pieces.size()) {
                    sendTranscriptPieces(r, r.piecesSent + 1, "response.output_text.delta");
                    scheduleTick(r, 2000);
                    return;
                }
            }
            default -> {
                if (r.piecesSent < r.pieces.size()) {
                    String piece = r.pieces.get(r.piecesSent++);
                    r.textSoFar.append(piece);
                    send(outputEvent("response.function_call_arguments.delta", r).put("item_id", r.itemId)
                            .put("call_id", r.item.json.get("call_id").asText()).put("delta", piece));
                    scheduleTick(r, 2000);
                    return;
                }
            }
        }
        if (r.cutByTokenLimit) {
            finishResponse(r, "incomplete", "max_output_tokens");
        } else {
            finishResponse(r, "completed", null);
        }
    }

    private void sendTranscriptPieces(ActiveResponse r, int upTo, String type) {
        while (r.piecesSent < Math.min(upTo, r.pieces.size())) {
            String piece = r.pieces.get(r.piecesSent++);
            r.textSoFar.append(piece);
            send(contentEvent(type, r).put("delta", piece));
        }
    }

    private void cancelResponse(String reason) {
        ActiveResponse r = active;
        if (r.next != null) {
            r.next.cancel(false);
        }
        finishResponse(r, "cancelled", reason);
    }

    private void finishResponse(ActiveResponse r, String status, String reason) {
        boolean completed = status.equals("completed");
        boolean generated = completed || status.equals("incomplete");
        ObjectNode item = r.item.json;
        item.put("status", completed ? "completed" : "incomplete");
        String text = r.textSoFar.toString();
        if (r.script.kind() == ScriptedResponse.Kind.FUNCTION_CALL) {
            item.put("arguments", text);
            if (generated) {
                send(outputEvent("response.function_call_arguments.done", r).put("item_id", r.itemId)
                        .put("call_id", item.get("call_id").asText()).put("name", item.get("name").asText())
                        .put("arguments", text));
            }
        } else {
            ObjectNode part = F.objectNode();
            ObjectNode content = F.objectNode();
            if (r.audioOut) {
                send(contentEvent("response.output_audio.done", r));
                send(contentEvent("response.output_audio_transcript.done", r).put("transcript", text));
                part.put("type", "audio").put("transcript", text);
                content.put("type", "output_audio").put("transcript", text);
            } else {
                send(contentEvent("response.output_text.done", r).put("text", text));
                part.put("type", "text").put("text", text);
                content.put("type", "output_text").put("text", text);
            }
            send(contentEvent("response.content_part.done", r).set("part", part));
            item.putArray("content").add(content);
        }
        send(outputEvent("response.output_item.done", r).set("item", item.deepCopy()));
        if (r.inConversation) {
            ObjectNode itemDone = event("conversation.item.done");
            putNullable(itemDone, "previous_item_id", previousOf(r.itemId));
            send(itemDone.set("item", item.deepCopy()));
        }
        ObjectNode done = r.base.deepCopy();
        done.put("status", status);
        if (!completed) {
            done.putObject("status_details").put("type", status).put("reason", reason);
        }
        done.putArray("output").add(item.deepCopy());
        int words = r.piecesSent;
        done.set("usage", usage(inputTokens(), words, r.item.audioMs / 50));
        active = null;
        if (generated) {
            // The idle timer starts when the caller has heard the answer (input audio runs in real time).
            idleSinceMs = vad.positionMs() + (r.audioOut ? r.item.audioMs : 0);
        }
        send(event("response.done").set("response", done));
    }

    private int inputTokens() {
        return (int) (inputAudioMsTotal / 100 + 20);
    }

    private static ObjectNode usage(int input, int textOut, long audioOut) {
        ObjectNode u = F.objectNode();
        int output = (int) (textOut + audioOut);
        u.put("total_tokens", input + output).put("input_tokens", input).put("output_tokens", output);
        ObjectNode in = u.putObject("input_token_details");
        in.put("text_tokens", 20).put("audio_tokens", Math.max(0, input - 20)).put("image_tokens", 0)
                .put("cached_tokens", 0);
        in.putObject("cached_tokens_details").put("text_tokens", 0).put("audio_tokens", 0).put("image_tokens", 0);
        u.putObject("output_token_details").put("text_tokens", textOut).put("audio_tokens", audioOut);
        return u;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        return out;
    }

    // ---- helpers ----

    private String lastItemId() {
        String last = null;
        for (String id : items.keySet()) {
            last = id;
        }
        return last;
    }

    private String previousOf(String id) {
        String previous = null;
        for (String k : items.keySet()) {
            if (k.equals(id)) {
                return previous;
            }
            previous = k;
        }
        return previous;
    }

    private void sendItemAddedAndDone(String previous, ObjectNode item) {
        ObjectNode added = event("conversation.item.added");
        putNullable(added, "previous_item_id", previous);
        send(added.set("item", item.deepCopy()));
        ObjectNode done = event("conversation.item.done");
        putNullable(done, "previous_item_id", previous);
        send(done.set("item", item.deepCopy()));
    }

    private static void putNullable(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static void requireText(ObjectNode item, String field, String param) throws ProtocolError {
        JsonNode v = item.get(field);
        if (v == null || v.isNull()) {
            throw ProtocolError.missingParameter(param);
        }
        if (!v.isTextual()) {
            throw ProtocolError.invalidType(param, "a string", SessionConfig.nodeType(v));
        }
    }

    private ObjectNode event(String type) {
        ObjectNode e = F.objectNode();
        e.put("type", type);
        e.put("event_id", newId("event"));
        return e;
    }

    private ObjectNode outputEvent(String type, ActiveResponse r) {
        return event(type).put("response_id", r.id).put("output_index", 0);
    }

    private ObjectNode contentEvent(String type, ActiveResponse r) {
        return outputEvent(type, r).put("item_id", r.itemId).put("content_index", 0);
    }

    private void sendError(ProtocolError e, String clientEventId) {
        ObjectNode event = event("error");
        ObjectNode error = event.putObject("error");
        error.put("type", e.type());
        putNullable(error, "code", e.code());
        error.put("message", e.getMessage());
        putNullable(error, "param", e.param());
        putNullable(error, "event_id", clientEventId);
        send(event);
    }

    private void send(ObjectNode event) {
        if (server.emitUnknownEvents()) {
            // Fields a future release might add: a tolerant client ignores them.
            event.put("x_future_field", "ignored by tolerant clients");
        }
        sendRaw(event.toString());
    }

    private void sendRaw(String text) {
        if (!open) {
            return;
        }
        try {
            socket.send(text);
        } catch (WebsocketNotConnectedException e) {
            open = false;
        }
    }

    static String newId(String prefix) {
        return prefix + "_" + randomChars(21);
    }

    private static String randomChars(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ID_ALPHABET.charAt(java.util.concurrent.ThreadLocalRandom.current().nextInt(ID_ALPHABET.length())));
        }
        return sb.toString();
    }
}
