package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Dialplan location (context/extension/priority).
 *
 * <p>The ARI model {@code DialplanCEP} declared in {@code channels.json}. Fields this version does not know are ignored.
 *
 * @param context Context in the dialplan.
 * @param exten Extension in the dialplan.
 * @param priority Priority in the dialplan.
 * @param appName Name of current dialplan application.
 * @param appData Parameter of current dialplan application.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DialplanCEP(
        @JsonProperty("context") String context,
        @JsonProperty("exten") String exten,
        @JsonProperty("priority") long priority,
        @JsonProperty("app_name") String appName,
        @JsonProperty("app_data") String appData) {
}
