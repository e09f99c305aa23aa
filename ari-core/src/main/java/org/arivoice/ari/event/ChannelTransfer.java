package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.arivoice.ari.model.ReferTo;
import org.arivoice.ari.model.ReferredBy;

/**
 * transfer on a channel.
 *
 * <p>The ARI event {@code ChannelTransfer} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "ChannelTransfer"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param state Transfer State. May be {@code null}.
 * @param referTo Refer-To information with optionally both affected channels.
 * @param referredBy Referred-By SIP Header according rfc3892.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelTransfer(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("state") String state,
        @JsonProperty("refer_to") ReferTo referTo,
        @JsonProperty("referred_by") ReferredBy referredBy) implements AriEvent {
}
