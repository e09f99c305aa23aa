package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Detailed information about a contact on an endpoint.
 *
 * <p>The ARI model {@code ContactInfo} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param uri The location of the contact.
 * @param contactStatus The current status of the contact.
 * @param aor The Address of Record this contact belongs to.
 * @param roundtripUsec Current round trip time, in microseconds, for the contact. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactInfo(
        @JsonProperty("uri") String uri,
        @JsonProperty("contact_status") String contactStatus,
        @JsonProperty("aor") String aor,
        @JsonProperty("roundtrip_usec") String roundtripUsec) {
    /** The {@code contact_status} value {@code "Unreachable"}. */
    public static final String CONTACT_STATUS_UNREACHABLE = "Unreachable";

    /** The {@code contact_status} value {@code "Reachable"}. */
    public static final String CONTACT_STATUS_REACHABLE = "Reachable";

    /** The {@code contact_status} value {@code "Unknown"}. */
    public static final String CONTACT_STATUS_UNKNOWN = "Unknown";

    /** The {@code contact_status} value {@code "NonQualified"}. */
    public static final String CONTACT_STATUS_NONQUALIFIED = "NonQualified";

    /** The {@code contact_status} value {@code "Removed"}. */
    public static final String CONTACT_STATUS_REMOVED = "Removed";
}
