package org.arivoice.ari.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.arivoice.ari.internal.json.AriJson;
import org.junit.jupiter.api.Test;

/**
 * Every non-event model of the ARI spec has a record in this package with a component for each property.
 */
class ModelCoverageTest {

    @Test
    void everySpecModelHasARecordWithEveryProperty() throws Exception {
        Path apiDocs = Recordings.apiDocs();
        JsonNode events = AriJson.mapper().readTree(apiDocs.resolve("events.json").toFile()).get("models");
        Set<String> eventTypes = new HashSet<>();
        collectSubTypes(events, "Event", eventTypes);
        eventTypes.add("Event");
        eventTypes.add("Message");

        List<String> missing = new ArrayList<>();
        int total = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(apiDocs)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode models = AriJson.mapper().readTree(file.toFile()).get("models");
            for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> model = it.next();
                if (eventTypes.contains(model.getKey())) {
                    continue;
                }
                total++;
                Class<?> cls;
                try {
                    cls = Class.forName("org.arivoice.ari.model." + model.getKey());
                } catch (ClassNotFoundException e) {
                    missing.add(model.getKey());
                    continue;
                }
                assertThat(cls.isRecord()).as(model.getKey() + " is a record").isTrue();
                assertThat(cls.getAnnotation(JsonIgnoreProperties.class).ignoreUnknown()).isTrue();
                Set<String> jsonNames = new HashSet<>();
                for (RecordComponent rc : cls.getRecordComponents()) {
                    jsonNames.add(rc.getAccessor().getAnnotation(JsonProperty.class).value());
                }
                for (Iterator<String> p = model.getValue().get("properties").fieldNames(); p.hasNext(); ) {
                    String prop = p.next();
                    if (!jsonNames.contains(prop)) {
                        missing.add(model.getKey() + "." + prop);
                    }
                }
            }
        }
        System.out.println("models covered " + (total - missing.stream().filter(m -> !m.contains(".")).count())
                + "/" + total);
        assertThat(missing).as("models or properties without a record component").isEmpty();
        assertThat(total).isEqualTo(38);
    }

    private static void collectSubTypes(JsonNode models, String id, Set<String> out) {
        JsonNode subs = models.get(id).get("subTypes");
        if (subs == null) {
            return;
        }
        for (JsonNode s : subs) {
            out.add(s.asText());
            if (models.has(s.asText())) {
                collectSubTypes(models, s.asText(), out);
            }
        }
    }
}
