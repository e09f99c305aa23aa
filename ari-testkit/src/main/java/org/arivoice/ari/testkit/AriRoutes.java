package org.arivoice.ari.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tree of ARI resources and the HTTP methods each one has, as Asterisk's REST router ({@code res/res_ari.c},
 * {@code ast_ari_invoke}) walks it: a path segment matches a literal child first, else the child that is a path
 * parameter; a path outside the tree is {@code 404 Resource not found}, a method the resource lacks is
 * {@code 405 Invalid method} with an {@code Allow} header listing {@code OPTIONS} and the resource's methods in
 * Asterisk's method order ({@code add_allow_header}). The tree is the ARI 12.0.0 one of {@code rest-api/api-docs},
 * without {@code /mailboxes}, whose module ({@code res_ari_mailboxes}) the recorded Asterisk did not load.
 */
final class AriRoutes {
    /** Asterisk's {@code enum ast_http_method} order, which the {@code Allow} header follows. */
    private static final List<String> METHOD_ORDER = List.of("GET", "POST", "HEAD", "PUT", "DELETE");
    private static final Node ROOT = new Node();

    static {
        add("/asterisk/config/dynamic/{configClass}/{objectType}/{id}", "GET,PUT,DELETE");
        add("/asterisk/info", "GET");
        add("/asterisk/ping", "GET");
        add("/asterisk/modules", "GET");
        add("/asterisk/modules/{moduleName}", "GET,POST,PUT,DELETE");
        add("/asterisk/logging", "GET");
        add("/asterisk/logging/{logChannelName}", "POST,DELETE");
        add("/asterisk/logging/{logChannelName}/rotate", "PUT");
        add("/asterisk/variable", "GET,POST");
        add("/endpoints", "GET");
        add("/endpoints/sendMessage", "PUT");
        add("/endpoints/refer", "POST");
        add("/endpoints/{tech}", "GET");
        add("/endpoints/{tech}/{resource}", "GET");
        add("/endpoints/{tech}/{resource}/sendMessage", "PUT");
        add("/endpoints/{tech}/{resource}/refer", "POST");
        add("/channels", "GET,POST");
        add("/channels/create", "POST");
        add("/channels/externalMedia", "POST");
        add("/channels/{channelId}", "GET,POST,DELETE");
        for (String op : List.of("continue", "move", "redirect", "answer", "progress", "dtmf", "play", "record",
                "snoop", "dial", "transfer_progress")) {
            add("/channels/{channelId}/" + op, "POST");
        }
        for (String op : List.of("ring", "mute", "hold", "moh", "silence")) {
            add("/channels/{channelId}/" + op, "POST,DELETE");
        }
        add("/channels/{channelId}/play/{playbackId}", "POST");
        add("/channels/{channelId}/snoop/{snoopId}", "POST");
        add("/channels/{channelId}/variable", "GET,POST");
        add("/channels/{channelId}/variables", "GET,POST");
        add("/channels/{channelId}/rtp_statistics", "GET");
        add("/bridges", "GET,POST");
        add("/bridges/{bridgeId}", "GET,POST,DELETE");
        add("/bridges/{bridgeId}/variable", "GET,POST");
        add("/bridges/{bridgeId}/variables", "GET,POST");
        for (String op : List.of("addChannel", "removeChannel", "play", "record")) {
            add("/bridges/{bridgeId}/" + op, "POST");
        }
        add("/bridges/{bridgeId}/videoSource/{channelId}", "POST");
        add("/bridges/{bridgeId}/videoSource", "DELETE");
        add("/bridges/{bridgeId}/moh", "POST,DELETE");
        add("/bridges/{bridgeId}/play/{playbackId}", "POST");
        add("/recordings/stored", "GET");
        add("/recordings/stored/{recordingName}", "GET,DELETE");
        add("/recordings/stored/{recordingName}/file", "GET");
        add("/recordings/stored/{recordingName}/copy", "POST");
        add("/recordings/live/{recordingName}", "GET,DELETE");
        add("/recordings/live/{recordingName}/stop", "POST");
        add("/recordings/live/{recordingName}/pause", "POST,DELETE");
        add("/recordings/live/{recordingName}/mute", "POST,DELETE");
        add("/sounds", "GET");
        add("/sounds/{soundId}", "GET");
        add("/playbacks/{playbackId}", "GET,DELETE");
        add("/playbacks/{playbackId}/control", "POST");
        add("/deviceStates", "GET");
        add("/deviceStates/{deviceName}", "GET,PUT,DELETE");
        add("/events", "GET");
        add("/events/user/{eventName}", "POST");
        add("/events/claim", "POST");
        add("/applications", "GET");
        add("/applications/{applicationName}", "GET");
        add("/applications/{applicationName}/subscription", "POST,DELETE");
        add("/applications/{applicationName}/eventFilter", "PUT");
    }

    private AriRoutes() {
    }

    /** One resource of the tree: its literal children, its path-parameter child and its methods. */
    private static final class Node {
        final Map<String, Node> literal = new LinkedHashMap<>();
        Node parameter;
        final Set<String> methods = new LinkedHashSet<>();
    }

    private static void add(String path, String methods) {
        Node node = ROOT;
        for (String segment : path.substring(1).split("/")) {
            if (segment.startsWith("{")) {
                if (node.parameter == null) {
                    node.parameter = new Node();
                }
                node = node.parameter;
            } else {
                node = node.literal.computeIfAbsent(segment, s -> new Node());
            }
        }
        node.methods.addAll(List.of(methods.split(",")));
    }

    /**
     * Checks a request against the tree as Asterisk's router does before any handler runs.
     *
     * @param method the HTTP method
     * @param segments the decoded path segments after {@code /ari}
     * @return {@code null} when the resource has the method, else the {@code Allow} value of a 405
     * @throws AriError 404 {@code Resource not found} for a path outside the tree
     */
    static String allowIfRefused(String method, List<String> segments) {
        Node node = ROOT;
        for (String segment : segments) {
            if (segment.isEmpty()) {
                break; // Asterisk's walk stops at the first empty segment
            }
            Node next = node.literal.get(segment);
            if (next == null) {
                next = node.parameter;
            }
            if (next == null) {
                throw new AriError(404, "Resource not found");
            }
            node = next;
        }
        // GET /ari and /ari/ (main/http.c handle_uri hands both to res_ari.c with an empty path): the walk ends
        // on the root handler, which has no callbacks, so ast_ari_invoke answers 405 with "Allow: OPTIONS".
        if (node.methods.contains(method)) {
            return null;
        }
        List<String> allow = new ArrayList<>(List.of("OPTIONS"));
        METHOD_ORDER.stream().filter(node.methods::contains).forEach(allow::add);
        return String.join(",", allow);
    }
}
