package org.arivoice.it;

import java.util.Map;
import java.util.Optional;
import org.arivoice.ari.testkit.FakeAsterisk;

/**
 * An Asterisk that already runs somewhere, named by environment variables ({@code ARI_URL}, {@code ARI_USER},
 * {@code ARI_PASSWORD}, optionally {@code ARI_APP}, {@code ARI_CONTEXT}, {@code ARI_READONLY_USER},
 * {@code ARI_READONLY_PASSWORD}, {@code ARI_MEDIA_HOST}, {@code ARI_MEDIA_BIND}). The tests never stop it.
 */
final class ExternalTarget implements AsteriskTarget {
    private final String baseUrl;
    private final String user;
    private final String password;
    private final String readOnlyUser;
    private final String readOnlyPassword;
    private final String application;
    private final String context;
    private final String mediaHost;
    private final String mediaBind;

    private ExternalTarget(Map<String, String> env) {
        this.baseUrl = env.get("ARI_URL");
        this.user = env.get("ARI_USER");
        this.password = env.get("ARI_PASSWORD");
        this.readOnlyUser = env.getOrDefault("ARI_READONLY_USER", "reader");
        this.readOnlyPassword = env.getOrDefault("ARI_READONLY_PASSWORD", "reader-secret");
        this.application = env.getOrDefault("ARI_APP", "arivoice-it");
        this.context = env.getOrDefault("ARI_CONTEXT", "arivoice-it");
        this.mediaHost = env.getOrDefault("ARI_MEDIA_HOST", "127.0.0.1");
        this.mediaBind = env.getOrDefault("ARI_MEDIA_BIND", "0.0.0.0");
    }

    /**
     * Why the environment names no external Asterisk.
     *
     * @param env the environment
     * @return empty when {@code ARI_URL}, {@code ARI_USER} and {@code ARI_PASSWORD} are all set, else the names
     *     of the missing variables
     */
    static Optional<String> missing(Map<String, String> env) {
        StringBuilder absent = new StringBuilder();
        for (String name : new String[] {"ARI_URL", "ARI_USER", "ARI_PASSWORD"}) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                absent.append(absent.length() == 0 ? "" : ", ").append(name);
            }
        }
        return absent.length() == 0 ? Optional.empty() : Optional.of(absent + " not set");
    }

    static ExternalTarget fromEnvironment(Map<String, String> env) {
        return new ExternalTarget(env);
    }

    @Override
    public String kind() {
        return "external";
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String readOnlyUser() {
        return readOnlyUser;
    }

    @Override
    public String readOnlyPassword() {
        return readOnlyPassword;
    }

    @Override
    public String application() {
        return application;
    }

    @Override
    public String context() {
        return context;
    }

    @Override
    public String mediaAdvertiseHost() {
        return mediaHost;
    }

    @Override
    public String mediaBindHost() {
        return mediaBind;
    }

    @Override
    public Optional<FakeAsterisk> fake() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "external Asterisk at " + withoutUserInfo(baseUrl) + " (user " + user + ", application " + application + ", context "
                + context + ", RTP to " + mediaHost + ")";
    }

    /** A URL as given, minus any {@code user:password@} part, so that a misplaced secret is not logged. */
    private static String withoutUserInfo(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (scheme >= 0 && at > scheme && (slash < 0 || at < slash)) {
            return url.substring(0, scheme + 3) + "<redacted>@" + url.substring(at + 1);
        }
        return url;
    }

    @Override
    public void close() {
        // An Asterisk the tests did not start is not theirs to stop.
    }

    @Override
    public String toString() {
        return describe();
    }
}
