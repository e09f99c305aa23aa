package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel origination: POST /channels and /channels/{id} (a Local pair into the dialplan, or an IAX2 call),
 * POST /channels/create and POST /channels/{id}/dial, as res/ari/resource_channels.c checks the requests and
 * main/dial.c, main/core_local.c, main/core_unreal.c and res/stasis/control.c carry them out. The channels it
 * makes go into {@link Channels}' table. Runs under the {@link Pbx} lock.
 */
final class Originate {
    private static final Logger LOG = LoggerFactory.getLogger(Originate.class);
    /** Recorded: the Local pair's first events came within 0-2 ms of originate's 200 (the app answered 1 ms on). */
    private static final long ORIGINATE_DELAY_MS = 0;
    /** AST_MAX_PUBLIC_UNIQUEID: the longest channelId / otherChannelId Asterisk accepts. */
    private static final int MAX_PUBLIC_UNIQUEID = 149;
    /** ast_dial's default global timeout when originate's {@code timeout} is neither positive nor -1. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 30;
    /** AST_CAUSE_NO_ANSWER, which dial.c and control.c set when a dial times out. */
    private static final int CAUSE_NO_ANSWER = 19;
    /** AST_SOFTHANGUP_EXPLICIT, the "cause" ChannelHangupRequest shows for ast_softhangup from ARI. */
    private static final int SOFTHANGUP_EXPLICIT = 32;
    /** The audio and video format names Asterisk registers (main/codec_builtin.c), for {@code formats}. */
    private static final Set<String> FORMATS = Set.of("g723", "gsm", "ulaw", "alaw", "g726", "adpcm", "slin",
            "slin12", "slin16", "slin24", "slin32", "slin44", "slin48", "slin96", "slin192", "lpc10", "g729",
            "speex", "speex16", "speex32", "ilbc", "g726aal2", "g722", "siren7", "siren14", "testlaw", "g719",
            "opus", "codec2", "jpeg", "png", "h261", "h263", "h263p", "h264", "h265", "mpeg4", "vp8", "vp9",
            "red", "t140", "t38", "none");
    /** The body fields res/res_ari_channels.c reads for originate (strings; priority and timeout are integers). */
    private static final List<String> ORIGINATE_FIELDS = List.of("endpoint", "extension", "context", "label",
            "app", "appArgs", "callerId", "channelId", "otherChannelId", "originator", "formats");
    private static final List<String> CREATE_FIELDS = List.of("endpoint", "app", "appArgs", "channelId",
            "otherChannelId", "originator", "formats");

    private static final Pattern LEADING_INT = Pattern.compile("^\\s*([+-]?\\d{1,30})");

    private final Pbx pbx;
    /** chan_iax2's call numbers, which name its channels ({@code IAX2/host-callno}). */
    private int iax2CallNo = 1;
    /**
     * resource_channels.c answers a failed channel request with 409 "already exists" when ast_channel_errno()
     * says AST_CHANNEL_ERROR_ID_EXISTS, and with 500 otherwise. That errno is thread storage which only an id
     * clash ever sets and nothing resets, so once a request hit a clash every later failure answers 409 (the
     * NOTES' "stale errno": PJSIP/1000 without contacts). The fake has no HTTP threads; it keeps one flag.
     */
    private boolean idExistsErrno;

    Originate(Pbx pbx) {
        this.pbx = pbx;
    }

    /** The variables of a request body (json_to_ast_variables): their values and those to report in events. */
    private record Variables(Map<String, String> values, List<String> reported) {
        static final Variables NONE = new Variables(Map.of(), List.of());
    }

    // ---------------------------------------------------------------- POST /channels, /channels/{id}

    Reply originate(String pathId, Map<String, String> query, JsonNode body) {
        // ast_ari_channels_originate: the body's fields override the query's, then its variables are checked.
        Map<String, String> q = merged(query, body, ORIGINATE_FIELDS, List.of("priority", "timeout"));
        if (pathId != null) {
            q.put("channelId", pathId); // originate_with_id takes the id from the path
        }
        Variables variables = variables(body);
        String id = Pbx.param(q, "channelId");
        String otherId = Pbx.param(q, "otherChannelId");
        if (id != null && id.length() > MAX_PUBLIC_UNIQUEID
                || otherId != null && otherId.length() > MAX_PUBLIC_UNIQUEID) {
            throw new AriError(400, "Uniqueid length exceeds maximum of " + MAX_PUBLIC_UNIQUEID);
        }
        String endpoint = Pbx.param(q, "endpoint");
        if (endpoint == null) {
            throw new AriError(400, "Endpoint must be specified");
        }
        String originatorId = Pbx.param(q, "originator");
        String formats = Pbx.param(q, "formats");
        if (originatorId != null && formats != null) {
            throw new AriError(400, "Originator and formats can't both be specified");
        }
        String[] tech = splitEndpoint(endpoint);
        String app = Pbx.param(q, "app");
        String extension = Pbx.param(q, "extension");
        String dialContext = Optional.ofNullable(Pbx.param(q, "context")).orElse("default");
        int dialPriority;
        if (app != null) {
            dialPriority = 0;
        } else if (extension != null) {
            dialPriority = priority(q, dialContext, extension);
        } else {
            throw new AriError(400, "Application or extension must be specified");
        }
        int timeout = atoi(Pbx.param(q, "timeout"));
        int timeoutSeconds = timeout > 0 ? timeout : timeout == -1 ? -1 : DEFAULT_TIMEOUT_SECONDS;
        String[] callerId = parseCallerId(Pbx.param(q, "callerId"));
        SimChannel originator = null;
        if (originatorId != null) {
            originator = pbx.channels.byId.get(originatorId);
            if (originator == null) {
                throw new AriError(400, "Provided originator channel was not found");
            }
        }
        checkFormats(formats);
        // ast_dial_prerun: the channel is requested (dial.c sets its application to AppDial2).
        SimChannel one = request(tech[0], tech[1], id, otherId, Channels.DIAL_APP, Channels.DIAL_DATA);
        if (one == null) {
            return allocationFailed();
        }
        if (originator != null) {
            // dial.c begin_dial_prerun: the new channel's connected line is the originator's caller id.
            one.connectedName = originator.callerName;
            one.connectedNumber = originator.callerNumber;
        }
        if (callerId[0] != null || callerId[1] != null) {
            // ast_set_callerid, and the connected line set to the same party.
            one.callerName = Optional.ofNullable(callerId[0]).orElse(one.callerName);
            one.callerNumber = Optional.ofNullable(callerId[1]).orElse(one.callerNumber);
            one.connectedName = Optional.ofNullable(callerId[0]).orElse(one.connectedName);
            one.connectedNumber = Optional.ofNullable(callerId[1]).orElse(one.connectedNumber);
        }
        // Set before the application subscribes: no ChannelVarset reaches it for the ;1 leg.
        setVariables(one, variables);
        SimChannel two = one.peer;
        if (app != null) {
            // stasis_app_subscribe_channel on the channel and on its Local peer.
            for (SimChannel c : two == null ? List.of(one) : List.of(one, two)) {
                c.explicitSubscribers.add(app);
                c.subscribers.add(app);
            }
        }
        ObjectNode reply = one.toJson();
        one.reportedVars.addAll(variables.reported()); // marked after the reply's snapshot was taken
        List<String> args = Pbx.csv(Pbx.param(q, "appArgs"));
        pbx.later(ORIGINATE_DELAY_MS, () -> {
            if (one.gone) {
                return;
            }
            if (one.kind == ChannelSnapshot.Kind.IAX2) {
                dialIax2(one, timeoutSeconds);
            } else {
                dialLocal(one, app, args, dialContext, extension, dialPriority, timeoutSeconds);
            }
        });
        return Reply.ok(reply);
    }

    /** ari_originate_dial for a Local pair: ast_dial_run calls the ;1 leg, whose ;2 leg runs the dialplan. */
    private void dialLocal(SimChannel one, String app, List<String> args, String dialContext, String extension,
            int dialPriority, int timeoutSeconds) {
        SimChannel two = one.peer;
        String dialstring = one.dialstring;
        callSetup(one, two);
        if (!pbx.dialplan.hasExtension(two.context, two.exten)) {
            // core_local.c local_call: "No such extension/context %s@%s while calling Local channel" makes
            // ast_call fail; dial.c begin_dial_channel then hangs the ;1 leg up at once, before any Dial
            // event is published, and no code sets a hangup cause: both legs end with cause 0. The
            // originate itself already answered 200 (res/ari/resource_channels.c dials on a thread).
            LOG.debug("FakeAsterisk: No such extension/context {} while calling Local channel", dialstring);
            pbx.hangups.leaveEverything(two);
            pbx.hangups.destroyed(two, 0);
            pbx.hangups.leaveEverything(one);
            pbx.hangups.destroyed(one, 0);
            return;
        }
        // Recorded (3 of 4 recordings): Dial, the ;2 leg's Answer, both legs Up, Dial ANSWER, StasisStart.
        // As in Asterisk, the ;1 leg is answered (and enters Stasis) only when the ;2 leg answers.
        pbx.dial(one, "", dialstring);
        two.onAnswer = () -> {
            if (one.gone) {
                return;
            }
            pbx.stateChange(one, "Up");
            pbx.dial(one, "ANSWER", dialstring);
            if (app != null) {
                pbx.apps.enterStasis(one, app, args, true);
            } else {
                pbx.dialplanRunner.runDialplan(one, dialContext, extension, dialPriority);
            }
        };
        two.inDialplan = true;
        two.priority = 1;
        pbx.dialplanRunner.runStep(two);
        if (timeoutSeconds > 0 && two.onAnswer != null) {
            pbx.later(timeoutSeconds * 1000L, () -> {
                if (two.onAnswer == null || one.gone) {
                    return;
                }
                // dial.c handle_timeout_trip: the unanswered ;1 leg gets cause 19 (AST_CAUSE_NO_ANSWER, set
                // there since Asterisk commit 3b4f4d2258, which the recorded build has; the IAX2 call recorded
                // it) and is hung up without a Dial event; core_unreal queues the hangup with that cause on
                // the ;2 leg, which ends its dialplan (as recorded for DELETE on a ;1 leg).
                two.onAnswer = null;
                pbx.hangups.destroy(one, CAUSE_NO_ANSWER);
            });
        }
    }

    /**
     * ari_originate_dial for an IAX2 call. The fake has no IAX2 peer: chan_iax2's iax2_call sets the channel
     * Ringing and nothing ever answers, so (recorded with a dead port and timeout=2) dial.c's
     * handle_timeout_trip hangs it up with cause 19; chan_iax2 publishes ChannelHangupRequest with that cause.
     * With {@code timeout=-1} it rings until it is hung up.
     */
    private void dialIax2(SimChannel ch, int timeoutSeconds) {
        pbx.stateChange(ch, "Ringing");
        pbx.dial(ch, "", ch.dialstring);
        if (timeoutSeconds > 0) {
            pbx.later(timeoutSeconds * 1000L, () -> {
                if (!ch.gone) {
                    pbx.hangups.leaveEverything(ch);
                    pbx.hangups.destroyed(ch, CAUSE_NO_ANSWER);
                }
            });
        }
    }

    // ---------------------------------------------------------------- POST /channels/create

    Reply create(Map<String, String> query, JsonNode body) {
        // ast_ari_channels_create: its checks come in another order than originate's.
        Map<String, String> q = merged(query, body, CREATE_FIELDS, List.of());
        Variables variables = variables(body);
        String originatorId = Pbx.param(q, "originator");
        String formats = Pbx.param(q, "formats");
        if (originatorId != null && formats != null) {
            throw new AriError(400, "Originator and formats can't both be specified");
        }
        String endpoint = Pbx.param(q, "endpoint");
        if (endpoint == null) {
            throw new AriError(400, "Endpoint must be specified");
        }
        String app = Pbx.param(q, "app");
        List<String> args = Pbx.csv(Pbx.param(q, "appArgs"));
        String[] tech = splitEndpoint(endpoint);
        // An unknown originator is not an error here: the formats are then the request's, or all audio.
        SimChannel originator = originatorId == null ? null : pbx.channels.byId.get(originatorId);
        if (originator == null) {
            checkFormats(formats);
        } else if (app != null) {
            originator.explicitSubscribers.add(app); // resource_channels.c subscribes the app to the originator
            originator.subscribers.add(app);
        }
        // ast_request; unlike originate, only the requested channel (not its Local peer) is subscribed.
        SimChannel one = request(tech[0], tech[1], Pbx.param(q, "channelId"), Pbx.param(q, "otherChannelId"),
                "", "");
        if (one == null) {
            return allocationFailed();
        }
        if (app != null) {
            one.explicitSubscribers.add(app);
            one.subscribers.add(app);
        }
        setVariables(one, variables); // after the subscription: each variable's ChannelVarset reaches the app
        one.ariDialstring = tech[1];
        ObjectNode reply = one.toJson();
        one.reportedVars.addAll(variables.reported());
        // ari_channel_thread: the channel runs Stasis(app[,args]) and is hung up when it leaves. Without an app
        // Stasis has no application to run ("(null)"), so the channel is hung up at once. Asterisk starts that
        // thread before answering; the recordings have its StasisStart both before and after the 200. The fake
        // runs it before answering, so a /dial right after the 200 finds the channel in Stasis.
        if (app == null) {
            LOG.debug("FakeAsterisk: /channels/create without app: channel {} is hung up at once", one.id);
            pbx.later(0, () -> pbx.hangups.destroy(one, 16));
            return Reply.ok(reply);
        }
        one.appName = "Stasis";
        one.appData = args.isEmpty() ? app : app + "," + String.join(",", args);
        ObjectNode p = pbx.obj();
        p.put("dialplan_app", one.appName);
        p.put("dialplan_app_data", one.appData);
        pbx.channelEvent("ChannelDialplan", one, p);
        pbx.apps.enterStasis(one, app, args, true);
        return Reply.ok(reply);
    }

    // ---------------------------------------------------------------- POST /channels/{id}/dial

    Reply dial(String id, Map<String, String> q) {
        SimChannel ch = pbx.channels.stasisChannel(id); // find_control: 404, or 409 when not in Stasis
        SimChannel caller = Optional.ofNullable(Pbx.param(q, "caller")).map(pbx.channels.byId::get).orElse(null);
        if (!"Down".equals(ch.state)) {
            throw new AriError(409, "Channel is not in the 'Down' state");
        }
        if (ch.ariDialstring == null) {
            throw new AriError(409, "Dialing a channel not created by ARI");
        }
        if (caller != null) {
            // ast_connected_line_copy_from_caller: the callee's connected line is the caller's id.
            ch.connectedName = caller.callerName;
            ch.connectedNumber = caller.callerNumber;
        }
        int timeoutSeconds = Math.max(0, atoi(Pbx.param(q, "timeout"))); // an unsigned timeout; 0 is none
        // stasis_app_control_dial queues app_control_dial on the channel's control thread: 204 first.
        pbx.later(1, () -> {
            if (!ch.gone && ch.inStasis()) {
                controlDial(ch, caller != null, timeoutSeconds);
            }
        });
        return Reply.noContent();
    }

    /**
     * control.c app_control_dial: the channel waits in the dial bridge (invisible to the app), the timeout is
     * armed, ast_call runs, then Dial is published without a caller. What the callee does reaches the channel
     * through its frame queue, so it shows after that Dial (recorded: Dial, Up, Dial ANSWER; a busy callee's
     * ChannelHangupRequest comes first, since core_unreal publishes it when it queues the hangup). With a
     * {@code caller} both runs recorded the answer before the Dial; the fake keeps that order too.
     */
    private void controlDial(SimChannel ch, boolean withCaller, int timeoutSeconds) {
        if (timeoutSeconds > 0) {
            pbx.later(timeoutSeconds * 1000L, () -> {
                if (!ch.gone && !"Up".equals(ch.state)) {
                    // control.c hangup_channel: cause 19 and ast_softhangup(EXPLICIT); the channel leaves
                    // Stasis and ari_channel_thread hangs it up.
                    pbx.hangupRequest(ch, SOFTHANGUP_EXPLICIT, true);
                    pbx.hangups.destroy(ch, CAUSE_NO_ANSWER);
                }
            });
        }
        if (ch.kind == ChannelSnapshot.Kind.IAX2) {
            pbx.stateChange(ch, "Ringing");
            pbx.dial(ch, "", ch.dialstring);
            return;
        }
        SimChannel two = ch.peer;
        callSetup(ch, two);
        if (!pbx.dialplan.hasExtension(two.context, two.exten)) {
            // ast_call fails (core_local.c: no such extension); app_control_dial soft-hangs the channel up
            // without a ChannelHangupRequest, and it leaves Stasis and is hung up (recorded: cause 16).
            LOG.debug("FakeAsterisk: No such extension/context {} while calling Local channel", ch.ariDialstring);
            pbx.hangups.destroy(ch, 16);
            return;
        }
        two.onAnswer = () -> pbx.later(0, () -> {
            if (!ch.gone && !"Up".equals(ch.state)) {
                pbx.stateChange(ch, "Up");
                pbx.dial(ch, "ANSWER", "");
            }
        });
        two.inDialplan = true;
        two.priority = 1;
        pbx.dialplanRunner.runStep(two);
        if (withCaller) {
            pbx.later(0, () -> {
                if (!ch.gone) {
                    pbx.dial(ch, "", ch.dialstring);
                }
            });
        } else if (!ch.gone) {
            pbx.dial(ch, "", ch.dialstring);
        }
    }

    // ---------------------------------------------------------------- shared steps

    /**
     * ast_request for {@code tech/device}: a Local pair (into the fake's dialplan), an IAX2 call, or the
     * failures the recordings show. The new channel goes into the channel table; null when the request fails
     * without an id clash.
     */
    private SimChannel request(String tech, String device, String id, String otherId, String app, String data) {
        String created = Pbx.now();
        if ("Local".equalsIgnoreCase(tech)) {
            String target = device;
            int slash = target.indexOf('/'); // Local/exten@context/options
            if (slash >= 0) {
                target = target.substring(0, slash);
            }
            int at = target.indexOf('@');
            String exten = at < 0 ? target : target.substring(0, at);
            String context = at < 0 ? "default" : target.substring(at + 1);
            String oneId = id != null ? id : pbx.newId();
            // core_unreal.c ast_unreal_new_channels: a given id without a second one names the ;2 leg "<id>;2".
            String twoId = otherId != null ? otherId : id != null ? id + ";2" : pbx.newId();
            // core_local.c local_alloc: the name keeps the device as given, less its options.
            String base = String.format("Local/%s-%08x", target, pbx.channels.localSeq++);
            if (pbx.channels.byId.containsKey(oneId) || pbx.channels.byId.containsKey(twoId)
                    || oneId.equals(twoId)) {
                idExistsErrno = true;
                throw AriError.uniqueIdExists();
            }
            SimChannel one = new SimChannel(oneId, base + ";1", ChannelSnapshot.Kind.LOCAL, "Down", created);
            SimChannel two = new SimChannel(twoId, base + ";2", ChannelSnapshot.Kind.LOCAL, "Ring", created);
            one.dialplan(context, exten, 1, app, data);
            two.dialplan(context, exten, 1, "", "");
            one.peer = two;
            two.peer = one;
            one.dialstring = device; // dial.c publishes the device it appended, options included
            pbx.channels.byId.put(oneId, one);
            pbx.channels.byId.put(twoId, two);
            return one;
        }
        if ("IAX2".equalsIgnoreCase(tech)) {
            String chId = id != null ? id : pbx.newId();
            if (pbx.channels.byId.containsKey(chId)) {
                idExistsErrno = true;
                throw AriError.uniqueIdExists();
            }
            int slash = device.indexOf('/');
            String peer = slash < 0 ? device : device.substring(0, slash);
            SimChannel ch = new SimChannel(chId, "IAX2/" + peer + "-" + iax2CallNo++, ChannelSnapshot.Kind.IAX2,
                    "Down", created);
            ch.dialplan("", "s", 1, app, data);
            ch.dialstring = device;
            pbx.channels.byId.put(chId, ch);
            return ch;
        }
        // PJSIP: the fake's endpoints have no contacts, so chan_pjsip's request fails (recorded for PJSIP/1000);
        // any other technology is not registered. Either way ast_request returns no channel.
        LOG.debug("FakeAsterisk: cannot request a channel of {}/{}", tech, device);
        if (idExistsErrno) {
            throw AriError.uniqueIdExists();
        }
        return null;
    }

    /** ast_ari_response_alloc_failed: 500 with {@code error}, not {@code message}. */
    private Reply allocationFailed() {
        ObjectNode oom = pbx.obj();
        oom.put("error", "Allocation failed");
        return new Reply(500, oom, null, null);
    }

    /** core_unreal.c ast_unreal_call_setup: caller id crosses over, and the ;2 leg gets the ;1 leg's variables. */
    private void callSetup(SimChannel one, SimChannel two) {
        boolean callerChanged = !two.callerName.equals(one.connectedName)
                || !two.callerNumber.equals(one.connectedNumber);
        boolean connectedChanged = !two.connectedName.equals(one.callerName)
                || !two.connectedNumber.equals(one.callerNumber);
        two.callerName = one.connectedName;
        two.callerNumber = one.connectedNumber;
        two.connectedName = one.callerName;
        two.connectedNumber = one.callerNumber;
        // Asterisk keeps a channel's variables newest first, and copies them in that order (recorded).
        List<Map.Entry<String, String>> vars = new ArrayList<>(one.vars.entrySet());
        Collections.reverse(vars);
        for (Map.Entry<String, String> v : vars) {
            pbx.varset(two, v.getKey(), v.getValue());
        }
        // The staged snapshot is published once: ChannelCallerId, then ChannelConnectedLine.
        if (callerChanged) {
            ObjectNode p = pbx.obj();
            p.put("caller_presentation", 0);
            p.put("caller_presentation_txt", "Presentation Allowed, Not Screened");
            pbx.channelEvent("ChannelCallerId", two, p);
        }
        if (connectedChanged) {
            pbx.channelEvent("ChannelConnectedLine", two, null);
        }
    }

    /** ast_set_variables: plain variables, and the CALLERID() function for the caller id. */
    private void setVariables(SimChannel ch, Variables variables) {
        for (Map.Entry<String, String> v : variables.values().entrySet()) {
            String name = v.getKey();
            String value = v.getValue();
            String function = name.toUpperCase();
            if (function.startsWith("CALLERID(") && function.endsWith(")")) {
                String item = function.substring("CALLERID(".length(), function.length() - 1);
                boolean changed;
                if ("NAME".equals(item)) {
                    changed = !value.equals(ch.callerName);
                    ch.callerName = value;
                } else if ("NUM".equals(item) || "NUMBER".equals(item)) {
                    changed = !value.equals(ch.callerNumber);
                    ch.callerNumber = value;
                } else if ("ALL".equals(item)) {
                    String[] id = parseCallerId(value);
                    changed = true;
                    ch.callerName = Optional.ofNullable(id[0]).orElse("");
                    ch.callerNumber = Optional.ofNullable(id[1]).orElse("");
                } else {
                    LOG.debug("FakeAsterisk: {} is not simulated; variable ignored", name);
                    continue;
                }
                if (changed) {
                    ObjectNode p = pbx.obj();
                    p.put("caller_presentation", 0);
                    p.put("caller_presentation_txt", "Presentation Allowed, Not Screened");
                    pbx.channelEvent("ChannelCallerId", ch, p);
                }
            } else if (name.indexOf('(') >= 0) {
                LOG.debug("FakeAsterisk: dialplan function {} is not simulated; variable ignored", name);
            } else {
                pbx.varset(ch, name, value);
            }
        }
    }

    /** The query's parameters with the body's fields laid over them (res_ari_channels.c *_parse_body). */
    private static Map<String, String> merged(Map<String, String> query, JsonNode body, List<String> strings,
            List<String> integers) {
        Map<String, String> q = new HashMap<>(query);
        if (body == null || !body.isObject()) {
            return q;
        }
        for (String field : strings) {
            JsonNode v = body.get(field);
            if (v != null) {
                q.put(field, v.isTextual() ? v.asText() : null); // ast_json_string_get of a non-string: NULL
            }
        }
        for (String field : integers) {
            JsonNode v = body.get(field);
            if (v != null) {
                q.put(field, String.valueOf(v.isIntegralNumber() ? v.asLong() : 0));
            }
        }
        return q;
    }

    /** resource_channels.c json_to_ast_variables, with its texts. */
    private static Variables variables(JsonNode body) {
        JsonNode json = body == null || !body.isObject() ? null : body.get("variables");
        if (json == null || !json.isObject()) {
            return Variables.NONE; // ast_json_object_iter of a non-object yields nothing
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> reported = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.isEmpty()) {
                continue;
            }
            boolean report = false;
            String value;
            if (v.isTextual()) {
                value = v.asText();
            } else if (v.isObject()) {
                JsonNode field = v.get("value");
                if (field == null || !field.isTextual()) {
                    throw new AriError(400, "Each object value in 'variables' must include string field 'value'");
                }
                value = field.asText();
                JsonNode reportField = v.get("report_events");
                if (reportField != null) {
                    if (!reportField.isBoolean()) {
                        throw new AriError(400, "Field 'report_events' in 'variables' entries must be boolean");
                    }
                    report = reportField.asBoolean();
                }
            } else {
                throw new AriError(400, "Each value in 'variables' must be a string or an object with 'value'"
                        + " and optional 'report_events'");
            }
            values.put(key, value);
            if (report) {
                reported.add(key);
            }
        }
        return new Variables(values, reported);
    }

    /** {@code tech/device}, split at the first slash; either part empty is an invalid endpoint. */
    private static String[] splitEndpoint(String endpoint) {
        int slash = endpoint.indexOf('/');
        if (slash <= 0 || slash == endpoint.length() - 1) {
            throw new AriError(400, "Invalid endpoint specified");
        }
        return new String[] {endpoint.substring(0, slash), endpoint.substring(slash + 1)};
    }

    /** The priority originate's dialplan target starts at: a numeric or named {@code label}, or {@code priority}. */
    private int priority(Map<String, String> q, String context, String extension) {
        String label = Pbx.param(q, "label");
        if (label == null) {
            int priority = atoi(Pbx.param(q, "priority"));
            return priority != 0 ? priority : 1;
        }
        Integer ipri = leadingInt(label); // sscanf("%30d")
        if (ipri == null) {
            Optional<Integer> labelled = pbx.dialplan.label(context, extension, label);
            if (labelled.isEmpty()) {
                LOG.debug("FakeAsterisk: Requested label: {} can not be found in context: {}", label, context);
                throw new AriError(404, "Requested label can not be found");
            }
            ipri = labelled.get();
        }
        if (ipri == 0) {
            throw new AriError(400, "Requested priority is illegal");
        }
        return ipri;
    }

    /** The formats of {@code formats} must all be known (ast_format_cache_get). */
    private static void checkFormats(String formats) {
        if (formats == null) {
            return;
        }
        for (String name : formats.split(",", -1)) {
            String format = name.strip();
            if (!FORMATS.contains(format)) {
                throw new AriError(400, "Provided format (" + format + ") was not found");
            }
        }
    }

    /** ast_callerid_parse: {@code "Name" <number>}, {@code Name <number>} or a bare number; nulls when absent. */
    static String[] parseCallerId(String callerId) {
        if (callerId == null) {
            return new String[] {null, null};
        }
        String name = null;
        String number;
        int lt = callerId.lastIndexOf('<');
        int gt = callerId.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            number = callerId.substring(lt + 1, gt).strip();
            name = callerId.substring(0, lt).strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
        } else if (callerId.strip().matches("[0-9+*#()\\- .]+")) {
            number = callerId.strip();
        } else {
            name = callerId.strip().replaceAll("^\"|\"$", "");
            number = null;
        }
        if (number != null) {
            // ast_shrink_phone_number for a shrinkable number: spaces, dashes, dots and parentheses go.
            number = number.replaceAll("[ ().\\-]", "");
        }
        return new String[] {name == null || name.isEmpty() ? null : name,
            number == null || number.isEmpty() ? null : number};
    }

    /** sscanf("%30d"): the integer a text starts with (after blanks), or null when it starts with none. */
    static Integer leadingInt(String text) {
        Matcher m = LEADING_INT.matcher(text);
        if (!m.find()) {
            return null;
        }
        return new java.math.BigInteger(m.group(1)).intValue(); // out of range: C leaves it undefined
    }

    /** atoi / atol as res_ari_channels.c parses integer query parameters: 0 when there is no number. */
    static int atoi(String text) {
        Integer value = text == null ? null : leadingInt(text);
        return value == null ? 0 : value;
    }
}
