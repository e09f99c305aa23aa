package org.arivoice.ari.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.arivoice.ari.internal.json.AriJson;
import org.arivoice.ari.model.Recordings;
import org.junit.jupiter.api.Test;

/**
 * Every concrete event type of {@code events.json} has a record permitted by {@link AriEvent}, with a
 * component for every property (its own and those inherited from {@code Event} and {@code Message}).
 */
class EventCoverageTest {

    @Test
    void everyEventModelHasAPermittedRecord() throws Exception {
        JsonNode models = AriJson.mapper().readTree(Recordings.apiDocs().resolve("events.json").toFile())
                .get("models");
        List<String> eventTypes = new ArrayList<>();
        collectConcrete(models, "Event", eventTypes);

        Set<String> permitted = new HashSet<>();
        for (Class<?> c : AriEvent.class.getPermittedSubclasses()) {
            permitted.add(c.getSimpleName());
        }
        List<String> missing = new ArrayList<>();
        for (String type : eventTypes) {
            if (!permitted.contains(type)) {
                missing.add(type);
                continue;
            }
            Class<?> cls = Class.forName("org.arivoice.ari.event." + type);
            Set<String> jsonNames = new HashSet<>();
            for (RecordComponent rc : cls.getRecordComponents()) {
                jsonNames.add(rc.getAccessor().getAnnotation(JsonProperty.class).value());
            }
            for (String owner : List.of(type, "Event", "Message")) {
                for (Iterator<String> p = models.get(owner).get("properties").fieldNames(); p.hasNext(); ) {
                    String prop = p.next();
                    if (!jsonNames.contains(prop)) {
                        missing.add(type + "." + prop);
                    }
                }
            }
            assertThat(AriEvents.recordFor(type)).isEqualTo(cls);
        }
        long covered = eventTypes.stream().filter(permitted::contains).count();
        System.out.println("events covered " + covered + "/" + eventTypes.size());
        assertThat(missing).as("event types or properties without a record component").isEmpty();
        assertThat(AriEvents.knownTypes()).containsExactlyInAnyOrderElementsOf(eventTypes);
        assertThat(permitted).hasSize(eventTypes.size() + 1).contains("GenericEvent");
    }

    private static void collectConcrete(JsonNode models, String id, List<String> out) {
        for (JsonNode s : models.get(id).path("subTypes")) {
            JsonNode m = models.get(s.asText());
            if (m.has("subTypes")) {
                collectConcrete(models, s.asText(), out);
            } else {
                out.add(s.asText());
            }
        }
    }
}
