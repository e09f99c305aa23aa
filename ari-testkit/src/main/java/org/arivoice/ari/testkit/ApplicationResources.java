package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /applications}: listing, subscriptions and event filters, following
 * {@code res/ari/resource_applications.c}, {@code app_handle_subscriptions} in {@code res/res_stasis.c} and the
 * event sources and filters of {@code res/stasis/app.c} and {@code res/res_stasis_device_state.c}.
 * <ul>
 *   <li>Event sources are handled in order and the first failure answers: an unknown scheme is {@code 400 Invalid
 *       event source URI scheme}, a channel, bridge or endpoint that does not exist {@code 422 Event source does
 *       not exist}, and unsubscribing from anything not subscribed {@code 422 Event source was not subscribed
 *       to}. A {@code deviceState:} source needs no existing device.</li>
 *   <li>The request body of {@code eventFilter} is the filter: {@code allowed} and {@code disallowed} arrays of
 *       {@code {"type": ...}}; an object without either key changes nothing, an empty object or no body clears
 *       both, anything malformed is {@code 400 Invalid format definition} (after {@code disallowed}, which is
 *       applied first, may already have changed).</li>
 * </ul>
 * Subscribing to an endpoint lists it in {@code endpoint_ids}; the fake sends no endpoint events.
 */
final class ApplicationResources {
    private final Pbx pbx;
    private final ObjectMapper mapper;
    private final EndpointsResource endpoints;

    ApplicationResources(Pbx pbx, ObjectMapper mapper, EndpointsResource endpoints) {
        this.pbx = pbx;
        this.mapper = mapper;
        this.endpoints = endpoints;
    }

    Reply route(String method, List<String> s, Map<String, String> q, JsonNode body) {
        if (s.size() == 1) {
            ArrayNode a = mapper.createArrayNode();
            pbx.applications().all().forEach(app -> a.add(json(app)));
            return Reply.ok(a);
        }
        StasisApp app = pbx.applications().app(s.get(1));
        if (s.size() == 3 && "subscription".equals(s.get(2))) {
            return subscription(app, q.get("eventSource"), "POST".equals(method));
        }
        if (app == null) {
            throw new AriError(404, "Application not found");
        }
        if (s.size() == 2) {
            return Reply.ok(json(app));
        }
        if (s.size() == 3 && "eventFilter".equals(s.get(2))) {
            if (setFilter(app, body, "disallowed") && setFilter(app, body, "allowed")) {
                return Reply.ok(json(app));
            }
            throw new AriError(400, "Invalid format definition");
        }
        return null;
    }

    /** {@code stasis_app_object_to_json}. */
    private ObjectNode json(StasisApp app) {
        ObjectNode o = mapper.createObjectNode();
        o.put("name", app.name);
        ArrayNode ch = o.putArray("channel_ids");
        pbx.liveChannels().stream().filter(c -> c.subscribers.contains(app.name)).forEach(c -> ch.add(c.id));
        ArrayNode br = o.putArray("bridge_ids");
        pbx.liveBridges().stream().filter(b -> b.subscribers.contains(app.name)).forEach(b -> br.add(b.id));
        ArrayNode ep = o.putArray("endpoint_ids");
        app.endpoints.forEach(ep::add);
        ArrayNode dev = o.putArray("device_names");
        app.devices.forEach(dev::add);
        o.set("events_allowed", app.eventsAllowed == null ? mapper.createArrayNode() : app.eventsAllowed.deepCopy());
        o.set("events_disallowed", app.eventsDisallowed == null ? mapper.createArrayNode()
                : app.eventsDisallowed.deepCopy());
        return o;
    }

    private Reply subscription(StasisApp app, String eventSource, boolean subscribe) {
        List<String> sources = SystemResources.list(eventSource);
        if (sources.isEmpty()) {
            throw new AriError(400, "Missing parameter eventSource");
        }
        if (app == null) {
            throw new AriError(404, "Application not found");
        }
        for (String uri : sources) {
            int colon = uri.indexOf(':');
            String scheme = colon < 0 ? "" : uri.substring(0, colon);
            String id = uri.substring(colon + 1);
            List<Set<String>> sets = new ArrayList<>();
            boolean exists;
            switch (scheme) {
                case "channel" -> {
                    SimChannel c = pbx.liveChannel(id);
                    exists = c != null;
                    sets.add(c == null ? new HashSet<>() : c.subscribers);
                    if (exists) {
                        sets.add(c.explicitSubscribers);
                    }
                }
                case "bridge" -> {
                    SimBridge b = pbx.liveBridge(id);
                    exists = b != null;
                    sets.add(b == null ? new HashSet<>() : b.subscribers);
                }
                case "endpoint" -> {
                    exists = endpoints.find(id).isPresent();
                    sets.add(app.endpoints);
                }
                case "deviceState" -> {
                    exists = true;
                    sets.add(app.devices);
                }
                default -> throw new AriError(400, "Invalid event source URI scheme");
            }
            // Channels and bridges keep the names of their subscribed applications; the application keeps its
            // endpoints and devices.
            String member = "endpoint".equals(scheme) || "deviceState".equals(scheme) ? id : app.name;
            if (subscribe) {
                if (!exists) {
                    throw new AriError(422, "Event source does not exist");
                }
                sets.forEach(set -> set.add(member));
            } else {
                if (!sets.get(0).contains(member)) {
                    throw new AriError(422, "Event source was not subscribed to");
                }
                sets.forEach(set -> set.remove(member));
            }
        }
        return Reply.ok(json(app));
    }

    /** {@code app_event_filter_set}: false when the filter is malformed. */
    private static boolean setFilter(StasisApp app, JsonNode body, String kind) {
        JsonNode filter = body;
        if (filter != null && filter.isObject()) {
            if (filter.isEmpty()) {
                filter = null;
            } else {
                filter = filter.get(kind);
                if (filter == null) {
                    return true; // a filter of the other kind only: this one is unchanged
                }
            }
        }
        if (filter != null && filter.isNull()) {
            filter = null;
        }
        if (filter != null) {
            if (!filter.isArray()) {
                return false;
            }
            for (JsonNode f : filter) {
                if (f.path("type").asText("").isEmpty() || !f.path("type").isTextual()) {
                    return false;
                }
            }
        }
        JsonNode value = filter == null ? null : filter.deepCopy();
        if ("allowed".equals(kind)) {
            app.eventsAllowed = value;
        } else {
            app.eventsDisallowed = value;
        }
        return true;
    }
}
