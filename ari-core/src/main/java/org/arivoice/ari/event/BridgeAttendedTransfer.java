package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Bridge;
import org.arivoice.ari.model.Channel;

/**
 * Notification that an attended transfer has occurred.
 *
 * <p>The ARI event {@code BridgeAttendedTransfer} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "BridgeAttendedTransfer"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param transfererFirstLeg First leg of the transferer.
 * @param transfererSecondLeg Second leg of the transferer.
 * @param replaceChannel The channel that is replacing transferer_first_leg in the swap. May be {@code null}.
 * @param transferee The channel that is being transferred. May be {@code null}.
 * @param transferTarget The channel that is being transferred to. May be {@code null}.
 * @param result The result of the transfer attempt.
 * @param isExternal Whether the transfer was externally initiated or not.
 * @param transfererFirstLegBridge Bridge the transferer first leg is in. May be {@code null}.
 * @param transfererSecondLegBridge Bridge the transferer second leg is in. May be {@code null}.
 * @param destinationType How the transfer was accomplished.
 * @param destinationBridge Bridge that survived the merge result. May be {@code null}.
 * @param destinationApplication Application that has been transferred into. May be {@code null}.
 * @param destinationLinkFirstLeg First leg of a link transfer result. May be {@code null}.
 * @param destinationLinkSecondLeg Second leg of a link transfer result. May be {@code null}.
 * @param destinationThreewayChannel Transferer channel that survived the threeway result. May be {@code null}.
 * @param destinationThreewayBridge Bridge that survived the threeway result. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BridgeAttendedTransfer(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("transferer_first_leg") Channel transfererFirstLeg,
        @JsonProperty("transferer_second_leg") Channel transfererSecondLeg,
        @JsonProperty("replace_channel") Channel replaceChannel,
        @JsonProperty("transferee") Channel transferee,
        @JsonProperty("transfer_target") Channel transferTarget,
        @JsonProperty("result") String result,
        @JsonProperty("is_external") boolean isExternal,
        @JsonProperty("transferer_first_leg_bridge") Bridge transfererFirstLegBridge,
        @JsonProperty("transferer_second_leg_bridge") Bridge transfererSecondLegBridge,
        @JsonProperty("destination_type") String destinationType,
        @JsonProperty("destination_bridge") String destinationBridge,
        @JsonProperty("destination_application") String destinationApplication,
        @JsonProperty("destination_link_first_leg") Channel destinationLinkFirstLeg,
        @JsonProperty("destination_link_second_leg") Channel destinationLinkSecondLeg,
        @JsonProperty("destination_threeway_channel") Channel destinationThreewayChannel,
        @JsonProperty("destination_threeway_bridge") Bridge destinationThreewayBridge) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(transfererFirstLeg == null ? null : transfererFirstLeg.id(), transfererSecondLeg == null ? null : transfererSecondLeg.id(), replaceChannel == null ? null : replaceChannel.id(), transferee == null ? null : transferee.id(), transferTarget == null ? null : transferTarget.id(), destinationLinkFirstLeg == null ? null : destinationLinkFirstLeg.id(), destinationLinkSecondLeg == null ? null : destinationLinkSecondLeg.id(), destinationThreewayChannel == null ? null : destinationThreewayChannel.id());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> bridgeIds() {
        return Immutables.ids(transfererFirstLegBridge == null ? null : transfererFirstLegBridge.id(), transfererSecondLegBridge == null ? null : transfererSecondLegBridge.id(), destinationThreewayBridge == null ? null : destinationThreewayBridge.id());
    }
}
