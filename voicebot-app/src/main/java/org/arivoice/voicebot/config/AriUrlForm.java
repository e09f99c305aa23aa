package org.arivoice.voicebot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the form of an ARI base URL as people write it and says what the right form is. Accepted:
 * {@code http(s)://host:port} and {@code http(s)://host:port[/prefix]/ari} (the {@code prefix} of
 * {@code http.conf}). Refused, each with the corrected URL where one can be derived: a {@code ws://} URL (the
 * bot derives the event socket itself), credentials in the URL, a trailing slash (Asterisk answers
 * {@code 404 ARI URLs do not end with a slash}), an operation path such as {@code /ari/asterisk}, a doubled
 * {@code /ari/ari}, and a path without {@code /ari}. Messages never contain the URL's user info.
 */
public final class AriUrlForm {

    /** An example of a right value, for messages. */
    public static final String EXAMPLE = "http://127.0.0.1:8088";

    private AriUrlForm() {
    }

    /**
     * The verdict on one URL.
     *
     * @param problem what is wrong with it, a sentence without the key name; empty when the form is right
     * @param suggestion the URL the user probably meant, when it can be derived (never with user info)
     */
    public record Verdict(Optional<String> problem, Optional<String> suggestion) {
        /**
         * Whether the URL has the right form.
         *
         * @return true when there is no problem
         */
        public boolean ok() {
            return problem.isEmpty();
        }
    }

    /**
     * Checks one URL.
     *
     * @param url the URL as written, possibly null or blank
     * @return the verdict
     */
    public static Verdict check(String url) {
        if (url == null || url.isBlank()) {
            return bad("is empty; give the address of Asterisk's HTTP server (http.conf bindaddr/bindport), e.g. "
                    + EXAMPLE, null);
        }
        String text = url.strip();
        if (!text.contains("://")) {
            String guess = "http://" + text;
            return bad("'" + redact(text) + "' has no scheme; write it as " + redact(guess)
                    + " (https:// when http.conf has tlsenable = yes)", redact(guess));
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return bad("'" + redact(text) + "' is not a valid URL (" + e.getReason() + "); write it like "
                    + EXAMPLE, null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null) {
            return bad("'" + redact(text) + "' has no valid host name (host names may not contain '_'); write it"
                    + " like " + EXAMPLE, null);
        }
        String origin;
        String httpScheme = scheme.equals("wss") || scheme.equals("https") ? "https" : "http";
        origin = httpScheme + "://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String rightPath = rightPath(path);
        String suggestion = origin + rightPath;
        if (scheme.equals("ws") || scheme.equals("wss")) {
            return bad("'" + redact(text) + "' uses " + scheme + "://, but the ARI URL is the HTTP address; the bot"
                    + " derives the event WebSocket itself: use " + suggestion, suggestion);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return bad("'" + redact(text) + "' has the scheme '" + scheme + "'; use http:// or https://, e.g. "
                    + EXAMPLE, null);
        }
        if (uri.getRawUserInfo() != null) {
            return bad("'" + redact(text) + "' contains credentials; remove them (use " + suggestion
                    + ") and give the user in ari.user (or ARI_USER) and the password in ARI_PASSWORD or"
                    + " ari.password-file", suggestion);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return bad("'" + text + "' has a query or fragment; use " + suggestion, suggestion);
        }
        if (uri.getPort() == 0) {
            return bad("'" + text + "' has port 0; use http.conf's bindport (8088 by default), e.g. " + EXAMPLE,
                    null);
        }
        if (isRoot(path, rightPath)) {
            return new Verdict(Optional.empty(), Optional.of(text));
        }
        if (path.endsWith("/") && isRoot(trimSlash(path), rightPath)) {
            String trimmed = origin + trimSlash(path);
            return bad("'" + text + "' ends with a slash; Asterisk answers 404 \"ARI URLs do not end with a"
                    + " slash\": use " + trimmed, trimmed);
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("/ari/ari")) {
            return bad("'" + text + "' has /ari twice; the bot adds the operation paths itself: use " + suggestion,
                    suggestion);
        }
        if (lower.contains("/ari/")) {
            return bad("'" + text + "' has an operation path after /ari (" + path.substring(lower.indexOf("/ari/")
                    + 4) + "); the base URL is the ARI root, the bot adds the operation paths itself: use "
                    + suggestion, suggestion);
        }
        if (lower.endsWith("/asterisk") || lower.endsWith("/channels") || lower.endsWith("/events")
                || lower.endsWith("/applications") || lower.endsWith("/bridges")) {
            return bad("'" + text + "' ends with an operation path and misses /ari; use " + suggestion,
                    suggestion);
        }
        return bad("'" + text + "' has the path '" + path + "' without /ari; use " + origin + " (or "
                + origin + trimSlash(path) + "/ari if http.conf sets prefix = " + trimSlash(path).substring(1)
                + ")", origin);
    }

    /** The path the user most likely meant: the part up to and including the first /ari, or nothing. */
    private static String rightPath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        int ari = lower.indexOf("/ari");
        while (ari >= 0) {
            int end = ari + 4;
            if (end == lower.length() || lower.charAt(end) == '/') {
                String prefix = path.substring(0, ari);
                return prefix.isEmpty() || prefix.equals("/") ? "" : trimSlash(prefix) + "/ari";
            }
            ari = lower.indexOf("/ari", end);
        }
        return "";
    }

    private static boolean isRoot(String path, String rightPath) {
        return path.isEmpty() || path.equalsIgnoreCase("/ari") || (!rightPath.isEmpty() && path.equals(rightPath));
    }

    private static String trimSlash(String path) {
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static Verdict bad(String problem, String suggestion) {
        return new Verdict(Optional.of(problem), Optional.ofNullable(suggestion));
    }

    /**
     * Removes user info (which may hold a password) from a URL.
     *
     * @param url a URL
     * @return the URL with {@code user:password@} replaced by {@code ***@}
     */
    public static String redact(String url) {
        int schemeEnd = url.indexOf("://");
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
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
