package org.arivoice.ari.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.arivoice.ari.event.AriEvent;

/**
 * Finds the subscriptions an event goes to: stream-wide ones, those of its application, and those of every
 * channel and bridge it is about. Lanes can be registered for ids that do not exist yet.
 */
final class EventRouter {
    private final List<Lane> all = new CopyOnWriteArrayList<>();
    private final Map<String, List<Lane>> byApplication = new ConcurrentHashMap<>();
    private final Map<String, List<Lane>> byChannel = new ConcurrentHashMap<>();
    private final Map<String, List<Lane>> byBridge = new ConcurrentHashMap<>();

    void addAll(Lane lane) {
        all.add(lane);
    }

    void removeAll(Lane lane) {
        all.remove(lane);
    }

    void addApplication(String app, Lane lane) {
        add(byApplication, app, lane);
    }

    void removeApplication(String app, Lane lane) {
        remove(byApplication, app, lane);
    }

    void addChannel(String id, Lane lane) {
        add(byChannel, id, lane);
    }

    void removeChannel(String id, Lane lane) {
        remove(byChannel, id, lane);
    }

    void addBridge(String id, Lane lane) {
        add(byBridge, id, lane);
    }

    void removeBridge(String id, Lane lane) {
        remove(byBridge, id, lane);
    }

    /** Queues the event on every matching lane; called on the WebSocket thread, in arrival order. */
    void route(AriEvent event) {
        for (Lane lane : all) {
            lane.offer(event);
        }
        String app = event.application();
        if (app != null) {
            offerAll(byApplication.get(app), event);
        }
        if (!byChannel.isEmpty()) {
            for (String id : event.channelIds()) {
                offerAll(byChannel.get(id), event);
            }
        }
        if (!byBridge.isEmpty()) {
            for (String id : event.bridgeIds()) {
                offerAll(byBridge.get(id), event);
            }
        }
    }

    List<Lane> lanes() {
        List<Lane> out = new ArrayList<>(all);
        byApplication.values().forEach(out::addAll);
        byChannel.values().forEach(out::addAll);
        byBridge.values().forEach(out::addAll);
        return out;
    }

    private static void offerAll(List<Lane> lanes, AriEvent event) {
        if (lanes != null) {
            for (Lane lane : lanes) {
                lane.offer(event);
            }
        }
    }

    private static void add(Map<String, List<Lane>> map, String key, Lane lane) {
        map.compute(key, (k, list) -> {
            List<Lane> l = list == null ? new CopyOnWriteArrayList<>() : list;
            l.add(lane);
            return l;
        });
    }

    private static void remove(Map<String, List<Lane>> map, String key, Lane lane) {
        map.computeIfPresent(key, (k, list) -> {
            list.remove(lane);
            return list.isEmpty() ? null : list;
        });
    }
}
