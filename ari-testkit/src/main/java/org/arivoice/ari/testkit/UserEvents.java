package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /events/user/{eventName}} and {@code POST /events/claim}, following
 * {@code res/ari/resource_events.c} and {@code stasis_app_user_event} in {@code res/res_stasis.c}: a user event
 * goes to its one application only (through that application's event filter) as {@code ChannelUserevent}, with
 * the body's {@code variables} object and the event name under {@code userevent}, and the snapshots of its
 * {@code source}s ({@code channel:}, {@code bridge:}, {@code endpoint:}) under {@code channel}, {@code bridge} and
 * {@code endpoint}. No channel of the fake is ever in the broadcast state ({@code StasisBroadcast()} is not
 * simulated), so a claim with both parameters is {@code 404 Channel not found or not in broadcast state}.
 */
final class UserEvents {
    private final Pbx pbx;
    private final ObjectMapper mapper;
    private final EndpointsResource endpoints;

    UserEvents(Pbx pbx, ObjectMapper mapper, EndpointsResource endpoints) {
        this.pbx = pbx;
        this.mapper = mapper;
        this.endpoints = endpoints;
    }

    Reply route(List<String> s, Map<String, String> q, JsonNode body) {
        if (s.size() == 3 && "user".equals(s.get(1))) {
            return userEvent(s.get(2), q.get("application"), q.get("source"), body);
        }
        if (s.size() == 2 && "claim".equals(s.get(1))) {
            if (empty(q.get("channelId"))) {
                throw new AriError(400, "channelId parameter is required");
            }
            if (empty(q.get("application"))) {
                throw new AriError(400, "application parameter is required");
            }
            throw new AriError(404, "Channel not found or not in broadcast state");
        }
        return null;
    }

    private static boolean empty(String value) {
        return value == null || value.isEmpty();
    }

    private Reply userEvent(String name, String application, String sources, JsonNode body) {
        if (empty(application)) {
            throw new AriError(400, "Missing parameter application");
        }
        if (pbx.applications().app(application) == null) {
            throw new AriError(404, "Application not found");
        }
        ObjectNode payload = mapper.createObjectNode();
        payload.put("eventname", name);
        JsonNode variables = body == null ? null : body.get("variables");
        ObjectNode userevent = variables != null && variables.isObject() ? ((ObjectNode) variables).deepCopy()
                : mapper.createObjectNode();
        userevent.put("eventname", name);
        payload.set("userevent", userevent);
        for (String uri : SystemResources.list(sources)) {
            JsonNode snapshot;
            String key;
            if (uri.startsWith("channel:")) {
                key = "channel";
                SimChannel ch = pbx.liveChannel(uri.substring("channel:".length()));
                snapshot = ch == null ? null : ch.toJson();
            } else if (uri.startsWith("bridge:")) {
                key = "bridge";
                SimBridge b = pbx.liveBridge(uri.substring("bridge:".length()));
                snapshot = b == null ? null : b.toJson();
            } else if (uri.startsWith("endpoint:")) {
                key = "endpoint";
                snapshot = endpoints.find(uri.substring("endpoint:".length())).orElse(null);
            } else {
                throw new AriError(400, "Invalid event source URI scheme");
            }
            if (snapshot == null) {
                throw new AriError(422, "Event source was not found");
            }
            payload.set(key, snapshot);
        }
        pbx.applications().sendTo(application, "ChannelUserevent", pbx.timestamp(), payload);
        return Reply.noContent();
    }
}
