package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /deviceStates}: the {@code Stasis:} devices an application controls, following
 * {@code res/ari/resource_device_states.c}, {@code res/res_stasis_device_state.c} and {@code main/devicestate.c}.
 * A state is stored (the astdb) and becomes the device's aggregate state; when the aggregate changes, every
 * application subscribed to the device (or to everything) gets {@code DeviceStateChanged}. Deleting a device
 * clears its cached state without an event (so the next state, whatever it is, is a change), as recorded. An
 * unknown state is {@code 500 Unknown device}; a device of another technology is {@code 409 Uncontrolled device
 * specified}, and reads as {@code UNAVAILABLE} when it is a PJSIP endpoint without a contact, else
 * {@code INVALID}.
 */
final class DeviceStates {
    private static final String SCHEME = "Stasis:";
    /** {@code ast_devstate_val} names; anything else is {@code AST_DEVICE_UNKNOWN}. */
    private static final Set<String> STATES = Set.of("NOT_INUSE", "INUSE", "BUSY", "INVALID", "UNAVAILABLE",
            "RINGING", "RINGINUSE", "ONHOLD");

    private final Pbx pbx;
    private final ObjectMapper mapper;
    private final EndpointsResource endpoints;
    /** The stored states by device name without the scheme, in the order they were first set. */
    private final Map<String, String> stored = new LinkedHashMap<>();
    /** The cached aggregate states by full device name. */
    private final Map<String, String> aggregate = new LinkedHashMap<>();

    DeviceStates(Pbx pbx, ObjectMapper mapper, EndpointsResource endpoints) {
        this.pbx = pbx;
        this.mapper = mapper;
        this.endpoints = endpoints;
    }

    Reply route(String method, List<String> s, Map<String, String> q) {
        if (s.size() == 1) {
            ArrayNode a = mapper.createArrayNode();
            stored.keySet().forEach(name -> a.add(json(SCHEME + name)));
            return Reply.ok(a);
        }
        if (s.size() != 2) {
            return null;
        }
        String device = s.get(1);
        switch (method) {
            case "GET":
                return Reply.ok(json(device));
            case "PUT":
                return update(device, q.get("deviceState"));
            default:
                return delete(device);
        }
    }

    private ObjectNode json(String device) {
        return mapper.createObjectNode().put("name", device).put("state", state(device));
    }

    /** {@code ast_device_state}: what the device's provider reports. */
    private String state(String device) {
        if (device.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            String value = stored.get(device.substring(SCHEME.length()));
            return value == null ? "UNKNOWN" : value;
        }
        int slash = device.indexOf('/');
        if (slash > 0 && endpoints.exists(device.substring(0, slash), device.substring(slash + 1))) {
            return "UNAVAILABLE";
        }
        return "INVALID";
    }

    private String controlled(String device) {
        if (!device.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new AriError(409, "Uncontrolled device specified");
        }
        String name = device.substring(SCHEME.length());
        if (name.isEmpty()) {
            throw new AriError(404, "Device name is missing");
        }
        return name;
    }

    private Reply update(String device, String value) {
        String name = controlled(device);
        String state = value == null ? null : value.toUpperCase(Locale.ROOT);
        if (state == null || !STATES.contains(state)) {
            throw new AriError(500, "Unknown device");
        }
        stored.put(name, state);
        String full = SCHEME + name;
        if (!state.equals(aggregate.put(full, state))) {
            changed(full, state);
        }
        return Reply.noContent();
    }

    private Reply delete(String device) {
        String name = controlled(device);
        stored.remove(name);
        aggregate.remove(SCHEME + name);
        return Reply.noContent();
    }

    /** {@code DeviceStateChanged} to the applications subscribed to the device, under the PBX lock. */
    private void changed(String device, String state) {
        Set<String> targets = new LinkedHashSet<>();
        for (StasisApp app : pbx.applications().all()) {
            if (app.devices.contains(device)) {
                targets.add(app.name);
            }
        }
        ObjectNode payload = mapper.createObjectNode();
        payload.set("device_state", json(device));
        pbx.applications().deliver("DeviceStateChanged", pbx.timestamp(), payload, targets, Set.of());
    }
}
