package org.arivoice.realtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The GA session object: its defaults, the validation of {@code session.update} and the merge of an update.
 *
 * <p>Fields that the real API reports as {@code null} but whose schema does not allow null
 * ({@code transcription}, {@code noise_reduction}, {@code include}) are left out while unset, so that every
 * {@code session.created} / {@code session.updated} validates against the published schema.
 */
final class SessionConfig {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Root fields of {@code RealtimeSessionCreateRequestGA}. Anything else (the beta shape) is unknown. */
    private static final Set<String> ROOT_FIELDS = Set.of("type", "output_modalities", "model", "instructions",
            "audio", "include", "tracing", "tools", "tool_choice", "parallel_tool_calls", "reasoning",
            "max_output_tokens", "truncation", "prompt");
    private static final Set<String> AUDIO_FIELDS = Set.of("input", "output");
    private static final Set<String> INPUT_FIELDS = Set.of("format", "transcription", "noise_reduction",
            "turn_detection");
    private static final Set<String> OUTPUT_FIELDS = Set.of("format", "voice", "speed");
    private static final Set<String> SERVER_VAD_FIELDS = Set.of("type", "threshold", "prefix_padding_ms",
            "silence_duration_ms", "create_response", "interrupt_response", "idle_timeout_ms");
    private static final Set<String> SEMANTIC_VAD_FIELDS = Set.of("type", "eagerness", "create_response",
            "interrupt_response");

    private SessionConfig() {
    }

    static ObjectNode defaults(String id, String model, String voice, long expiresAtEpochSeconds) {
        ObjectNode s = F.objectNode();
        s.put("type", "realtime");
        s.put("object", "realtime.session");
        s.put("id", id);
        s.put("model", model);
        s.putArray("output_modalities").add("audio");
        s.put("instructions", "You are a helpful, witty, and friendly AI. (FakeRealtimeServer default instructions.)");
        s.putArray("tools");
        s.put("tool_choice", "auto");
        s.put("max_output_tokens", "inf");
        s.putNull("tracing");
        s.put("truncation", "auto");
        s.putNull("prompt");
        s.put("expires_at", expiresAtEpochSeconds);
        ObjectNode audio = s.putObject("audio");
        ObjectNode input = audio.putObject("input");
        input.set("format", AudioFormat.PCM16.toJson());
        input.set("turn_detection", turnDetectionDefaults("server_vad"));
        ObjectNode output = audio.putObject("output");
        output.set("format", AudioFormat.PCM16.toJson());
        output.put("voice", voice);
        output.put("speed", 1.0);
        return s;
    }

    static ObjectNode turnDetectionDefaults(String type) {
        ObjectNode td = F.objectNode();
        td.put("type", type);
        if ("server_vad".equals(type)) {
            td.put("threshold", 0.5);
            td.put("prefix_padding_ms", 300);
            td.put("silence_duration_ms", 200);
            td.putNull("idle_timeout_ms");
        } else {
            td.put("eagerness", "auto");
        }
        td.put("create_response", true);
        td.put("interrupt_response", true);
        return td;
    }

    /**
     * Validates {@code update} (the {@code session} of a {@code session.update}) and merges it into
     * {@code session}; on error the session is left untouched.
     */
    static void validateAndMerge(ObjectNode session, JsonNode update, boolean assistantAudioPresent)
            throws ProtocolError {
        if (update == null || update.isMissingNode() || update.isNull()) {
            throw ProtocolError.missingParameter("session");
        }
        if (!update.isObject()) {
            throw ProtocolError.invalidType("session", "an object", nodeType(update));
        }
        checkKnown(update, ROOT_FIELDS, "session");
        JsonNode type = update.get("type");
        if (type == null || type.isNull()) {
            throw ProtocolError.missingParameter("session.type");
        }
        if (!"realtime".equals(type.asText())) {
            throw ProtocolError.invalidValue("session.type", type.asText(),
                    "'realtime' (a realtime session cannot become a transcription session)");
        }
        validateModalities(update.get("output_modalities"), "session.output_modalities");
        requireString(update, "instructions", "session.instructions");
        requireString(update, "model", "session.model");
        validateMaxOutputTokens(update.get("max_output_tokens"), "session.max_output_tokens");
        validateTools(update.get("tools"));
        validateToolChoice(update.get("tool_choice"));
        JsonNode audio = update.get("audio");
        ObjectNode turnDetection = null;
        boolean replaceTurnDetection = false;
        if (audio != null) {
            requireObject(audio, "session.audio");
            checkKnown(audio, AUDIO_FIELDS, "session.audio");
            JsonNode input = audio.get("input");
            if (input != null) {
                requireObject(input, "session.audio.input");
                checkKnown(input, INPUT_FIELDS, "session.audio.input");
                validateFormat(input.get("format"), "session.audio.input.format");
                JsonNode transcription = input.get("transcription");
                if (transcription != null && !transcription.isNull()) {
                    requireObject(transcription, "session.audio.input.transcription");
                    requireString(transcription, "model", "session.audio.input.transcription.model");
                }
                JsonNode noise = input.get("noise_reduction");
                if (noise != null && !noise.isNull()) {
                    requireObject(noise, "session.audio.input.noise_reduction");
                    JsonNode nr = noise.get("type");
                    if (nr == null || !(nr.asText().equals("near_field") || nr.asText().equals("far_field"))) {
                        throw ProtocolError.invalidValue("session.audio.input.noise_reduction.type",
                                nr == null ? null : nr.asText(), "'near_field' and 'far_field'");
                    }
                }
                if (input.has("turn_detection")) {
                    replaceTurnDetection = true;
                    turnDetection = validateTurnDetection(input.get("turn_detection"),
                            session.path("audio").path("input").get("turn_detection"));
                }
            }
            JsonNode output = audio.get("output");
            if (output != null) {
                requireObject(output, "session.audio.output");
                checkKnown(output, OUTPUT_FIELDS, "session.audio.output");
                validateFormat(output.get("format"), "session.audio.output.format");
                JsonNode voice = output.get("voice");
                if (voice != null) {
                    if (!voice.isTextual() && !voice.isObject()) {
                        throw ProtocolError.invalidType("session.audio.output.voice", "a string", nodeType(voice));
                    }
                    String current = session.path("audio").path("output").path("voice").asText();
                    if (assistantAudioPresent && !voice.equals(session.path("audio").path("output").path("voice"))
                            && !current.isEmpty()) {
                        // OpenAI's wording for this case.
                        throw ProtocolError.invalidRequest("cannot_update_voice",
                                "Cannot update a conversation's voice if assistant audio is present.",
                                "session.audio.output.voice");
                    }
                }
                JsonNode speed = output.get("speed");
                if (speed != null) {
                    requireNumberInRange(speed, "session.audio.output.speed", 0.25, 1.5);
                }
            }
        }
        // Everything is valid: merge.
        ObjectNode copy = update.deepCopy();
        JsonNode inputCopy = copy.path("audio").path("input");
        if (inputCopy.isObject()) {
            ((ObjectNode) inputCopy).remove("turn_detection");
        }
        deepMerge(session, copy);
        ObjectNode sessionInput = (ObjectNode) session.path("audio").path("input");
        if (replaceTurnDetection) {
            sessionInput.set("turn_detection", turnDetection == null ? F.nullNode() : turnDetection);
        }
        // A null for an object the response schema does not let be null means "unset": drop it.
        for (String field : new String[] {"transcription", "noise_reduction"}) {
            if (sessionInput.has(field) && sessionInput.get(field).isNull()) {
                sessionInput.remove(field);
            }
        }
        if (session.has("include") && session.get("include").isNull()) {
            session.remove("include");
        }
    }

    private static ObjectNode validateTurnDetection(JsonNode td, JsonNode current) throws ProtocolError {
        String p = "session.audio.input.turn_detection";
        if (td == null || td.isNull()) {
            return null;
        }
        requireObject(td, p);
        JsonNode typeNode = td.get("type");
        if (typeNode == null) {
            throw ProtocolError.missingParameter(p + ".type");
        }
        String type = typeNode.asText();
        if (!type.equals("server_vad") && !type.equals("semantic_vad")) {
            throw ProtocolError.invalidValue(p + ".type", type, "'server_vad' and 'semantic_vad'");
        }
        checkKnown(td, type.equals("server_vad") ? SERVER_VAD_FIELDS : SEMANTIC_VAD_FIELDS, p);
        JsonNode threshold = td.get("threshold");
        if (threshold != null) {
            requireNumberInRange(threshold, p + ".threshold", 0, 1);
        }
        for (String ms : new String[] {"prefix_padding_ms", "silence_duration_ms"}) {
            JsonNode v = td.get(ms);
            if (v != null && !(v.isIntegralNumber() && v.asLong() >= 0)) {
                throw ProtocolError.invalidType(p + "." + ms, "a non-negative integer", nodeType(v));
            }
        }
        JsonNode idle = td.get("idle_timeout_ms");
        if (idle != null && !idle.isNull()) {
            if (!idle.isIntegralNumber()) {
                throw ProtocolError.invalidType(p + ".idle_timeout_ms", "an integer", nodeType(idle));
            }
            requireNumberInRange(idle, p + ".idle_timeout_ms", 5000, 30000);
        }
        for (String flag : new String[] {"create_response", "interrupt_response"}) {
            JsonNode v = td.get(flag);
            if (v != null && !v.isBoolean()) {
                throw ProtocolError.invalidType(p + "." + flag, "a boolean", nodeType(v));
            }
        }
        JsonNode eagerness = td.get("eagerness");
        if (eagerness != null && !Set.of("low", "medium", "high", "auto").contains(eagerness.asText())) {
            throw ProtocolError.invalidValue(p + ".eagerness", eagerness.asText(),
                    "'low', 'medium', 'high', and 'auto'");
        }
        ObjectNode merged = current != null && current.isObject() && type.equals(current.path("type").asText())
                ? ((ObjectNode) current).deepCopy()
                : turnDetectionDefaults(type);
        merged.setAll((ObjectNode) td);
        return merged;
    }

    private static void validateFormat(JsonNode format, String p) throws ProtocolError {
        if (format == null) {
            return;
        }
        requireObject(format, p);
        JsonNode type = format.get("type");
        if (type == null) {
            throw ProtocolError.missingParameter(p + ".type");
        }
        switch (type.asText()) {
            case "audio/pcm" -> {
                JsonNode rate = format.get("rate");
                if (rate == null) {
                    throw ProtocolError.missingParameter(p + ".rate");
                }
                if (rate.asInt() != 24000 || !rate.isIntegralNumber()) {
                    throw ProtocolError.invalidValue(p + ".rate", rate.asText(), "24000");
                }
            }
            case "audio/pcmu", "audio/pcma" -> {
                // no parameters
            }
            default -> throw ProtocolError.invalidValue(p + ".type", type.asText(),
                    "'audio/pcm', 'audio/pcmu', and 'audio/pcma'");
        }
    }

    static void validateModalities(JsonNode modalities, String p) throws ProtocolError {
        if (modalities == null) {
            return;
        }
        if (!modalities.isArray()) {
            throw ProtocolError.invalidType(p, "an array", nodeType(modalities));
        }
        if (modalities.size() != 1 || !(modalities.get(0).asText().equals("audio")
                || modalities.get(0).asText().equals("text"))) {
            // OpenAI's wording for ["audio", "text"] in the GA protocol.
            throw ProtocolError.invalidRequest("invalid_value", "Invalid modalities: " + modalities
                    + ". Supported combinations are: ['text'] and ['audio'].", p);
        }
    }

    static void validateMaxOutputTokens(JsonNode v, String p) throws ProtocolError {
        if (v == null) {
            return;
        }
        if (v.isTextual()) {
            if (!v.asText().equals("inf")) {
                throw ProtocolError.invalidValue(p, v.asText(), "an integer or 'inf'");
            }
            return;
        }
        if (!v.isIntegralNumber()) {
            throw ProtocolError.invalidType(p, "an integer or 'inf'", nodeType(v));
        }
        requireNumberInRange(v, p, 1, 4096);
    }

    private static void requireNumberInRange(JsonNode v, String p, double min, double max) throws ProtocolError {
        if (!v.isNumber()) {
            throw ProtocolError.invalidType(p, "a number", nodeType(v));
        }
        ProtocolError error = ProtocolError.outOfRange(p, v, min, max);
        if (error != null) {
            throw error;
        }
    }

    private static void validateTools(JsonNode tools) throws ProtocolError {
        if (tools == null) {
            return;
        }
        if (!tools.isArray()) {
            throw ProtocolError.invalidType("session.tools", "an array", nodeType(tools));
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String p = "session.tools[" + i + "]";
            requireObject(tool, p);
            String type = tool.path("type").asText("function");
            if (type.equals("function")) {
                if (!tool.path("name").isTextual() || tool.path("name").asText().isBlank()) {
                    throw ProtocolError.missingParameter(p + ".name");
                }
                JsonNode params = tool.get("parameters");
                if (params != null && !params.isObject()) {
                    throw ProtocolError.invalidType(p + ".parameters", "an object", nodeType(params));
                }
            } else if (!type.equals("mcp")) {
                throw ProtocolError.invalidValue(p + ".type", type, "'function' and 'mcp'");
            }
        }
    }

    private static void validateToolChoice(JsonNode choice) throws ProtocolError {
        if (choice == null) {
            return;
        }
        if (choice.isTextual()) {
            if (!Set.of("none", "auto", "required").contains(choice.asText())) {
                throw ProtocolError.invalidValue("session.tool_choice", choice.asText(), "'none', 'auto', and 'required'");
            }
        } else if (!choice.isObject()) {
            throw ProtocolError.invalidType("session.tool_choice", "a string or an object", nodeType(choice));
        }
    }

    private static void checkKnown(JsonNode node, Set<String> known, String prefix) throws ProtocolError {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ProtocolError.unknownParameter(prefix + "." + name);
            }
        }
    }

    private static void requireObject(JsonNode node, String p) throws ProtocolError {
        if (!node.isObject()) {
            throw ProtocolError.invalidType(p, "an object", nodeType(node));
        }
    }

    private static void requireString(JsonNode parent, String field, String p) throws ProtocolError {
        JsonNode v = parent.get(field);
        if (v != null && !v.isTextual()) {
            throw ProtocolError.invalidType(p, "a string", nodeType(v));
        }
    }

    static String nodeType(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            default -> "a string";
        };
    }

    private static void deepMerge(ObjectNode target, ObjectNode update) {
        for (Map.Entry<String, JsonNode> e : update.properties()) {
            JsonNode existing = target.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()
                    && !e.getKey().equals("format")) {
                deepMerge((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }
}
