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

    EventSocket(Pbx pbx, List<String> apps, boolean subscribeAll) {
        this.pbx = pbx;
        this.apps = List.copyOf(apps);
        this.subscribeAll = subscribeAll;
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        pbx.socketOpened(this);
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        pbx.socketClosed(this);
        callback.succeed();
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketError(Throwable cause) {
        pbx.socketClosed(this);
    }

    boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen();
    }

    void send(String text) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendText(text, Callback.NOOP);
        }
    }

    /** Drops the TCP connection without a close handshake, as a crashed network would. */
    void drop() {
        Session s = session;
        if (s != null) {
            s.disconnect();
        }
    }
}
