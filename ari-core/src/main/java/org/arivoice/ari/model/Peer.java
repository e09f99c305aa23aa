package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Detailed information about a remote peer that communicates with Asterisk.
 *
 * <p>The ARI model {@code Peer} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param peerStatus The current state of the peer. Note that the values of the status are dependent on the underlying peer technology.
 * @param cause An optional reason associated with the change in peer_status. May be {@code null}.
 * @param address The IP address of the peer. May be {@code null}.
 * @param port The port of the peer. May be {@code null}.
 * @param time The last known time the peer was contacted. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Peer(
        @JsonProperty("peer_status") String peerStatus,
        @JsonProperty("cause") String cause,
        @JsonProperty("address") String address,
        @JsonProperty("port") String port,
        @JsonProperty("time") String time) {
}
