package org.arivoice.ari.resources;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@code POST /channels/externalMedia}: a channel whose media is exchanged with an external
 * server (RTP over UDP, AudioSocket over TCP, or chan_websocket).
 *
 * <pre>{@code
 * ExternalMediaOptions options = ExternalMediaOptions.builder("voicebot", "ulaw")
 *         .channelId("em-1").externalHost("127.0.0.1:40000")
 *         .encapsulation("rtp").transport("udp").direction("both")
 *         .build();
 * }</pre>
 *
 * <p>Asterisk checks the combination: {@code external_host must be <host>:<port> for all transports other than
 * websocket} and {@code transport must be 'udp' for rtp encapsulation} (both 400); an unknown format answers 500.
 *
 * <p>Create instances with {@code builder(app, format)}; {@code null} components are not sent, so Asterisk applies
 * its default.
 *
 * @param app the Stasis application the channel is placed into (required)
 * @param format the media format, e.g. {@code ulaw}, {@code alaw}, {@code slin16} (required)
 * @param channelId the id to give the new channel, or {@code null}
 * @param externalHost {@code host:port} of the external media server (not needed for {@code transport=websocket} with
 *        {@code connection_type=server}), or {@code null}
 * @param encapsulation {@code rtp} (default), {@code audiosocket} or {@code none}, or {@code null}
 * @param transport {@code udp} (default), {@code tcp} or {@code websocket}, or {@code null}
 * @param connectionType {@code client} (default) or {@code server}, for the websocket transport, or {@code null}
 * @param direction the media direction; Asterisk supports {@code both}, or {@code null}
 * @param data an opaque value for the external server (AudioSocket UUID, for example), or {@code null}
 * @param transportData transport-specific data, e.g. chan_websocket {@code f(json)} options, or {@code null}
 * @param variables channel variables (sent as the JSON body {@code {"variables":{...}}})
 */
public record ExternalMediaOptions(
        String app,
        String format,
        String channelId,
        String externalHost,
        String encapsulation,
        String transport,
        String connectionType,
        String direction,
        String data,
        String transportData,
        Map<String, VariableValue> variables) {
    /**
     * Validates required components and copies collections.
     *
     * @param app the Stasis application the channel is placed into (required)
     * @param format the media format, e.g. {@code ulaw}, {@code alaw}, {@code slin16} (required)
     * @param channelId the id to give the new channel, or {@code null}
     * @param externalHost {@code host:port} of the external media server (not needed for {@code transport=websocket}
     *        with {@code connection_type=server}), or {@code null}
     * @param encapsulation {@code rtp} (default), {@code audiosocket} or {@code none}, or {@code null}
     * @param transport {@code udp} (default), {@code tcp} or {@code websocket}, or {@code null}
     * @param connectionType {@code client} (default) or {@code server}, for the websocket transport, or {@code null}
     * @param direction the media direction; Asterisk supports {@code both}, or {@code null}
     * @param data an opaque value for the external server (AudioSocket UUID, for example), or {@code null}
     * @param transportData transport-specific data, e.g. chan_websocket {@code f(json)} options, or {@code null}
     * @param variables channel variables (sent as the JSON body {@code {"variables":{...}}})
     * @throws NullPointerException if a required component is {@code null}
     */
    public ExternalMediaOptions {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(format, "format");
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * Starts building options.
     *
     * @param app the Stasis application the channel is placed into
     * @param format the media format, e.g. {@code ulaw}, {@code alaw}, {@code slin16}
     * @return a new builder
     */
    public static Builder builder(String app, String format) {
        Builder b = new Builder();
        b.app(app);
        b.format(format);
        return b;
    }

    /**
     * A builder initialised with these options, to derive variants.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.app = app;
        b.format = format;
        b.channelId = channelId;
        b.externalHost = externalHost;
        b.encapsulation = encapsulation;
        b.transport = transport;
        b.connectionType = connectionType;
        b.direction = direction;
        b.data = data;
        b.transportData = transportData;
        b.variables.putAll(variables);
        return b;
    }

    /** Builds {@link ExternalMediaOptions}. Not thread-safe; each setter returns the builder. */
    public static final class Builder {
        private String app;
        private String format;
        private String channelId;
        private String externalHost;
        private String encapsulation;
        private String transport;
        private String connectionType;
        private String direction;
        private String data;
        private String transportData;
        private final Map<String, VariableValue> variables = new LinkedHashMap<>();

        private Builder() {
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
         * Sets {@code format}.
         *
         * @param format the media format, e.g. {@code ulaw}, {@code alaw}, {@code slin16}
         * @return this builder
         */
        public Builder format(String format) {
            this.format = Objects.requireNonNull(format, "format");
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
         * Sets {@code externalHost}.
         *
         * @param externalHost {@code host:port} of the external media server (not needed for {@code
         *        transport=websocket} with {@code connection_type=server}), or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder externalHost(String externalHost) {
            this.externalHost = externalHost;
            return this;
        }

        /**
         * Sets {@code encapsulation}.
         *
         * @param encapsulation {@code rtp} (default), {@code audiosocket} or {@code none}, or {@code null} to leave
         *        it to Asterisk
         * @return this builder
         */
        public Builder encapsulation(String encapsulation) {
            this.encapsulation = encapsulation;
            return this;
        }

        /**
         * Sets {@code transport}.
         *
         * @param transport {@code udp} (default), {@code tcp} or {@code websocket}, or {@code null} to leave it to
         *        Asterisk
         * @return this builder
         */
        public Builder transport(String transport) {
            this.transport = transport;
            return this;
        }

        /**
         * Sets {@code connectionType}.
         *
         * @param connectionType {@code client} (default) or {@code server}, for the websocket transport, or {@code
         *        null} to leave it to Asterisk
         * @return this builder
         */
        public Builder connectionType(String connectionType) {
            this.connectionType = connectionType;
            return this;
        }

        /**
         * Sets {@code direction}.
         *
         * @param direction the media direction; Asterisk supports {@code both}, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder direction(String direction) {
            this.direction = direction;
            return this;
        }

        /**
         * Sets {@code data}.
         *
         * @param data an opaque value for the external server (AudioSocket UUID, for example), or {@code null} to
         *        leave it to Asterisk
         * @return this builder
         */
        public Builder data(String data) {
            this.data = data;
            return this;
        }

        /**
         * Sets {@code transportData}.
         *
         * @param transportData transport-specific data, e.g. chan_websocket {@code f(json)} options, or {@code null}
         *        to leave it to Asterisk
         * @return this builder
         */
        public Builder transportData(String transportData) {
            this.transportData = transportData;
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
        public ExternalMediaOptions build() {
            return new ExternalMediaOptions(app, format, channelId, externalHost, encapsulation, transport,
                    connectionType, direction, data, transportData, variables);
        }
    }
}
