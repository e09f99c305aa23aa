package org.arivoice.realtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One message a client sent to the {@link FakeRealtimeServer}, as recorded on arrival.
 *
 * @param connection the connection it came on, numbered from 1 in the order connections opened
 * @param type the event's {@code type}, or an empty string when the message is not a JSON object with a type
 * @param json the parsed message, or {@code null} when it was not valid JSON
 * @param raw the message text exactly as received
 */
public record ReceivedEvent(int connection, String type, JsonNode json, String raw) {
    /**
     * Checks the fields.
     *
     * @param connection the connection number
     * @param type the type, not null
     * @param json the parsed message or null
     * @param raw the text, not null
     */
    public ReceivedEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raw, "raw");
    }
}
