package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel origination: POST /channels and /channels/{id} (a Local pair into the dialplan), as
 * res/ari/resource_channels.c checks the request and main/dial.c and main/core_local.c carry it out. The
 * channels it makes go into {@link Channels}' table. Runs under the {@link Pbx} lock.
 */
final class Originate {
    private static final Logger LOG = LoggerFactory.getLogger(Originate.class);
    /** Recorded: the Local pair's first events came within 0-2 ms of originate's 200 (the app answered 1 ms on). */
    private static final long ORIGINATE_DELAY_MS = 0;

    private final Pbx pbx;

    Originate(Pbx pbx) {
        this.pbx = pbx;
    }

    Reply originate(String pathId, Map<String, String> q, JsonNode body) {
        String endpoint = Pbx.param(q, "endpoint");
        String app = Pbx.param(q, "app");
        String extension = Pbx.param(q, "extension");
        if (endpoint == null || app == null && extension == null) {
            throw new AriError(400, "Invalid parameters for originating a channel.");
        }
        if (!endpoint.startsWith("Local/") || endpoint.indexOf('@') < 0) {
            // The fake has no SIP devices; only Local channels into its dialplan can be originated.
            throw new AriError(400, "Invalid parameters for originating a channel.");
        }
        String target = endpoint.substring("Local/".length());
        int slash = target.indexOf('/');
        if (slash >= 0) {
            target = target.substring(0, slash);
        }
        String exten = target.substring(0, target.indexOf('@'));
        String context = target.substring(target.indexOf('@') + 1);
        String id = pathId != null ? pathId : Optional.ofNullable(Pbx.param(q, "channelId")).orElseGet(pbx::newId);
        String otherId = Optional.ofNullable(Pbx.param(q, "otherChannelId")).orElseGet(pbx::newId);
        if (pbx.channels.byId.containsKey(id) || pbx.channels.byId.containsKey(otherId) || id.equals(otherId)) {
            throw AriError.channelExists();
        }
        String base = String.format("Local/%s@%s-%08x", exten, context, pbx.channels.localSeq++);
        String created = Pbx.now();
        SimChannel one = new SimChannel(id, base + ";1", ChannelSnapshot.Kind.LOCAL, "Down", created);
        SimChannel two = new SimChannel(otherId, base + ";2", ChannelSnapshot.Kind.LOCAL, "Ring", created);
        one.dialplan(context, exten, 1, Channels.DIAL_APP, Channels.DIAL_DATA);
        two.dialplan(context, exten, 1, "", "");
        one.peer = two;
        two.peer = one;
        if (app != null) {
            for (SimChannel c : List.of(one, two)) {
                c.explicitSubscribers.add(app);
                c.subscribers.add(app);
            }
        }
        setVariables(one, body);
        pbx.channels.byId.put(id, one);
        pbx.channels.byId.put(otherId, two);
        List<String> args = Pbx.csv(Pbx.param(q, "appArgs"));
        String dialContext = Optional.ofNullable(Pbx.param(q, "context")).orElse("default");
        int dialPriority = Pbx.parseInt(Pbx.param(q, "priority"), 1);
        String dialstring = exten + "@" + context;
        one.dialstring = dialstring;
        // The spec's default: 30 s before giving up dialing; -1 (or any value below 1) for no timeout.
        int timeoutSeconds = Pbx.parseInt(Pbx.param(q, "timeout"), 30);
        pbx.later(ORIGINATE_DELAY_MS, () -> {
            if (one.gone) {
                return;
            }
            if (!pbx.dialplan.hasExtension(context, exten)) {
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
                    // dial.c handle_timeout_trip: the unanswered ;1 leg is hung up (no Dial event is published
                    // on that path and no hangup cause is set), which ends the ;2 leg's dialplan as well.
                    two.onAnswer = null;
                    pbx.hangups.leaveEverything(two);
                    pbx.hangups.destroyed(two, 0);
                    pbx.hangups.leaveEverything(one);
                    pbx.hangups.destroyed(one, 0);
                });
            }
        });
        return Reply.ok(one.toJson());
    }

    private static void setVariables(SimChannel ch, JsonNode body) {
        if (body != null && body.path("variables").isObject()) {
            body.get("variables").properties().forEach(e -> ch.vars.put(e.getKey(), e.getValue().asText()));
        }
    }
}
