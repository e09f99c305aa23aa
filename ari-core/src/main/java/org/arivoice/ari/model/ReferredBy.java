package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * transfer destination requested by transferee.
 *
 * <p>The ARI model {@code ReferredBy} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param sourceChannel The channel on which the refer was received.
 * @param connectedChannel Channel, Connected to the channel, receiving the transfer request on. May be {@code null}.
 * @param bridge Bridge connecting both Channels. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferredBy(
        @JsonProperty("source_channel") Channel sourceChannel,
        @JsonProperty("connected_channel") Channel connectedChannel,
        @JsonProperty("bridge") Bridge bridge) {
}
