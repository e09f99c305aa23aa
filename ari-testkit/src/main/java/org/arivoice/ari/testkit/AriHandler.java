package org.arivoice.ari.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of the fake: Basic / {@code api_key} authentication, read-only users, fault injection,
 * Asterisk's URL rules, then either the event WebSocket upgrade (the wrapped handler) or a REST route.
 */
final class AriHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(AriHandler.class);
    private static final String REALM = "Basic realm=\"Asterisk REST Interface\"";

    private final Pbx pbx;
    private final Map<String, AriUser> users;
    private final Faults faults;
    private final ObjectMapper mapper;
    private final SystemResources system;

    AriHandler(Pbx pbx, Map<String, AriUser> users, Faults faults, ObjectMapper mapper, SystemResources system) {
        this.pbx = pbx;
        this.system = system;
        this.users = Map.copyOf(users);
        this.faults = faults;
        this.mapper = mapper;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.startsWith("/media/") && super.handle(request, response, callback)) {
            return true; // chan_websocket media: the connection id in the path is the credential
        }
        if (!path.equals("/ari") && !path.startsWith("/ari/")) {
            response.setStatus(404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            Content.Sink.write(response, true, "Not Found", callback);
            return true;
        }
        String ariPath = path.substring("/ari".length());
        try {
            Map<String, String> query = query(request);
            Optional<Faults.Rule> fault = faults.take(method, ariPath);
            if (fault.isPresent()) {
                if (!fault.get().delay.isZero()) {
                    Thread.sleep(fault.get().delay.toMillis());
                }
                if (fault.get().status != 0) {
                    throw new AriError(fault.get().status, "Injected failure (FakeAsterisk fault injection)");
                }
            }
            AriUser user = authenticate(request, query);
            if (user == null) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, REALM);
                throw new AriError(401, "Authentication required");
            }
            if (user.readOnly() && !"GET".equals(method) && !"OPTIONS".equals(method)) {
                throw new AriError(403, "Write access denied");
            }
            if (ariPath.length() > 1 && ariPath.endsWith("/")) {
                throw new AriError(404, "ARI URLs do not end with a slash. Try /ari"
                        + ariPath.substring(0, ariPath.length() - 1));
            }
            if (ariPath.startsWith("/api-docs/")) {
                write(response, callback, ApiDocs.get(mapper, method, ariPath.substring("/api-docs/".length()),
                        request.getHeaders().get(HttpHeader.HOST)));
                return true;
            }
            if (ariPath.equals("/events") && "GET".equals(method)
                    && !"websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))) {
                response.setStatus(426); // Asterisk's websocket handler without an upgrade: an HTML page
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
                Content.Sink.write(response, true, ApiDocs.upgradeRequiredPage(), callback);
                return true;
            }
            if (ariPath.equals("/events") && "GET".equals(method)) {
                if (query.get("app") == null || query.get("app").isEmpty()) {
                    throw new AriError(400, "Missing param 'app'");
                }
                if (super.handle(request, response, callback)) {
                    return true;
                }
                throw new AriError(400, "/ari/events is the event WebSocket; connect with a WebSocket upgrade");
            }
            JsonNode body = body(request);
            // Split the path as sent, then decode each segment, as Asterisk does: a device name may hold a %2F.
            List<String> segments = segments(request.getHttpURI().getPath().substring("/ari".length()));
            String allow = AriRoutes.allowIfRefused(method, segments);
            if ("OPTIONS".equals(method)) {
                // res_ari.c handle_options: after the path walk (404 outside the tree), an OPTIONS request gets
                // 204 with the resource's Allow header (CORS headers only for an Origin ari.conf allows: none).
                response.getHeaders().put(HttpHeader.ALLOW, allow);
                write(response, callback, Reply.noContent());
                return true;
            }
            if (allow != null) {
                response.getHeaders().put(HttpHeader.ALLOW, allow);
                throw badMethod();
            }
            // Each route runs under the PBX lock, as one step in the PBX's single order of events (see Pbx).
            Reply reply = pbx.locked(() -> {
                Reply systemReply = system.route(method, segments, query, body);
                return systemReply != null ? systemReply : route(method, segments, query, body);
            });
            write(response, callback, reply);
        } catch (AriError e) {
            write(response, callback, new Reply(e.status(), mapper.createObjectNode().put("message", e.getMessage()),
                    null, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (RuntimeException e) {
            LOG.warn("FakeAsterisk failed to handle {} {}", method, path, e);
            write(response, callback, new Reply(500, mapper.createObjectNode().put("message", AriError.INTERNAL_ERROR),
                    null, null));
        }
        return true;
    }

    private AriUser authenticate(Request request, Map<String, String> query) {
        String credentials = null;
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        } else if (query.get("api_key") != null) {
            credentials = query.get("api_key");
        }
        if (credentials == null) {
            return null;
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return null;
        }
        AriUser user = users.get(credentials.substring(0, colon));
        if (user == null || !constantTimeEquals(user.password(), credentials.substring(colon + 1))) {
            return null;
        }
        return user;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(Request request) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            for (Fields.Field f : fields) {
                out.put(f.getName(), f.getValue());
            }
        } catch (RuntimeException e) {
            throw new AriError(400, "The query string could not be decoded: " + e.getMessage());
        }
        return out;
    }

    private JsonNode body(Request request) {
        String text;
        try {
            text = Content.Source.asString(request, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new AriError(400, "The request body could not be read");
        }
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AriError(400, "Error parsing request body"); // res_ari.c, for any route
        }
    }

    private static List<String> segments(String ariPath) {
        String trimmed = ariPath.startsWith("/") ? ariPath.substring(1) : ariPath;
        if (trimmed.isEmpty()) {
            return List.of();
        }
        try {
            return java.util.Arrays.stream(trimmed.split("/", -1))
                    .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
        } catch (IllegalArgumentException e) {
            throw new AriError(400, "The URL path could not be decoded: " + e.getMessage());
        }
    }

    private void write(Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        if (reply.location() != null) {
            response.getHeaders().put(HttpHeader.LOCATION, reply.location());
        }
        if (reply.binary() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            response.write(true, ByteBuffer.wrap(reply.binary()), callback);
        } else if (reply.json() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, reply.json().toString(), callback);
        } else {
            callback.succeeded();
        }
    }

    private static AriError notFound() {
        return new AriError(404, "Resource not found");
    }

    private static AriError badMethod() {
        return new AriError(405, "Invalid method");
    }

    private Reply route(String method, List<String> s, Map<String, String> q, JsonNode body) {
        if (s.isEmpty()) {
            throw notFound();
        }
        switch (s.get(0)) {
            case "asterisk":
                return asterisk(method, s);
            case "channels":
                return channels(method, s, q, body);
            case "bridges":
                return bridges(method, s, withBodyParams(q, body), body);
            case "playbacks":
                return playbacks(method, s, q);
            case "recordings":
                return recordings(method, s, q);
            default:
                throw notFound();
        }
    }

    private static void require(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw badMethod();
        }
    }

    private Reply asterisk(String method, List<String> s) {
        if (s.size() == 2 && s.get(1).equals("ping")) {
            require("GET", method);
            return pbx.apps.ping();
        }
        throw notFound();
    }

    private Reply channels(String method, List<String> s, Map<String, String> q, JsonNode body) {
        if (s.size() == 1) {
            if ("GET".equals(method)) {
                return pbx.channels.listChannels();
            }
            require("POST", method);
            return pbx.originate.originate(null, q, body);
        }
        String id = s.get(1);
        if (s.size() == 2) {
            if ("externalMedia".equals(id)) {
                require("POST", method);
                return pbx.externalMedia.externalMedia(q, body);
            }
            if ("create".equals(id)) {
                require("POST", method);
                return pbx.originate.create(q, body);
            }
            switch (method) {
                case "GET": return pbx.channels.getChannel(id);
                case "POST": return pbx.originate.originate(id, q, body);
                case "DELETE": return pbx.hangups.hangup(id, q);
                default: throw badMethod();
            }
        }
        String op = s.get(2);
        if (s.size() == 4 && "snoop".equals(op)) {
            require("POST", method);
            return pbx.channels.snoop(id, s.get(3), q);
        }
        if (s.size() == 4 && "play".equals(op)) {
            require("POST", method);
            return pbx.playbacks.playOnChannel(id, s.get(3), q);
        }
        if (s.size() != 3) {
            throw notFound();
        }
        switch (op) {
            case "answer": require("POST", method); return pbx.channels.answer(id);
            case "progress": require("POST", method); return pbx.channels.indicate(id);
            case "ring":
            case "moh":
            case "silence":
                postOrDelete(method);
                return pbx.channels.indicate(id);
            case "mute": postOrDelete(method); return pbx.channels.mute(id, q);
            case "hold": postOrDelete(method); return pbx.channels.hold(id);
            case "move": require("POST", method); return pbx.channels.move(id, q);
            case "transfer_progress": require("POST", method); return pbx.channels.transferProgress(id, q);
            case "rtp_statistics": require("GET", method); return pbx.channels.rtpStatistics(id);
            case "variables":
                if ("GET".equals(method)) {
                    return pbx.channels.getVariables(id, q);
                }
                require("POST", method);
                return pbx.channels.setVariables(id, body);
            case "dtmf": require("POST", method); return pbx.channels.sendDtmf(id, q);
            case "continue": require("POST", method); return pbx.channels.continueInDialplan(id, q);
            case "redirect": require("POST", method); return pbx.channels.redirect(id, q);
            case "variable":
                if ("GET".equals(method)) {
                    return pbx.channels.getVariable(id, q);
                }
                require("POST", method);
                return pbx.channels.setVariable(id, q);
            case "snoop": require("POST", method); return pbx.channels.snoop(id, null, q);
            case "dial": require("POST", method); return pbx.originate.dial(id, q);
            case "play": require("POST", method); return pbx.playbacks.playOnChannel(id, null, q);
            case "record": require("POST", method); return pbx.recordings.recordChannel(id, q);
            default: throw notFound();
        }
    }

    private static boolean postOrDelete(String method) {
        if ("POST".equals(method)) {
            return true;
        }
        if ("DELETE".equals(method)) {
            return false;
        }
        throw badMethod();
    }

    /**
     * The parameters with the text, number and boolean fields of a JSON object body added: Asterisk's generated
     * glue (res/res_ari_bridges.c) reads each parameter from the query string or from the body alike.
     */
    private static Map<String, String> withBodyParams(Map<String, String> q, JsonNode body) {
        if (body == null || !body.isObject()) {
            return q;
        }
        Map<String, String> out = new LinkedHashMap<>(q);
        body.fields().forEachRemaining(f -> {
            if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                out.putIfAbsent(f.getKey(), f.getValue().asText());
            }
        });
        return out;
    }

    private Reply bridges(String method, List<String> s, Map<String, String> q, JsonNode body) {
        if (s.size() == 1) {
            if ("GET".equals(method)) {
                return pbx.bridges.listBridges();
            }
            require("POST", method);
            return pbx.bridges.createBridge(null, q, body);
        }
        String id = s.get(1);
        if (s.size() == 2) {
            switch (method) {
                case "GET": return pbx.bridges.getBridge(id);
                case "POST": return pbx.bridges.createBridge(id, q, body);
                case "DELETE": return pbx.bridges.destroyBridge(id);
                default: throw badMethod();
            }
        }
        String op = s.get(2);
        if (s.size() == 4 && "play".equals(op)) {
            require("POST", method);
            return pbx.playbacks.playOnBridge(id, s.get(3), q);
        }
        if (s.size() == 4 && "videoSource".equals(op)) {
            require("POST", method);
            return pbx.bridges.setVideoSource(id, s.get(3));
        }
        if (s.size() != 3) {
            throw notFound();
        }
        if ("videoSource".equals(op)) {
            require("DELETE", method);
            return pbx.bridges.clearVideoSource(id);
        }
        if ("variable".equals(op)) {
            if ("GET".equals(method)) {
                return pbx.bridges.getVariable(id, q);
            }
            require("POST", method);
            return pbx.bridges.setVariable(id, q);
        }
        if ("variables".equals(op)) {
            if ("GET".equals(method)) {
                return pbx.bridges.getVariables(id, q);
            }
            require("POST", method);
            return pbx.bridges.setVariables(id, body);
        }
        if ("moh".equals(op)) {
            return pbx.bridges.bridgeMusicOnHold(id, postOrDelete(method));
        }
        require("POST", method);
        switch (op) {
            case "addChannel": return pbx.bridges.addChannel(id, q);
            case "removeChannel": return pbx.bridges.removeChannel(id, q);
            case "play": return pbx.playbacks.playOnBridge(id, null, q);
            case "record": return pbx.recordings.recordBridge(id, q);
            default: throw notFound();
        }
    }

    private Reply playbacks(String method, List<String> s, Map<String, String> q) {
        if (s.size() == 3 && "control".equals(s.get(2))) {
            require("POST", method);
            return pbx.playbacks.controlPlayback(s.get(1), q);
        }
        if (s.size() != 2) {
            throw notFound();
        }
        switch (method) {
            case "GET": return pbx.playbacks.getPlayback(s.get(1));
            case "DELETE": return pbx.playbacks.stopPlayback(s.get(1));
            default: throw badMethod();
        }
    }

    private Reply recordings(String method, List<String> s, Map<String, String> q) {
        if (s.size() >= 2 && "stored".equals(s.get(1))) {
            if (s.size() == 2) {
                require("GET", method);
                return pbx.recordings.listStored();
            }
            if (s.size() == 3) {
                switch (method) {
                    case "GET": return pbx.recordings.getStored(s.get(2));
                    case "DELETE": return pbx.recordings.deleteStored(s.get(2));
                    default: throw badMethod();
                }
            }
            if (s.size() == 4 && "file".equals(s.get(3))) {
                require("GET", method);
                return pbx.recordings.getStoredFile(s.get(2));
            }
            if (s.size() == 4 && "copy".equals(s.get(3))) {
                require("POST", method);
                return pbx.recordings.copyStored(s.get(2), q.get("destinationRecordingName"));
            }
        }
        if (s.size() >= 3 && "live".equals(s.get(1))) {
            if (s.size() == 3) {
                switch (method) {
                    case "GET": return pbx.recordings.getLiveRecording(s.get(2));
                    case "DELETE": return pbx.recordings.cancelLiveRecording(s.get(2));
                    default: throw badMethod();
                }
            }
            if (s.size() == 4 && "stop".equals(s.get(3))) {
                require("POST", method);
                return pbx.recordings.stopLiveRecording(s.get(2));
            }
            if (s.size() == 4 && "pause".equals(s.get(3))) {
                return pbx.recordings.pauseLiveRecording(s.get(2), postOrDelete(method));
            }
            if (s.size() == 4 && "mute".equals(s.get(3))) {
                return pbx.recordings.muteLiveRecording(s.get(2), postOrDelete(method));
            }
        }
        throw notFound();
    }
}
