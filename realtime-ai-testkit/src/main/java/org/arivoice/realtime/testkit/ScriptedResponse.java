package org.arivoice.realtime.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/**
 * One response of the fake "model", in the order given to
 * {@link FakeRealtimeServer.Builder#responses(ScriptedResponse...)}. Immutable.
 *
 * <ul>
 *   <li>{@link #message(String)}: an assistant message; sent as audio plus transcript when the session's
 *       {@code output_modalities} is {@code ["audio"]}, as text when it is {@code ["text"]};
 *   <li>{@link #functionCall(String, String)}: a function call the client must answer with a
 *       {@code function_call_output} item and a new {@code response.create};
 *   <li>{@link #failed(String, String)}: a response that ends with status {@code failed}.
 * </ul>
 */
public final class ScriptedResponse {
    /** What kind of output a scripted response produces. */
    public enum Kind {
        /** An assistant message (audio and transcript, or text). */
        MESSAGE,
        /** A function call. */
        FUNCTION_CALL,
        /** A response that fails. */
        FAILED
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Kind kind;
    private final String text;
    private final AudioSource audio;
    private final String functionName;
    private final String errorCode;

    private ScriptedResponse(Kind kind, String text, AudioSource audio, String functionName, String errorCode) {
        this.kind = kind;
        this.text = text;
        this.audio = audio;
        this.functionName = functionName;
        this.errorCode = errorCode;
    }

    /**
     * An assistant message spoken with the server's default {@link AudioSource}.
     *
     * @param transcript what the assistant says (the transcript, or the text in a text-only session)
     * @return the scripted response
     */
    public static ScriptedResponse message(String transcript) {
        return new ScriptedResponse(Kind.MESSAGE, requireText(transcript, "transcript"), null, null, null);
    }

    /**
     * An assistant message spoken with the given audio.
     *
     * @param transcript what the assistant says
     * @param audio the audio sent for it
     * @return the scripted response
     */
    public static ScriptedResponse message(String transcript, AudioSource audio) {
        return new ScriptedResponse(Kind.MESSAGE, requireText(transcript, "transcript"),
                Objects.requireNonNull(audio, "audio"), null, null);
    }

    /**
     * A function call.
     *
     * @param name the function name, as registered by the client in {@code session.tools}
     * @param argumentsJson the arguments, a JSON object as text (for example {@code {"city":"Paris"}})
     * @return the scripted response
     * @throws IllegalArgumentException if the arguments are not a JSON object
     */
    public static ScriptedResponse functionCall(String name, String argumentsJson) {
        requireText(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        try {
            if (!JSON.readTree(argumentsJson).isObject()) {
                throw new IllegalArgumentException("Function call arguments must be a JSON object, not: " + argumentsJson);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Function call arguments are not valid JSON: " + argumentsJson, e);
        }
        return new ScriptedResponse(Kind.FUNCTION_CALL, argumentsJson, null, name, null);
    }

    /**
     * A response that ends with {@code response.done} status {@code failed}.
     *
     * @param code the error code in {@code status_details.error.code}, such as {@code server_error}
     * @param message a description kept for the test's own messages (the protocol has no field for it)
     * @return the scripted response
     */
    public static ScriptedResponse failed(String code, String message) {
        return new ScriptedResponse(Kind.FAILED, requireText(message, "message"), null, null,
                requireText(code, "code"));
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " of a scripted response must not be blank");
        }
        return value;
    }

    /**
     * The kind of response.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The transcript (message), the arguments JSON (function call) or the description (failed).
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * The audio of a message, when one was given.
     *
     * @return the audio, or empty to use the server's default
     */
    public Optional<AudioSource> audio() {
        return Optional.ofNullable(audio);
    }

    /**
     * The function name of a function call.
     *
     * @return the name, or empty for other kinds
     */
    public Optional<String> functionName() {
        return Optional.ofNullable(functionName);
    }

    /**
     * The error code of a failed response.
     *
     * @return the code, or empty for other kinds
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * Describes the response for test messages.
     *
     * @return the kind and text
     */
    @Override
    public String toString() {
        return "ScriptedResponse[" + kind + (functionName != null ? " " + functionName : "") + ": " + text + "]";
    }
}
