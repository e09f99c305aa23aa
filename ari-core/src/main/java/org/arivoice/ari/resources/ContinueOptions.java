package org.arivoice.ari.resources;

import java.util.Objects;

/**
 * Where {@code POST /channels/{channelId}/continue} sends a channel when it leaves Stasis; all fields
 * optional (without any, the channel continues after the {@code Stasis()} application).
 *
 * <p>Create instances with {@code builder()}; {@code null} components are not sent, so Asterisk applies its default.
 *
 * @param context the dialplan context, or {@code null}
 * @param extension the extension, or {@code null}
 * @param priority the priority, or {@code null}
 * @param label the label (instead of a priority), or {@code null}
 */
public record ContinueOptions(String context, String extension, Integer priority, String label) {
    /**
     * Validates required components and copies collections.
     *
     * <p>Collections are copied so that the record stays immutable.
     *
     * @param context the dialplan context, or {@code null}
     * @param extension the extension, or {@code null}
     * @param priority the priority, or {@code null}
     * @param label the label (instead of a priority), or {@code null}
     */
    public ContinueOptions {
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
        b.context = context;
        b.extension = extension;
        b.priority = priority;
        b.label = label;
        return b;
    }

    /** Builds {@link ContinueOptions}. Not thread-safe; each setter returns the builder. */
    public static final class Builder {
        private String context;
        private String extension;
        private Integer priority;
        private String label;

        private Builder() {
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
         * Sets {@code extension}.
         *
         * @param extension the extension, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder extension(String extension) {
            this.extension = extension;
            return this;
        }

        /**
         * Sets {@code priority}.
         *
         * @param priority the priority, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder priority(Integer priority) {
            this.priority = priority;
            return this;
        }

        /**
         * Sets {@code label}.
         *
         * @param label the label (instead of a priority), or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public ContinueOptions build() {
            return new ContinueOptions(context, extension, priority, label);
        }
    }
}
