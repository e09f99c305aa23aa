package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;

/**
 * Error event sent when required params are missing.
 *
 * <p>The ARI model {@code MissingParams} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param params A list of the missing parameters. Empty when Asterisk did not send it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MissingParams(
        @JsonProperty("params") List<String> params) {
    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param params A list of the missing parameters. Empty when Asterisk did not send it.
     */
    public MissingParams {
        params = Immutables.list(params);
    }
}
