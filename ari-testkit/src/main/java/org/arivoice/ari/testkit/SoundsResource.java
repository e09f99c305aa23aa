package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /sounds} and {@code /sounds/{soundId}}, following {@code res/ari/resource_sounds.c}: the fake's sounds
 * (its defaults and {@code FakeAsterisk.Builder#sound}) are each one file in language {@code en} and format
 * {@code slin}, as every sound of the recorded Asterisk was listed; a {@code lang} or {@code format} filter that
 * leaves nothing is {@code 404 No sounds found that matched the query}. A sound has no {@code text}: the recorded
 * index had no descriptions.
 */
final class SoundsResource {
    private static final String LANGUAGE = "en";
    private static final String FORMAT = "slin";

    private final ObjectMapper mapper;
    private final List<String> names;

    SoundsResource(ObjectMapper mapper, Set<String> names) {
        this.mapper = mapper;
        this.names = List.copyOf(names);
    }

    Reply route(List<String> s, Map<String, String> q) {
        if (s.size() == 1) {
            ArrayNode a = mapper.createArrayNode();
            for (String name : names) {
                ObjectNode sound = sound(name, q.get("lang"), q.get("format"));
                if (sound != null) {
                    a.add(sound);
                }
            }
            if (a.isEmpty()) {
                throw new AriError(404, "No sounds found that matched the query");
            }
            return Reply.ok(a);
        }
        if (s.size() == 2) {
            ObjectNode sound = names.contains(s.get(1)) ? sound(s.get(1), null, null) : null;
            if (sound == null) {
                throw new AriError(404, "Sound not found");
            }
            return Reply.ok(sound);
        }
        return null;
    }

    /** {@code create_sound_blob}: the sound with its language/format pairs, or null when a filter leaves none. */
    private ObjectNode sound(String name, String lang, String format) {
        if (lang != null && !lang.isEmpty() && !lang.equals(LANGUAGE)
                || format != null && !format.isEmpty() && !format.equals(FORMAT)) {
            return null;
        }
        ObjectNode o = mapper.createObjectNode();
        o.put("id", name);
        o.putArray("formats").addObject().put("language", LANGUAGE).put("format", FORMAT);
        return o;
    }
}
