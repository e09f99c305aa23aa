package org.arivoice.ari.testkit;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One application connection to {@code /media/<connection id>} (chan_websocket media). Public only because
 * Jetty's WebSocket layer requires a public endpoint class; it cannot be created outside this package and
 * is not part of the testkit's API.
 */
public final class MediaSocket implements Session.Listener.AutoDemanding {
    private final Pbx pbx;
    final String connectionId;
    private volatile Session session;

    MediaSocket(Pbx pbx, String connectionId) {
        this.pbx = pbx;
        this.connectionId = connectionId;
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        pbx.mediaConnected(this);
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketText(String message) {
        pbx.mediaCommand(this, message);
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        pbx.mediaAudio(this, payload);
        callback.succeed();
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        pbx.mediaClosed(this);
        callback.succeed();
    }

    void sendText(String text) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendText(text, Callback.NOOP);
        }
    }

    void sendBinary(byte[] frame) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendBinary(ByteBuffer.wrap(frame.clone()), Callback.NOOP);
        }
    }

    void close(int code) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(code, "", Callback.NOOP);
        }
    }
}
