package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.arivoice.ari.internal.json.Immutables;
import org.arivoice.ari.model.Bridge;

/**
 * Notification that one bridge has merged into another.
 *
 * <p>The ARI event {@code BridgeMerged} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "BridgeMerged"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param bridge The bridge that remains after the merge.
 * @param bridgeFrom The bridge whose channels were moved into {@code bridge}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BridgeMerged(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("bridge") Bridge bridge,
        @JsonProperty("bridge_from") Bridge bridgeFrom) implements AriEvent {
    /**
     * {@inheritDoc}
     */
    @Override
    public List<String> bridgeIds() {
        return Immutables.ids(bridge == null ? null : bridge.id(), bridgeFrom == null ? null : bridgeFrom.id());
    }
}
