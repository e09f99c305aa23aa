package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ARI resources that are not calls: {@code /asterisk} (info, variables, modules, logging, sorcery config),
 * {@code /sounds}, {@code /endpoints}, {@code /deviceStates}, {@code /events} (user events and claim) and
 * {@code /applications}. Each request runs under the {@link Pbx} lock, so the events it causes leave in the
 * PBX's one global order. As in Asterisk's generated handlers ({@code res/res_ari_*.c}, the
 * {@code *_parse_body} functions), a JSON body's fields stand for query parameters and win over them.
 */
final class SystemResources {
    private final Pbx pbx;
    private final AsteriskResources asterisk;
    private final SorceryConfig sorcery;
    private final SoundsResource sounds;
    private final EndpointsResource endpoints;
    private final DeviceStates deviceStates;
    private final UserEvents userEvents;
    private final ApplicationResources applications;

    SystemResources(Pbx pbx, ObjectMapper mapper, String asteriskId, PjsipConfig pjsip, Set<String> soundNames) {
        this.pbx = pbx;
        this.sorcery = new SorceryConfig(mapper, pjsip);
        this.asterisk = new AsteriskResources(mapper, asteriskId);
        this.sounds = new SoundsResource(mapper, soundNames);
        this.endpoints = new EndpointsResource(pbx, mapper, pjsip, sorcery);
        this.deviceStates = new DeviceStates(pbx, mapper, endpoints);
        this.userEvents = new UserEvents(pbx, mapper, endpoints);
        this.applications = new ApplicationResources(pbx, mapper, endpoints);
    }

    /**
     * Answers a request for one of these resources.
     *
     * @return the reply, or null when the path is not one of them
     */
    Reply route(String method, List<String> s, Map<String, String> query, JsonNode body) {
        if (s.isEmpty()) {
            return null;
        }
        Map<String, String> q = params(query, body);
        synchronized (pbx) {
            switch (s.get(0)) {
                case "asterisk":
                    if (s.size() >= 2 && "config".equals(s.get(1))) {
                        return s.size() == 6 && "dynamic".equals(s.get(2))
                                ? sorcery.route(method, s.get(3), s.get(4), s.get(5), body) : null;
                    }
                    return asterisk.route(method, s, q);
                case "sounds":
                    return sounds.route(s, q);
                case "endpoints":
                    return endpoints.route(method, s, q, body);
                case "deviceStates":
                    return deviceStates.route(method, s, q);
                case "events":
                    return userEvents.route(s, q, body);
                case "applications":
                    return applications.route(method, s, q, body);
                default:
                    return null;
            }
        }
    }

    /** The query parameters with the body's top-level fields over them. */
    static Map<String, String> params(Map<String, String> query, JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>(query);
        if (body != null && body.isObject()) {
            body.fields().forEachRemaining(f -> {
                JsonNode v = f.getValue();
                if (v.isValueNode() && !v.isNull()) {
                    out.put(f.getKey(), v.asText());
                } else if (v.isArray()) {
                    StringBuilder joined = new StringBuilder();
                    v.forEach(x -> joined.append(joined.length() == 0 ? "" : ",").append(x.asText()));
                    out.put(f.getKey(), joined.toString());
                }
            });
        }
        return out;
    }

    /** A comma-separated list parameter: its non-empty items. */
    static List<String> list(String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
