package org.arivoice.realtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.arivoice.realtime.event.ClientEvent;

/**
 * The configuration a session sends in its GA {@code session.update} ({@code RealtimeSessionCreateRequestGA},
 * always with {@code type: realtime}). Immutable; built with {@link #builder()}. Anything left unset is
 * omitted, so the server's default applies. The session sends it right after {@code session.created},
 * awaits {@code session.updated}, and sends it again after every reconnect.
 *
 * <pre>{@code
 * SessionConfig config = SessionConfig.builder()
 *         .instructions("You are the front desk of a dental practice. Be brief.")
 *         .inputFormat(AudioFormat.PCMU).outputFormat(AudioFormat.PCMU)
 *         .turnDetection(TurnDetection.semanticVad().eagerness(TurnDetection.Eagerness.HIGH))
 *         .inputTranscription("gpt-4o-mini-transcribe")
 *         .voice("marin")
 *         .tool(new Tool("book", "Books an appointment", schema, args -> book(args)))
 *         .build();
 * }</pre>
 */
public final class SessionConfig {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> MODALITIES = Set.of("audio", "text");
    private static final Set<String> TOOL_CHOICES = Set.of("auto", "none", "required");
    private static final Set<String> NOISE_REDUCTION = Set.of("near_field", "far_field");
    private static final Set<String> TRUNCATION = Set.of("auto", "disabled");

    private final String model;
    private final List<String> outputModalities;
    private final String instructions;
    private final AudioFormat inputFormat;
    private final AudioFormat outputFormat;
    private final boolean turnDetectionSet;
    private final TurnDetection turnDetection;
    private final ObjectNode transcription;
    private final String noiseReduction;
    private final String voice;
    private final Double speed;
    private final Map<String, Tool> tools;
    private final List<String> toolOrder;
    private final String toolChoice;
    private final String toolChoiceFunction;
    private final Integer maxOutputTokens;
    private final boolean tracingAuto;
    private final String truncation;

    private SessionConfig(Builder b) {
        this.model = b.model;
        this.outputModalities = b.outputModalities == null ? null : List.copyOf(b.outputModalities);
        this.instructions = b.instructions;
        this.inputFormat = b.inputFormat;
        this.outputFormat = b.outputFormat;
        this.turnDetectionSet = b.turnDetectionSet;
        this.turnDetection = b.turnDetection;
        this.transcription = b.transcription == null ? null : b.transcription.deepCopy();
        this.noiseReduction = b.noiseReduction;
        this.voice = b.voice;
        this.speed = b.speed;
        this.tools = Map.copyOf(b.tools);
        this.toolOrder = List.copyOf(b.tools.keySet());
        this.toolChoice = b.toolChoice;
        this.toolChoiceFunction = b.toolChoiceFunction;
        this.maxOutputTokens = b.maxOutputTokens;
        this.tracingAuto = b.tracingAuto;
        this.truncation = b.truncation;
    }

    /**
     * A new builder with nothing set.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A config that sets nothing beyond {@code type: realtime}.
     *
     * @return the empty config
     */
    public static SessionConfig defaults() {
        return builder().build();
    }

    /**
     * The output audio format the session will receive: the configured one, else the server's default
     * ({@link AudioFormat#PCM16_24K}).
     *
     * @return the output format
     */
    public AudioFormat outputFormat() {
        return outputFormat == null ? AudioFormat.PCM16_24K : outputFormat;
    }

    /**
     * The input audio format the server expects: the configured one, else {@link AudioFormat#PCM16_24K}.
     *
     * @return the input format
     */
    public AudioFormat inputFormat() {
        return inputFormat == null ? AudioFormat.PCM16_24K : inputFormat;
    }

    /**
     * Looks up a registered tool.
     *
     * @param name the function name
     * @return the tool, if registered
     */
    public Optional<Tool> tool(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /**
     * The registered tools, in registration order.
     *
     * @return an immutable list
     */
    public List<Tool> tools() {
        List<Tool> list = new ArrayList<>(toolOrder.size());
        for (String n : toolOrder) {
            list.add(tools.get(n));
        }
        return List.copyOf(list);
    }

    /**
     * A builder initialised with this config, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.outputModalities = outputModalities;
        b.instructions = instructions;
        b.inputFormat = inputFormat;
        b.outputFormat = outputFormat;
        b.turnDetectionSet = turnDetectionSet;
        b.turnDetection = turnDetection;
        b.transcription = transcription == null ? null : transcription.deepCopy();
        b.noiseReduction = noiseReduction;
        b.voice = voice;
        b.speed = speed;
        for (String n : toolOrder) {
            b.tools.put(n, tools.get(n));
        }
        b.toolChoice = toolChoice;
        b.toolChoiceFunction = toolChoiceFunction;
        b.maxOutputTokens = maxOutputTokens;
        b.tracingAuto = tracingAuto;
        b.truncation = truncation;
        return b;
    }

    /**
     * The {@code session} object of the {@code session.update}.
     *
     * @return a new JSON object
     */
    public ObjectNode toSessionJson() {
        ObjectNode s = NODES.objectNode();
        s.put("type", "realtime");
        if (model != null) {
            s.put("model", model);
        }
        if (outputModalities != null) {
            ArrayNode m = s.putArray("output_modalities");
            outputModalities.forEach(m::add);
        }
        if (instructions != null) {
            s.put("instructions", instructions);
        }
        ObjectNode input = NODES.objectNode();
        if (inputFormat != null) {
            input.set("format", formatJson(inputFormat));
        }
        if (transcription != null) {
            input.set("transcription", transcription.deepCopy());
        }
        if (noiseReduction != null) {
            input.putObject("noise_reduction").put("type", noiseReduction);
        }
        if (turnDetectionSet) {
            if (turnDetection == null) {
                input.putNull("turn_detection");
            } else {
                input.set("turn_detection", turnDetection.toJson());
            }
        }
        ObjectNode output = NODES.objectNode();
        if (outputFormat != null) {
            output.set("format", formatJson(outputFormat));
        }
        if (voice != null) {
            output.put("voice", voice);
        }
        if (speed != null) {
            output.put("speed", speed);
        }
        if (!input.isEmpty() || !output.isEmpty()) {
            ObjectNode audio = s.putObject("audio");
            if (!input.isEmpty()) {
                audio.set("input", input);
            }
            if (!output.isEmpty()) {
                audio.set("output", output);
            }
        }
        if (!toolOrder.isEmpty()) {
            ArrayNode t = s.putArray("tools");
            for (String n : toolOrder) {
                t.add(tools.get(n).toJson());
            }
        }
        if (toolChoiceFunction != null) {
            ObjectNode c = s.putObject("tool_choice");
            c.put("type", "function");
            c.put("name", toolChoiceFunction);
        } else if (toolChoice != null) {
            s.put("tool_choice", toolChoice);
        }
        if (maxOutputTokens != null) {
            if (maxOutputTokens == Integer.MAX_VALUE) {
                s.put("max_output_tokens", "inf");
            } else {
                s.put("max_output_tokens", maxOutputTokens);
            }
        }
        if (tracingAuto) {
            s.put("tracing", "auto");
        }
        if (truncation != null) {
            s.put("truncation", truncation);
        }
        return s;
    }

    /**
     * The whole {@code session.update} event.
     *
     * @param eventId the client event ID, or {@code null}
     * @return the event
     */
    public ClientEvent.SessionUpdate toEvent(String eventId) {
        return new ClientEvent.SessionUpdate(eventId, toSessionJson());
    }

    static ObjectNode formatJson(AudioFormat f) {
        ObjectNode node = NODES.objectNode();
        node.put("type", f.wireType());
        if (f == AudioFormat.PCM16_24K) {
            node.put("rate", f.sampleRate());
        }
        return node;
    }

    @Override
    public String toString() {
        return "SessionConfig" + toSessionJson();
    }

    /** Builds a {@link SessionConfig}. Not thread-safe. */
    public static final class Builder {
        private String model;
        private List<String> outputModalities;
        private String instructions;
        private AudioFormat inputFormat;
        private AudioFormat outputFormat;
        private boolean turnDetectionSet;
        private TurnDetection turnDetection;
        private ObjectNode transcription;
        private String noiseReduction;
        private String voice;
        private Double speed;
        private final Map<String, Tool> tools = new LinkedHashMap<>();
        private String toolChoice;
        private String toolChoiceFunction;
        private Integer maxOutputTokens;
        private boolean tracingAuto;
        private String truncation;

        private Builder() {
        }

        /**
         * The model (normally chosen by the connection URL; set it here only to switch).
         *
         * @param value e.g. {@code gpt-realtime}
         * @return this builder
         */
        public Builder model(String value) {
            this.model = requireText(value, "model");
            return this;
        }

        /**
         * The output modalities: {@code audio} (spoken, with a transcript) or {@code text}.
         *
         * @param values one or more of {@code audio}, {@code text}
         * @return this builder
         */
        public Builder outputModalities(String... values) {
            List<String> list = List.of(values);
            if (list.isEmpty()) {
                throw new IllegalArgumentException("Give at least one output modality: audio or text");
            }
            for (String v : list) {
                if (!MODALITIES.contains(v)) {
                    throw new IllegalArgumentException("Unknown output modality '" + v + "': use audio or text");
                }
            }
            this.outputModalities = list;
            return this;
        }

        /**
         * The system instructions for the model.
         *
         * @param value the instructions
         * @return this builder
         */
        public Builder instructions(String value) {
            this.instructions = Objects.requireNonNull(value, "instructions");
            return this;
        }

        /**
         * The format of the audio the client appends.
         *
         * @param value the input format
         * @return this builder
         */
        public Builder inputFormat(AudioFormat value) {
            this.inputFormat = Objects.requireNonNull(value, "inputFormat");
            return this;
        }

        /**
         * The format of the audio the model produces.
         *
         * @param value the output format
         * @return this builder
         */
        public Builder outputFormat(AudioFormat value) {
            this.outputFormat = Objects.requireNonNull(value, "outputFormat");
            return this;
        }

        /**
         * Sets both audio formats (G.711 end to end for telephony, for example).
         *
         * @param value the format in and out
         * @return this builder
         */
        public Builder audioFormat(AudioFormat value) {
            return inputFormat(value).outputFormat(value);
        }

        /**
         * Voice activity detection.
         *
         * @param value server or semantic VAD settings
         * @return this builder
         */
        public Builder turnDetection(TurnDetection value) {
            this.turnDetectionSet = true;
            this.turnDetection = Objects.requireNonNull(value, "turnDetection (use noTurnDetection() to disable)");
            return this;
        }

        /**
         * Disables turn detection ({@code turn_detection: null}): the client commits the buffer and asks for
         * responses itself.
         *
         * @return this builder
         */
        public Builder noTurnDetection() {
            this.turnDetectionSet = true;
            this.turnDetection = null;
            return this;
        }

        /**
         * Transcribes the caller's audio with the given model.
         *
         * @param transcriptionModel e.g. {@code gpt-4o-mini-transcribe} or {@code whisper-1}
         * @return this builder
         */
        public Builder inputTranscription(String transcriptionModel) {
            return inputTranscription(transcriptionModel, null, null);
        }

        /**
         * Transcribes the caller's audio with the given model, language and prompt.
         *
         * @param transcriptionModel the transcription model
         * @param language ISO-639-1 language such as {@code en}, or {@code null}
         * @param prompt guidance for the transcriber, or {@code null}
         * @return this builder
         */
        public Builder inputTranscription(String transcriptionModel, String language, String prompt) {
            ObjectNode t = NODES.objectNode();
            t.put("model", requireText(transcriptionModel, "transcription model"));
            if (language != null) {
                t.put("language", language);
            }
            if (prompt != null) {
                t.put("prompt", prompt);
            }
            this.transcription = t;
            return this;
        }

        /**
         * Input noise reduction.
         *
         * @param type {@code near_field} (headsets) or {@code far_field} (speakerphones)
         * @return this builder
         */
        public Builder noiseReduction(String type) {
            if (!NOISE_REDUCTION.contains(type)) {
                throw new IllegalArgumentException("Unknown noise reduction '" + type
                        + "': use near_field or far_field");
            }
            this.noiseReduction = type;
            return this;
        }

        /**
         * The output voice, e.g. {@code alloy}, {@code marin}, {@code cedar}.
         *
         * @param value the voice name
         * @return this builder
         */
        public Builder voice(String value) {
            this.voice = requireText(value, "voice");
            return this;
        }

        /**
         * The speaking speed, 0.25 to 1.5 (1.0 is normal).
         *
         * @param value the speed
         * @return this builder
         */
        public Builder speed(double value) {
            if (!(value >= 0.25 && value <= 1.5)) {
                throw new IllegalArgumentException("Speech speed must be between 0.25 and 1.5, got " + value);
            }
            this.speed = value;
            return this;
        }

        /**
         * Registers a function the model may call.
         *
         * @param tool the tool
         * @return this builder
         * @throws IllegalArgumentException if a tool of that name is already registered
         */
        public Builder tool(Tool tool) {
            Objects.requireNonNull(tool, "tool");
            if (tools.putIfAbsent(tool.name(), tool) != null) {
                throw new IllegalArgumentException("A tool named '" + tool.name() + "' is already registered");
            }
            return this;
        }

        /**
         * How the model chooses tools.
         *
         * @param value {@code auto}, {@code none} or {@code required}
         * @return this builder
         */
        public Builder toolChoice(String value) {
            if (!TOOL_CHOICES.contains(value)) {
                throw new IllegalArgumentException("Unknown tool choice '" + value + "': use auto, none or required");
            }
            this.toolChoice = value;
            this.toolChoiceFunction = null;
            return this;
        }

        /**
         * Forces the model to call one function.
         *
         * @param functionName the function's name
         * @return this builder
         */
        public Builder toolChoiceFunction(String functionName) {
            this.toolChoiceFunction = requireText(functionName, "functionName");
            this.toolChoice = null;
            return this;
        }

        /**
         * Limits the output tokens of each response.
         *
         * @param value 1 to 4096, or {@link Integer#MAX_VALUE} for {@code inf}
         * @return this builder
         */
        public Builder maxOutputTokens(int value) {
            if (value < 1 || (value > 4096 && value != Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("max_output_tokens must be 1 to 4096 (or Integer.MAX_VALUE for"
                        + " inf), got " + value);
            }
            this.maxOutputTokens = value;
            return this;
        }

        /**
         * Enables tracing with the default workflow name ({@code tracing: auto}).
         *
         * @return this builder
         */
        public Builder tracingAuto() {
            this.tracingAuto = true;
            return this;
        }

        /**
         * What the server does when the conversation outgrows the context window.
         *
         * @param value {@code auto} or {@code disabled}
         * @return this builder
         */
        public Builder truncation(String value) {
            if (!TRUNCATION.contains(value)) {
                throw new IllegalArgumentException("Unknown truncation '" + value + "': use auto or disabled");
            }
            this.truncation = value;
            return this;
        }

        /**
         * Builds the immutable config.
         *
         * @return the config
         */
        public SessionConfig build() {
            if (toolChoiceFunction != null && !tools.containsKey(toolChoiceFunction)) {
                throw new IllegalStateException("toolChoiceFunction names '" + toolChoiceFunction
                        + "', but no tool of that name is registered");
            }
            return new SessionConfig(this);
        }

        private static String requireText(String v, String what) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return v;
        }
    }
}
