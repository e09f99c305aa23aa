package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /endpoints}: the PJSIP endpoints of {@code pjsip.conf} (by default the recorded project's {@code 1000}),
 * following {@code res/ari/resource_endpoints.c}. Technology names are case-sensitive ({@code pjsip} is
 * {@code 404 No Endpoints found - invalid tech pjsip}); an endpoint is {@code offline} (the fake has no
 * registering phones) and lists the live channels named after it ({@code PJSIP/1000-...}, the simulated phone's).
 * {@code sendMessage} and {@code refer} check the {@code variables} of the body first (string values only), then
 * {@code to}; a {@code pjsip:} destination reaches an endpoint only with an explicit URI
 * ({@code pjsip:1000/sip:...}) or a contact of its AORs (res_pjsip's messaging and refer), else
 * {@code 404 Endpoint not found}, as does any other technology. Nothing is sent.
 */
final class EndpointsResource {
    private static final String TECH = "PJSIP";

    private final Pbx pbx;
    private final ObjectMapper mapper;
    private final PjsipConfig pjsip;
    private final SorceryConfig sorcery;

    EndpointsResource(Pbx pbx, ObjectMapper mapper, PjsipConfig pjsip, SorceryConfig sorcery) {
        this.pbx = pbx;
        this.mapper = mapper;
        this.pjsip = pjsip;
        this.sorcery = sorcery;
    }

    /** Whether {@code tech/resource} is an endpoint ({@code ast_endpoint_latest_snapshot}). */
    boolean exists(String tech, String resource) {
        return TECH.equals(tech) && pjsip.ids("endpoint").contains(resource);
    }

    /** The endpoint named {@code tech/resource}, as its JSON, if it exists. */
    Optional<ObjectNode> find(String id) {
        int slash = id.indexOf('/');
        if (slash < 0 || !exists(id.substring(0, slash), id.substring(slash + 1))) {
            return Optional.empty();
        }
        return Optional.of(json(id.substring(slash + 1)));
    }

    private ObjectNode json(String resource) {
        ObjectNode o = mapper.createObjectNode();
        o.put("technology", TECH);
        o.put("resource", resource);
        o.put("state", "offline");
        ArrayNode ids = o.putArray("channel_ids");
        String prefix = TECH + "/" + resource + "-";
        pbx.liveChannels().stream().filter(c -> c.name.startsWith(prefix)).forEach(c -> ids.add(c.id));
        return o;
    }

    Reply route(String method, List<String> s, Map<String, String> q, JsonNode body) {
        if (s.size() == 1) {
            ArrayNode a = mapper.createArrayNode();
            pjsip.ids("endpoint").forEach(id -> a.add(json(id)));
            return Reply.ok(a);
        }
        if (s.size() == 2 && "sendMessage".equals(s.get(1))) {
            checkVariables(body);
            return send(q.get("to"));
        }
        if (s.size() == 2 && "refer".equals(s.get(1))) {
            checkVariables(body);
            return send(q.get("to"));
        }
        String tech = s.get(1);
        if (s.size() == 2) {
            if (!TECH.equals(tech)) {
                throw new AriError(404, "No Endpoints found - invalid tech " + tech);
            }
            ArrayNode a = mapper.createArrayNode();
            pjsip.ids("endpoint").forEach(id -> a.add(json(id)));
            return Reply.ok(a);
        }
        String resource = s.get(2);
        if (!exists(tech, resource)) {
            throw new AriError(404, "Endpoint not found");
        }
        if (s.size() == 3) {
            return Reply.ok(json(resource));
        }
        checkVariables(body);
        return send(tech.toLowerCase(Locale.ROOT) + ":" + resource);
    }

    /** {@code json_to_ast_variables}: every value of the {@code variables} object must be a string. */
    private static void checkVariables(JsonNode body) {
        JsonNode variables = body == null ? null : body.get("variables");
        if (variables != null && variables.isObject()) {
            variables.fields().forEachRemaining(f -> {
                if (!f.getValue().isTextual()) {
                    throw new AriError(400, "Only string values in the 'variables' object allowed");
                }
            });
        }
    }

    private Reply send(String to) {
        if (to == null || to.isEmpty()) {
            throw new AriError(400, "To must be specified");
        }
        int colon = to.indexOf(':');
        if (colon < 0 || !"pjsip".equalsIgnoreCase(to.substring(0, colon))) {
            throw new AriError(404, "Endpoint not found");
        }
        String rest = to.substring(colon + 1);
        int slash = rest.indexOf('/');
        String endpoint = slash < 0 ? rest : rest.substring(0, slash);
        if (!exists(TECH, endpoint)) {
            throw new AriError(404, "Endpoint not found");
        }
        if (slash < 0 && !hasContact(endpoint)) {
            throw new AriError(404, "Endpoint not found");
        }
        return new Reply(202, null, null, null); // Asterisk answers 202 with a JSON null body
    }

    private boolean hasContact(String endpoint) {
        String aors = pjsip.find("endpoint", endpoint).flatMap(o -> o.value("aors")).orElse("");
        for (String aor : SystemResources.list(aors)) {
            if (!sorcery.contactsOf(aor).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
