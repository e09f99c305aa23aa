package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Protocol specific additional parameter.
 *
 * <p>The ARI model {@code AdditionalParam} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param parameterName Name of the parameter.
 * @param parameterValue Value of the parameter.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AdditionalParam(
        @JsonProperty("parameter_name") String parameterName,
        @JsonProperty("parameter_value") String parameterValue) {
}
