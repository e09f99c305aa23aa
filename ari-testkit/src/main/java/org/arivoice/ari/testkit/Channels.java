package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel table and the channel requests of ARI: answer, ring, hold, DTMF, variables, continue, redirect
 * and snoop, as res/ari/resource_channels.c checks them and res/stasis/control.c carries them out. Originate is
 * {@link Originate}'s, ExternalMedia channels are {@link ExternalMedia}'s, hang-ups {@link Hangups}'. Runs under
 * the {@link Pbx} lock.
 */
final class Channels {
    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);
    /** Recorded: the ExternalMedia / Local leg before it answers runs AppDial2. */
    static final String DIAL_APP = "AppDial2";
    static final String DIAL_DATA = "(Outgoing Line)";
    /** Recorded: DTMF sent on one Local leg arrived on the other about 220 ms later. */
    private static final long DTMF_DELAY_MS = 220;
    /** Redirect's transfer takes a SIP round trip (REFER, NOTIFY, BYE) before the phone hangs up. */
    private static final long REDIRECT_DELAY_MS = 100;

    private final Pbx pbx;
    /** Every live channel, by id, in creation order. */
    final Map<String, SimChannel> byId = new LinkedHashMap<>();
    /** The sequence in Local and PJSIP channel names. */
    int localSeq;
    private int snoopSeq;

    Channels(Pbx pbx) {
        this.pbx = pbx;
    }

    // ---------------------------------------------------------------- lookups

    SimChannel channel(String id) {
        SimChannel ch = byId.get(id);
        if (ch == null) {
            throw AriError.channelNotFound();
        }
        return ch;
    }

    SimChannel stasisChannel(String id) {
        SimChannel ch = channel(id);
        if (!ch.inStasis()) {
            throw AriError.notInStasis();
        }
        return ch;
    }

    // ---------------------------------------------------------------- requests

    Reply listChannels() {
        ArrayNode a = pbx.mapper.createArrayNode();
        byId.values().forEach(c -> a.add(c.toJson()));
        return Reply.ok(a);
    }

    Reply getChannel(String id) {
        return Reply.ok(channel(id).toJson());
    }

    Reply answer(String id) {
        SimChannel ch = stasisChannel(id);
        // Answering a Local ;2 leg (ast_answer -> core_unreal queues ANSWER to ;1) answers the originate's ;1.
        answerChannel(ch);
        return Reply.noContent();
    }

    /** Answers a channel (dialplan or ARI); a Local ;2 leg's answer answers the ;1 leg an originate waits on. */
    void answerChannel(SimChannel ch) {
        if (!"Up".equals(ch.state)) {
            pbx.stateChange(ch, "Up");
        }
        Runnable onAnswer = ch.onAnswer;
        ch.onAnswer = null;
        if (onAnswer != null) {
            onAnswer.run();
        }
    }

    Reply ring(String id, boolean start) {
        SimChannel ch = stasisChannel(id);
        if (start && "Down".equals(ch.state)) {
            pbx.stateChange(ch, "Ringing");
        }
        return Reply.noContent();
    }

    /** Progress, mute, music on hold and silence: checked like Asterisk, with no effect on the fake. */
    Reply stasisNoOp(String id) {
        stasisChannel(id);
        return Reply.noContent();
    }

    Reply hold(String id, boolean hold) {
        SimChannel ch = stasisChannel(id);
        pbx.channelEvent(hold ? "ChannelHold" : "ChannelUnhold", ch, null);
        return Reply.noContent();
    }

    Reply sendDtmf(String id, Map<String, String> q) {
        String dtmf = Pbx.param(q, "dtmf");
        if (dtmf == null) {
            throw new AriError(400, "DTMF is required");
        }
        SimChannel ch = stasisChannel(id);
        int duration = Pbx.parseInt(Pbx.param(q, "duration"), 100);
        int between = Pbx.parseInt(Pbx.param(q, "between"), 100);
        int before = Pbx.parseInt(Pbx.param(q, "before"), 0);
        SimChannel receiver = ch.peer;
        if (receiver != null && !receiver.gone) {
            for (int i = 0; i < dtmf.length(); i++) {
                char digit = dtmf.charAt(i);
                long at = DTMF_DELAY_MS + before + (long) i * (duration + between);
                pbx.later(at, () -> {
                    if (!receiver.gone) {
                        ObjectNode p = pbx.obj();
                        p.put("digit", String.valueOf(digit));
                        p.put("duration_ms", duration);
                        pbx.channelEvent("ChannelDtmfReceived", receiver, p);
                    }
                });
            }
        }
        return Reply.noContent();
    }

    Reply continueInDialplan(String id, Map<String, String> q) {
        SimChannel ch = stasisChannel(id);
        String context = Optional.ofNullable(Pbx.param(q, "context")).orElse(ch.context);
        String exten = Optional.ofNullable(Pbx.param(q, "extension")).orElse(ch.exten);
        boolean located = Pbx.param(q, "context") != null || Pbx.param(q, "extension") != null;
        int priority = Pbx.parseInt(Pbx.param(q, "priority"), located ? 1 : ch.priority + 1);
        // Recorded: 204 first, then StasisEnd and the dialplan's ChannelDialplan events.
        pbx.later(1, () -> {
            if (ch.gone || !ch.inStasis()) {
                return;
            }
            if (ch.bridge != null) {
                pbx.bridges.leaveBridge(ch);
            }
            pbx.apps.endStasis(ch, false);
            ch.stasisStatusPending = true;
            pbx.dialplanRunner.runDialplan(ch, context, exten, priority);
        });
        return Reply.noContent();
    }

    /**
     * POST /channels/{id}/redirect, following res/ari/resource_channels.c ast_ari_channels_redirect: the
     * checks and texts in its order, then stasis_app_control_redirect queues ast_transfer and answers 204
     * whatever the transfer's outcome. Only chan_pjsip implements transfer: its channel leaves the call (302
     * before answer, REFER after; either way the phone leaves and the channel ends like a far-end hangup).
     * Local, UnicastRTP, WebSocket and Snoop channels have no transfer callback, so ast_transfer returns 0,
     * res/stasis/control.c logs "Unsupported transfer requested" and the channel stays in Stasis.
     */
    Reply redirect(String id, Map<String, String> q) {
        SimChannel ch = stasisChannel(id);
        if ("Down".equals(ch.state) || "Ringing".equals(ch.state)) {
            throw AriError.channelInvalidState(); // channel_state_invalid
        }
        String endpoint = Pbx.param(q, "endpoint");
        if (endpoint == null) {
            throw new AriError(400, "Required parameter 'endpoint' not provided.");
        }
        int slash = endpoint.indexOf('/');
        if (slash <= 0) {
            throw new AriError(422, "Endpoint parameter '" + endpoint + "' does not contain tech/resource");
        }
        String tech = endpoint.substring(0, slash);
        if (slash == endpoint.length() - 1) {
            throw new AriError(422, "No resource provided in endpoint parameter '" + endpoint + "'");
        }
        String type = technology(ch);
        // strncasecmp(type, tech, strlen(tech)): a prefix of the channel's technology matches.
        if (tech.length() > type.length() || !type.regionMatches(true, 0, tech, 0, tech.length())) {
            throw new AriError(422, "Endpoint technology '" + tech + "' does not match channel technology '"
                    + type + "'");
        }
        if (ch.kind == ChannelSnapshot.Kind.PHONE) {
            pbx.later(REDIRECT_DELAY_MS, () -> {
                if (!ch.gone) {
                    pbx.hangupRequest(ch, null, false); // the phone's BYE, as a far-end hangup was recorded
                    pbx.hangups.destroy(ch, 16);
                }
            });
        } else {
            LOG.debug("FakeAsterisk: Unsupported transfer requested on channel '{}'", ch.name);
        }
        return Reply.noContent();
    }

    /** The channel technology Asterisk reports as the snapshot's type: the name up to its first '/'. */
    private static String technology(SimChannel ch) {
        int slash = ch.name.indexOf('/');
        return slash < 0 ? ch.name : ch.name.substring(0, slash);
    }

    Reply getVariable(String id, Map<String, String> q) {
        String variable = Pbx.param(q, "variable");
        if (variable == null) {
            throw new AriError(400, "Missing variable parameter.");
        }
        // Recorded: reading a variable works on a channel that is not (yet) in Stasis.
        SimChannel ch = channel(id);
        String value = ch.vars.get(variable);
        if (value == null) {
            throw new AriError(404, "Channel or variable not found");
        }
        ObjectNode o = pbx.obj();
        o.put("value", value);
        return Reply.ok(o);
    }

    Reply setVariable(String id, Map<String, String> q) {
        String variable = Pbx.param(q, "variable");
        if (variable == null) {
            throw new AriError(400, "Missing variable parameter.");
        }
        SimChannel ch = stasisChannel(id);
        pbx.varset(ch, variable, Optional.ofNullable(q.get("value")).orElse(""));
        return Reply.noContent();
    }

    Reply snoop(String id, String pathSnoopId, Map<String, String> q) {
        // res/ari/resource_channels.c ari_channels_handle_snoop_channel: the directions, then the application,
        // then the channel, each with its own text.
        String spy = Optional.ofNullable(Pbx.param(q, "spy")).orElse("none");
        String whisper = Optional.ofNullable(Pbx.param(q, "whisper")).orElse("none");
        Set<String> directions = Set.of("none", "both", "out", "in");
        if (!directions.contains(spy)) {
            throw new AriError(400, "Invalid direction specified for spy");
        }
        if (!directions.contains(whisper)) {
            throw new AriError(400, "Invalid direction specified for whisper");
        }
        if ("none".equals(spy) && "none".equals(whisper)) {
            throw new AriError(400, "Direction must be specified for at least spy or whisper");
        }
        String app = Pbx.param(q, "app");
        if (app == null) {
            throw new AriError(400, "Application name is required");
        }
        SimChannel target = byId.get(id);
        if (target == null) {
            throw new AriError(404, "Provided channel was not found");
        }
        String snoopId = pathSnoopId != null ? pathSnoopId
                : Optional.ofNullable(Pbx.param(q, "snoopId")).orElseGet(pbx::newId);
        if (byId.containsKey(snoopId)) {
            throw AriError.invalidParameters();
        }
        SimChannel s = new SimChannel(snoopId, String.format("Snoop/%s-%08x", target.id, snoopSeq++),
                ChannelSnapshot.Kind.SNOOP, "Up", Pbx.now());
        s.dialplan("default", "s", 1, "", "");
        s.snoopTarget = target;
        s.spy = spy;
        s.whisper = whisper;
        byId.put(snoopId, s);
        ObjectNode reply = s.toJson();
        // Recorded (sip-call): StasisStart of the snoop precedes the 200; no Dial, no STASISSTATUS.
        pbx.apps.enterStasis(s, app, Pbx.csv(Pbx.param(q, "appArgs")), false);
        return Reply.ok(reply);
    }
}
