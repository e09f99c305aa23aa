package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;

/**
 * Details of a Stasis application.
 *
 * <p>The ARI model {@code Application} declared in {@code applications.json}. Fields this version does not know are ignored.
 *
 * @param name Name of this application.
 * @param channelIds Id's for channels subscribed to. Empty when Asterisk did not send it.
 * @param bridgeIds Id's for bridges subscribed to. Empty when Asterisk did not send it.
 * @param endpointIds {tech}/{resource} for endpoints subscribed to. Empty when Asterisk did not send it.
 * @param deviceNames Names of the devices subscribed to. Empty when Asterisk did not send it.
 * @param eventsAllowed Event types sent to the application. Empty when Asterisk did not send it.
 * @param eventsDisallowed Event types not sent to the application. Empty when Asterisk did not send it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Application(
        @JsonProperty("name") String name,
        @JsonProperty("channel_ids") List<String> channelIds,
        @JsonProperty("bridge_ids") List<String> bridgeIds,
        @JsonProperty("endpoint_ids") List<String> endpointIds,
        @JsonProperty("device_names") List<String> deviceNames,
        @JsonProperty("events_allowed") List<JsonNode> eventsAllowed,
        @JsonProperty("events_disallowed") List<JsonNode> eventsDisallowed) {
    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param name Name of this application.
     * @param channelIds Id's for channels subscribed to. Empty when Asterisk did not send it.
     * @param bridgeIds Id's for bridges subscribed to. Empty when Asterisk did not send it.
     * @param endpointIds {tech}/{resource} for endpoints subscribed to. Empty when Asterisk did not send it.
     * @param deviceNames Names of the devices subscribed to. Empty when Asterisk did not send it.
     * @param eventsAllowed Event types sent to the application. Empty when Asterisk did not send it.
     * @param eventsDisallowed Event types not sent to the application. Empty when Asterisk did not send it.
     */
    public Application {
        channelIds = Immutables.list(channelIds);
        bridgeIds = Immutables.list(bridgeIds);
        endpointIds = Immutables.list(endpointIds);
        deviceNames = Immutables.list(deviceNames);
        eventsAllowed = Immutables.list(eventsAllowed);
        eventsDisallowed = Immutables.list(eventsDisallowed);
    }
}
