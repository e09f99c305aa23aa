package org.arivoice.voicebot.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML keys the configuration knows, by section, and the "did you mean" for a key it does not know.
 */
final class Keys {

    /** Sections and their keys, in the order of the sample file. */
    static final Map<String, List<String>> SECTIONS = Map.of(
            "ari", List.of("url", "user", "password-file", "application", "id-prefix", "sweep-on-start"),
            "media", List.of("bind-address", "advertised-host", "port-min", "port-max", "format", "jitter-ms"),
            "realtime", List.of("endpoint", "azure-resource", "api-key-file", "model", "voice", "connect-timeout"),
            "conversation", List.of("instructions", "greet", "greeting", "vad", "vad-threshold", "silence-ms",
                    "prefix-padding-ms", "barge-in-guard-ms", "min-speech-ms", "forward-dtmf",
                    "input-transcription"),
            "tools", List.of("end-call", "send-dtmf", "transfer-targets"),
            "limits", List.of("max-call-duration", "max-concurrent-calls", "overflow", "busy-media",
                    "session-rollover", "max-realtime-failures", "apology-media", "fallback", "shutdown-grace"),
            "observability", List.of("metrics-port", "transcripts-dir", "record-calls"));

    /** The top-level sections in order. */
    static final List<String> SECTION_ORDER = List.of("ari", "media", "realtime", "conversation", "tools",
            "limits", "observability");

    /** Keys that would hold a secret: recognised, so that the refusal says how to pass the secret instead. */
    static final List<String> REFUSED_SECRETS = List.of("ari.password", "realtime.api-key");

    /** Keys of a transfer target. */
    static final List<String> TRANSFER_TARGET = List.of("description", "location", "endpoint");

    /** Keys of a dialplan location. */
    static final List<String> LOCATION = List.of("context", "extension", "priority");

    private Keys() {
    }

    /**
     * The known key closest to an unknown one, if it is close enough to be a typo or a spelling variant
     * ({@code advertisedHost}, {@code advertised_host}, {@code advertized-host}).
     *
     * @param unknown the key as written
     * @param known the keys allowed at that place
     * @return the suggestion
     */
    static Optional<String> didYouMean(String unknown, List<String> known) {
        String u = normalise(unknown);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            String n = normalise(k);
            if (n.equals(u)) {
                return Optional.of(k);
            }
            int d = distance(u, n);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        int allowed = Math.max(1, Math.min(3, u.length() / 4));
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Lower case without separators, so that camelCase, snake_case and kebab-case compare equal. */
    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
