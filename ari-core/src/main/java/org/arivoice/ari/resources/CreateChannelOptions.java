package org.arivoice.ari.resources;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@code POST /channels/create}: a channel that is created but not dialled until
 * {@code channels().dial(...)}.
 *
 * <p>Create instances with {@code builder(endpoint, app)}; {@code null} components are not sent, so Asterisk applies
 * its default.
 *
 * @param endpoint the endpoint to call (required)
 * @param app the Stasis application the channel is placed into (required)
 * @param appArgs the application arguments, or {@code null}
 * @param channelId the id to give the new channel, or {@code null}
 * @param otherChannelId the id of the second leg of a Local channel, or {@code null}
 * @param originator the id of the originating channel, or {@code null}
 * @param formats comma-separated formats, e.g. {@code ulaw}, or {@code null}
 * @param variables channel variables (sent as the JSON body {@code {"variables":{...}}})
 */
public record CreateChannelOptions(
        String endpoint,
        String app,
        String appArgs,
        String channelId,
        String otherChannelId,
        String originator,
        String formats,
        Map<String, VariableValue> variables) {
    /**
     * Validates required components and copies collections.
     *
     * @param endpoint the endpoint to call (required)
     * @param app the Stasis application the channel is placed into (required)
     * @param appArgs the application arguments, or {@code null}
     * @param channelId the id to give the new channel, or {@code null}
     * @param otherChannelId the id of the second leg of a Local channel, or {@code null}
     * @param originator the id of the originating channel, or {@code null}
     * @param formats comma-separated formats, e.g. {@code ulaw}, or {@code null}
     * @param variables channel variables (sent as the JSON body {@code {"variables":{...}}})
     * @throws NullPointerException if a required component is {@code null}
     */
    public CreateChannelOptions {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(app, "app");
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * Starts building options.
     *
     * @param endpoint the endpoint to call
     * @param app the Stasis application the channel is placed into
     * @return a new builder
     */
    public static Builder builder(String endpoint, String app) {
        Builder b = new Builder();
        b.endpoint(endpoint);
        b.app(app);
        return b;
    }

    /**
     * A builder initialised with these options, to derive variants.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.endpoint = endpoint;
        b.app = app;
        b.appArgs = appArgs;
        b.channelId = channelId;
        b.otherChannelId = otherChannelId;
        b.originator = originator;
        b.formats = formats;
        b.variables.putAll(variables);
        return b;
    }

    /** Builds {@link CreateChannelOptions}. Not thread-safe; each setter returns the builder. */
    public static final class Builder {
        private String endpoint;
        private String app;
        private String appArgs;
        private String channelId;
        private String otherChannelId;
        private String originator;
        private String formats;
        private final Map<String, VariableValue> variables = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets {@code endpoint}.
         *
         * @param endpoint the endpoint to call
         * @return this builder
         */
        public Builder endpoint(String endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * Sets {@code app}.
         *
         * @param app the Stasis application the channel is placed into
         * @return this builder
         */
        public Builder app(String app) {
            this.app = Objects.requireNonNull(app, "app");
            return this;
        }

        /**
         * Sets {@code appArgs}.
         *
         * @param appArgs the application arguments, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder appArgs(String appArgs) {
            this.appArgs = appArgs;
            return this;
        }

        /**
         * Sets {@code channelId}.
         *
         * @param channelId the id to give the new channel, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder channelId(String channelId) {
            this.channelId = channelId;
            return this;
        }

        /**
         * Sets {@code otherChannelId}.
         *
         * @param otherChannelId the id of the second leg of a Local channel, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder otherChannelId(String otherChannelId) {
            this.otherChannelId = otherChannelId;
            return this;
        }

        /**
         * Sets {@code originator}.
         *
         * @param originator the id of the originating channel, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder originator(String originator) {
            this.originator = originator;
            return this;
        }

        /**
         * Sets {@code formats}.
         *
         * @param formats comma-separated formats, e.g. {@code ulaw}, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder formats(String formats) {
            this.formats = formats;
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
        public CreateChannelOptions build() {
            return new CreateChannelOptions(endpoint, app, appArgs, channelId, otherChannelId, originator, formats,
                    variables);
        }
    }
}
