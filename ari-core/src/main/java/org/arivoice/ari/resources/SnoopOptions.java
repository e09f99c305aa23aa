package org.arivoice.ari.resources;

import java.util.Objects;

/**
 * Options of {@code POST /channels/{channelId}/snoop}: a channel that taps and/or whispers into another
 * channel. The snoop channel ends by itself when the snooped channel hangs up.
 *
 * <p>Create instances with {@code builder(app)}; {@code null} components are not sent, so Asterisk applies its default.
 *
 * @param app the Stasis application the snoop channel is placed into (required)
 * @param spy which audio to tap (Asterisk default {@code none}), or {@code null}
 * @param whisper which direction to inject audio into (Asterisk default {@code none}), or {@code null}
 * @param appArgs the application arguments, or {@code null}
 * @param snoopId the id to give the snoop channel (only for {@code snoop}; {@code snoopWithId} takes it as a path
 *        parameter), or {@code null}
 */
public record SnoopOptions(String app, SnoopDirection spy, SnoopDirection whisper, String appArgs, String snoopId) {
    /**
     * Validates required components and copies collections.
     *
     * @param app the Stasis application the snoop channel is placed into (required)
     * @param spy which audio to tap (Asterisk default {@code none}), or {@code null}
     * @param whisper which direction to inject audio into (Asterisk default {@code none}), or {@code null}
     * @param appArgs the application arguments, or {@code null}
     * @param snoopId the id to give the snoop channel (only for {@code snoop}; {@code snoopWithId} takes it as a path
     *        parameter), or {@code null}
     * @throws NullPointerException if a required component is {@code null}
     */
    public SnoopOptions {
        Objects.requireNonNull(app, "app");
    }

    /**
     * Starts building options.
     *
     * @param app the Stasis application the snoop channel is placed into
     * @return a new builder
     */
    public static Builder builder(String app) {
        Builder b = new Builder();
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
        b.app = app;
        b.spy = spy;
        b.whisper = whisper;
        b.appArgs = appArgs;
        b.snoopId = snoopId;
        return b;
    }

    /** Builds {@link SnoopOptions}. Not thread-safe; each setter returns the builder. */
    public static final class Builder {
        private String app;
        private SnoopDirection spy;
        private SnoopDirection whisper;
        private String appArgs;
        private String snoopId;

        private Builder() {
        }

        /**
         * Sets {@code app}.
         *
         * @param app the Stasis application the snoop channel is placed into
         * @return this builder
         */
        public Builder app(String app) {
            this.app = Objects.requireNonNull(app, "app");
            return this;
        }

        /**
         * Sets {@code spy}.
         *
         * @param spy which audio to tap (Asterisk default {@code none}), or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder spy(SnoopDirection spy) {
            this.spy = spy;
            return this;
        }

        /**
         * Sets {@code whisper}.
         *
         * @param whisper which direction to inject audio into (Asterisk default {@code none}), or {@code null} to
         *        leave it to Asterisk
         * @return this builder
         */
        public Builder whisper(SnoopDirection whisper) {
            this.whisper = whisper;
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
         * Sets {@code snoopId}.
         *
         * @param snoopId the id to give the snoop channel (only for {@code snoop}; {@code snoopWithId} takes it as a
         *        path parameter), or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder snoopId(String snoopId) {
            this.snoopId = snoopId;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public SnoopOptions build() {
            return new SnoopOptions(app, spy, whisper, appArgs, snoopId);
        }
    }
}
