package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/** A Stasis application registered by an event socket; it outlives the socket, as in Asterisk. */
final class StasisApp {
    final String name;
    EventSocket socket;
    boolean subscribeAll;
    /** Endpoints ({@code tech/resource}) and devices the application subscribed to (see ApplicationResources). */
    final Set<String> endpoints = new LinkedHashSet<>();
    final Set<String> devices = new LinkedHashSet<>();
    /** The event filter's {@code allowed} and {@code disallowed} arrays, null when unset (res/stasis/app.c). */
    JsonNode eventsAllowed;
    JsonNode eventsDisallowed;

    StasisApp(String name) {
        this.name = name;
    }

    /**
     * Whether the event filter lets an event of this type through, as {@code stasis_app_event_allowed} decides:
     * not in a non-empty {@code disallowed}, and in {@code allowed} unless that is unset or empty.
     */
    boolean allows(String type) {
        return !matches(eventsDisallowed, type, false) && matches(eventsAllowed, type, true);
    }

    private static boolean matches(JsonNode filter, String type, boolean empty) {
        if (filter == null || filter.isEmpty()) {
            return empty;
        }
        for (JsonNode f : filter) {
            if (type.equals(f.path("type").asText(null))) {
                return true;
            }
        }
        return false;
    }
}
