package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Represents the state of a device.
 *
 * <p>The ARI model {@code DeviceState} declared in {@code deviceStates.json}. Fields this version does not know are ignored.
 *
 * @param name Name of the device.
 * @param state Device's state.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceState(
        @JsonProperty("name") String name,
        @JsonProperty("state") String state) {
    /** The {@code state} value {@code "UNKNOWN"}. */
    public static final String STATE_UNKNOWN = "UNKNOWN";

    /** The {@code state} value {@code "NOT_INUSE"}. */
    public static final String STATE_NOT_INUSE = "NOT_INUSE";

    /** The {@code state} value {@code "INUSE"}. */
    public static final String STATE_INUSE = "INUSE";

    /** The {@code state} value {@code "BUSY"}. */
    public static final String STATE_BUSY = "BUSY";

    /** The {@code state} value {@code "INVALID"}. */
    public static final String STATE_INVALID = "INVALID";

    /** The {@code state} value {@code "UNAVAILABLE"}. */
    public static final String STATE_UNAVAILABLE = "UNAVAILABLE";

    /** The {@code state} value {@code "RINGING"}. */
    public static final String STATE_RINGING = "RINGING";

    /** The {@code state} value {@code "RINGINUSE"}. */
    public static final String STATE_RINGINUSE = "RINGINUSE";

    /** The {@code state} value {@code "ONHOLD"}. */
    public static final String STATE_ONHOLD = "ONHOLD";
}
