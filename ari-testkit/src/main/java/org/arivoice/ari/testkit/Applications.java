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
 * entering and leaving Stasis (StasisStart, StasisEnd) and the applications' subscriptions (the
 * {@code /applications} and {@code /asterisk} requests are {@link SystemResources}). Mirrors res/res_stasis.c,
 * res/stasis/app.c and res/ari/ari_websockets.c. Guarded by the
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
            if (app != null && !app.allows(type)) {
                continue; // the application's event filter
            }
            send(appName, app, type, timestamp, payload);
        }
    }

    /** Builds the event as Asterisk sends it to one application, logs it and sends it on its socket, if any. */
    private void send(String appName, StasisApp app, String type, String timestamp, ObjectNode payload) {
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
        send(appName, app, type, timestamp, payload);
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

    Reply ping() {
        ObjectNode o = pbx.obj();
        o.put("asterisk_id", asteriskId);
        o.put("ping", "pong");
        o.put("timestamp", Pbx.now());
        return Reply.ok(o);
    }
}
