package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * transfer destination requested by transferee.
 *
 * <p>The ARI model {@code ReferTo} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param requestedDestination The destination requested by the transferer.
 * @param destinationChannel The Channel Object, that is to be replaced. May be {@code null}.
 * @param connectedChannel Channel, connected to the to be replaced channel. May be {@code null}.
 * @param bridge Bridge connecting both destination channels. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferTo(
        @JsonProperty("requested_destination") RequiredDestination requestedDestination,
        @JsonProperty("destination_channel") Channel destinationChannel,
        @JsonProperty("connected_channel") Channel connectedChannel,
        @JsonProperty("bridge") Bridge bridge) {
}
