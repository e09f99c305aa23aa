package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;

/**
 * An external device that may offer/accept calls to/from Asterisk. Unlike most resources, which have a single unique identifier, an endpoint is uniquely identified by the technology/resource pair.
 *
 * <p>The ARI model {@code Endpoint} declared in {@code endpoints.json}. Fields this version does not know are ignored.
 *
 * @param technology Technology of the endpoint.
 * @param resource Identifier of the endpoint, specific to the given technology.
 * @param state Endpoint's state. May be {@code null}.
 * @param channelIds Id's of channels associated with this endpoint. Empty when Asterisk did not send it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Endpoint(
        @JsonProperty("technology") String technology,
        @JsonProperty("resource") String resource,
        @JsonProperty("state") String state,
        @JsonProperty("channel_ids") List<String> channelIds) {
    /** The {@code state} value {@code "unknown"}. */
    public static final String STATE_UNKNOWN = "unknown";

    /** The {@code state} value {@code "offline"}. */
    public static final String STATE_OFFLINE = "offline";

    /** The {@code state} value {@code "online"}. */
    public static final String STATE_ONLINE = "online";

    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param technology Technology of the endpoint.
     * @param resource Identifier of the endpoint, specific to the given technology.
     * @param state Endpoint's state. May be {@code null}.
     * @param channelIds Id's of channels associated with this endpoint. Empty when Asterisk did not send it.
     */
    public Endpoint {
        channelIds = Immutables.list(channelIds);
    }
}
