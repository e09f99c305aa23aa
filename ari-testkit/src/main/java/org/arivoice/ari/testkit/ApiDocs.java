package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What {@code res/res_ari.c} answers outside the REST handlers: {@code /ari/api-docs/...} ({@code ast_ari_get_docs})
 * and the {@code 426 Upgrade Required} page of a plain GET of the event WebSocket ({@code main/http.c}'s error
 * page). Of the documentation the fake serves the resource listing, {@code resources.json}, as the recorded
 * Asterisk listed it (its {@code basePath} built from the request's {@code Host}); the per-resource files are
 * not simulated and answer as a missing file does, {@code 404 Resource not found}. A method other than GET is
 * {@code 405 Unsupported method}.
 */
final class ApiDocs {
    /** The recorded listing's resources: path and description. */
    private static final List<String[]> RESOURCES = List.of(
            new String[] {"asterisk", "Asterisk resources"},
            new String[] {"endpoints", "Endpoint resources"},
            new String[] {"channels", "Channel resources"},
            new String[] {"bridges", "Bridge resources"},
            new String[] {"recordings", "Recording resources"},
            new String[] {"sounds", "Sound resources"},
            new String[] {"playbacks", "Playback control resources"},
            new String[] {"deviceStates", "Device state resources"},
            new String[] {"mailboxes", "Mailboxes resources"},
            new String[] {"events", "WebSocket resource"},
            new String[] {"applications", "Stasis application resources"});

    private ApiDocs() {
    }

    /**
     * Answers {@code /ari/api-docs/<file>}.
     *
     * @param host the request's {@code Host} header, or null
     */
    static Reply get(ObjectMapper mapper, String method, String file, String host) {
        if (!"GET".equals(method)) {
            throw new AriError(405, "Unsupported method");
        }
        if (!"resources.json".equals(file)) {
            throw new AriError(404, "Resource not found");
        }
        ObjectNode o = mapper.createObjectNode();
        o.put("_copyright", "Copyright (C) 2012 - 2013, Digium, Inc.");
        o.put("_author", "David M. Lee, II <dlee@digium.com>");
        o.put("_svn_revision", "$Revision$");
        o.put("apiVersion", "12.0.0");
        o.put("swaggerVersion", "1.1");
        if (host != null) {
            o.put("basePath", "http://" + host + "/ari");
        }
        ArrayNode apis = o.putArray("apis");
        for (String[] r : RESOURCES) {
            apis.addObject().put("path", "/api-docs/" + r[0] + ".{format}").put("description", r[1]);
        }
        return Reply.ok(o);
    }

    /** The HTML page of {@code 426 Upgrade Required}. */
    static String upgradeRequiredPage() {
        return "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\r\n<html><head>\r\n"
                + "<title>426 Upgrade Required</title>\r\n</head><body>\r\n<h1>Upgrade Required</h1>\r\n<p></p>\r\n"
                + "<hr />\r\n<address>Asterisk/FakeAsterisk</address>\r\n</body></html>\r\n";
    }
}
