package org.arivoice.ari.internal.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Normalises ARI base URLs and builds request and event URLs.
 *
 * <p><b>Not API:</b> this class lives in an internal package; it may change or disappear in any release.
 *
 * <p>Users write the base URL in several forms ({@code http://h:8088}, {@code http://h:8088/ari},
 * {@code http://h:8088/ari/}); all of them mean the ARI root, which this class returns as a URI ending in
 * {@code /ari/}. A path that goes beyond the ARI root, such as {@code /ari/asterisk}, is a common mistake and
 * is rejected with an explanation rather than silently producing 404s later. An {@code http.conf}
 * {@code prefix} is supported: {@code http://h:8088/pbx/ari} is accepted as is.
 */
public final class AriUrls {
    private static final String EXAMPLE = "http://127.0.0.1:8088";

    private AriUrls() {
    }

    /**
     * Validates a base URL and returns the ARI root it designates.
     *
     * @param baseUrl the URL as the user wrote it, e.g. {@code http://127.0.0.1:8088}
     * @return the ARI root, an absolute http(s) URI whose path ends in {@code /ari/}
     * @throws IllegalArgumentException with an explanation naming the accepted form, if the URL is empty,
     *         malformed, not http(s), has no host, carries user info, a query or a fragment, or has a path
     *         other than the ARI root
     */
    public static URI normaliseBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("the ARI base URL is empty; give the address of Asterisk's HTTP"
                    + " server, e.g. " + EXAMPLE + " (the client adds /ari itself)");
        }
        String text = baseUrl.strip();
        if (!text.contains("://")) {
            throw new IllegalArgumentException("the ARI base URL '" + redact(text) + "' has no scheme; write it as"
                    + " http://" + text + " (or https:// when http.conf has tlsenable = yes)");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the ARI base URL '" + redact(text) + "' is not a valid URL ("
                    + e.getReason() + " at index " + e.getIndex() + "); expected e.g. " + EXAMPLE);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("ws") || scheme.equals("wss")) {
            throw new IllegalArgumentException("the ARI base URL '" + redact(text) + "' uses " + scheme
                    + "://; give the http" + (scheme.equals("wss") ? "s" : "") + ":// address instead, the"
                    + " client derives the event WebSocket URL from it");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the ARI base URL '" + redact(text) + "' has scheme '" + scheme
                    + "'; only http and https are supported, e.g. " + EXAMPLE);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the ARI base URL '" + redact(text) + "' contains user info;"
                    + " remove it and pass the user and password to credentials(user, password) instead,"
                    + " so that they never end up in logs");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the ARI base URL '" + redact(text) + "' has no valid host name"
                    + " (host names may not contain '_'); expected e.g. " + EXAMPLE);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the ARI base URL '" + redact(text) + "' has a query or fragment;"
                    + " give only scheme, host, port and optionally /ari, e.g. " + EXAMPLE + "/ari");
        }
        if (uri.getPort() == 0) {
            throw new IllegalArgumentException("the ARI base URL '" + redact(text) + "' has port 0; use the port"
                    + " of http.conf's bindport (8088 by default)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String rootPath;
        if (path.isEmpty() || path.equals("/")) {
            rootPath = "/ari/";
        } else if (path.endsWith("/ari") || path.endsWith("/ari/")) {
            rootPath = path.endsWith("/") ? path : path + "/";
            if (rootPath.contains("//")) {
                throw new IllegalArgumentException("the ARI base URL '" + redact(text) + "' has an empty path"
                        + " segment; expected e.g. " + EXAMPLE + "/ari");
            }
        } else {
            String origin = scheme + "://" + uri.getRawAuthority();
            String hint = path.startsWith("/ari/")
                    ? " The part after /ari (" + path.substring(4) + ") is an operation path, which the client"
                    + " adds itself (for example ari.asterisk().getInfo())."
                    : " If http.conf sets a prefix, put it before /ari, e.g. " + origin
                    + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/ari.";
            throw new IllegalArgumentException("the ARI base URL '" + redact(text) + "' has the path '" + path
                    + "', but the base URL must designate the ARI root: use " + origin + " or " + origin
                    + "/ari." + hint);
        }
        try {
            return new URI(scheme, null, uri.getHost(), uri.getPort(), rootPath, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the ARI base URL '" + redact(text) + "' cannot be normalised ("
                    + e.getReason() + "); expected e.g. " + EXAMPLE);
        }
    }

    /**
     * Builds the event WebSocket URI {@code ws(s)://host:port/ari/events?app=a,b&subscribeAll=...}.
     *
     * @param base the ARI root from {@link #normaliseBaseUrl(String)}
     * @param apps the Stasis application names, at least one; none may be blank or contain a comma
     * @param subscribeAll whether to subscribe to all Asterisk events, not only those of the applications'
     *        resources
     * @return the WebSocket URI (ws for http, wss for https)
     * @throws IllegalArgumentException if {@code apps} is empty or holds a blank name or a name with a comma
     */
    public static URI eventsUri(URI base, List<String> apps, boolean subscribeAll) {
        if (apps == null || apps.isEmpty()) {
            throw new IllegalArgumentException("at least one Stasis application name is needed for the event"
                    + " WebSocket");
        }
        StringBuilder query = new StringBuilder("app=");
        for (int i = 0; i < apps.size(); i++) {
            String app = apps.get(i);
            if (app == null || app.isBlank() || app.indexOf(',') >= 0) {
                throw new IllegalArgumentException("Stasis application name '" + app + "' is invalid: it must"
                        + " be non-blank and contain no comma (commas separate applications in the URL)");
            }
            if (i > 0) {
                query.append(',');
            }
            query.append(encodeQueryValue(app));
        }
        query.append("&subscribeAll=").append(subscribeAll);
        String scheme = base.getScheme().equalsIgnoreCase("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + base.getRawPath() + "events?" + query);
    }

    /**
     * Percent-encodes one path segment (everything except RFC 3986 unreserved characters and a few safe
     * sub-delimiters), so that an id containing {@code /} or {@code ?} cannot change the request path.
     *
     * @param segment the raw segment
     * @return the encoded segment
     */
    public static String encodePathSegment(String segment) {
        return encode(segment, "-._~!$'()*,;=:@");
    }

    /**
     * Percent-encodes a query parameter value. {@code &}, {@code =}, {@code +}, {@code #} and {@code %} are
     * encoded; {@code /}, {@code :}, {@code @} and {@code ,} stay readable, as in Asterisk's own logs
     * ({@code endpoint=Local/caller@ari-it}). A space becomes {@code %20}, never {@code +}.
     *
     * @param value the raw value
     * @return the encoded value
     */
    public static String encodeQueryValue(String value) {
        return encode(value, "-._~!$'()*,;:@/?");
    }

    private static String encode(String raw, String safe) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c < 0x80 && safe.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Removes user info (which may hold a password) from a URL before it goes into a message. */
    private static String redact(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int at = url.lastIndexOf('@', authorityEnd - 1);
        if (at < authorityStart) {
            return url;
        }
        return url.substring(0, authorityStart) + "***@" + url.substring(at + 1);
    }
}
