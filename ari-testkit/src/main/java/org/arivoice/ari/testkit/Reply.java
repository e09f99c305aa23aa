package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A REST reply: a status with a JSON body, no body, or binary content; {@code location} is the {@code Location}
 * header of a 201 (null for none).
 */
record Reply(int status, JsonNode json, byte[] binary, String contentType, String location) {
    Reply(int status, JsonNode json, byte[] binary, String contentType) {
        this(status, json, binary, contentType, null);
    }

    static Reply ok(JsonNode json) {
        return new Reply(200, json, null, null);
    }

    static Reply created(JsonNode json) {
        return new Reply(201, json, null, null);
    }

    /** A 201 with the {@code Location} of what it created, e.g. {@code /ari/playbacks/<id>}. */
    static Reply created(JsonNode json, String location) {
        return new Reply(201, json, null, null, location);
    }

    static Reply noContent() {
        return new Reply(204, null, null, null);
    }

    static Reply binary(byte[] data, String contentType) {
        return new Reply(200, null, data, contentType);
    }
}
