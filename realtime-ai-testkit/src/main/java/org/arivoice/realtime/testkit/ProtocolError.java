package org.arivoice.realtime.testkit;

/**
 * A client mistake that the fake answers with an {@code error} event (the socket stays open).
 *
 * <p>The {@code type}, {@code code} and {@code param} values follow what the OpenAI Realtime API sends; the
 * message texts are modelled on the real ones where they are known and are otherwise written in the same
 * style. Tests should assert on {@code code} and {@code param}, not on message texts.
 */
final class ProtocolError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final String code;
    private final String param;

    ProtocolError(String type, String code, String message, String param) {
        super(message, null, false, false);
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static ProtocolError invalidRequest(String code, String message, String param) {
        return new ProtocolError("invalid_request_error", code, message, param);
    }

    /** OpenAI's wording: {@code Unknown parameter: 'session.input_audio_format'.} */
    static ProtocolError unknownParameter(String param) {
        return invalidRequest("unknown_parameter", "Unknown parameter: '" + param + "'.", param);
    }

    /** OpenAI's wording: {@code Missing required parameter: 'session.type'.} */
    static ProtocolError missingParameter(String param) {
        return invalidRequest("missing_required_parameter", "Missing required parameter: '" + param + "'.", param);
    }

    /** OpenAI's wording: {@code Invalid value: 'x'. Supported values are: 'a' and 'b'.} */
    static ProtocolError invalidValue(String param, Object value, String supported) {
        return invalidRequest("invalid_value", "Invalid value: '" + value + "'. Supported values are: " + supported + ".",
                param);
    }

    /** For a value of the wrong JSON type: {@code Invalid type for 'session.instructions': expected a string, ...}. */
    static ProtocolError invalidType(String param, String expected, String actual) {
        return invalidRequest("invalid_type", "Invalid type for '" + param + "': expected " + expected
                + ", but got " + actual + " instead.", param);
    }

    /**
     * A number out of range, in OpenAI's wording and codes: {@code Invalid 'x': decimal above maximum value.
     * Expected a value <= 1.5, but got 2 instead.} with code {@code decimal_above_max_value} (or
     * {@code integer_below_min_value}, …). Returns {@code null} when the value is in range.
     */
    static ProtocolError outOfRange(String param, com.fasterxml.jackson.databind.JsonNode value, double min,
            double max) {
        boolean integer = value.isIntegralNumber();
        String kind = integer ? "integer" : "decimal";
        double v = value.asDouble();
        if (v < min) {
            return invalidRequest(kind + "_below_min_value", "Invalid '" + param + "': " + kind
                    + " below minimum value. Expected a value >= " + format(min) + ", but got " + value + " instead.",
                    param);
        }
        if (v > max) {
            return invalidRequest(kind + "_above_max_value", "Invalid '" + param + "': " + kind
                    + " above maximum value. Expected a value <= " + format(max) + ", but got " + value + " instead.",
                    param);
        }
        return null;
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    String type() {
        return type;
    }

    String code() {
        return code;
    }

    String param() {
        return param;
    }
}
