package org.arivoice.ari.event;

import java.time.OffsetDateTime;
import java.util.List;
import org.arivoice.ari.model.AriTimestamps;

/**
 * An event that Asterisk sent on the ARI event WebSocket.
 *
 * <p>There is one record per event type declared in Asterisk's {@code events.json}; a type this version does
 * not know (added by a newer Asterisk) arrives as a {@link GenericEvent} carrying the raw JSON. Switch over the
 * sealed hierarchy, or test with {@code instanceof}:
 *
 * <pre>{@code
 * if (event instanceof StasisStart start) {
 *     String channelId = start.channel().id();
 *     List<String> args = start.args();
 * }
 * }</pre>
 *
 * <p>Parse events with {@link AriEvents#parse(String)}.
 */
public sealed interface AriEvent permits
        DeviceStateChanged,
        PlaybackStarted,
        PlaybackContinuing,
        PlaybackFinished,
        RecordingStarted,
        RecordingFinished,
        RecordingFailed,
        ApplicationMoveFailed,
        ApplicationRegistered,
        ApplicationUnregistered,
        ApplicationReplaced,
        BridgeCreated,
        BridgeDestroyed,
        BridgeMerged,
        BridgeBlindTransfer,
        BridgeAttendedTransfer,
        BridgeVideoSourceChanged,
        ChannelCreated,
        ChannelDestroyed,
        ChannelEnteredBridge,
        ChannelLeftBridge,
        ChannelStateChange,
        ChannelDtmfReceived,
        ChannelDialplan,
        ChannelCallerId,
        ChannelUserevent,
        ChannelHangupRequest,
        ChannelVarset,
        ChannelToneDetected,
        ChannelTalkingStarted,
        ChannelTalkingFinished,
        ChannelHold,
        ChannelUnhold,
        ContactStatusChange,
        EndpointStateChange,
        Dial,
        StasisEnd,
        StasisStart,
        TextMessageReceived,
        ChannelConnectedLine,
        PeerStatusChange,
        ChannelTransfer,
        RESTResponse,
        CallBroadcast,
        CallClaimed,
        GenericEvent {

    /**
     * The event type, the {@code type} field of the JSON (for records, also the simple class name).
     *
     * @return the type, for example {@code "StasisStart"}
     */
    String type();

    /**
     * The Stasis application that received the event.
     *
     * @return the application name
     */
    String application();

    /**
     * When Asterisk created the event, as Asterisk wrote it.
     *
     * @return the timestamp text, for example {@code 2026-11-25T19:34:00.573+0000}
     */
    String timestamp();

    /**
     * The id of the Asterisk instance that sent the event.
     *
     * @return the entity id, or {@code null} if Asterisk did not send it
     */
    String asteriskId();

    /**
     * Parses {@link #timestamp()}.
     *
     * @return the timestamp as a date-time, or {@code null} if absent
     * @throws java.time.format.DateTimeParseException if the timestamp is in an unknown format
     */
    default OffsetDateTime timestampAsDateTime() {
        return AriTimestamps.parse(timestamp());
    }

    /**
     * The ids of the channels this event is about: those carried in it, and the target of a playback or
     * recording on a channel. Used to route the event to per-channel subscriptions.
     *
     * @return the distinct channel ids, possibly empty
     */
    default List<String> channelIds() {
        return List.of();
    }

    /**
     * The ids of the bridges this event is about: those carried in it, and the target of a playback or
     * recording on a bridge. Used to route the event to per-bridge subscriptions.
     *
     * @return the distinct bridge ids, possibly empty
     */
    default List<String> bridgeIds() {
        return List.of();
    }
}
