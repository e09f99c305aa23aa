package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stasis applications, the event sockets that registered them, and event delivery with the recorded
 * socket semantics: an application outlives its socket (events meanwhile are lost), and a second socket
 * for an application takes it over after sending {@code ApplicationReplaced} to the first. Also a channel's
 * entering and leaving Stasis (StasisStart, StasisEnd), the applications' subscriptions, and the
 * {@code /applications} and {@code /asterisk} requests. Mirrors res/res_stasis.c, res/stasis/app.c,
 * res/ari/resource_applications.c, res/ari/resource_asterisk.c and res/ari/ari_websockets.c. Guarded by the
 * {@link Pbx} lock; the event log alone may be read without it.
 */
final class Applications {
    private static final Logger LOG = LoggerFactory.getLogger(Applications.class);
    private final Pbx pbx;
    private final ObjectMapper mapper;
    private final String asteriskId;
    private final Map<String, StasisApp> apps = new LinkedHashMap<>();
    private final Set<EventSocket> sockets = new LinkedHashSet<>();
    private final List<String> eventLog = new CopyOnWriteArrayList<>();

    Applications(Pbx pbx, ObjectMapper mapper, String asteriskId) {
        this.pbx = pbx;
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

    List<String> eventLog() {
        return List.copyOf(eventLog);
    }

    /** Forgets every registration and drops every socket, as a restarted Asterisk would. */
    void wipe() {
        dropSockets();
        sockets.clear();
        apps.clear();
    }

    // ---------------------------------------------------------------- Stasis

    /** The channel enters {@code app} (Stasis() or ARI): StasisStart, or a hang-up if no socket registered it. */
    void enterStasis(SimChannel ch, String app, List<String> args, boolean withStatusVar) {
        ch.inDialplan = false;
        ch.dialplanGeneration++;
        ch.appName = "Stasis";
        ch.appData = args.isEmpty() ? app : app + "," + String.join(",", args);
        if (!isRegistered(app)) {
            // Stasis() fails for an application no socket ever registered; the channel then hangs up.
            LOG.warn("FakeAsterisk: Stasis application '{}' is not registered (no event socket asked for it);"
                    + " channel {} hangs up", app, ch.id);
            pbx.later(1, () -> pbx.hangups.destroy(ch, 16));
            return;
        }
        // STASISSTATUS is set before the app subscribes: only channels the app already watched (originate,
        // externalMedia) show it; a phone call's first event is StasisStart (recorded in sip-call).
        if (withStatusVar) {
            pbx.varset(ch, "STASISSTATUS", "");
        }
        ch.stasisApp = app;
        ch.subscribers.add(app);
        ObjectNode p = pbx.obj();
        ArrayNode a = p.putArray("args");
        args.forEach(a::add);
        pbx.channelEvent("StasisStart", ch, p);
    }

    /** StasisEnd without hangup side effects; the channel loses the app's implicit subscription. */
    void endStasis(SimChannel ch, boolean statusVar) {
        if (ch.stasisApp == null) {
            return;
        }
        String app = ch.stasisApp;
        pbx.channelEvent("StasisEnd", ch, null);
        ch.stasisApp = null;
        // Only originate/externalMedia subscriptions outlive StasisEnd (recorded: a snoop's or a phone's
        // later events never reached the application).
        if (!ch.explicitSubscribers.contains(app)) {
            ch.subscribers.remove(app);
        }
        if (statusVar) {
            pbx.varset(ch, "STASISSTATUS", "SUCCESS");
        }
    }

    /**
     * The channel moves from its application to {@code app} (res_stasis.c: the control's next_app ends the old
     * application's loop and starts the new one's). Each event goes to its own application only: StasisEnd to
     * the old one, StasisStart with the new arguments to the new one (recorded: the old socket saw no
     * StasisStart for the new app, though it stays subscribed). The dialplan's app_data stays as it was.
     */
    void moveStasis(SimChannel ch, String app, List<String> args) {
        String old = ch.stasisApp;
        ObjectNode end = pbx.obj();
        end.set("channel", ch.toJson());
        deliver("StasisEnd", Pbx.now(), end, Set.of(old), Set.of());
        if (!ch.explicitSubscribers.contains(old)) {
            ch.subscribers.remove(old);
        }
        ch.stasisApp = app;
        ch.subscribers.add(app);
        ObjectNode start = pbx.obj();
        ArrayNode a = start.putArray("args");
        args.forEach(a::add);
        start.set("channel", ch.toJson());
        deliver("StasisStart", Pbx.now(), start, Set.of(app), Set.of());
    }

    // ---------------------------------------------------------------- requests

    Reply listApplications() {
        ArrayNode a = mapper.createArrayNode();
        names().forEach(n -> a.add(applicationJson(n)));
        return Reply.ok(a);
    }

    Reply getApplication(String name) {
        if (!isRegistered(name)) {
            throw AriError.applicationNotFound();
        }
        return Reply.ok(applicationJson(name));
    }

    /**
     * Subscribes (or unsubscribes) an application to channels and bridges, with the spec's error texts.
     * Such a subscription is explicit, so it outlives StasisEnd like an originate's.
     */
    Reply subscription(String name, String eventSource, boolean subscribe) {
        if (!isRegistered(name)) {
            throw AriError.applicationNotFound();
        }
        List<String> sources = Pbx.csv(eventSource);
        if (sources.isEmpty()) {
            throw new AriError(400, subscribe ? "Missing parameter."
                    : "Missing parameter; event source scheme not recognized.");
        }
        List<Subscribers> targets = new ArrayList<>();
        for (String source : sources) {
            int colon = source.indexOf(':');
            String scheme = colon < 0 ? "" : source.substring(0, colon);
            String id = source.substring(colon + 1);
            if ("channel".equals(scheme)) {
                SimChannel ch = pbx.channels.byId.get(id);
                if (ch == null) {
                    throw new AriError(422, "Event source does not exist.");
                }
                targets.add(new Subscribers(ch.subscribers, ch.explicitSubscribers));
            } else if ("bridge".equals(scheme)) {
                SimBridge b = pbx.bridges.byId.get(id);
                if (b == null) {
                    throw new AriError(422, "Event source does not exist.");
                }
                targets.add(new Subscribers(b.subscribers, b.subscribers));
            } else {
                throw new AriError(400, subscribe ? "Missing parameter."
                        : "Missing parameter; event source scheme not recognized.");
            }
        }
        if (!subscribe && targets.stream().anyMatch(t -> !t.live().contains(name))) {
            throw new AriError(409, "Application not subscribed to event source.");
        }
        for (Subscribers t : targets) {
            if (subscribe) {
                t.live().add(name);
                t.explicit().add(name);
            } else {
                t.live().remove(name);
                t.explicit().remove(name);
            }
        }
        return Reply.ok(applicationJson(name));
    }

    /** The subscriber sets of one event source: who gets its events, and who keeps them after StasisEnd. */
    private record Subscribers(Set<String> live, Set<String> explicit) {
    }

    private ObjectNode applicationJson(String name) {
        ObjectNode o = pbx.obj();
        o.put("name", name);
        ArrayNode ch = o.putArray("channel_ids");
        pbx.channels.byId.values().stream().filter(c -> c.subscribers.contains(name))
                .forEach(c -> ch.add(c.id));
        ArrayNode br = o.putArray("bridge_ids");
        pbx.bridges.byId.values().stream().filter(b -> b.subscribers.contains(name))
                .forEach(b -> br.add(b.id));
        o.putArray("endpoint_ids");
        o.putArray("device_names");
        o.putArray("events_allowed");
        o.putArray("events_disallowed");
        return o;
    }

    Reply asteriskInfo() {
        ObjectNode o = pbx.obj();
        ObjectNode system = o.putObject("system");
        system.put("version", "FakeAsterisk (ARI 12.0.0)");
        system.put("entity_id", asteriskId);
        ObjectNode config = o.putObject("config");
        config.put("name", "");
        config.put("default_language", "en");
        ObjectNode status = o.putObject("status");
        status.put("startup_time", Pbx.now());
        status.put("last_reload_time", Pbx.now());
        return Reply.ok(o);
    }

    Reply ping() {
        ObjectNode o = pbx.obj();
        o.put("asterisk_id", asteriskId);
        o.put("ping", "pong");
        o.put("timestamp", Pbx.now());
        return Reply.ok(o);
    }
}
