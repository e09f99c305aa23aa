package org.arivoice.ari.resources;

import java.util.List;
import java.util.Objects;

/**
 * Options of a playback on a channel or bridge ({@code play} and {@code playWithId}).
 *
 * <p>{@code media} is a list of URIs played in order, e.g. {@code sound:hello-world}; Asterisk receives them
 * comma-separated, so a tone such as {@code tone:440/200,0/200} is two playlist items, as Asterisk itself
 * splits it (see the recording). Give such a tone as one list element only if you mean that.
 *
 * <p>Create instances with {@code builder(media)}; {@code null} components are not sent, so Asterisk applies its
 * default.
 *
 * @param media the media URIs, e.g. {@code sound:hello-world}, {@code recording:msg}, {@code digits:123} (required)
 * @param lang the language for sounds, e.g. {@code en}, or {@code null}
 * @param offsetms milliseconds to skip at the start, or {@code null}
 * @param skipms milliseconds to skip on forward/reverse (Asterisk default 3000), or {@code null}
 * @param playbackId the id to give the playback (only for {@code play}; {@code playWithId} takes it as a path
 *        parameter), or {@code null}
 * @param announcerFormat bridges only: the format of the announcer channel of the bridge; playing on a channel with
 *        it set is rejected, or {@code null}
 */
public record PlayOptions(
        List<String> media,
        String lang,
        Integer offsetms,
        Integer skipms,
        String playbackId,
        String announcerFormat) {
    /**
     * Validates required components and copies collections.
     *
     * @param media the media URIs, e.g. {@code sound:hello-world}, {@code recording:msg}, {@code digits:123} (required)
     * @param lang the language for sounds, e.g. {@code en}, or {@code null}
     * @param offsetms milliseconds to skip at the start, or {@code null}
     * @param skipms milliseconds to skip on forward/reverse (Asterisk default 3000), or {@code null}
     * @param playbackId the id to give the playback (only for {@code play}; {@code playWithId} takes it as a path
     *        parameter), or {@code null}
     * @param announcerFormat bridges only: the format of the announcer channel of the bridge; playing on a channel
     *        with it set is rejected, or {@code null}
     * @throws NullPointerException if a required component is {@code null}
     * @throws IllegalArgumentException if {@code media} is empty
     */
    public PlayOptions {
        Objects.requireNonNull(media, "media");
        media = List.copyOf(media);
        if (media.isEmpty()) {
            throw new IllegalArgumentException("a playback needs at least one media URI, e.g. sound:hello-world");
        }
    }

    /**
     * Starts building options.
     *
     * @param media the media URIs, e.g. {@code sound:hello-world}, {@code recording:msg}, {@code digits:123}
     * @return a new builder
     */
    public static Builder builder(List<String> media) {
        Builder b = new Builder();
        b.media(media);
        return b;
    }

    /**
     * Starts building options for one or more media URIs.
     *
     * @param media the media URIs, e.g. {@code sound:hello-world}
     * @return a new builder
     */
    public static Builder builder(String... media) {
        return builder(List.of(media));
    }

    /**
     * A builder initialised with these options, to derive variants.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.media = media;
        b.lang = lang;
        b.offsetms = offsetms;
        b.skipms = skipms;
        b.playbackId = playbackId;
        b.announcerFormat = announcerFormat;
        return b;
    }

    /** Builds {@link PlayOptions}. Not thread-safe; each setter returns the builder. */
    public static final class Builder {
        private List<String> media;
        private String lang;
        private Integer offsetms;
        private Integer skipms;
        private String playbackId;
        private String announcerFormat;

        private Builder() {
        }

        /**
         * Sets {@code media}.
         *
         * @param media the media URIs, e.g. {@code sound:hello-world}, {@code recording:msg}, {@code digits:123}
         * @return this builder
         */
        public Builder media(List<String> media) {
            this.media = Objects.requireNonNull(media, "media");
            return this;
        }

        /**
         * Sets {@code media} from individual values.
         *
         * @param media the media URIs, e.g. {@code sound:hello-world}, {@code recording:msg}, {@code digits:123}
         * @return this builder
         */
        public Builder media(String... media) {
            return media(List.of(media));
        }

        /**
         * Sets {@code lang}.
         *
         * @param lang the language for sounds, e.g. {@code en}, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder lang(String lang) {
            this.lang = lang;
            return this;
        }

        /**
         * Sets {@code offsetms}.
         *
         * @param offsetms milliseconds to skip at the start, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder offsetms(Integer offsetms) {
            this.offsetms = offsetms;
            return this;
        }

        /**
         * Sets {@code skipms}.
         *
         * @param skipms milliseconds to skip on forward/reverse (Asterisk default 3000), or {@code null} to leave it
         *        to Asterisk
         * @return this builder
         */
        public Builder skipms(Integer skipms) {
            this.skipms = skipms;
            return this;
        }

        /**
         * Sets {@code playbackId}.
         *
         * @param playbackId the id to give the playback (only for {@code play}; {@code playWithId} takes it as a path
         *        parameter), or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder playbackId(String playbackId) {
            this.playbackId = playbackId;
            return this;
        }

        /**
         * Sets {@code announcerFormat}.
         *
         * @param announcerFormat bridges only: the format of the announcer channel of the bridge; playing on a
         *        channel with it set is rejected, or {@code null} to leave it to Asterisk
         * @return this builder
         */
        public Builder announcerFormat(String announcerFormat) {
            this.announcerFormat = announcerFormat;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public PlayOptions build() {
            return new PlayOptions(media, lang, offsetms, skipms, playbackId, announcerFormat);
        }
    }
}
