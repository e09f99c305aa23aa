package org.arivoice.ari.resources;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@code POST /channels} (originate) and {@code POST /channels/{channelId}} (originate with id).
 *
 * <p>Give either a dialplan destination ({@link Builder#extension(String) extension}, {@link Builder#context(String)
 * context},
 * {@link Builder#priority(Long) priority} or {@link Builder#label(String) label}) or a Stasis
 * {@link Builder#app(String) app}; Asterisk answers 400 when both or neither are given.
 *
 * <pre>{@code
 * OriginateOptions options = OriginateOptions.builder("PJSIP/1000")
 *         .app("voicebot").channelId("call-1").timeout(30)
 *         .variable("CALLERID(name)", "Alice")
 *         .build();
 * }</pre>
 *
 * <p>Create instances with {@code builder(endpoint)}; {@code null} components are not sent, so Asterisk applies its
 * default.
 *
 * @param endpoint the endpoint to call, e.g. {@code PJSIP/1000} or {@code Local/caller@ari-it} (required)
 * @param extension the dialplan extension to connect the answered channel to, or {@code null}
 * @param context the dialplan context, or {@code null}
 * @param priority the dialplan priority, or {@code null}
 * @param label the dialplan label (instead of a priority), or {@code null}
 * @param app the Stasis application the answered channel is placed into, or {@code null}
 * @param appArgs the application arguments passed in {@code StasisStart} (comma-separated), or {@code null}
 * @param callerId the caller id to use, e.g. {@code "Bot" <100>}, or {@code null}
 * @param timeout seconds to wait for an answer (Asterisk default 30), or {@code null}
 * @param variables channel variables to set on the new channel (sent as the JSON body {@code {"variables":{...}}})
 * @param channelId the id to give the new channel (only for {@code originate}; {@code originateWithId} takes it as a
 *        path parameter), or {@code null}
 * @param otherChannelId the id of the second leg of a Local channel, or {@code null}
 * @param originator the id of the channel that is originating this call (for linked ids and codecs), or {@code null}
 * @param formats comma-separated formats for the channel, e.g. {@code ulaw,alaw}, when there is no originator, or
 *        {@code null}
 */
public record OriginateOptions(
        String endpoint,
        String extension,
        String context,
        Long priority,
        String label,
        String app,
        String appArgs,
        String callerId,
        Integer timeout,
        Map<String, VariableValue> variables,
        String channelId,
        String otherChannelId,
        String originator,
        String formats) {
    /**
     * Validates required components and copies collections.
     *
     * @param endpoint the endpoint to call, e.g. {@code PJSIP/1000} or {@code Local/caller@ari-it} (required)
     * @param extension the dialplan extension to connect the answered channel to, or {@code null}
     * @param context the dialplan context, or {@code null}
     * @param priority the dialplan priority, or {@code null}
     * @param label the dialplan label (instead of a priority), or {@code null}
     * @param app the Stasis application the answered channel is placed into, or {@code null}
     * @param appArgs the application arguments passed in {@code StasisStart} (comma-separated), or {@code null}
     * @param callerId the caller id to use, e.g. {@code "Bot" <100>}, or {@code null}
     * @param timeout seconds to wait for an answer (Asterisk default 30), or {@code null}
     * @param variables channel variables to set on the new channel (sent as the JSON body {@code {"variables":{...}}})
     * @param channelId the id to give the new channel (only for {@code originate}; {@code originateWithId} takes it
     *        as a path parameter), or {@code null}
     * @param otherChannelId the id of the second leg of a Local channel, or {@code null}
     * @param originator the id of the channel that is originating this call (for linked ids and codecs), or {@code
     *        null}
     * @param formats comma-separated formats for the channel, e.g. {@code ulaw,alaw}, when there is no originator, or
     *        {@code null}
     * @throws NullPointerException if a required component is {@code null}
     */
    public OriginateOptions {
        Objects.requireNonNull(endpoint, "endpoint");
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * Starts building options.
     *
     * @param endpoint the endpoint to call, e.g. {@code PJSIP/1000} or {@code Local/caller@ari-it}
     * @return a new builder
     */
    public static Builder builder(String endpoint) {
        Builder b = new Builder();
        b.endpoint(endpoint);
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
        b.extension = extension;
        b.context = context;
        b.priority = priority;
        b.label = label;
        b.app = app;
        b.appArgs = appArgs;
        b.callerId = callerId;
        b.timeout = timeout;
        b.variables.putAll(variables);
        b.channelId = channelId;
        b.otherChannelId = otherChannelId;
        b.originator = originator;
        b.formats = formats;
        return b;
    }

    /** Builds {@link OriginateOptions}. Not thread-safe; each setter returns the builder. */
    public static final class Builder {
        private String endpoint;
        private String extension;
        private String context;
        private Long priority;
        private String label;
        private String app;
        private String appArgs;
        private String callerId;
        private Integer timeout;
        private final Map<String, VariableValue> variables = new LinkedHashMap<>();
        private String channelId;
        private String otherChannelId;
        private String originator;
        private String formats;

        private Builder() {
        }

        /**
         * Sets {@code endpoint}.
         *
         * @param endpoint the endpoint to call, e.g. {@code PJSIP/1000} or {@code Local/caller@ari-it}
         * @return this builder
         */
        public Builder endpoint(String endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * Sets {@code extension}.
         *
         * @param extension the dialplan extension to connect the answered channel to, or {@code null} to leave it to
         *        Asterisk
         * @return this builder
         */
        public Builder extension(String extension) {
            this.extension = extension;
            return this;
        }

        /**
         * Sets {@code context}.
         *
         * @param context the dialplan context, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder context(String context) {
            this.context = context;
            return this;
        }

        /**
         * Sets {@code priority}.
         *
         * @param priority the dialplan priority, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder priority(Long priority) {
            this.priority = priority;
            return this;
        }

        /**
         * Sets {@code label}.
         *
         * @param label the dialplan label (instead of a priority), or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /**
         * Sets {@code app}.
         *
         * @param app the Stasis application the answered channel is placed into, or {@code null} to leave it to
         *        Asterisk
         * @return this builder
         */
        public Builder app(String app) {
            this.app = app;
            return this;
        }

        /**
         * Sets {@code appArgs}.
         *
         * @param appArgs the application arguments passed in {@code StasisStart} (comma-separated), or {@code null}
         *        to leave it to Asterisk
         * @return this builder
         */
        public Builder appArgs(String appArgs) {
            this.appArgs = appArgs;
            return this;
        }

        /**
         * Sets {@code callerId}.
         *
         * @param callerId the caller id to use, e.g. {@code "Bot" <100>}, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder callerId(String callerId) {
            this.callerId = callerId;
            return this;
        }

        /**
         * Sets {@code timeout}.
         *
         * @param timeout seconds to wait for an answer (Asterisk default 30), or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder timeout(Integer timeout) {
            this.timeout = timeout;
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
         * Sets {@code channelId}.
         *
         * @param channelId the id to give the new channel (only for {@code originate}; {@code originateWithId} takes
         *        it as a path parameter), or {@code null} to leave it to Asterisk
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
         * @param originator the id of the channel that is originating this call (for linked ids and codecs), or
         *        {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder originator(String originator) {
            this.originator = originator;
            return this;
        }

        /**
         * Sets {@code formats}.
         *
         * @param formats comma-separated formats for the channel, e.g. {@code ulaw,alaw}, when there is no
         *        originator, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder formats(String formats) {
            this.formats = formats;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public OriginateOptions build() {
            return new OriginateOptions(endpoint, extension, context, priority, label, app, appArgs, callerId,
                    timeout, variables, channelId, otherChannelId, originator, formats);
        }
    }
}
