package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Stasis applications, the event sockets that registered them, and event delivery with the recorded
 * socket semantics: an application outlives its socket (events meanwhile are lost), and a second socket
 * for an application takes it over after sending {@code ApplicationReplaced} to the first. Guarded by the
 * {@link Pbx} lock; the event log alone may be read without it.
 */
final class Applications {
    private final ObjectMapper mapper;
    private final String asteriskId;
    private final Map<String, StasisApp> apps = new LinkedHashMap<>();
    private final Set<EventSocket> sockets = new LinkedHashSet<>();
    private final List<String> eventLog = new CopyOnWriteArrayList<>();

    Applications(ObjectMapper mapper, String asteriskId) {
        this.mapper = mapper;
        this.asteriskId = asteriskId;
    }

    void opened(EventSocket socket, String timestamp) {
        sockets.add(socket);
        for (String name : socket.apps) {
            StasisApp app = apps.computeIfAbsent(name, StasisApp::new);
            EventSocket previous = app.socket;
            if (previous != null && previous != socket && previous.isOpen()) {
                // Recorded: the first socket receives ApplicationReplaced and then nothing more.
                ObjectNode e = mapper.createObjectNode();
                e.put("type", "ApplicationReplaced");
                e.put("timestamp", timestamp);
                e.put("application", name);
                e.put("asterisk_id", asteriskId);
                String text = e.toString();
                eventLog.add(text);
                previous.send(text);
            }
            app.socket = socket;
            app.subscribeAll = socket.subscribeAll;
        }
    }

    void closed(EventSocket socket) {
        sockets.remove(socket);
        // Recorded: the application stays registered and its channels stay in Stasis.
        for (StasisApp app : apps.values()) {
            if (app.socket == socket) {
                app.socket = null;
            }
        }
    }

    void dropSockets() {
        for (EventSocket s : new ArrayList<>(sockets)) {
            s.drop();
        }
    }

    int openSockets() {
        return (int) sockets.stream().filter(EventSocket::isOpen).count();
    }

    boolean isRegistered(String name) {
        return apps.containsKey(name);
    }

    List<String> names() {
        return List.copyOf(apps.keySet());
    }

    /**
     * Sends one event to every application subscribed to the channel or the bridge (and to those that
     * subscribed to everything), each copy naming its application, and logs it.
     */
    void deliver(String type, String timestamp, ObjectNode payload, Set<String> channelSubscribers,
                 Set<String> bridgeSubscribers) {
        Set<String> targets = new LinkedHashSet<>(channelSubscribers);
        targets.addAll(bridgeSubscribers);
        for (StasisApp app : apps.values()) {
            if (app.subscribeAll) {
                targets.add(app.name);
            }
        }
        for (String appName : targets) {
            StasisApp app = apps.get(appName);
            if (app != null && !app.allows(type)) {
                continue; // the application's event filter
            }
            ObjectNode e = mapper.createObjectNode();
            e.put("type", type);
            e.put("timestamp", timestamp);
            e.setAll(payload);
            e.put("asterisk_id", asteriskId);
            e.put("application", appName);
            String text = e.toString();
            eventLog.add(text);
            if (app != null && app.socket != null) {
                app.socket.send(text);
            }
        }
    }

    /** The registered application of that name, or null. */
    StasisApp app(String name) {
        return apps.get(name);
    }

    /** The registered applications, in registration order. */
    java.util.Collection<StasisApp> all() {
        return apps.values();
    }

    /**
     * Sends one event to one application only (a user event is published to its application's topic), through
     * its event filter, and logs it.
     */
    void sendTo(String appName, String type, String timestamp, ObjectNode payload) {
        StasisApp app = apps.get(appName);
        if (app == null || !app.allows(type)) {
            return;
        }
        ObjectNode e = mapper.createObjectNode();
        e.put("type", type);
        e.put("timestamp", timestamp);
        e.setAll(payload);
        e.put("asterisk_id", asteriskId);
        e.put("application", appName);
        String text = e.toString();
        eventLog.add(text);
        if (app.socket != null) {
            app.socket.send(text);
        }
    }

    List<String> eventLog() {
        return List.copyOf(eventLog);
    }

    /** Forgets every registration and drops every socket, as a restarted Asterisk would. */
    void wipe() {
        dropSockets();
        sockets.clear();
        apps.clear();
    }
}
