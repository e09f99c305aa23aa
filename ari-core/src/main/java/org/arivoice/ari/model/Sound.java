package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;

/**
 * A media file that may be played back.
 *
 * <p>The ARI model {@code Sound} declared in {@code sounds.json}. Fields this version does not know are ignored.
 *
 * @param id Sound's identifier.
 * @param text Text description of the sound, usually the words spoken. May be {@code null}.
 * @param formats The formats and languages in which this sound is available. Empty when Asterisk did not send it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Sound(
        @JsonProperty("id") String id,
        @JsonProperty("text") String text,
        @JsonProperty("formats") List<FormatLangPair> formats) {
    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param id Sound's identifier.
     * @param text Text description of the sound, usually the words spoken. May be {@code null}.
     * @param formats The formats and languages in which this sound is available. Empty when Asterisk did not send it.
     */
    public Sound {
        formats = Immutables.list(formats);
    }
}
