package org.arivoice.ari;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.arivoice.ari.model.ConfigTuple;
import org.arivoice.ari.model.Recordings;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.resources.ContinueOptions;
import org.arivoice.ari.resources.CreateChannelOptions;
import org.arivoice.ari.resources.ExternalMediaOptions;
import org.arivoice.ari.resources.HangupReason;
import org.arivoice.ari.resources.MuteDirection;
import org.arivoice.ari.resources.OriginateOptions;
import org.arivoice.ari.resources.PlayOptions;
import org.arivoice.ari.resources.PlaybackOperation;
import org.arivoice.ari.resources.RecordOptions;
import org.arivoice.ari.resources.RecordingIfExists;
import org.arivoice.ari.resources.RecordingTerminateOn;
import org.arivoice.ari.resources.SnoopDirection;
import org.arivoice.ari.resources.VariableValue;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.ari.stream.EventStreamException;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract test: walks Asterisk's own API declarations ({@code api-docs/*.json}) and proves, for every
 * operation, that the client sends the declared method and path, every query parameter with the value
 * given, and the body parameters in the JSON body, and that it reads the declared response type.
 *
 * <p>Sample values are derived from the declaration (the name of each parameter, the last allowed value
 * of an enumeration, ...), and the table below passes them to the client's typed methods; if a method
 * sent a parameter under another name, mixed two up, or dropped one, the comparison fails.
 */
class SpecCoverageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] WAV = "RIFF....WAVEfmt stored-recording-bytes".getBytes(StandardCharsets.US_ASCII);

    /** Invokes one client operation with the sample values. */
    @FunctionalInterface
    interface Call {
        CompletableFuture<?> invoke(AriClient ari, Samples s);
    }

    record Param(String name, String paramType, String dataType, boolean required, boolean multiple,
            List<String> allowed) {
    }

    record SpecOp(String resource, String nickname, String method, String path, String responseClass,
            List<Param> params) {
        String key() {
            return resource + "." + nickname;
        }

        Param param(String name) {
            return params.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(key() + " declares no parameter " + name));
        }
    }

    /** Sample values for one operation's parameters, derived from its declaration. */
    static final class Samples {
        private final SpecOp op;

        Samples(SpecOp op) {
            this.op = op;
        }

        String path(String name) {
            op.param(name);
            return "p-" + name;
        }

        String str(String name) {
            Param p = op.param(name);
            if (!p.allowed().isEmpty()) {
                return p.allowed().get(p.allowed().size() - 1);
            }
            return "v-" + name;
        }

        int i(String name) {
            op.param(name);
            return 100 + Math.floorMod(name.hashCode(), 900);
        }

        long l(String name) {
            return i(name);
        }

        boolean b(String name) {
            op.param(name);
            return true;
        }

        List<String> list(String name) {
            Param p = op.param(name);
            if (!p.allowed().isEmpty()) {
                return p.allowed().subList(p.allowed().size() - 2, p.allowed().size());
            }
            return List.of("v-" + name + "-1", "v-" + name + "-2");
        }

        Map<String, String> vars(String name) {
            op.param(name);
            Map<String, String> m = new LinkedHashMap<>();
            m.put("K1_" + name, "value 1");
            m.put("K2_" + name, "value,2");
            return m;
        }

        Map<String, VariableValue> varValues(String name) {
            Map<String, VariableValue> m = new LinkedHashMap<>();
            vars(name).forEach((k, v) -> m.put(k, VariableValue.of(v)));
            return m;
        }

        <E extends Enum<E>> E enumOf(Class<E> type, String name) {
            String wire = str(name);
            for (E constant : type.getEnumConstants()) {
                try {
                    Method m = type.getMethod("wireValue");
                    if (wire.equals(m.invoke(constant))) {
                        return constant;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            throw new AssertionError(type.getSimpleName() + " has no constant for '" + wire + "'");
        }

        /** What the client must send for a parameter, as a string (query) or JSON (body). */
        String expectedQuery(Param p) {
            if (p.multiple()) {
                return String.join(",", list(p.name()));
            }
            switch (p.dataType()) {
                case "int":
                case "long":
                    return Integer.toString(i(p.name()));
                case "boolean":
                    return "true";
                default:
                    return str(p.name());
            }
        }

        JsonNode expectedBody(Param p) {
            if (p.dataType().equals("object")) {
                ObjectNode filter = JSON.createObjectNode();
                filter.putArray("allowed").addObject().put("type", "StasisStart");
                filter.putArray("disallowed").addObject().put("type", "ChannelDtmfReceived");
                return filter;
            }
            if (p.name().equals("fields")) {
                return JSON.valueToTree(List.of(Map.of("attribute", "K1_fields", "value", "value 1"),
                        Map.of("attribute", "K2_fields", "value", "value,2")));
            }
            return JSON.valueToTree(vars(p.name()));
        }
    }

    private static final Map<String, Call> CALLS = new LinkedHashMap<>();

    private static void on(String key, Call call) {
        if (CALLS.put(key, call) != null) {
            throw new IllegalStateException("duplicate " + key);
        }
    }

    static {
        // applications
        on("applications.list", (a, s) -> a.applications().list());
        on("applications.get", (a, s) -> a.applications().get(s.path("applicationName")));
        on("applications.subscribe", (a, s) -> a.applications().subscribe(s.path("applicationName"),
                s.list("eventSource")));
        on("applications.unsubscribe", (a, s) -> a.applications().unsubscribe(s.path("applicationName"),
                s.list("eventSource")));
        on("applications.filter", (a, s) -> a.applications().filter(s.path("applicationName"),
                List.of("StasisStart"), List.of("ChannelDtmfReceived")));
        // asterisk
        on("asterisk.getObject", (a, s) -> a.asterisk().getObject(s.path("configClass"), s.path("objectType"),
                s.path("id")));
        on("asterisk.updateObject", (a, s) -> {
            List<ConfigTuple> fields = new ArrayList<>();
            s.vars("fields").forEach((k, v) -> fields.add(new ConfigTuple(k, v)));
            return a.asterisk().updateObject(s.path("configClass"), s.path("objectType"), s.path("id"), fields);
        });
        on("asterisk.deleteObject", (a, s) -> a.asterisk().deleteObject(s.path("configClass"),
                s.path("objectType"), s.path("id")));
        on("asterisk.getInfo", (a, s) -> a.asterisk().getInfo(s.list("only")));
        on("asterisk.ping", (a, s) -> a.asterisk().ping());
        on("asterisk.listModules", (a, s) -> a.asterisk().listModules());
        on("asterisk.getModule", (a, s) -> a.asterisk().getModule(s.path("moduleName")));
        on("asterisk.loadModule", (a, s) -> a.asterisk().loadModule(s.path("moduleName")));
        on("asterisk.unloadModule", (a, s) -> a.asterisk().unloadModule(s.path("moduleName")));
        on("asterisk.reloadModule", (a, s) -> a.asterisk().reloadModule(s.path("moduleName")));
        on("asterisk.listLogChannels", (a, s) -> a.asterisk().listLogChannels());
        on("asterisk.addLog", (a, s) -> a.asterisk().addLog(s.path("logChannelName"), s.str("configuration")));
        on("asterisk.deleteLog", (a, s) -> a.asterisk().deleteLog(s.path("logChannelName")));
        on("asterisk.rotateLog", (a, s) -> a.asterisk().rotateLog(s.path("logChannelName")));
        on("asterisk.getGlobalVar", (a, s) -> a.asterisk().getGlobalVariable(s.str("variable")));
        on("asterisk.setGlobalVar", (a, s) -> a.asterisk().setGlobalVariable(s.str("variable"), s.str("value")));
        // bridges
        on("bridges.list", (a, s) -> a.bridges().list());
        on("bridges.create", (a, s) -> a.bridges().create(BridgeOptions.builder().type(s.str("type"))
                .bridgeId(s.str("bridgeId")).name(s.str("name")).variables(s.vars("variables")).build()));
        on("bridges.createWithId", (a, s) -> a.bridges().createWithId(s.path("bridgeId"),
                BridgeOptions.builder().type(s.str("type")).name(s.str("name")).variables(s.vars("variables"))
                        .build()));
        on("bridges.get", (a, s) -> a.bridges().get(s.path("bridgeId")));
        on("bridges.destroy", (a, s) -> a.bridges().destroy(s.path("bridgeId")));
        on("bridges.getBridgeVar", (a, s) -> a.bridges().getVariable(s.path("bridgeId"), s.str("variable")));
        on("bridges.setBridgeVar", (a, s) -> a.bridges().setVariable(s.path("bridgeId"), s.str("variable"),
                s.str("value"), s.b("report_events")));
        on("bridges.getBridgeVars", (a, s) -> a.bridges().getVariables(s.path("bridgeId"), s.list("variables")));
        on("bridges.setBridgeVars", (a, s) -> a.bridges().setVariables(s.path("bridgeId"),
                s.varValues("variables")));
        on("bridges.addChannel", (a, s) -> a.bridges().addChannel(s.path("bridgeId"), s.list("channel"),
                s.str("role"), s.b("absorbDTMF"), s.b("mute"), s.b("inhibitConnectedLineUpdates")));
        on("bridges.removeChannel", (a, s) -> a.bridges().removeChannel(s.path("bridgeId"), s.list("channel")));
        on("bridges.setVideoSource", (a, s) -> a.bridges().setVideoSource(s.path("bridgeId"),
                s.path("channelId")));
        on("bridges.clearVideoSource", (a, s) -> a.bridges().clearVideoSource(s.path("bridgeId")));
        on("bridges.startMoh", (a, s) -> a.bridges().startMoh(s.path("bridgeId"), s.str("mohClass")));
        on("bridges.stopMoh", (a, s) -> a.bridges().stopMoh(s.path("bridgeId")));
        on("bridges.play", (a, s) -> a.bridges().play(s.path("bridgeId"), PlayOptions.builder(s.list("media"))
                .announcerFormat(s.str("announcer_format")).lang(s.str("lang")).offsetms(s.i("offsetms"))
                .skipms(s.i("skipms")).playbackId(s.str("playbackId")).build()));
        on("bridges.playWithId", (a, s) -> a.bridges().playWithId(s.path("bridgeId"), s.path("playbackId"),
                PlayOptions.builder(s.list("media")).announcerFormat(s.str("announcer_format"))
                        .lang(s.str("lang")).offsetms(s.i("offsetms")).skipms(s.i("skipms")).build()));
        on("bridges.record", (a, s) -> a.bridges().record(s.path("bridgeId"),
                RecordOptions.builder(s.str("name"), s.str("format")).recorderFormat(s.str("recorder_format"))
                        .maxDurationSeconds(s.i("maxDurationSeconds")).maxSilenceSeconds(s.i("maxSilenceSeconds"))
                        .ifExists(s.enumOf(RecordingIfExists.class, "ifExists")).beep(s.b("beep"))
                        .terminateOn(s.enumOf(RecordingTerminateOn.class, "terminateOn")).build()));
        // channels
        on("channels.list", (a, s) -> a.channels().list());
        on("channels.originate", (a, s) -> a.channels().originate(originate(s).channelId(s.str("channelId"))
                .build()));
        on("channels.create", (a, s) -> a.channels().create(CreateChannelOptions.builder(s.str("endpoint"),
                s.str("app")).appArgs(s.str("appArgs")).channelId(s.str("channelId"))
                .otherChannelId(s.str("otherChannelId")).originator(s.str("originator"))
                .formats(s.str("formats")).variables(s.vars("variables")).build()));
        on("channels.get", (a, s) -> a.channels().get(s.path("channelId")));
        on("channels.originateWithId", (a, s) -> a.channels().originateWithId(s.path("channelId"),
                originate(s).build()));
        on("channels.hangup", (a, s) -> a.channels().hangup(s.path("channelId"),
                s.enumOf(HangupReason.class, "reason"), s.str("reason_code")));
        on("channels.continueInDialplan", (a, s) -> a.channels().continueInDialplan(s.path("channelId"),
                ContinueOptions.builder().context(s.str("context")).extension(s.str("extension"))
                        .priority(s.i("priority")).label(s.str("label")).build()));
        on("channels.move", (a, s) -> a.channels().move(s.path("channelId"), s.str("app"), s.str("appArgs")));
        on("channels.redirect", (a, s) -> a.channels().redirect(s.path("channelId"), s.str("endpoint")));
        on("channels.answer", (a, s) -> a.channels().answer(s.path("channelId")));
        on("channels.ring", (a, s) -> a.channels().ring(s.path("channelId")));
        on("channels.ringStop", (a, s) -> a.channels().ringStop(s.path("channelId")));
        on("channels.progress", (a, s) -> a.channels().progress(s.path("channelId")));
        on("channels.sendDTMF", (a, s) -> a.channels().sendDtmf(s.path("channelId"), s.str("dtmf"),
                s.i("before"), s.i("between"), s.i("duration"), s.i("after")));
        on("channels.mute", (a, s) -> a.channels().mute(s.path("channelId"),
                s.enumOf(MuteDirection.class, "direction")));
        on("channels.unmute", (a, s) -> a.channels().unmute(s.path("channelId"),
                s.enumOf(MuteDirection.class, "direction")));
        on("channels.hold", (a, s) -> a.channels().hold(s.path("channelId")));
        on("channels.unhold", (a, s) -> a.channels().unhold(s.path("channelId")));
        on("channels.startMoh", (a, s) -> a.channels().startMoh(s.path("channelId"), s.str("mohClass")));
        on("channels.stopMoh", (a, s) -> a.channels().stopMoh(s.path("channelId")));
        on("channels.startSilence", (a, s) -> a.channels().startSilence(s.path("channelId")));
        on("channels.stopSilence", (a, s) -> a.channels().stopSilence(s.path("channelId")));
        on("channels.play", (a, s) -> a.channels().play(s.path("channelId"), PlayOptions.builder(s.list("media"))
                .lang(s.str("lang")).offsetms(s.i("offsetms")).skipms(s.i("skipms"))
                .playbackId(s.str("playbackId")).build()));
        on("channels.playWithId", (a, s) -> a.channels().playWithId(s.path("channelId"), s.path("playbackId"),
                PlayOptions.builder(s.list("media")).lang(s.str("lang")).offsetms(s.i("offsetms"))
                        .skipms(s.i("skipms")).build()));
        on("channels.record", (a, s) -> a.channels().record(s.path("channelId"),
                RecordOptions.builder(s.str("name"), s.str("format"))
                        .maxDurationSeconds(s.i("maxDurationSeconds")).maxSilenceSeconds(s.i("maxSilenceSeconds"))
                        .ifExists(s.enumOf(RecordingIfExists.class, "ifExists")).beep(s.b("beep"))
                        .terminateOn(s.enumOf(RecordingTerminateOn.class, "terminateOn")).build()));
        on("channels.getChannelVar", (a, s) -> a.channels().getVariable(s.path("channelId"), s.str("variable")));
        on("channels.setChannelVar", (a, s) -> a.channels().setVariable(s.path("channelId"), s.str("variable"),
                s.str("value"), s.b("report_events")));
        on("channels.getChannelVars", (a, s) -> a.channels().getVariables(s.path("channelId"),
                s.list("variables")));
        on("channels.setChannelVars", (a, s) -> a.channels().setVariables(s.path("channelId"),
                s.varValues("variables")));
        on("channels.snoopChannel", (a, s) -> a.channels().snoop(s.path("channelId"),
                org.arivoice.ari.resources.SnoopOptions.builder(s.str("app"))
                        .spy(s.enumOf(SnoopDirection.class, "spy")).whisper(s.enumOf(SnoopDirection.class, "whisper"))
                        .appArgs(s.str("appArgs")).snoopId(s.str("snoopId")).build()));
        on("channels.snoopChannelWithId", (a, s) -> a.channels().snoopWithId(s.path("channelId"),
                s.path("snoopId"), org.arivoice.ari.resources.SnoopOptions.builder(s.str("app"))
                        .spy(s.enumOf(SnoopDirection.class, "spy")).whisper(s.enumOf(SnoopDirection.class, "whisper"))
                        .appArgs(s.str("appArgs")).build()));
        on("channels.dial", (a, s) -> a.channels().dial(s.path("channelId"), s.str("caller"), s.i("timeout")));
        on("channels.rtpstatistics", (a, s) -> a.channels().rtpStatistics(s.path("channelId")));
        on("channels.externalMedia", (a, s) -> a.channels().externalMedia(
                ExternalMediaOptions.builder(s.str("app"), s.str("format")).channelId(s.str("channelId"))
                        .externalHost(s.str("external_host")).encapsulation(s.str("encapsulation"))
                        .transport(s.str("transport")).connectionType(s.str("connection_type"))
                        .direction(s.str("direction")).data(s.str("data")).transportData(s.str("transport_data"))
                        .variables(s.vars("variables")).build()));
        on("channels.transfer_progress", (a, s) -> a.channels().transferProgress(s.path("channelId"),
                s.str("states")));
        // deviceStates
        on("deviceStates.list", (a, s) -> a.deviceStates().list());
        on("deviceStates.get", (a, s) -> a.deviceStates().get(s.path("deviceName")));
        on("deviceStates.update", (a, s) -> a.deviceStates().update(s.path("deviceName"), s.str("deviceState")));
        on("deviceStates.delete", (a, s) -> a.deviceStates().delete(s.path("deviceName")));
        // endpoints
        on("endpoints.list", (a, s) -> a.endpoints().list());
        on("endpoints.sendMessage", (a, s) -> a.endpoints().sendMessage(s.str("to"), s.str("from"), s.str("body"),
                s.vars("variables")));
        on("endpoints.refer", (a, s) -> a.endpoints().refer(s.str("to"), s.str("from"), s.str("refer_to"),
                s.b("to_self"), s.vars("variables")));
        on("endpoints.listByTech", (a, s) -> a.endpoints().listByTech(s.path("tech")));
        on("endpoints.get", (a, s) -> a.endpoints().get(s.path("tech"), s.path("resource")));
        on("endpoints.sendMessageToEndpoint", (a, s) -> a.endpoints().sendMessageToEndpoint(s.path("tech"),
                s.path("resource"), s.str("from"), s.str("body"), s.vars("variables")));
        on("endpoints.referToEndpoint", (a, s) -> a.endpoints().referToEndpoint(s.path("tech"),
                s.path("resource"), s.str("from"), s.str("refer_to"), s.b("to_self"), s.vars("variables")));
        // events: eventWebsocket (GET /events) is the event stream's WebSocket handshake; the test server
        // records it and answers 401, which the stream reports instead of retrying.
        on("events.eventWebsocket", (a, s) -> {
            AriEventStream stream = AriEventStream.builder().baseUrl(a.baseUri().toString())
                    .credentials(a.credentials().orElseThrow()).applications(s.list("app"))
                    .subscribeAll(s.b("subscribeAll")).build();
            AriFuture<Object> outcome = new AriFuture<>();
            stream.connect().orTimeout(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
                stream.close();
                outcome.complete(e == null ? "connected" : e);
            });
            return outcome;
        });
        on("events.userEvent", (a, s) -> a.events().userEvent(s.path("eventName"), s.str("application"),
                s.list("source"), s.vars("variables")));
        on("events.claimChannel", (a, s) -> a.events().claimChannel(s.str("channelId"), s.str("application")));
        // mailboxes
        on("mailboxes.list", (a, s) -> a.mailboxes().list());
        on("mailboxes.get", (a, s) -> a.mailboxes().get(s.path("mailboxName")));
        on("mailboxes.update", (a, s) -> a.mailboxes().update(s.path("mailboxName"), s.i("oldMessages"),
                s.i("newMessages")));
        on("mailboxes.delete", (a, s) -> a.mailboxes().delete(s.path("mailboxName")));
        // playbacks
        on("playbacks.get", (a, s) -> a.playbacks().get(s.path("playbackId")));
        on("playbacks.stop", (a, s) -> a.playbacks().stop(s.path("playbackId")));
        on("playbacks.control", (a, s) -> a.playbacks().control(s.path("playbackId"),
                s.enumOf(PlaybackOperation.class, "operation")));
        // recordings
        on("recordings.listStored", (a, s) -> a.recordings().listStored());
        on("recordings.getStored", (a, s) -> a.recordings().getStored(s.path("recordingName")));
        on("recordings.deleteStored", (a, s) -> a.recordings().deleteStored(s.path("recordingName")));
        on("recordings.getStoredFile", (a, s) -> a.recordings().getStoredFile(s.path("recordingName")));
        on("recordings.copyStored", (a, s) -> a.recordings().copyStored(s.path("recordingName"),
                s.str("destinationRecordingName")));
        on("recordings.getLive", (a, s) -> a.recordings().getLive(s.path("recordingName")));
        on("recordings.cancel", (a, s) -> a.recordings().cancel(s.path("recordingName")));
        on("recordings.stop", (a, s) -> a.recordings().stop(s.path("recordingName")));
        on("recordings.pause", (a, s) -> a.recordings().pause(s.path("recordingName")));
        on("recordings.unpause", (a, s) -> a.recordings().unpause(s.path("recordingName")));
        on("recordings.mute", (a, s) -> a.recordings().mute(s.path("recordingName")));
        on("recordings.unmute", (a, s) -> a.recordings().unmute(s.path("recordingName")));
        // sounds
        on("sounds.list", (a, s) -> a.sounds().list(s.str("lang"), s.str("format")));
        on("sounds.get", (a, s) -> a.sounds().get(s.path("soundId")));
    }

    private static OriginateOptions.Builder originate(Samples s) {
        return OriginateOptions.builder(s.str("endpoint")).extension(s.str("extension")).context(s.str("context"))
                .priority(s.l("priority")).label(s.str("label")).app(s.str("app")).appArgs(s.str("appArgs"))
                .callerId(s.str("callerId")).timeout(s.i("timeout")).variables(s.vars("variables"))
                .otherChannelId(s.str("otherChannelId")).originator(s.str("originator"))
                .formats(s.str("formats"));
    }

    private static AriTestServer server;
    private static AriClient ari;

    @BeforeAll
    static void start() throws IOException {
        server = new AriTestServer();
        ari = AriClient.builder().baseUrl(server.baseUrl()).credentials("voicebot", "s3cret-pass")
                .defaultTimeout(Timeouts.seconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (ari != null) {
            ari.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static List<SpecOp> loadSpec(Path apiDocs) throws IOException {
        List<SpecOp> ops = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(apiDocs)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode doc = JSON.readTree(file.toFile());
            String resource = file.getFileName().toString().replace(".json", "");
            for (JsonNode api : doc.path("apis")) {
                for (JsonNode op : api.path("operations")) {
                    List<Param> params = new ArrayList<>();
                    for (JsonNode p : op.path("parameters")) {
                        List<String> allowed = new ArrayList<>();
                        JsonNode av = p.path("allowableValues");
                        if ("LIST".equals(av.path("valueType").asText())) {
                            av.path("values").forEach(v -> allowed.add(v.asText()));
                        }
                        params.add(new Param(p.path("name").asText(), p.path("paramType").asText(),
                                p.path("dataType").asText(), p.path("required").asBoolean(false),
                                p.path("allowMultiple").asBoolean(false), allowed));
                    }
                    ops.add(new SpecOp(resource, op.path("nickname").asText(), op.path("httpMethod").asText(),
                            api.path("path").asText(), op.path("responseClass").asText(), params));
                }
            }
        }
        return ops;
    }

    @Test
    void everyOperationOfTheSpecSendsTheDeclaredRequest() throws IOException {
        List<SpecOp> ops = loadSpec(Recordings.apiDocs());
        assertThat(ops).as("operations declared in api-docs").hasSize(109);

        Map<String, String> failures = new TreeMap<>();
        List<String> covered = new ArrayList<>();
        List<String> notCovered = new ArrayList<>();
        for (SpecOp op : ops) {
            Call call = CALLS.get(op.key());
            if (call == null) {
                notCovered.add(op.key());
                continue;
            }
            String failure = exercise(op, call);
            if (failure == null) {
                covered.add(op.key());
            } else {
                failures.put(op.key(), failure);
            }
        }
        System.out.println("covered " + covered.size() + "/" + ops.size()
                + (notCovered.isEmpty() ? "" : "; not covered by this test: " + notCovered)
                + (failures.isEmpty() ? "" : "; failing: " + failures.keySet()));
        assertThat(failures).as("operations whose request differs from the declaration").isEmpty();
        assertThat(CALLS.keySet()).as("table entries that name no declared operation")
                .allMatch(k -> ops.stream().anyMatch(o -> o.key().equals(k)));
        assertThat(notCovered).as("operations without a client call in this table").isEmpty();
        assertThat(covered).hasSize(109);
    }

    private static String exercise(SpecOp op, Call call) {
        server.clear();
        server.respond(r -> replyFor(op));
        Samples s = new Samples(op);
        Object result;
        try {
            result = ((AriFuture<?>) call.invoke(ari, s)).await();
        } catch (RuntimeException | AssertionError e) {
            return "call failed: " + e;
        }
        List<AriTestServer.Received> received = server.received();
        if (received.size() != 1) {
            return "expected one request, got " + received.size();
        }
        AriTestServer.Received r = received.get(0);
        List<String> problems = new ArrayList<>();
        if (!r.method().equals(op.method())) {
            problems.add("method " + r.method() + " != " + op.method());
        }
        String expectedPath = "/ari" + op.path();
        for (Param p : op.params()) {
            if (p.paramType().equals("path")) {
                expectedPath = expectedPath.replace("{" + p.name() + "}", s.path(p.name()));
            }
        }
        if (!r.path().equals(expectedPath)) {
            problems.add("path " + r.path() + " != " + expectedPath);
        }
        Map<String, String> unexpected = new LinkedHashMap<>(r.query());
        for (Param p : op.params()) {
            if (!p.paramType().equals("query")) {
                continue;
            }
            String expected = s.expectedQuery(p);
            String actual = unexpected.remove(p.name());
            if (!expected.equals(actual)) {
                problems.add("query " + p.name() + "=" + actual + " != " + expected);
            }
        }
        if (!unexpected.isEmpty()) {
            problems.add("undeclared query parameters " + unexpected);
        }
        List<Param> bodyParams = op.params().stream().filter(p -> p.paramType().equals("body")).toList();
        if (bodyParams.isEmpty()) {
            if (r.body().length != 0) {
                problems.add("unexpected body " + r.bodyText());
            }
        } else {
            try {
                JsonNode body = JSON.readTree(r.body());
                if (!"application/json".equals(r.header("Content-Type"))) {
                    problems.add("Content-Type " + r.header("Content-Type"));
                }
                for (Param p : bodyParams) {
                    JsonNode expected = s.expectedBody(p);
                    JsonNode actual = p.dataType().equals("object") ? body : normaliseVariables(body.get(p.name()));
                    if (!expected.equals(actual)) {
                        problems.add("body " + p.name() + "=" + actual + " != " + expected);
                    }
                }
            } catch (IOException e) {
                problems.add("body is not JSON: " + r.bodyText());
            }
        }
        if (r.header("Authorization") == null || !r.header("Authorization").startsWith("Basic ")) {
            problems.add("no Basic Authorization header");
        }
        String typeProblem = checkResult(op, result);
        if (typeProblem != null) {
            problems.add(typeProblem);
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** Bridge variables are sent as {"value": ...} objects; compare their values. */
    private static JsonNode normaliseVariables(JsonNode node) {
        if (node == null || !node.isObject()) {
            return node;
        }
        ObjectNode copy = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            copy.set(e.getKey(), v.isObject() && v.has("value") && v.size() == 1 ? v.get("value") : v);
        }
        return copy;
    }

    private static AriTestServer.Reply replyFor(SpecOp op) {
        String rc = op.responseClass();
        if (rc.equals("void")) {
            return AriTestServer.Reply.noContent();
        }
        if (rc.equals("Message")) {
            return new AriTestServer.Reply(401, "{\"message\":\"Authentication required\"}",
                    Map.of("WWW-Authenticate", "Basic realm=\"Asterisk REST Interface\"",
                            "Content-Type", "application/json"), null);
        }
        if (rc.equals("binary")) {
            return AriTestServer.Reply.bytes(WAV, "audio/wav");
        }
        if (rc.startsWith("List[")) {
            return AriTestServer.Reply.json(200, "[{\"unknown_future_field\":1}]");
        }
        return AriTestServer.Reply.json(200, "{\"unknown_future_field\":1}");
    }

    private static String checkResult(SpecOp op, Object result) {
        String rc = op.responseClass();
        if (rc.equals("void")) {
            return result == null ? null : "void operation returned " + result;
        }
        if (rc.equals("Message")) {
            Throwable t = result instanceof CompletionException ce ? ce.getCause()
                    : result instanceof Throwable th ? th : null;
            return t instanceof EventStreamException ? null
                    : "the event stream did not report the 401 handshake as an EventStreamException: " + result;
        }
        if (rc.equals("binary")) {
            return result instanceof byte[] && java.util.Arrays.equals((byte[]) result, WAV) ? null
                    : "binary response not returned as the bytes sent";
        }
        String model = rc.startsWith("List[") ? rc.substring(5, rc.length() - 1) : rc;
        Object value = result;
        if (rc.startsWith("List[")) {
            if (!(result instanceof List<?> list) || list.size() != 1) {
                return "expected a one-element list, got " + result;
            }
            value = list.get(0);
        }
        if (value == null || !value.getClass().getSimpleName().equals(model)) {
            return "result " + (value == null ? null : value.getClass().getName()) + " is not a " + model;
        }
        return null;
    }
}
