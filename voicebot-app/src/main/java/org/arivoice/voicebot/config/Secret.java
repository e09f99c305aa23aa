package org.arivoice.voicebot.config;

import java.util.Objects;

/**
 * A password or API key: its value is only returned by {@link #reveal()}, and {@link #toString()} never shows
 * it, so it cannot leak into logs, exception messages or a printed configuration.
 */
public final class Secret {
    private final String value;
    private final String source;

    /**
     * Wraps a secret.
     *
     * @param value the secret, not empty
     * @param source where it came from, for messages: e.g. {@code env OPENAI_API_KEY} or {@code file /run/secrets/x}
     */
    public Secret(String value, String source) {
        this.value = Objects.requireNonNull(value, "value");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * The secret itself; pass it straight to the client that needs it.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    /**
     * Where the secret came from, safe to print.
     *
     * @return e.g. {@code env ARI_PASSWORD}
     */
    public String source() {
        return source;
    }

    /** Never the value: {@code ***(from <source>)}. */
    @Override
    public String toString() {
        return "***(from " + source + ")";
    }

    /** Secrets compare by value, so that a configuration can be compared in tests. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
