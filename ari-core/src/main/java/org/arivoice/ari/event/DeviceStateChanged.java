package org.arivoice.ari.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.arivoice.ari.model.DeviceState;

/**
 * Notification that a device state has changed.
 *
 * <p>The ARI event {@code DeviceStateChanged} declared in {@code events.json}. Fields this version does not know are ignored.
 *
 * @param type The event type, always {@code "DeviceStateChanged"}.
 * @param application The name of the Stasis application that received the event.
 * @param timestamp When Asterisk created the event, in Asterisk's format (for example {@code 2026-11-25T19:34:00.573+0000}); see {@link #timestampAsDateTime()}.
 * @param asteriskId The id of the Asterisk instance that raised the event (its entity id), or {@code null} if not sent.
 * @param deviceState Device state object.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceStateChanged(
        @JsonProperty("type") String type,
        @JsonProperty("application") String application,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("asterisk_id") String asteriskId,
        @JsonProperty("device_state") DeviceState deviceState) implements AriEvent {
}
