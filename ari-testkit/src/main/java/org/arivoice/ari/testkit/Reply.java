package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/** A REST reply: a status with a JSON body, no body, or binary content. */
record Reply(int status, JsonNode json, byte[] binary, String contentType) {
    static Reply ok(JsonNode json) {
        return new Reply(200, json, null, null);
    }

    static Reply created(JsonNode json) {
        return new Reply(201, json, null, null);
    }

    static Reply noContent() {
        return new Reply(204, null, null, null);
    }

    static Reply binary(byte[] data, String contentType) {
        return new Reply(200, null, data, contentType);
    }
}
