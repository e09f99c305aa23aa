package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.Map;
import org.arivoice.ari.internal.json.Immutables;

/**
 * A specific communication connection between Asterisk and an Endpoint.
 *
 * <p>The ARI model {@code Channel} declared in {@code channels.json}. Fields this version does not know are ignored.
 *
 * @param id Unique identifier of the channel. This is the same as the Uniqueid field in AMI.
 * @param protocolId Protocol id from underlying channel driver (i.e. Call-ID for chan_pjsip; empty when not applicable or when the driver does not provide one).
 * @param name Name of the channel (i.e. SIP/foo-0000a7e3).
 * @param state The channel state, for example {@code Up} or {@code Ring} (see the {@code STATE_*} constants).
 * @param caller The caller id of the channel.
 * @param connected The connected line id of the channel.
 * @param accountcode The account code of the channel; empty when none is set.
 * @param dialplan Current location in the dialplan.
 * @param creationtime Timestamp when channel was created. Kept as sent by Asterisk; see {@link #creationtimeAsDateTime()}.
 * @param language The default spoken language.
 * @param channelvars Channel variables. Empty when Asterisk did not send it.
 * @param callerRdnis The Caller ID RDNIS. May be {@code null}.
 * @param tenantid The Tenant ID for the channel. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Channel(
        @JsonProperty("id") String id,
        @JsonProperty("protocol_id") String protocolId,
        @JsonProperty("name") String name,
        @JsonProperty("state") String state,
        @JsonProperty("caller") CallerID caller,
        @JsonProperty("connected") CallerID connected,
        @JsonProperty("accountcode") String accountcode,
        @JsonProperty("dialplan") DialplanCEP dialplan,
        @JsonProperty("creationtime") String creationtime,
        @JsonProperty("language") String language,
        @JsonProperty("channelvars") Map<String, String> channelvars,
        @JsonProperty("caller_rdnis") String callerRdnis,
        @JsonProperty("tenantid") String tenantid) {
    /** The {@code state} value {@code "Down"}. */
    public static final String STATE_DOWN = "Down";

    /** The {@code state} value {@code "Rsrved"}. */
    public static final String STATE_RSRVED = "Rsrved";

    /** The {@code state} value {@code "OffHook"}. */
    public static final String STATE_OFFHOOK = "OffHook";

    /** The {@code state} value {@code "Dialing"}. */
    public static final String STATE_DIALING = "Dialing";

    /** The {@code state} value {@code "Ring"}. */
    public static final String STATE_RING = "Ring";

    /** The {@code state} value {@code "Ringing"}. */
    public static final String STATE_RINGING = "Ringing";

    /** The {@code state} value {@code "Up"}. */
    public static final String STATE_UP = "Up";

    /** The {@code state} value {@code "Busy"}. */
    public static final String STATE_BUSY = "Busy";

    /** The {@code state} value {@code "Dialing Offhook"}. */
    public static final String STATE_DIALING_OFFHOOK = "Dialing Offhook";

    /** The {@code state} value {@code "Pre-ring"}. */
    public static final String STATE_PRE_RING = "Pre-ring";

    /** The {@code state} value {@code "Unknown"}. */
    public static final String STATE_UNKNOWN = "Unknown";

    /**
     * Creates the record; missing lists and maps become empty, unmodifiable copies are kept.
     *
     * @param id Unique identifier of the channel. This is the same as the Uniqueid field in AMI.
     * @param protocolId Protocol id from underlying channel driver (i.e. Call-ID for chan_pjsip; empty when not applicable or when the driver does not provide one).
     * @param name Name of the channel (i.e. SIP/foo-0000a7e3).
     * @param state The channel state, for example {@code Up} or {@code Ring} (see the {@code STATE_*} constants).
     * @param caller The caller id of the channel.
     * @param connected The connected line id of the channel.
     * @param accountcode The account code of the channel; empty when none is set.
     * @param dialplan Current location in the dialplan.
     * @param creationtime Timestamp when channel was created. Kept as sent by Asterisk; see {@link #creationtimeAsDateTime()}.
     * @param language The default spoken language.
     * @param channelvars Channel variables. Empty when Asterisk did not send it.
     * @param callerRdnis The Caller ID RDNIS. May be {@code null}.
     * @param tenantid The Tenant ID for the channel. May be {@code null}.
     */
    public Channel {
        channelvars = Immutables.map(channelvars);
    }

    /**
     * Parses {@link #creationtime()} into a date-time.
     *
     * @return the instant with Asterisk's UTC offset, or {@code null} if the field is absent
     * @throws java.time.format.DateTimeParseException if Asterisk sent a value in an unknown format
     */
    public OffsetDateTime creationtimeAsDateTime() {
        return AriTimestamps.parse(creationtime);
    }
}
