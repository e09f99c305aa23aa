package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Bridge;
import org.arivoice.ari.model.Channel;

/**
 * Notification that a blind transfer has occurred.
 *
 * <p>The ARI event {@code BridgeBlindTransfer} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "BridgeBlindTransfer"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param channel The channel performing the blind transfer.
 * @param replaceChannel The channel that is replacing transferer when the transferee(s) can not be transferred directly. May be {@code null}.
 * @param transferee The channel that is being transferred. May be {@code null}.
 * @param exten The extension transferred to.
 * @param context The context transferred to.
 * @param result The result of the transfer attempt.
 * @param isExternal Whether the transfer was externally initiated or not.
 * @param bridge The bridge being transferred. May be {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BridgeBlindTransfer(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("channel") Channel channel,
        @JsonProperty("replace_channel") Channel replaceChannel,
        @JsonProperty("transferee") Channel transferee,
        @JsonProperty("exten") String exten,
        @JsonProperty("context") String context,
        @JsonProperty("result") String result,
        @JsonProperty("is_external") boolean isExternal,
        @JsonProperty("bridge") Bridge bridge) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> channelIds() {
        return Immutables.ids(channel == null ? null : channel.id(), replaceChannel == null ? null : replaceChannel.id(), transferee == null ? null : transferee.id());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> bridgeIds() {
        return Immutables.ids(bridge == null ? null : bridge.id());
    }
}
