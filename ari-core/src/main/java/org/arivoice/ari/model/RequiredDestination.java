package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;

/**
 * Information about the requested destination.
 *
 * <p>The ARI model {@code RequiredDestination} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param protocolId the requested protocol-id by the referee in case of SIP channel, this is a SIP Call ID, Mutually exclusive to destination. May be {@code null}.
 * @param destination Destination User Part. Only for Blind transfer. Mutually exclusive to protocol_id. May be {@code null}.
 * @param additionalProtocolParams List of additional protocol specific information. Empty when Asterisk did not send it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequiredDestination(
        @JsonProperty("protocol_id") String protocolId,
        @JsonProperty("destination") String destination,
        @JsonProperty("additional_protocol_params") List<AdditionalParam> additionalProtocolParams) {
    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param protocolId the requested protocol-id by the referee in case of SIP channel, this is a SIP Call ID, Mutually exclusive to destination. May be {@code null}.
     * @param destination Destination User Part. Only for Blind transfer. Mutually exclusive to protocol_id. May be {@code null}.
     * @param additionalProtocolParams List of additional protocol specific information. Empty when Asterisk did not send it.
     */
    public RequiredDestination {
        additionalProtocolParams = Immutables.list(additionalProtocolParams);
    }
}
