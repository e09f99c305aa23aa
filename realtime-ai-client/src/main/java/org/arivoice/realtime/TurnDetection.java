package org.arivoice.realtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/**
 * Voice activity detection settings ({@code audio.input.turn_detection}): {@link #serverVad()} (silence
 * based) or {@link #semanticVad()} (the model decides when the user has finished). Immutable; every
 * {@code with}-style method returns a copy. Settings left unset are omitted so the server's defaults apply.
 * To disable turn detection altogether use {@link SessionConfig.Builder#noTurnDetection()}.
 *
 * <pre>{@code
 * TurnDetection vad = TurnDetection.serverVad().threshold(0.6).silenceDurationMs(500).idleTimeoutMs(10_000);
 * }</pre>
 */
public final class TurnDetection {
    /** Eagerness of semantic VAD: how quickly the model decides that the user has finished. */
    public enum Eagerness {
        /** Waits longest. */
        LOW,
        /** Balanced. */
        MEDIUM,
        /** Responds soonest. */
        HIGH,
        /** The server's choice (the default). */
        AUTO
    }

    private final boolean semantic;
    private final Double threshold;
    private final Integer prefixPaddingMs;
    private final Integer silenceDurationMs;
    private final Integer idleTimeoutMs;
    private final Boolean createResponse;
    private final Boolean interruptResponse;
    private final Eagerness eagerness;

    private TurnDetection(boolean semantic, Double threshold, Integer prefixPaddingMs, Integer silenceDurationMs,
            Integer idleTimeoutMs, Boolean createResponse, Boolean interruptResponse, Eagerness eagerness) {
        this.semantic = semantic;
        this.threshold = threshold;
        this.prefixPaddingMs = prefixPaddingMs;
        this.silenceDurationMs = silenceDurationMs;
        this.idleTimeoutMs = idleTimeoutMs;
        this.createResponse = createResponse;
        this.interruptResponse = interruptResponse;
        this.eagerness = eagerness;
    }

    /**
     * Server VAD ({@code type: server_vad}) with the server's defaults.
     *
     * @return the settings
     */
    public static TurnDetection serverVad() {
        return new TurnDetection(false, null, null, null, null, null, null, null);
    }

    /**
     * Semantic VAD ({@code type: semantic_vad}) with the server's defaults.
     *
     * @return the settings
     */
    public static TurnDetection semanticVad() {
        return new TurnDetection(true, null, null, null, null, null, null, null);
    }

    /**
     * Activation threshold of server VAD, 0.0 to 1.0 (higher needs louder audio).
     *
     * @param value the threshold
     * @return a copy with the threshold
     * @throws IllegalStateException for semantic VAD, which has no threshold
     */
    public TurnDetection threshold(double value) {
        requireServer("threshold");
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("VAD threshold must be between 0.0 and 1.0, got " + value);
        }
        return new TurnDetection(semantic, value, prefixPaddingMs, silenceDurationMs, idleTimeoutMs, createResponse,
                interruptResponse, eagerness);
    }

    /**
     * Audio kept before detected speech, in milliseconds (server VAD).
     *
     * @param ms the padding
     * @return a copy with the padding
     */
    public TurnDetection prefixPaddingMs(int ms) {
        requireServer("prefix_padding_ms");
        return new TurnDetection(semantic, threshold, nonNegative(ms, "prefixPaddingMs"), silenceDurationMs,
                idleTimeoutMs, createResponse, interruptResponse, eagerness);
    }

    /**
     * Silence that ends a turn, in milliseconds (server VAD).
     *
     * @param ms the silence duration
     * @return a copy with the duration
     */
    public TurnDetection silenceDurationMs(int ms) {
        requireServer("silence_duration_ms");
        return new TurnDetection(semantic, threshold, prefixPaddingMs, nonNegative(ms, "silenceDurationMs"),
                idleTimeoutMs, createResponse, interruptResponse, eagerness);
    }

    /**
     * Time without speech after which the server triggers {@code input_audio_buffer.timeout_triggered}
     * (server VAD; 5000 to 30000 ms).
     *
     * @param ms the idle timeout
     * @return a copy with the timeout
     */
    public TurnDetection idleTimeoutMs(int ms) {
        requireServer("idle_timeout_ms");
        if (ms < 5000 || ms > 30000) {
            throw new IllegalArgumentException("idle_timeout_ms must be between 5000 and 30000, got " + ms);
        }
        return new TurnDetection(semantic, threshold, prefixPaddingMs, silenceDurationMs, ms, createResponse,
                interruptResponse, eagerness);
    }

    /**
     * Whether the server creates a response automatically at the end of each user turn.
     *
     * @param value true to respond automatically (the server's default)
     * @return a copy with the setting
     */
    public TurnDetection createResponse(boolean value) {
        return new TurnDetection(semantic, threshold, prefixPaddingMs, silenceDurationMs, idleTimeoutMs, value,
                interruptResponse, eagerness);
    }

    /**
     * Whether speech from the user interrupts (cancels) the response in progress.
     *
     * @param value true to allow barge-in (the server's default)
     * @return a copy with the setting
     */
    public TurnDetection interruptResponse(boolean value) {
        return new TurnDetection(semantic, threshold, prefixPaddingMs, silenceDurationMs, idleTimeoutMs,
                createResponse, value, eagerness);
    }

    /**
     * Eagerness of semantic VAD.
     *
     * @param value the eagerness
     * @return a copy with the eagerness
     * @throws IllegalStateException for server VAD
     */
    public TurnDetection eagerness(Eagerness value) {
        if (!semantic) {
            throw new IllegalStateException("eagerness applies to semantic VAD only; use TurnDetection.semanticVad()");
        }
        return new TurnDetection(semantic, threshold, prefixPaddingMs, silenceDurationMs, idleTimeoutMs,
                createResponse, interruptResponse, Objects.requireNonNull(value, "eagerness"));
    }

    /**
     * Whether this is semantic VAD.
     *
     * @return true for {@code semantic_vad}, false for {@code server_vad}
     */
    public boolean isSemantic() {
        return semantic;
    }

    /**
     * The settings as the wire object.
     *
     * @return a new {@code turn_detection} object
     */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", semantic ? "semantic_vad" : "server_vad");
        if (threshold != null) {
            node.put("threshold", threshold);
        }
        if (prefixPaddingMs != null) {
            node.put("prefix_padding_ms", prefixPaddingMs);
        }
        if (silenceDurationMs != null) {
            node.put("silence_duration_ms", silenceDurationMs);
        }
        if (idleTimeoutMs != null) {
            node.put("idle_timeout_ms", idleTimeoutMs);
        }
        if (createResponse != null) {
            node.put("create_response", createResponse);
        }
        if (interruptResponse != null) {
            node.put("interrupt_response", interruptResponse);
        }
        if (eagerness != null) {
            node.put("eagerness", eagerness.name().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    @Override
    public String toString() {
        return "TurnDetection" + toJson();
    }

    private void requireServer(String field) {
        if (semantic) {
            throw new IllegalStateException(field + " applies to server VAD only; use TurnDetection.serverVad()");
        }
    }

    private static int nonNegative(int v, String name) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + v);
        }
        return v;
    }
}
