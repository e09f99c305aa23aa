package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Map;

/**
 * Hanging channels up: leaving the bridge, Stasis, recordings, playbacks and snoops, ChannelDestroyed, and the
 * other half of a Local pair, in the recorded orders. Mirrors main/channel.c (ast_hangup, ast_softhangup),
 * main/core_unreal.c (a Local leg's hangup reaching its peer) and main/dial.c (a dial that ends unanswered).
 * Runs under the {@link Pbx} lock.
 */
final class Hangups {
    /** How long a snoop outlives its target (see {@link #leaveEverything}). */
    private static final long SNOOP_END_DELAY_MS = 50;
    /** AST_SOFTHANGUP_EXPLICIT, the "cause" of the ChannelHangupRequest ast_softhangup from ARI publishes. */
    private static final int SOFTHANGUP_EXPLICIT = 32;

    private final Pbx pbx;

    Hangups(Pbx pbx) {
        this.pbx = pbx;
    }

    /**
     * DELETE /channels/{id} (resource_channels.c ast_ari_channels_hangup): the channel, then the reason, then
     * ast_softhangup(AST_SOFTHANGUP_EXPLICIT), published as ChannelHangupRequest {cause: 32, soft} before the
     * 204 (recorded); the teardown follows with the requested cause.
     */
    Reply hangup(String id, Map<String, String> q) {
        SimChannel ch = pbx.channels.channel(id);
        int cause = HangupCause.fromRequest(Pbx.param(q, "reason_code"), Pbx.param(q, "reason"));
        pbx.hangupRequest(ch, SOFTHANGUP_EXPLICIT, true);
        pbx.later(1, () -> destroy(ch, cause));
        return Reply.noContent();
    }

    /** The far end of a simulated phone call hangs up. */
    void remoteHangup(String channelId) {
        SimChannel ch = pbx.channels.byId.get(channelId);
        if (ch == null) {
            throw new IllegalArgumentException("no live channel '" + channelId + "'");
        }
        pbx.hangupRequest(ch, null, false); // recorded (sip-call): the far end's hangup carries no cause fields
        destroy(ch, 16);
    }

    /** Leaves the bridge and Stasis, and ends the snoops on this channel, in the recorded order. */
    void leaveEverything(SimChannel ch) {
        // A channel recording ends with its channel (the recording runs in the channel's Stasis control loop,
        // so RecordingFinished comes before StasisEnd).
        pbx.recordings.finishRecordingsOf(ch);
        if (ch.bridge != null) {
            pbx.bridges.leaveBridge(ch);
        }
        boolean snoop = ch.kind == ChannelSnapshot.Kind.SNOOP;
        pbx.apps.endStasis(ch, !snoop);
        // Recorded: a snoop ends shortly after its target (StasisEnd, and no ChannelDestroyed reaches the
        // app). Asterisk does it asynchronously: 5 ms later in one recording, while in the SIP recording a
        // DELETE 7 ms after the hangup still found the snoop; the fake ends it after SNOOP_END_DELAY_MS.
        for (SimChannel s : new ArrayList<>(pbx.channels.byId.values())) {
            if (s.snoopTarget == ch && !s.gone) {
                pbx.later(SNOOP_END_DELAY_MS, () -> {
                    if (!s.gone) {
                        pbx.apps.endStasis(s, false);
                        forget(s);
                    }
                });
            }
        }
        pbx.playbacks.dropPlaybacksOf(ch);
    }

    void destroyed(SimChannel ch, int cause) {
        if (ch.kind == ChannelSnapshot.Kind.IAX2) {
            // Recorded (both IAX2 calls): chan_iax2's hangup publishes ChannelHangupRequest with the cause.
            pbx.hangupRequest(ch, cause, false);
        }
        if (ch.kind == ChannelSnapshot.Kind.LOCAL && ch.name.endsWith(";1")
                || ch.kind == ChannelSnapshot.Kind.EXTERNAL_MEDIA) {
            ch.appName = Channels.DIAL_APP; // recorded: a dialed channel reverts to AppDial2 when destroyed
            ch.appData = Channels.DIAL_DATA;
        } else if (ch.kind == ChannelSnapshot.Kind.LOCAL) {
            ch.appName = "";
            ch.appData = "";
        }
        ObjectNode p = pbx.obj();
        p.put("cause", cause);
        p.put("cause_txt", HangupCause.text(cause));
        if (ch.techCause != null) {
            p.put("tech_cause", ch.techCause);
        }
        pbx.channelEvent("ChannelDestroyed", ch, p);
        forget(ch);
    }

    /** Removes a channel without events: it is gone, its dialplan stops and its media legs close. */
    void forget(SimChannel ch) {
        ch.gone = true;
        ch.voice = null;
        ch.inDialplan = false;
        ch.dialplanGeneration++;
        pbx.channels.byId.remove(ch.id);
        if (ch.rtp != null) {
            ch.rtp.close();
        }
        if (ch.wsLeg != null) {
            pbx.externalMedia.connections.remove(ch.wsLeg.connectionId);
            ch.wsLeg.close(); // recorded: the media socket closes with 1000 when the channel is gone
        }
    }

    /**
     * The variables a hung-up dialplan leaves: PLAYBACKSTATUS when a Playback was interrupted and, recorded
     * for a channel sent back to the dialplan with continue, a late STASISSTATUS.
     */
    private void playbackStatus(SimChannel ch) {
        if (ch.inDialplan && "Playback".equals(ch.appName)) {
            pbx.varset(ch, "PLAYBACKSTATUS", "SUCCESS");
        }
        if (ch.stasisStatusPending) {
            ch.stasisStatusPending = false;
            pbx.varset(ch, "STASISSTATUS", "SUCCESS");
        }
    }

    /**
     * Tears a channel down (after its ChannelHangupRequest, if any, was sent), including the other half
     * of a Local pair. Orders as recorded in bridge-snoop-externalmedia (hanging up {@code ;2}) and
     * externalmedia-slin16 (hanging up {@code ;1}).
     */
    void destroy(SimChannel ch, int cause) {
        if (ch.gone) {
            return;
        }
        SimChannel peer = ch.peer != null && !ch.peer.gone ? ch.peer : null;
        if (peer == null) {
            leaveEverything(ch);
            destroyed(ch, cause);
            return;
        }
        boolean secondLeg = ch.name.endsWith(";2");
        if (secondLeg && peer.ariDialstring != null && !"Up".equals(peer.state)) {
            // A /channels/create pair dialed with /dial: its callee ends before answering. No ast_dial watches
            // it (no Dial status); core_unreal queues the hangup on the ;1 leg, publishing its
            // ChannelHangupRequest at once, and the ;1 leg's own thread acts on it later: it leaves Stasis and
            // ari_channel_thread hangs it up (recorded for Local/busy: HangupRequest 17, Dial, StasisEnd).
            ch.onAnswer = null;
            leaveEverything(ch);
            pbx.hangupRequest(ch, 16, true);
            pbx.hangupRequest(peer, cause, false);
            destroyed(ch, cause);
            pbx.later(0, () -> {
                if (!peer.gone) {
                    leaveEverything(peer);
                    destroyed(peer, cause);
                }
            });
            return;
        }
        if (secondLeg && ch.onAnswer != null) {
            // The ;2 leg ends before answering (Hangup(17), Busy, Congestion, ...): dial.c monitor_dial sees the
            // ;1 leg's hangup (or busy/congestion), publishes Dial with the status ast_hangup_cause_to_dial_status
            // gives for the cause, and hangs the ;1 leg up with that cause; it never answers nor enters Stasis.
            ch.onAnswer = null;
            leaveEverything(ch);
            if (ch.hangupApp) {
                // pbx.c __ast_pbx_run ends every dialplan run with ast_softhangup(AST_SOFTHANGUP_APPUNLOAD),
                // published as ChannelHangupRequest {cause: 16 (the flag), soft: true}; core_unreal then queues
                // the hangup on the ;1 leg with the ;2 leg's hangup cause (as recorded for Hangup(), with 16).
                pbx.hangupRequest(ch, 16, true);
                pbx.hangupRequest(peer, cause, false);
            }
            destroyed(ch, cause);
            pbx.dial(peer, dialStatus(cause), peer.dialstring == null ? "" : peer.dialstring);
            leaveEverything(peer);
            destroyed(peer, cause);
            return;
        }
        if (secondLeg) {
            leaveEverything(ch);
            playbackStatus(ch);
            pbx.hangupRequest(ch, 16, true);
            // The ;1 leg's hangup is queued with the ;2 leg's cause (recorded: 16 after Hangup()).
            pbx.hangupRequest(peer, cause, false);
            destroyed(ch, cause);
            leaveEverything(peer);
            playbackStatus(peer);
            destroyed(peer, cause);
        } else {
            leaveEverything(ch);
            playbackStatus(ch); // recorded (cf-s4..6): the ;1 leg sent back with continue sets STASISSTATUS late
            // core_unreal queues the hangup on the ;2 leg with the ;1 leg's cause (recorded: 17 after
            // DELETE ?reason=busy, 21 after reason_code=21).
            pbx.hangupRequest(peer, cause, false);
            destroyed(ch, cause);
            leaveEverything(peer);
            playbackStatus(peer);
            pbx.hangupRequest(peer, 16, true);
            destroyed(peer, cause);
        }
    }

    /** dial.c ast_hangup_cause_to_dial_status. */
    private static String dialStatus(int cause) {
        switch (cause) {
            case 17: return "BUSY";
            case 34: return "CONGESTION";
            case 3:
            case 20: return "CHANUNAVAIL";
            default: return "NOANSWER";
        }
    }
}
