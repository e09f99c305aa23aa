package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One simulated channel. Mutable; every field is guarded by the {@link Pbx} lock. */
final class SimChannel {
    final String id;
    final String name;
    final ChannelSnapshot.Kind kind;
    final String creationtime;
    String state;
    String context;
    String exten;
    int priority;
    String appName = "";
    String appData = "";
    final Map<String, String> vars = new LinkedHashMap<>();
    /** Applications that receive this channel's events. */
    final Set<String> subscribers = new LinkedHashSet<>();
    /** Subscriptions made by originate / externalMedia, which outlive StasisEnd. */
    final Set<String> explicitSubscribers = new LinkedHashSet<>();
    String stasisApp;
    SimBridge bridge;
    /** The other half of a Local pair. */
    SimChannel peer;
    /** The channel a snoop spies on. */
    SimChannel snoopTarget;
    String spy = "none";
    String whisper = "none";
    /** On a Local ;2 leg that has not answered yet: what its answer does to the ;1 leg (originate). */
    Runnable onAnswer;
    /** The dial string of an originated ;1 leg, for its Dial events. */
    String dialstring;
    /** The tones this channel's dialplan plays (PlayTones), or null. */
    ToneGenerator tone;
    /** ExternalMedia: the application's audio for the current 20 ms tick (µ-law), or null for none. */
    byte[] appFrame;
    /** Set when the dialplan's Hangup() ends the channel (it soft-hangs up with a cause). */
    boolean hangupApp;
    /** Nesting of dialplan steps run without a pause, to break Goto loops onto the timer thread. */
    int stepDepth;
    RtpLeg rtp;
    WebSocketLeg wsLeg;
    /** chan_websocket's tech_cause for hangup events (1000 after HANGUP), or null. */
    Integer techCause;
    /** Bumped whenever the channel leaves the dialplan, so stale dialplan timers do nothing. */
    int dialplanGeneration;
    boolean inDialplan;
    /** Set by continue: Asterisk reported STASISSTATUS only when the channel later hung up. */
    boolean stasisStatusPending;
    /**
     * The channel entered Stasis from its dialplan's Stasis(), so a PBX runs it (res_stasis.c stasis_app_exec
     * leaves the dialplan after continue to that PBX), not from originate / externalMedia / snoop.
     */
    boolean stasisFromDialplan;
    /** The prompt this channel is playing to its peer (the simulated caller's voice), or null. */
    byte[] voice;
    int voicePos;
    int voiceFrameIndex;
    int voiceFrames;
    boolean voicePlayback;
    /** The last 20 ms frame this channel produced, for the current media tick. */
    byte[] currentFrame;
    boolean gone;
    /** The SIP Call-ID of a phone call; empty for other channels, as recorded. */
    String protocolId = "";
    /** Caller id (CALLERID(name), CALLERID(num); a simulated phone calls from 1000) and connected line. */
    String callerName = "";
    String callerNumber;
    String connectedName = "";
    String connectedNumber = "";
    /**
     * The variables set with {@code report_events} (main/channel.c ast_channel_set_ari_var_reportable): the
     * channel's JSON carries them, with their current values, as {@code channelvars}.
     */
    final Set<String> reportedVars = new LinkedHashSet<>();
    /** What /channels/create saved for /dial (resource_channels.c save_dialstring); null for other channels. */
    String ariDialstring;

    SimChannel(String id, String name, ChannelSnapshot.Kind kind, String state, String creationtime) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.state = state;
        this.creationtime = creationtime;
        this.callerNumber = kind == ChannelSnapshot.Kind.PHONE ? "1000" : "";
    }

    void dialplan(String context, String exten, int priority, String appName, String appData) {
        this.context = context;
        this.exten = exten;
        this.priority = priority;
        this.appName = appName;
        this.appData = appData;
    }

    boolean inStasis() {
        return stasisApp != null;
    }

    /** The channel as Asterisk renders it in REST replies and events, with the recorded field set and order. */
    ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("id", id);
        o.put("name", name);
        o.put("state", state);
        o.put("protocol_id", protocolId);
        o.putObject("caller").put("name", callerName).put("number", callerNumber);
        o.putObject("connected").put("name", connectedName).put("number", connectedNumber);
        o.put("accountcode", "");
        ObjectNode d = o.putObject("dialplan");
        d.put("context", context);
        d.put("exten", exten);
        d.put("priority", priority);
        d.put("app_name", appName);
        d.put("app_data", appData);
        o.put("creationtime", creationtime);
        o.put("language", "en");
        if (!reportedVars.isEmpty()) {
            ObjectNode reported = o.putObject("channelvars");
            reportedVars.forEach(v -> reported.put(v, vars.getOrDefault(v, "")));
        }
        return o;
    }

    ChannelSnapshot snapshot() {
        return new ChannelSnapshot(id, name, kind, state, java.util.Optional.ofNullable(stasisApp),
                java.util.Optional.ofNullable(bridge == null ? null : bridge.id));
    }
}
