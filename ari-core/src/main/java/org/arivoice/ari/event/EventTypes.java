package org.arivoice.ari.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The event type names of {@code events.json} and the record for each. */
final class EventTypes {
    static final Map<String, Class<? extends AriEvent>> BY_TYPE;

    static {
        Map<String, Class<? extends AriEvent>> m = new LinkedHashMap<>();
        m.put("DeviceStateChanged", DeviceStateChanged.class);
        m.put("PlaybackStarted", PlaybackStarted.class);
        m.put("PlaybackContinuing", PlaybackContinuing.class);
        m.put("PlaybackFinished", PlaybackFinished.class);
        m.put("RecordingStarted", RecordingStarted.class);
        m.put("RecordingFinished", RecordingFinished.class);
        m.put("RecordingFailed", RecordingFailed.class);
        m.put("ApplicationMoveFailed", ApplicationMoveFailed.class);
        m.put("ApplicationRegistered", ApplicationRegistered.class);
        m.put("ApplicationUnregistered", ApplicationUnregistered.class);
        m.put("ApplicationReplaced", ApplicationReplaced.class);
        m.put("BridgeCreated", BridgeCreated.class);
        m.put("BridgeDestroyed", BridgeDestroyed.class);
        m.put("BridgeMerged", BridgeMerged.class);
        m.put("BridgeBlindTransfer", BridgeBlindTransfer.class);
        m.put("BridgeAttendedTransfer", BridgeAttendedTransfer.class);
        m.put("BridgeVideoSourceChanged", BridgeVideoSourceChanged.class);
        m.put("ChannelCreated", ChannelCreated.class);
        m.put("ChannelDestroyed", ChannelDestroyed.class);
        m.put("ChannelEnteredBridge", ChannelEnteredBridge.class);
        m.put("ChannelLeftBridge", ChannelLeftBridge.class);
        m.put("ChannelStateChange", ChannelStateChange.class);
        m.put("ChannelDtmfReceived", ChannelDtmfReceived.class);
        m.put("ChannelDialplan", ChannelDialplan.class);
        m.put("ChannelCallerId", ChannelCallerId.class);
        m.put("ChannelUserevent", ChannelUserevent.class);
        m.put("ChannelHangupRequest", ChannelHangupRequest.class);
        m.put("ChannelVarset", ChannelVarset.class);
        m.put("ChannelToneDetected", ChannelToneDetected.class);
        m.put("ChannelTalkingStarted", ChannelTalkingStarted.class);
        m.put("ChannelTalkingFinished", ChannelTalkingFinished.class);
        m.put("ChannelHold", ChannelHold.class);
        m.put("ChannelUnhold", ChannelUnhold.class);
        m.put("ContactStatusChange", ContactStatusChange.class);
        m.put("EndpointStateChange", EndpointStateChange.class);
        m.put("Dial", Dial.class);
        m.put("StasisEnd", StasisEnd.class);
        m.put("StasisStart", StasisStart.class);
        m.put("TextMessageReceived", TextMessageReceived.class);
        m.put("ChannelConnectedLine", ChannelConnectedLine.class);
        m.put("PeerStatusChange", PeerStatusChange.class);
        m.put("ChannelTransfer", ChannelTransfer.class);
        m.put("RESTResponse", RESTResponse.class);
        m.put("CallBroadcast", CallBroadcast.class);
        m.put("CallClaimed", CallClaimed.class);
        BY_TYPE = Collections.unmodifiableMap(m);
    }

    private EventTypes() {
    }
}
