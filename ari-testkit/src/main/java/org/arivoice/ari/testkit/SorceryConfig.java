package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /asterisk/config/dynamic/{configClass}/{objectType}/{id}}: the sorcery objects of {@code res_pjsip}, as
 * {@code res/ari/resource_asterisk.c} reads, creates, updates and deletes them through {@code main/sorcery.c}.
 * The types simulated are those the recordings show: {@code endpoint} and {@code aor}, which come from
 * {@code pjsip.conf} through the read-only config wizard (so update, create and delete are 403), and
 * {@code contact}, which lives in the astdb and supports the full cycle. Other classes and types answer as when
 * they are not registered. An object lists every field of its type with its default ({@code pjsip-sorcery.tsv})
 * unless set; a value is checked against the kind of the field's default (integer, decimal, boolean), and a
 * field the type does not have fails validation, as {@code ast_sorcery_objectset_apply} does.
 */
final class SorceryConfig {
    private static final Set<String> BOOLEAN_TEXT = Set.of("yes", "no", "true", "false", "on", "off", "1", "0", "y",
            "n", "t", "f");

    private final ObjectMapper mapper;
    private final PjsipConfig pjsip;
    /** Field defaults by type, in listing order. */
    private final Map<String, Map<String, String>> fields = new LinkedHashMap<>();
    /** The astdb-backed contacts by id: their set fields. */
    private final Map<String, Map<String, String>> contacts = new LinkedHashMap<>();

    SorceryConfig(ObjectMapper mapper, PjsipConfig pjsip) {
        this.mapper = mapper;
        this.pjsip = pjsip;
        try (InputStream in = SorceryConfig.class.getResourceAsStream("pjsip-sorcery.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.split("\t", 3);
                    fields.computeIfAbsent(f[0], t -> new LinkedHashMap<>()).put(f[1], f.length > 2 ? f[2] : "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the contacts stored for an AOR ({@code <aor>;@<hash>} ids, as res_pjsip names them). */
    List<String> contactsOf(String aor) {
        return contacts.keySet().stream().filter(id -> id.startsWith(aor + ";@")).toList();
    }

    Reply route(String method, String configClass, String type, String id, JsonNode body) {
        if (!"res_pjsip".equals(configClass)) {
            throw new AriError(404, "configClass '" + configClass + "' not found");
        }
        if (!fields.containsKey(type)) {
            throw new AriError(404, "objectType '" + type + "' not found");
        }
        Map<String, String> existing = retrieve(type, id);
        switch (method) {
            case "GET":
                if (existing == null) {
                    throw notFound(id);
                }
                return Reply.ok(json(type, existing));
            case "DELETE":
                if (existing == null) {
                    throw notFound(id);
                }
                if (!"contact".equals(type)) {
                    throw new AriError(403, "Could not delete object with id '" + id + "'");
                }
                contacts.remove(id);
                return Reply.noContent();
            default:
                return update(type, id, existing, body);
        }
    }

    private static AriError notFound(String id) {
        return new AriError(404, "Object with id '" + id + "' not found");
    }

    /** The object's set fields, or null when there is no such object. */
    private Map<String, String> retrieve(String type, String id) {
        if ("contact".equals(type)) {
            return contacts.get(id);
        }
        return pjsip.find(type, id).map(o -> {
            Map<String, String> set = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : o.settings()) {
                if ("allow".equals(e.getKey()) && set.containsKey("allow")) {
                    set.put("allow", set.get("allow") + "|" + e.getValue());
                } else {
                    set.put(e.getKey(), e.getValue());
                }
            }
            return set;
        }).orElse(null);
    }

    private Reply update(String type, String id, Map<String, String> existing, JsonNode body) {
        JsonNode list = body == null ? null : body.get("fields");
        if (list == null && existing != null) {
            throw new AriError(400, "Fields must be provided to update object '" + id + "'");
        }
        Map<String, String> updated = new LinkedHashMap<>(existing == null ? Map.of() : existing);
        List<String[]> changes = new ArrayList<>();
        if (list != null) {
            for (JsonNode f : list) {
                changes.add(new String[] {f.path("attribute").asText(""), f.path("value").asText("")});
            }
        }
        Map<String, String> defaults = fields.get(type);
        for (String[] c : changes) {
            if (!defaults.containsKey(c[0]) || !valid(defaults.get(c[0]), c[1])) {
                throw new AriError(400, (existing == null ? "Creation" : "Update") + " of object '" + id
                        + "' failed field value validation");
            }
            updated.put(c[0], c[1]);
        }
        if (!"contact".equals(type)) {
            throw new AriError(403, "Cannot " + (existing == null ? "create" : "update") + " sorcery objects of type '"
                    + type + "'");
        }
        contacts.put(id, updated);
        return Reply.ok(json(type, updated));
    }

    /** Whether a value suits the kind of field the default shows. */
    private static boolean valid(String defaultValue, String value) {
        if (defaultValue.matches("-?\\d+")) {
            return value.trim().matches("-?\\d+");
        }
        if (defaultValue.matches("-?\\d+\\.\\d+")) {
            return value.trim().matches("-?\\d+(\\.\\d+)?");
        }
        if (defaultValue.equals("true") || defaultValue.equals("false")) {
            return BOOLEAN_TEXT.contains(value.trim().toLowerCase(java.util.Locale.ROOT));
        }
        return true;
    }

    private ArrayNode json(String type, Map<String, String> set) {
        ArrayNode a = mapper.createArrayNode();
        fields.get(type).forEach((attribute, defaultValue) -> {
            String value = set.getOrDefault(attribute, defaultValue);
            if ("allow".equals(attribute) && set.containsKey(attribute)) {
                value = "(" + value.replace(",", "|") + ")";
            } else if ((defaultValue.equals("true") || defaultValue.equals("false")) && set.containsKey(attribute)) {
                String v = value.trim().toLowerCase(java.util.Locale.ROOT);
                value = Set.of("yes", "true", "on", "1", "y", "t").contains(v) ? "true" : "false";
            }
            a.addObject().put("attribute", attribute).put("value", value);
        });
        return a;
    }
}
