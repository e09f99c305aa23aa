package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ExternalMedia channels: {@code POST /channels/externalMedia} (res/ari/resource_channels.c
 * ast_ari_channels_external_media) with its RTP legs (channels/chan_rtp.c, {@link RtpLeg}) and its WebSocket
 * legs (channels/chan_websocket.c, {@link WebSocketLeg}): the media socket's connection, commands, audio and
 * close. Runs under the {@link Pbx} lock.
 */
final class ExternalMedia {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalMedia.class);

    private final Pbx pbx;
    /** ExternalMedia legs by channel id, kept after hangup so tests can read what the caller heard. */
    final Map<String, MediaLeg> legs = new LinkedHashMap<>();
    /** WebSocket ExternalMedia channels by their media connection id, while they last. */
    final Map<String, SimChannel> connections = new LinkedHashMap<>();

    ExternalMedia(Pbx pbx) {
        this.pbx = pbx;
    }

    Reply externalMedia(Map<String, String> q) {
        String app = Pbx.param(q, "app");
        String host = Pbx.param(q, "external_host");
        String format = Pbx.param(q, "format");
        String encapsulation = Optional.ofNullable(Pbx.param(q, "encapsulation")).orElse("rtp");
        String transport = Optional.ofNullable(Pbx.param(q, "transport")).orElse("udp");
        if (app == null) {
            throw AriError.invalidParameters();
        }
        if ("websocket".equals(transport)) {
            return websocketMedia(q, app, format);
        }
        InetSocketAddress remote = hostPort(host);
        if (remote == null) {
            throw new AriError(400, "external_host must be <host>:<port> for all transports other than websocket");
        }
        if ("rtp".equals(encapsulation) && !"udp".equals(transport)) {
            throw new AriError(400, "transport must be 'udp' for rtp encapsulation");
        }
        if (!"rtp".equals(encapsulation)) {
            throw new AriError(400, "FakeAsterisk simulates only encapsulation=rtp, not '" + encapsulation + "'");
        }
        if (format == null || !RtpLeg.supports(format)) {
            // Recorded: an unknown format gives Asterisk's generic 500.
            throw AriError.internalError();
        }
        String direction = Optional.ofNullable(Pbx.param(q, "direction")).orElse("both");
        if (!Set.of("both", "in", "out").contains(direction)) {
            throw AriError.invalidParameters();
        }
        String id = Optional.ofNullable(Pbx.param(q, "channelId")).orElseGet(pbx::newId);
        if (pbx.channels.byId.containsKey(id)) {
            throw AriError.channelExists();
        }
        RtpLeg leg;
        try {
            leg = new RtpLeg(format, remote, id);
        } catch (IOException e) {
            throw AriError.internalError();
        }
        String name = String.format("UnicastRTP/%s-0x%012x", host, ThreadLocalRandom.current().nextLong(1L << 47));
        SimChannel em = new SimChannel(id, name, ChannelSnapshot.Kind.EXTERNAL_MEDIA, "Down", Pbx.now());
        em.dialplan("default", "s", 1, Channels.DIAL_APP, Channels.DIAL_DATA);
        em.rtp = leg;
        em.vars.put("UNICASTRTP_LOCAL_ADDRESS", "127.0.0.1");
        em.vars.put("UNICASTRTP_LOCAL_PORT", String.valueOf(leg.localPort()));
        em.explicitSubscribers.add(app);
        em.subscribers.add(app);
        pbx.channels.byId.put(id, em);
        legs.put(id, leg);
        ObjectNode reply = em.toJson();
        ObjectNode vars = reply.putObject("channelvars");
        vars.put("UNICASTRTP_LOCAL_PORT", String.valueOf(leg.localPort()));
        vars.put("UNICASTRTP_LOCAL_ADDRESS", "127.0.0.1");
        // Recorded: all of this, StasisStart included, precedes the 200.
        String dialstring = host + "/c(" + format + ")";
        pbx.dial(em, "", dialstring);
        pbx.stateChange(em, "Up");
        pbx.dial(em, "ANSWER", dialstring);
        pbx.apps.enterStasis(em, app, Pbx.csv(Pbx.param(q, "data")), true);
        return Reply.ok(reply);
    }

    /**
     * chan_websocket ExternalMedia, as recorded in externalmedia-websocket.jsonl: the 200 comes at once with
     * {@code MEDIA_WEBSOCKET_CONNECTION_ID}; StasisStart waits until the application connects its media
     * socket to {@code /media/<id>}.
     */
    private Reply websocketMedia(Map<String, String> q, String app, String format) {
        String connectionType = Optional.ofNullable(Pbx.param(q, "connection_type")).orElse("client");
        if (!"server".equals(connectionType)) {
            throw new AriError(400, "FakeAsterisk simulates chan_websocket only with connection_type=server (the"
                    + " application connects to /media/<id>), not '" + connectionType + "'");
        }
        if (!"ulaw".equals(format) && !"alaw".equals(format)) {
            throw new AriError(400, "FakeAsterisk simulates chan_websocket media only in ulaw or alaw, not '"
                    + format + "'");
        }
        String id = Optional.ofNullable(Pbx.param(q, "channelId")).orElseGet(pbx::newId);
        if (pbx.channels.byId.containsKey(id)) {
            throw AriError.channelExists();
        }
        String connectionId = Pbx.newUuid();
        String name = String.format("WebSocket/INCOMING/0x%012x", ThreadLocalRandom.current().nextLong(1L << 47));
        SimChannel em = new SimChannel(id, name, ChannelSnapshot.Kind.EXTERNAL_MEDIA, "Down", Pbx.now());
        em.dialplan("default", "s", 1, Channels.DIAL_APP, Channels.DIAL_DATA);
        em.wsLeg = new WebSocketLeg(connectionId, format, app, Pbx.csv(Pbx.param(q, "data")));
        em.vars.put("MEDIA_WEBSOCKET_CONNECTION_ID", connectionId);
        em.vars.put("MEDIA_WEBSOCKET_OPTIMAL_FRAME_SIZE", "160");
        em.explicitSubscribers.add(app);
        em.subscribers.add(app);
        pbx.channels.byId.put(id, em);
        legs.put(id, em.wsLeg);
        connections.put(connectionId, em);
        ObjectNode reply = em.toJson();
        ObjectNode vars = reply.putObject("channelvars");
        vars.put("MEDIA_WEBSOCKET_CONNECTION_ID", connectionId);
        vars.put("MEDIA_WEBSOCKET_OPTIMAL_FRAME_SIZE", "160");
        pbx.later(1, () -> {
            if (!em.gone) {
                pbx.dial(em, "", "INCOMING");
            }
        });
        return Reply.ok(reply);
    }

    boolean awaitsMediaConnection(String connectionId) {
        SimChannel em = connections.get(connectionId);
        return em != null && em.wsLeg.socket == null;
    }

    void mediaConnected(MediaSocket socket) {
        SimChannel em = connections.get(socket.connectionId);
        if (em == null || em.wsLeg.socket != null) {
            socket.close(1008);
            return;
        }
        WebSocketLeg leg = em.wsLeg;
        leg.socket = socket;
        socket.sendText("MEDIA_START connection_id:" + leg.connectionId + " channel:" + em.name + " channel_id:"
                + em.id + " format:" + leg.format + " optimal_frame_size:160 ptime:20");
        pbx.stateChange(em, "Up");
        pbx.dial(em, "ANSWER", "INCOMING");
        pbx.apps.enterStasis(em, leg.app, leg.args, true);
    }

    void mediaCommand(MediaSocket socket, String text) {
        SimChannel em = connections.get(socket.connectionId);
        if (em == null) {
            return;
        }
        String command = text.trim();
        if (command.equals("GET_STATUS")) {
            socket.sendText("STATUS channel_id:" + em.id + " queue_length:" + em.wsLeg.queuedFrames()
                    + " xon_level:800 xoff_level:900 queue_full:false bulk_media:false media_paused:false");
        } else if (command.startsWith("MARK_MEDIA")) {
            em.wsLeg.mark(command.substring("MARK_MEDIA".length()).trim());
        } else if (command.equals("HANGUP")) {
            wsHangup(em);
        } else {
            LOG.debug("FakeAsterisk ignores the media command '{}' on channel {}", command, em.id);
        }
    }

    /** Recorded: HANGUP gives cause 16 with tech_cause 1000, then the media socket closes with 1000. */
    private void wsHangup(SimChannel em) {
        em.techCause = 1000;
        ObjectNode p = pbx.obj();
        p.put("cause", 16);
        p.put("tech_cause", 1000);
        pbx.channelEvent("ChannelHangupRequest", em, p);
        pbx.hangups.destroy(em, 16);
    }

    void mediaAudio(MediaSocket socket, ByteBuffer payload) {
        SimChannel em = connections.get(socket.connectionId);
        if (em != null) {
            em.wsLeg.audioFromApp(payload);
        }
    }

    void mediaClosed(MediaSocket socket) {
        SimChannel em = connections.get(socket.connectionId);
        if (em != null && em.wsLeg.socket == socket && !em.gone) {
            wsHangup(em); // the application went away: the channel cannot carry media any more
        }
    }

    private static InetSocketAddress hostPort(String value) {
        if (value == null) {
            return null;
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            return null;
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                return null;
            }
            return new InetSocketAddress(value.substring(0, colon), port);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
