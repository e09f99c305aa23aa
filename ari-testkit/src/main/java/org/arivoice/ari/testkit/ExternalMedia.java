package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

    /** The body fields ast_ari_channels_external_media_parse_body reads; a body field replaces the query's. */
    private static final List<String> BODY_FIELDS = List.of("channelId", "app", "external_host", "encapsulation",
            "transport", "connection_type", "format", "direction", "data", "transport_data");
    /** The audio formats main/format_cache.c registers, which the AudioSocket request accepts by name. */
    private static final Set<String> AUDIO_FORMATS = Set.of("ulaw", "alaw", "gsm", "g722", "g723", "g726",
            "g726aal2", "g729", "ilbc", "lpc10", "adpcm", "speex", "speex16", "speex32", "opus", "siren7",
            "siren14", "testlaw", "slin", "slin12", "slin16", "slin24", "slin32", "slin44", "slin48", "slin96",
            "slin192", "codec2");
    /** How often a hung-up AudioSocket channel's connection is looked for, to close it. */
    private static final long AUDIOSOCKET_CLOSE_POLL_MS = 100;

    /**
     * POST /channels/externalMedia, checked in the order of ast_ari_channels_external_media, each check with its
     * own text. Any failure to create the channel (a duplicate channelId, an unknown format, a refused
     * AudioSocket connection) is answered with the generic 500 (recorded), which overwrites originate's text.
     */
    Reply externalMedia(Map<String, String> query, JsonNode body) {
        Map<String, String> q = new LinkedHashMap<>(query);
        List<Channels.BodyVariable> variables = List.of();
        if (body != null) {
            for (String field : BODY_FIELDS) {
                JsonNode v = body.get(field);
                if (v != null) {
                    q.put(field, v.isTextual() ? v.asText() : "");
                }
            }
            JsonNode vars = body.get("variables");
            if (vars != null && vars.isObject()) {
                variables = Channels.bodyVariables(vars);
            }
        }
        String app = Pbx.param(q, "app");
        if (app == null) {
            throw new AriError(400, "app cannot be empty");
        }
        String transport = Optional.ofNullable(Pbx.param(q, "transport")).orElse("udp");
        String encapsulation = Optional.ofNullable(Pbx.param(q, "encapsulation")).orElse("rtp");
        if ("websocket".equals(transport) && !"none".equals(encapsulation)) {
            throw new AriError(400, "encapsulation must be 'none' for websocket transport");
        }
        if ("rtp".equals(encapsulation) && !"udp".equals(transport)) {
            throw new AriError(400, "transport must be 'udp' for rtp encapsulation");
        }
        if ("audiosocket".equals(encapsulation) && !"tcp".equals(transport)) {
            throw new AriError(400, "transport must be 'tcp' for audiosocket encapsulation");
        }
        String connectionType = Optional.ofNullable(Pbx.param(q, "connection_type")).orElse("client");
        if (!"websocket".equals(transport) && "server".equals(connectionType)) {
            throw new AriError(400, "'server' connection_type can only be used with the websocket transport");
        }
        String host = Pbx.param(q, "external_host");
        if (host == null) {
            if ("client".equals(connectionType)) {
                throw new AriError(400, "external_host is required for all but websocket server connections");
            }
            host = "INCOMING";
        }
        if ("websocket".equals(transport)) {
            if ("client".equals(connectionType)) {
                // The fake has no websocket_client.conf, so no connection id names one (recorded with none).
                throw new AriError(400, "external_host must be a valid websocket_client connection id.");
            }
        } else if (!hasPort(host)) {
            throw new AriError(400, "external_host must be <host>:<port> for all transports other than websocket");
        }
        String format = Pbx.param(q, "format");
        if (format == null) {
            throw new AriError(400, "format cannot be empty");
        }
        String direction = Pbx.param(q, "direction");
        if (direction != null && !Set.of("both", "in", "out").contains(direction)) {
            throw new AriError(400, "Invalid direction specified");
        }
        String id = Optional.ofNullable(Pbx.param(q, "channelId")).orElseGet(pbx::newId);
        List<String> args = Pbx.csv(Pbx.param(q, "data"));
        if ("rtp".equalsIgnoreCase(encapsulation) && "udp".equalsIgnoreCase(transport)) {
            return rtpMedia(id, app, host, format, args, variables);
        }
        if ("audiosocket".equalsIgnoreCase(encapsulation) && "tcp".equalsIgnoreCase(transport)) {
            String data = Pbx.param(q, "data");
            if (data == null) {
                throw new AriError(400, "data can not be empty");
            }
            return audioSocketMedia(id, app, host, format, data, variables);
        }
        if ("none".equalsIgnoreCase(encapsulation) && "websocket".equalsIgnoreCase(transport)) {
            return websocketMedia(q, app, format, id, variables);
        }
        throw new AriError(501, "The encapsulation and/or transport is not supported");
    }

    /** ast_sockaddr_split_hostport with PARSE_PORT_REQUIRE: a port must follow the host. */
    private static boolean hasPort(String host) {
        int colon = host.lastIndexOf(':');
        int bracket = host.lastIndexOf(']');
        return colon > 0 && colon > bracket && colon < host.length() - 1;
    }

    /** A new ExternalMedia channel with its variables (set before it is dialed: no ChannelVarset reaches the app). */
    private SimChannel newChannel(String id, String name, String app, List<Channels.BodyVariable> variables) {
        if (pbx.channels.byId.containsKey(id)) {
            // originate's 409 "Channel with given unique ID already exists." is overwritten (recorded).
            throw AriError.internalError();
        }
        SimChannel em = new SimChannel(id, name, ChannelSnapshot.Kind.EXTERNAL_MEDIA, "Down", Pbx.now());
        em.dialplan("default", "s", 1, Channels.DIAL_APP, Channels.DIAL_DATA);
        for (Channels.BodyVariable v : variables) {
            em.vars.put(v.name(), v.value());
            if (v.reportEvents()) {
                em.reportedVars.add(v.name());
            }
        }
        em.explicitSubscribers.add(app);
        em.subscribers.add(app);
        return em;
    }

    /** The reply: the channel with {@code channelvars}, every variable it has (ast_json_channel_vars). */
    private static ObjectNode replyWithVariables(SimChannel em) {
        ObjectNode reply = em.toJson();
        ObjectNode vars = reply.putObject("channelvars");
        em.vars.forEach(vars::put);
        return reply;
    }

    /** Recorded: Dial, the answer, Dial ANSWER and StasisStart all precede the 200. */
    private void dialAndEnter(SimChannel em, String dialstring, String app, List<String> args) {
        pbx.dial(em, "", dialstring);
        pbx.stateChange(em, "Up");
        pbx.dial(em, "ANSWER", dialstring);
        pbx.apps.enterStasis(em, app, args, true);
    }

    private Reply rtpMedia(String id, String app, String host, String format, List<String> args,
            List<Channels.BodyVariable> variables) {
        InetSocketAddress remote = hostPort(host);
        if (remote == null || !RtpLeg.supports(format)) {
            // Recorded: an unknown format gives Asterisk's generic 500 (the originate fails).
            throw AriError.internalError();
        }
        String name = String.format("UnicastRTP/%s-0x%012x", host, ThreadLocalRandom.current().nextLong(1L << 47));
        SimChannel em = newChannel(id, name, app, variables);
        RtpLeg leg;
        try {
            leg = new RtpLeg(format, remote, id);
        } catch (IOException e) {
            throw AriError.internalError();
        }
        em.rtp = leg;
        em.vars.put("UNICASTRTP_LOCAL_PORT", String.valueOf(leg.localPort()));
        em.vars.put("UNICASTRTP_LOCAL_ADDRESS", "127.0.0.1");
        pbx.channels.byId.put(id, em);
        legs.put(id, leg);
        ObjectNode reply = replyWithVariables(em);
        dialAndEnter(em, host + "/c(" + format + ")", app, args);
        return Reply.ok(reply);
    }

    /**
     * AudioSocket ExternalMedia: the endpoint {@code AudioSocket/<host:port>/<data>}; chan_audiosocket's request
     * needs a UUID in {@code data} and a format Asterisk knows, and connects at once (refused: the request
     * fails, 500). The channel is named {@code AudioSocket/<host:port>-<uuid>} and has AUDIOSOCKET_UUID and
     * AUDIOSOCKET_SERVICE; the application's data is also its Stasis argument (recorded).
     */
    private Reply audioSocketMedia(String id, String app, String host, String format, String data,
            List<Channels.BodyVariable> variables) {
        InetSocketAddress remote = hostPort(host);
        UUID uuid;
        try {
            uuid = UUID.fromString(data);
        } catch (IllegalArgumentException e) {
            uuid = null;
        }
        if (remote == null || uuid == null || !AUDIO_FORMATS.contains(format)) {
            throw AriError.internalError();
        }
        SimChannel em = newChannel(id, "AudioSocket/" + host + "-" + data, app, variables);
        AudioSocketLeg leg;
        try {
            leg = new AudioSocketLeg(remote, uuid, l -> {
                try {
                    pbx.remoteHangup(id);
                } catch (IllegalArgumentException gone) {
                    // the channel had already hung up
                }
            });
        } catch (IOException e) {
            LOG.debug("FakeAsterisk: AudioSocket connection to {} failed: {}", host, e.toString());
            throw AriError.internalError();
        }
        em.vars.put("AUDIOSOCKET_UUID", data);
        em.vars.put("AUDIOSOCKET_SERVICE", host);
        pbx.channels.byId.put(id, em);
        legs.put(id, leg);
        closeWhenGone(em, leg);
        ObjectNode reply = replyWithVariables(em);
        dialAndEnter(em, host + "/" + data, app, Pbx.csv(data));
        return Reply.ok(reply);
    }

    /** chan_audiosocket's hangup closes the connection: the fake closes it once the channel is gone. */
    private void closeWhenGone(SimChannel em, AudioSocketLeg leg) {
        pbx.later(AUDIOSOCKET_CLOSE_POLL_MS, () -> {
            if (em.gone) {
                leg.close();
            } else if (!leg.isClosed()) {
                closeWhenGone(em, leg);
            }
        });
    }

    /**
     * chan_websocket ExternalMedia, as recorded in externalmedia-websocket.jsonl: the 200 comes at once with
     * {@code MEDIA_WEBSOCKET_CONNECTION_ID}; StasisStart waits until the application connects its media
     * socket to {@code /media/<id>}.
     */
    private Reply websocketMedia(Map<String, String> q, String app, String format, String id,
            List<Channels.BodyVariable> variables) {
        if (!"ulaw".equals(format) && !"alaw".equals(format)) {
            if (!RtpLeg.supports(format)) {
                throw AriError.internalError(); // a format Asterisk does not know fails the originate
            }
            throw new AriError(400, "FakeAsterisk simulates chan_websocket media only in ulaw or alaw, not '"
                    + format + "'");
        }
        String connectionId = Pbx.newUuid();
        String name = String.format("WebSocket/INCOMING/0x%012x", ThreadLocalRandom.current().nextLong(1L << 47));
        SimChannel em = newChannel(id, name, app, variables);
        em.wsLeg = new WebSocketLeg(connectionId, format, app, Pbx.csv(Pbx.param(q, "data")));
        em.vars.put("MEDIA_WEBSOCKET_CONNECTION_ID", connectionId);
        em.vars.put("MEDIA_WEBSOCKET_OPTIMAL_FRAME_SIZE", "160");
        pbx.channels.byId.put(id, em);
        legs.put(id, em.wsLeg);
        connections.put(connectionId, em);
        ObjectNode reply = replyWithVariables(em);
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
