package org.arivoice.ari.resources;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@code POST /bridges} and {@code POST /bridges/{bridgeId}}.
 *
 * <pre>{@code
 * BridgeOptions options = BridgeOptions.builder().type("mixing").bridgeId("bridge-1").name("call-1").build();
 * }</pre>
 *
 * <p>Create instances with {@code builder()}; {@code null} components are not sent, so Asterisk applies its default.
 *
 * @param type bridge type flags, sent comma-separated: {@code mixing}, {@code holding}, {@code dtmf_events}, {@code
 *        proxy_media}, {@code video_sfu}, {@code video_single}, {@code sdp_label}, or {@code null}
 * @param bridgeId the id to give the bridge (only for {@code create}; {@code createWithId} takes it as a path
 *        parameter), or {@code null}
 * @param name a name for the bridge, or {@code null}
 * @param variables bridge variables (sent as the JSON body {@code {"variables":{...}}})
 */
public record BridgeOptions(List<String> type, String bridgeId, String name, Map<String, VariableValue> variables) {
    /**
     * Validates required components and copies collections.
     *
     * <p>Collections are copied so that the record stays immutable.
     *
     * @param type bridge type flags, sent comma-separated: {@code mixing}, {@code holding}, {@code dtmf_events},
     *        {@code proxy_media}, {@code video_sfu}, {@code video_single}, {@code sdp_label}, or {@code null}
     * @param bridgeId the id to give the bridge (only for {@code create}; {@code createWithId} takes it as a path
     *        parameter), or {@code null}
     * @param name a name for the bridge, or {@code null}
     * @param variables bridge variables (sent as the JSON body {@code {"variables":{...}}})
     */
    public BridgeOptions {
        type = type == null ? null : List.copyOf(type);
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * Starts building options.
     *
     * @return a new builder
     */
    public static Builder builder() {
        Builder b = new Builder();
        return b;
    }

    /**
     * A builder initialised with these options, to derive variants.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.type = type;
        b.bridgeId = bridgeId;
        b.name = name;
        b.variables.putAll(variables);
        return b;
    }

    /** Builds {@link BridgeOptions}. Not thread-safe; each setter returns the builder. */
    public static final class Builder {
        private List<String> type;
        private String bridgeId;
        private String name;
        private final Map<String, VariableValue> variables = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets {@code type}.
         *
         * @param type bridge type flags, sent comma-separated: {@code mixing}, {@code holding}, {@code dtmf_events},
         *        {@code proxy_media}, {@code video_sfu}, {@code video_single}, {@code sdp_label}, or {@code null} to
         *        leave it to Asterisk
         * @return this builder
         */
        public Builder type(List<String> type) {
            this.type = type;
            return this;
        }

        /**
         * Sets {@code type} from individual values.
         *
         * @param type bridge type flags, sent comma-separated: {@code mixing}, {@code holding}, {@code dtmf_events},
         *        {@code proxy_media}, {@code video_sfu}, {@code video_single}, {@code sdp_label}
         * @return this builder
         */
        public Builder type(String... type) {
            return type(List.of(type));
        }

        /**
         * Sets {@code bridgeId}.
         *
         * @param bridgeId the id to give the bridge (only for {@code create}; {@code createWithId} takes it as a path
         *        parameter), or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder bridgeId(String bridgeId) {
            this.bridgeId = bridgeId;
            return this;
        }

        /**
         * Sets {@code name}.
         *
         * @param name a name for the bridge, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Adds a variable whose changes are not reported in events.
         *
         * @param name the variable name, e.g. {@code CALLERID(name)}
         * @param value its value
         * @return this builder
         */
        public Builder variable(String name, String value) {
            return variable(name, VariableValue.of(value));
        }

        /**
         * Adds a variable.
         *
         * @param name the variable name
         * @param value its value and whether changes are reported in events
         * @return this builder
         */
        public Builder variable(String name, VariableValue value) {
            variables.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds several plain variables.
         *
         * @param values names and values
         * @return this builder
         */
        public Builder variables(Map<String, String> values) {
            values.forEach(this::variable);
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public BridgeOptions build() {
            return new BridgeOptions(type, bridgeId, name, variables);
        }
    }
}
