package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * res/ari/resource_channels.c channel_state_invalid: a channel in Stasis that is Down (made by
     * /channels/create and not dialed yet), Reserved or Ringing (dialed, not answered) refuses the call
     * operations with 412; an inbound channel (Ring) or an answered one (Up) takes them.
     */
    private static void requireCallState(SimChannel ch) {
        if ("Down".equals(ch.state) || "Rsrvd".equals(ch.state) || "Ringing".equals(ch.state)) {
            throw AriError.channelInvalidState();
        }
    }

    /** find_control then channel_state_invalid: the checks most channel operations start with. */
    private SimChannel controlInCallState(String id) {
        SimChannel ch = stasisChannel(id);
        requireCallState(ch);
        return ch;
    }

    Reply answer(String id) {
        SimChannel ch = controlInCallState(id);
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

    /**
     * Ring, ring stop, progress, music on hold and silence: checked like Asterisk, then an indication or a
     * generator on the channel that changes neither its state nor its events (control.c ast_indicate /
     * ast_moh_start / ast_playtones; no channel driver sets a state for them on an Up or Ring channel), so
     * the fake has nothing to simulate.
     */
    Reply indicate(String id) {
        controlInCallState(id);
        return Reply.noContent();
    }

    /**
     * POST and DELETE /channels/{id}/hold. control.c app_control_hold indicates HOLD (ast_indicate), which
     * publishes no ChannelHold: that event comes from ast_queue_hold, a hold the device itself requests.
     * Recorded on a Local channel: 204 and no ChannelHold / ChannelUnhold.
     */
    Reply hold(String id) {
        controlInCallState(id);
        return Reply.noContent();
    }

    /** POST and DELETE /channels/{id}/mute: ast_ari_channels_mute / unmute check the direction after the state. */
    Reply mute(String id, Map<String, String> q) {
        controlInCallState(id);
        String direction = Pbx.param(q, "direction");
        if (direction == null) {
            throw new AriError(400, "Direction is required");
        }
        if (!Set.of("in", "out", "both").contains(direction)) {
            throw new AriError(400, "Invalid direction specified");
        }
        return Reply.noContent();
    }

    Reply sendDtmf(String id, Map<String, String> q) {
        SimChannel ch = controlInCallState(id);
        String dtmf = Pbx.param(q, "dtmf");
        if (dtmf == null) {
            throw new AriError(400, "DTMF is required");
        }
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

    /**
     * POST /channels/{id}/continue as ast_ari_channels_continue_in_dialplan picks the place: without a context
     * the channel's own context (and its extension unless one is given), with a context the extension given or
     * {@code s}; a label (a number is taken as the priority; an unknown label is 404, priority 0 is 400), else
     * the priority given, else the next priority when neither context nor extension was given, else 1.
     * Whether the place exists is not checked: the channel leaves Stasis and the dialplan ends there.
     */
    Reply continueInDialplan(String id, Map<String, String> q) {
        SimChannel ch = controlInCallState(id);
        String givenContext = Pbx.param(q, "context");
        String givenExten = Pbx.param(q, "extension");
        String context = givenContext == null ? ch.context : givenContext;
        String exten = givenExten != null ? givenExten : givenContext == null ? ch.exten : "s";
        String label = Pbx.param(q, "label");
        int priority;
        if (label != null) {
            Integer numeric = leadingInt(label);
            if (numeric == null) {
                numeric = pbx.dialplan.label(context, exten, label)
                        .orElseThrow(() -> new AriError(404, "Requested label can not be found"));
            }
            if (numeric == 0) {
                throw new AriError(400, "Requested priority is illegal");
            }
            priority = numeric;
        } else {
            int given = Pbx.parseInt(Pbx.param(q, "priority"), 0);
            priority = given != 0 ? given : givenContext == null && givenExten == null ? ch.priority + 1 : 1;
        }
        // Recorded: 204 first, then StasisEnd and the dialplan's ChannelDialplan events.
        pbx.later(1, () -> {
            if (ch.gone || !ch.inStasis()) {
                return;
            }
            if (ch.bridge != null) {
                pbx.bridges.leaveBridge(ch);
            }
            if (ch.stasisFromDialplan) {
                // Stasis() run by the channel's own PBX: res_stasis.c stasis_app_exec returns at once (it runs
                // a dialplan itself only on a channel without a PBX) and apps/app_stasis.c app_exec sets
                // STASISSTATUS=SUCCESS before that PBX goes on at the new place.
                pbx.apps.endStasis(ch, true);
            } else {
                pbx.apps.endStasis(ch, false);
                ch.stasisStatusPending = true;
            }
            pbx.dialplanRunner.runDialplan(ch, context, exten, priority);
        });
        return Reply.noContent();
    }

    /** sscanf("%30d"): the integer a text starts with (after blanks, with a sign), or null if none. */
    private static Integer leadingInt(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d{1,30})").matcher(text);
        if (!m.find()) {
            return null;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return null; // beyond int: Asterisk's sscanf overflows; the fake treats it as no number
        }
    }

    /**
     * POST /channels/{id}/move (ast_ari_channels_move, control.c app_control_move, res_stasis.c): 204 at once;
     * the channel then leaves its application (StasisEnd) and enters the new one (StasisStart with the new
     * arguments, on that application's socket). To an application no socket registered, the channel stays
     * where it was and its application gets ApplicationMoveFailed (recorded).
     */
    Reply move(String id, Map<String, String> q) {
        SimChannel ch = stasisChannel(id);
        String app = Pbx.param(q, "app");
        if (app == null) {
            // control.c stasis_app_control_move would strlen(NULL): Asterisk crashes (NOTES.md); a fake cannot.
            throw new AriError(400, "FakeAsterisk refuses move without app: Asterisk crashes on it");
        }
        List<String> args = Pbx.csv(Pbx.param(q, "appArgs"));
        if (!pbx.apps.isRegistered(app)) {
            ObjectNode p = pbx.obj();
            p.put("destination", app);
            ArrayNode a = p.putArray("args");
            args.forEach(a::add);
            p.set("channel", ch.toJson());
            // res_stasis.c sends it to the channel's application only (app_send), like StasisStart/End.
            pbx.apps.deliver("ApplicationMoveFailed", Pbx.now(), p, Set.of(ch.stasisApp), Set.of());
            return Reply.noContent();
        }
        pbx.apps.moveStasis(ch, app, args);
        return Reply.noContent();
    }

    /**
     * POST /channels/{id}/transfer_progress: find_control (no state check), then the states, then an
     * AST_CONTROL_TRANSFER indication to the channel, which raises no event.
     */
    Reply transferProgress(String id, Map<String, String> q) {
        stasisChannel(id);
        String states = Pbx.param(q, "states");
        if (states == null) {
            throw new AriError(400, "states must not be empty");
        }
        if (!Set.of("channel_progress", "channel_answered", "channel_unavailable", "channel_declined")
                .contains(states.toLowerCase(java.util.Locale.ROOT))) {
            throw new AriError(400, "Invalid states value");
        }
        return Reply.noContent();
    }

    /**
     * GET /channels/{id}/rtp_statistics (ast_ari_channels_rtpstatistics): only a technology with RTP glue
     * (chan_pjsip, chan_rtp) has statistics; Local, Snoop, AudioSocket and WebSocket channels are 403. chan_rtp's
     * glue finds no RTP instance for a UnicastRTP channel (recorded: 404). The simulated phone has no RTP.
     */
    Reply rtpStatistics(String id) {
        SimChannel ch = channel(id);
        String tech = technology(ch);
        if (!"PJSIP".equals(tech) && !"UnicastRTP".equals(tech) && !"MulticastRTP".equals(tech)) {
            throw new AriError(403, "Unsupported channel type");
        }
        throw new AriError(404, "RTP info not found");
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
        SimChannel ch = controlInCallState(id);
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

    /** GET /channels/{id}/variable (ast_ari_channels_get_channel_var): works on any channel, in Stasis or not. */
    Reply getVariable(String id, Map<String, String> q) {
        String variable = Pbx.param(q, "variable");
        if (variable == null) {
            throw new AriError(400, "Variable name is required");
        }
        SimChannel ch = byId.get(id);
        if (ch == null) {
            throw new AriError(404, "Provided channel was not found");
        }
        ObjectNode o = pbx.obj();
        o.put("value", readVariable(ch, variable));
        return Reply.ok(o);
    }

    /** GET /channels/{id}/variables?variables=A,B (ast_ari_channels_get_channel_vars). */
    Reply getVariables(String id, Map<String, String> q) {
        List<String> names = q.get("variables") == null ? List.of() : separateArgs(q.get("variables"));
        if (names.isEmpty()) {
            throw new AriError(400, "At least one variable name is required");
        }
        SimChannel ch = byId.get(id);
        if (ch == null) {
            throw new AriError(404, "Provided channel was not found");
        }
        ObjectNode values = pbx.obj();
        for (String name : names) {
            String variable = name.strip();
            if (variable.isEmpty()) {
                throw new AriError(400, "Variable names are required");
            }
            values.put(variable, readVariable(ch, variable));
        }
        ObjectNode o = pbx.obj();
        o.set("variables", values);
        return Reply.ok(o);
    }

    /**
     * The generated glue's ast_app_separate_args: a comma list where commas inside parentheses or double
     * quotes do not separate ({@code CUT(a,b,1),X} is two names); an empty text is one empty name.
     */
    private static List<String> separateArgs(String text) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                continue;
            }
            if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        out.add(current.toString());
        return out;
    }

    /**
     * A variable's value as the variable GETs read it: a name ending in ')' is a dialplan function
     * (ast_func_read2; 500 when it cannot be read), anything else a channel variable (404 when unset).
     * The fake knows CALLERID(name|num|all), CHANNEL(state|name|uniqueid|language|context|exten|priority)
     * and LEN(); any other function reads as one Asterisk does not have.
     */
    private String readVariable(SimChannel ch, String variable) {
        if (variable.endsWith(")")) {
            return readFunction(ch, variable)
                    .orElseThrow(() -> new AriError(500, "Unable to read provided function"));
        }
        String value = ch.vars.get(variable);
        if (value == null) {
            throw new AriError(404, "Provided variable was not found");
        }
        return value;
    }

    private static Optional<String> readFunction(SimChannel ch, String call) {
        int open = call.indexOf('(');
        if (open <= 0) {
            return Optional.empty();
        }
        String function = call.substring(0, open).toUpperCase(java.util.Locale.ROOT);
        String arg = call.substring(open + 1, call.length() - 1).strip();
        String key = arg.toLowerCase(java.util.Locale.ROOT);
        switch (function) {
            case "CALLERID":
                switch (key) {
                    case "name": return Optional.of(ch.callerName);
                    case "num": case "number": return Optional.of(ch.callerNumber);
                    case "all": return Optional.of("\"" + ch.callerName + "\" <" + ch.callerNumber + ">");
                    default: return Optional.empty();
                }
            case "CHANNEL":
                switch (key) {
                    case "state": return Optional.of(ch.state);
                    case "name": return Optional.of(ch.name);
                    case "uniqueid": return Optional.of(ch.id);
                    case "language": return Optional.of("en");
                    case "context": return Optional.of(ch.context);
                    case "exten": return Optional.of(ch.exten);
                    case "priority": return Optional.of(String.valueOf(ch.priority));
                    default: return Optional.empty();
                }
            case "LEN":
                return Optional.of(String.valueOf(arg.length()));
            default:
                return Optional.empty();
        }
    }

    /** POST /channels/{id}/variable (ast_ari_channels_set_channel_var): the name first, then find_control. */
    Reply setVariable(String id, Map<String, String> q) {
        String variable = Pbx.param(q, "variable");
        if (variable == null) {
            throw new AriError(400, "Variable name is required");
        }
        SimChannel ch = stasisChannel(id);
        writeVariable(ch, variable, q.get("value"), "true".equalsIgnoreCase(q.get("report_events")));
        return Reply.noContent();
    }

    /**
     * POST /channels/{id}/variables with {@code {"variables": {...}}} (ast_ari_channels_set_channel_vars): the
     * body, then the channel ("Provided channel was not found"), then find_control, then each value.
     */
    Reply setVariables(String id, JsonNode body) {
        if (body == null) {
            throw new AriError(400, "The 'variables' field is required");
        }
        if (!byId.containsKey(id)) {
            throw new AriError(404, "Provided channel was not found");
        }
        SimChannel ch = stasisChannel(id);
        JsonNode variables = body.get("variables");
        if (variables == null || !variables.isObject()) {
            throw new AriError(400, "The 'variables' field must be a JSON object");
        }
        for (BodyVariable v : bodyVariables(variables)) {
            writeVariable(ch, v.name().strip(), v.value(), v.reportEvents());
        }
        return Reply.noContent();
    }

    /** One entry of a {@code variables} object: its name, value and whether its events are reported. */
    record BodyVariable(String name, String value, boolean reportEvents) {
    }

    /**
     * resource_channels.c json_to_ast_variables: each value is a string or {@code {"value": string,
     * "report_events": boolean}}; an empty name is skipped; anything else is a 400 with its own text.
     */
    static List<BodyVariable> bodyVariables(JsonNode variables) {
        List<BodyVariable> out = new java.util.ArrayList<>();
        for (Map.Entry<String, JsonNode> e : variables.properties()) {
            if (e.getKey().isEmpty()) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                out.add(new BodyVariable(e.getKey(), v.asText(), false));
            } else if (v.isObject()) {
                JsonNode value = v.get("value");
                if (value == null || !value.isTextual()) {
                    throw new AriError(400, "Each object value in 'variables' must include string field 'value'");
                }
                JsonNode report = v.get("report_events");
                if (report != null && !report.isBoolean()) {
                    throw new AriError(400, "Field 'report_events' in 'variables' entries must be boolean");
                }
                out.add(new BodyVariable(e.getKey(), value.asText(), report != null && report.asBoolean()));
            } else {
                throw new AriError(400, "Each value in 'variables' must be a string or an object with 'value' and"
                        + " optional 'report_events'");
            }
        }
        return out;
    }

    /**
     * control.c app_control_set_channel_var: records whether the variable is reported in the channel's JSON
     * (ast_channel_set_ari_var_reportable), then pbx_builtin_setvar_helper. A function is written
     * (CALLERID(name|num) raise ChannelCallerId; an unknown function is ignored, recorded 204); a variable
     * without a value is unset silently; any other set raises ChannelVarset.
     */
    private void writeVariable(SimChannel ch, String variable, String value, boolean reportEvents) {
        if (reportEvents) {
            ch.reportedVars.add(variable);
        } else {
            ch.reportedVars.remove(variable);
        }
        if (variable.endsWith(")")) {
            String call = variable.toUpperCase(java.util.Locale.ROOT).replace(" ", "");
            String v = value == null ? "" : value;
            if (call.equals("CALLERID(NAME)")) {
                ch.callerName = v;
                pbx.channelEvent("ChannelCallerId", ch, callerIdPayload());
            } else if (call.equals("CALLERID(NUM)") || call.equals("CALLERID(NUMBER)")) {
                ch.callerNumber = v;
                pbx.channelEvent("ChannelCallerId", ch, callerIdPayload());
            } else {
                LOG.debug("FakeAsterisk: the function {} is not written (only CALLERID(name|num) are simulated)",
                        variable);
            }
            return;
        }
        if (value == null) {
            ch.vars.remove(variable);
            return;
        }
        ch.vars.put(variable, value);
        ObjectNode p = pbx.obj();
        p.put("variable", variable);
        p.put("value", value);
        pbx.channelEvent("ChannelVarset", ch, p);
    }

    /** ChannelCallerId's own fields (stasis_channels.c): the presentation, numeric and as text. */
    private ObjectNode callerIdPayload() {
        ObjectNode p = pbx.obj();
        p.put("caller_presentation", 0);
        p.put("caller_presentation_txt", "Presentation Allowed, Not Screened");
        return p;
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
            // stasis_app_control_snoop fails to allocate a channel with a unique id in use (recorded).
            throw new AriError(500, "Snoop channel could not be created");
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
