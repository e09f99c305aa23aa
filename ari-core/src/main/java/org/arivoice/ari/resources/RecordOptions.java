package org.arivoice.ari.resources;

import java.util.Objects;

/**
 * Options of a live recording of a channel ({@code POST /channels/{channelId}/record}) or a bridge
 * ({@code POST /bridges/{bridgeId}/record}).
 *
 * <p>Create instances with {@code builder(name, format)}; {@code null} components are not sent, so Asterisk applies
 * its default.
 *
 * @param name the recording name (the stored file is named after it) (required)
 * @param format the file format, e.g. {@code wav} (required)
 * @param maxDurationSeconds maximum duration in seconds; 0 for none, or {@code null}
 * @param maxSilenceSeconds maximum silence in seconds before the recording stops; 0 for none, or {@code null}
 * @param ifExists what to do when the name is taken (Asterisk default {@code fail}), or {@code null}
 * @param beep whether to play a beep first, or {@code null}
 * @param terminateOn a DTMF digit that ends the recording (Asterisk default {@code none}), or {@code null}
 * @param recorderFormat bridges only: the format of the recorder channel of the bridge (e.g. {@code slin16});
 *        recording a channel with it set is rejected, or {@code null}
 */
public record RecordOptions(
        String name,
        String format,
        Integer maxDurationSeconds,
        Integer maxSilenceSeconds,
        RecordingIfExists ifExists,
        Boolean beep,
        RecordingTerminateOn terminateOn,
        String recorderFormat) {
    /**
     * Validates required components and copies collections.
     *
     * @param name the recording name (the stored file is named after it) (required)
     * @param format the file format, e.g. {@code wav} (required)
     * @param maxDurationSeconds maximum duration in seconds; 0 for none, or {@code null}
     * @param maxSilenceSeconds maximum silence in seconds before the recording stops; 0 for none, or {@code null}
     * @param ifExists what to do when the name is taken (Asterisk default {@code fail}), or {@code null}
     * @param beep whether to play a beep first, or {@code null}
     * @param terminateOn a DTMF digit that ends the recording (Asterisk default {@code none}), or {@code null}
     * @param recorderFormat bridges only: the format of the recorder channel of the bridge (e.g. {@code slin16});
     *        recording a channel with it set is rejected, or {@code null}
     * @throws NullPointerException if a required component is {@code null}
     */
    public RecordOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
    }

    /**
     * Starts building options.
     *
     * @param name the recording name (the stored file is named after it)
     * @param format the file format, e.g. {@code wav}
     * @return a new builder
     */
    public static Builder builder(String name, String format) {
        Builder b = new Builder();
        b.name(name);
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
        b.name = name;
        b.format = format;
        b.maxDurationSeconds = maxDurationSeconds;
        b.maxSilenceSeconds = maxSilenceSeconds;
        b.ifExists = ifExists;
        b.beep = beep;
        b.terminateOn = terminateOn;
        b.recorderFormat = recorderFormat;
        return b;
    }

    /** Builds {@link RecordOptions}. Not thread-safe; each setter returns the builder. */
    public static final class Builder {
        private String name;
        private String format;
        private Integer maxDurationSeconds;
        private Integer maxSilenceSeconds;
        private RecordingIfExists ifExists;
        private Boolean beep;
        private RecordingTerminateOn terminateOn;
        private String recorderFormat;

        private Builder() {
        }

        /**
         * Sets {@code name}.
         *
         * @param name the recording name (the stored file is named after it)
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets {@code format}.
         *
         * @param format the file format, e.g. {@code wav}
         * @return this builder
         */
        public Builder format(String format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Sets {@code maxDurationSeconds}.
         *
         * @param maxDurationSeconds maximum duration in seconds; 0 for none, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder maxDurationSeconds(Integer maxDurationSeconds) {
            this.maxDurationSeconds = maxDurationSeconds;
            return this;
        }

        /**
         * Sets {@code maxSilenceSeconds}.
         *
         * @param maxSilenceSeconds maximum silence in seconds before the recording stops; 0 for none, or {@code null}
         *        to leave it to Asterisk
         * @return this builder
         */
        public Builder maxSilenceSeconds(Integer maxSilenceSeconds) {
            this.maxSilenceSeconds = maxSilenceSeconds;
            return this;
        }

        /**
         * Sets {@code ifExists}.
         *
         * @param ifExists what to do when the name is taken (Asterisk default {@code fail}), or {@code null} to leave
         *        it to Asterisk
         * @return this builder
         */
        public Builder ifExists(RecordingIfExists ifExists) {
            this.ifExists = ifExists;
            return this;
        }

        /**
         * Sets {@code beep}.
         *
         * @param beep whether to play a beep first, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder beep(Boolean beep) {
            this.beep = beep;
            return this;
        }

        /**
         * Sets {@code terminateOn}.
         *
         * @param terminateOn a DTMF digit that ends the recording (Asterisk default {@code none}), or {@code null} to
         *        leave it to Asterisk
         * @return this builder
         */
        public Builder terminateOn(RecordingTerminateOn terminateOn) {
            this.terminateOn = terminateOn;
            return this;
        }

        /**
         * Sets {@code recorderFormat}.
         *
         * @param recorderFormat bridges only: the format of the recorder channel of the bridge (e.g. {@code slin16});
         *        recording a channel with it set is rejected, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder recorderFormat(String recorderFormat) {
            this.recorderFormat = recorderFormat;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public RecordOptions build() {
            return new RecordOptions(name, format, maxDurationSeconds, maxSilenceSeconds, ifExists, beep,
                    terminateOn, recorderFormat);
        }
    }
}
