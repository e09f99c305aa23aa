package org.arivoice.ari.testkit;

import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client connection to {@code /ari/events}; events are queued to Jetty without blocking. Public only
 * because Jetty's WebSocket layer requires a public endpoint class; it cannot be created outside this
 * package and is not part of the testkit's API.
 */
public final class EventSocket implements Session.Listener.AutoDemanding {
    private final Pbx pbx;
    final List<String> apps;
    final boolean subscribeAll;
    private volatile Session session;
    /** Events for the socket between its registration (at the upgrade) and its opening; guarded by this. */
    private List<String> beforeOpen = new java.util.ArrayList<>();
    /** Set by a drop that came between the registration and the opening; guarded by this. */
    private boolean dropBeforeOpen;

    EventSocket(Pbx pbx, List<String> apps, boolean subscribeAll) {
        this.pbx = pbx;
        this.apps = List.copyOf(apps);
        this.subscribeAll = subscribeAll;
    }

    /**
     * Registers the socket's applications while the upgrade is being answered, as Asterisk does (res_ari's
     * {@code event_websocket_attempted} registers them before the 101 response): once a client sees the
     * socket connected, a call can enter its application. Events for it until the socket opens are kept and
     * sent first.
     */
    void register() {
        pbx.socketOpened(this);
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketOpen(Session session) {
        List<String> held;
        synchronized (this) {
            this.session = session;
            held = beforeOpen;
            beforeOpen = null;
            if (dropBeforeOpen) {
                // Dropped while the upgrade was being answered (a client can see it connected before this
                // callback runs): the connection goes now, with no event sent on it.
                session.disconnect();
                return;
            }
            for (String text : held) {
                session.sendText(text, Callback.NOOP);
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        ended();
        callback.succeed();
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketError(Throwable cause) {
        ended();
    }

    private void ended() {
        synchronized (this) {
            beforeOpen = null;
        }
        pbx.socketClosed(this);
    }

    /** Whether the socket is open, or registered and about to open. */
    boolean isOpen() {
        Session s = session;
        if (s == null) {
            synchronized (this) {
                return beforeOpen != null;
            }
        }
        return s.isOpen();
    }

    void send(String text) {
        Session s = session;
        if (s == null) {
            synchronized (this) {
                if (beforeOpen != null) {
                    beforeOpen.add(text);
                    return;
                }
                s = session;
            }
        }
        if (s != null && s.isOpen()) {
            s.sendText(text, Callback.NOOP);
        }
    }

    /** Drops the TCP connection without a close handshake, as a crashed network would. */
    void drop() {
        Session s;
        synchronized (this) {
            s = session;
            if (s == null && beforeOpen != null) {
                dropBeforeOpen = true; // not open yet: onWebSocketOpen drops it
                return;
            }
        }
        if (s != null) {
            s.disconnect();
        }
    }
}
