package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.arivoice.ari.internal.json.Immutables;

/**
 * A dictionary of channel variables.
 *
 * <p>The ARI model {@code Variables} declared in {@code asterisk.json}. Fields this version does not know are ignored.
 *
 * @param variables A dictionary of channel variables. Empty when Asterisk did not send it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Variables(
        @JsonProperty("variables") Map<String, String> variables) {
    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param variables A dictionary of channel variables. Empty when Asterisk did not send it.
     */
    public Variables {
        variables = Immutables.map(variables);
    }
}
