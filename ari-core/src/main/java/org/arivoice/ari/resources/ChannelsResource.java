package org.arivoice.ari.resources;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.internal.http.AriRequest;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.model.LiveRecording;
import org.arivoice.ari.model.Playback;
import org.arivoice.ari.model.RTPstat;
import org.arivoice.ari.model.Variable;
import org.arivoice.ari.model.Variables;

/**
 * The {@code /channels} operations of ARI. Obtain it from {@link org.arivoice.ari.AriClient#channels()}.
 *
 * <p>Every method sends one request and returns an {@link AriFuture}; failures complete it with an
 * {@link org.arivoice.ari.AriException} subclass (for example {@link org.arivoice.ari.AriNotFoundException}
 * for {@code Channel not found}). Optional parameters given as {@code null} are not sent, so Asterisk
 * applies its default. Invalid arguments (a blank id, a missing required option) throw at once.
 *
 * <p>Note from real Asterisk: the {@code StasisStart} of a new channel (for example of an ExternalMedia
 * channel) can arrive on the event stream before the REST call that created it returns; subscribe with a
 * pre-assigned id ({@code channelId}) before calling.
 */
public final class ChannelsResource {
    private final AriTransport transport;

    /**
     * Creates the resource over a transport. Applications use {@link org.arivoice.ari.AriClient#channels()}.
     *
     * @param transport the client's transport
     */
    public ChannelsResource(AriTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    private AriRequest request(String nickname, String method, String path) {
        return transport.request("channels." + nickname, method, path);
    }

    /**
     * Lists all active channels ({@code GET /channels}).
     *
     * @return the channels
     */
    public AriFuture<List<Channel>> list() {
        return request("list", "GET", "/channels").jsonList(Channel.class);
    }

    /**
     * Creates a channel and dials the endpoint ({@code POST /channels}, nickname {@code originate}).
     *
     * @param options endpoint, destination, ids, variables, ...
     * @return the new channel (usually in state {@code Down} while it rings)
     */
    public AriFuture<Channel> originate(OriginateOptions options) {
        Objects.requireNonNull(options, "options");
        return originateQuery(request("originate", "POST", "/channels"), options)
                .query("channelId", options.channelId())
                .json(Channel.class);
    }

    /**
     * Creates a channel with the given id and dials the endpoint ({@code POST /channels/{channelId}},
     * nickname {@code originateWithId}).
     *
     * @param channelId the id for the new channel
     * @param options endpoint, destination, variables, ...; its {@code channelId} must be {@code null} or
     *        equal to {@code channelId}
     * @return the new channel
     * @throws IllegalArgumentException if {@code options.channelId()} names another id
     */
    public AriFuture<Channel> originateWithId(String channelId, OriginateOptions options) {
        Objects.requireNonNull(options, "options");
        Bodies.requireSameId("originateWithId(", channelId, "channelId", options.channelId());
        return originateQuery(request("originateWithId", "POST", "/channels/{channelId}")
                .path("channelId", channelId), options)
                .json(Channel.class);
    }

    private static AriRequest originateQuery(AriRequest r, OriginateOptions o) {
        return r.query("endpoint", o.endpoint())
                .query("extension", o.extension())
                .query("context", o.context())
                .query("priority", o.priority())
                .query("label", o.label())
                .query("app", o.app())
                .query("appArgs", o.appArgs())
                .query("callerId", o.callerId())
                .query("timeout", o.timeout())
                .query("otherChannelId", o.otherChannelId())
                .query("originator", o.originator())
                .query("formats", o.formats())
                .bodyField("variables", Bodies.variables(o.variables(), false));
    }

    /**
     * Creates a channel without dialling it ({@code POST /channels/create}); dial it with
     * {@link #dial(String, String, Integer)}.
     *
     * @param options endpoint, application, ids, variables
     * @return the new channel
     */
    public AriFuture<Channel> create(CreateChannelOptions options) {
        Objects.requireNonNull(options, "options");
        return request("create", "POST", "/channels/create")
                .query("endpoint", options.endpoint())
                .query("app", options.app())
                .query("appArgs", options.appArgs())
                .query("channelId", options.channelId())
                .query("otherChannelId", options.otherChannelId())
                .query("originator", options.originator())
                .query("formats", options.formats())
                .bodyField("variables", Bodies.variables(options.variables(), false))
                .json(Channel.class);
    }

    /**
     * Gets a channel's details ({@code GET /channels/{channelId}}).
     *
     * @param channelId the channel id
     * @return the channel; fails with {@code AriNotFoundException} ({@code Channel not found}) if it is gone
     */
    public AriFuture<Channel> get(String channelId) {
        return request("get", "GET", "/channels/{channelId}").path("channelId", channelId).json(Channel.class);
    }

    /**
     * Hangs up a channel with the default reason ({@code DELETE /channels/{channelId}}).
     *
     * @param channelId the channel id
     * @return completes when Asterisk has accepted the hangup (204)
     */
    public AriFuture<Void> hangup(String channelId) {
        return hangup(channelId, null, null);
    }

    /**
     * Hangs up a channel with a reason ({@code DELETE /channels/{channelId}}). Asterisk accepts either a
     * reason or a numeric reason code.
     *
     * @param channelId the channel id
     * @param reason the reason, or {@code null}
     * @param reasonCode a Q.850 cause code ({@code reason_code}), or {@code null}
     * @return completes when Asterisk has accepted the hangup
     */
    public AriFuture<Void> hangup(String channelId, HangupReason reason, String reasonCode) {
        return request("hangup", "DELETE", "/channels/{channelId}").path("channelId", channelId)
                .query("reason_code", reasonCode)
                .query("reason", reason == null ? null : reason.wireValue())
                .noContent();
    }

    /**
     * Lets the channel leave Stasis and continue in the dialplan after the {@code Stasis()} application
     * ({@code POST /channels/{channelId}/continue}).
     *
     * @param channelId the channel id
     * @return completes when accepted
     */
    public AriFuture<Void> continueInDialplan(String channelId) {
        return continueInDialplan(channelId, null);
    }

    /**
     * Lets the channel leave Stasis and continue at a dialplan location
     * ({@code POST /channels/{channelId}/continue}).
     *
     * @param channelId the channel id
     * @param where the context, extension, priority or label, or {@code null} for "after Stasis()"
     * @return completes when accepted
     */
    public AriFuture<Void> continueInDialplan(String channelId, ContinueOptions where) {
        AriRequest r = request("continueInDialplan", "POST", "/channels/{channelId}/continue")
                .path("channelId", channelId);
        if (where != null) {
            r.query("context", where.context())
                    .query("extension", where.extension())
                    .query("priority", where.priority())
                    .query("label", where.label());
        }
        return r.noContent();
    }

    /**
     * Moves the channel from one Stasis application to another ({@code POST /channels/{channelId}/move}).
     *
     * @param channelId the channel id
     * @param app the target application
     * @param appArgs the application arguments, or {@code null}
     * @return completes when accepted
     */
    public AriFuture<Void> move(String channelId, String app, String appArgs) {
        return request("move", "POST", "/channels/{channelId}/move").path("channelId", channelId)
                .query("app", Objects.requireNonNull(app, "app"))
                .query("appArgs", appArgs)
                .noContent();
    }

    /**
     * Redirects the channel to another endpoint (a blind transfer at the protocol level, e.g. SIP 302;
     * {@code POST /channels/{channelId}/redirect}).
     *
     * @param channelId the channel id
     * @param endpoint the new endpoint, e.g. {@code PJSIP/1001}
     * @return completes when accepted
     */
    public AriFuture<Void> redirect(String channelId, String endpoint) {
        return request("redirect", "POST", "/channels/{channelId}/redirect").path("channelId", channelId)
                .query("endpoint", Objects.requireNonNull(endpoint, "endpoint"))
                .noContent();
    }

    /**
     * Answers the channel ({@code POST /channels/{channelId}/answer}).
     *
     * @param channelId the channel id
     * @return completes when answered
     */
    public AriFuture<Void> answer(String channelId) {
        return simple("answer", "POST", "/channels/{channelId}/answer", channelId);
    }

    /**
     * Indicates ringing to the channel ({@code POST /channels/{channelId}/ring}).
     *
     * @param channelId the channel id
     * @return completes when accepted
     */
    public AriFuture<Void> ring(String channelId) {
        return simple("ring", "POST", "/channels/{channelId}/ring", channelId);
    }

    /**
     * Stops ringing indication ({@code DELETE /channels/{channelId}/ring}).
     *
     * @param channelId the channel id
     * @return completes when accepted
     */
    public AriFuture<Void> ringStop(String channelId) {
        return simple("ringStop", "DELETE", "/channels/{channelId}/ring", channelId);
    }

    /**
     * Indicates call progress (early media) to the channel ({@code POST /channels/{channelId}/progress}).
     *
     * @param channelId the channel id
     * @return completes when accepted
     */
    public AriFuture<Void> progress(String channelId) {
        return simple("progress", "POST", "/channels/{channelId}/progress", channelId);
    }

    /**
     * Sends DTMF digits with Asterisk's default timing ({@code POST /channels/{channelId}/dtmf}).
     *
     * @param channelId the channel id
     * @param dtmf the digits, e.g. {@code 123#}
     * @return completes when Asterisk has accepted the request
     */
    public AriFuture<Void> sendDtmf(String channelId, String dtmf) {
        return sendDtmf(channelId, dtmf, null, null, null, null);
    }

    /**
     * Sends DTMF digits ({@code POST /channels/{channelId}/dtmf}, nickname {@code sendDTMF}).
     *
     * @param channelId the channel id
     * @param dtmf the digits
     * @param beforeMs milliseconds to wait before the first digit, or {@code null}
     * @param betweenMs milliseconds between digits (Asterisk default 100), or {@code null}
     * @param durationMs duration of each digit (Asterisk default 100), or {@code null}
     * @param afterMs milliseconds to wait after the last digit, or {@code null}
     * @return completes when Asterisk has accepted the request
     */
    public AriFuture<Void> sendDtmf(String channelId, String dtmf, Integer beforeMs, Integer betweenMs,
            Integer durationMs, Integer afterMs) {
        return request("sendDTMF", "POST", "/channels/{channelId}/dtmf").path("channelId", channelId)
                .query("dtmf", dtmf)
                .query("before", beforeMs)
                .query("between", betweenMs)
                .query("duration", durationMs)
                .query("after", afterMs)
                .noContent();
    }

    /**
     * Mutes the channel ({@code POST /channels/{channelId}/mute}).
     *
     * @param channelId the channel id
     * @param direction the direction, or {@code null} for both
     * @return completes when accepted
     */
    public AriFuture<Void> mute(String channelId, MuteDirection direction) {
        return request("mute", "POST", "/channels/{channelId}/mute").path("channelId", channelId)
                .query("direction", Bodies.wire(direction)).noContent();
    }

    /**
     * Unmutes the channel ({@code DELETE /channels/{channelId}/mute}).
     *
     * @param channelId the channel id
     * @param direction the direction, or {@code null} for both
     * @return completes when accepted
     */
    public AriFuture<Void> unmute(String channelId, MuteDirection direction) {
        return request("unmute", "DELETE", "/channels/{channelId}/mute").path("channelId", channelId)
                .query("direction", Bodies.wire(direction)).noContent();
    }

    /**
     * Puts the channel on hold ({@code POST /channels/{channelId}/hold}).
     *
     * @param channelId the channel id
     * @return completes when accepted
     */
    public AriFuture<Void> hold(String channelId) {
        return simple("hold", "POST", "/channels/{channelId}/hold", channelId);
    }

    /**
     * Takes the channel off hold ({@code DELETE /channels/{channelId}/hold}).
     *
     * @param channelId the channel id
     * @return completes when accepted
     */
    public AriFuture<Void> unhold(String channelId) {
        return simple("unhold", "DELETE", "/channels/{channelId}/hold", channelId);
    }

    /**
     * Plays music on hold to the channel ({@code POST /channels/{channelId}/moh}).
     *
     * @param channelId the channel id
     * @param mohClass the music-on-hold class, or {@code null} for the default
     * @return completes when accepted
     */
    public AriFuture<Void> startMoh(String channelId, String mohClass) {
        return request("startMoh", "POST", "/channels/{channelId}/moh").path("channelId", channelId)
                .query("mohClass", mohClass).noContent();
    }

    /**
     * Stops music on hold ({@code DELETE /channels/{channelId}/moh}).
     *
     * @param channelId the channel id
     * @return completes when accepted
     */
    public AriFuture<Void> stopMoh(String channelId) {
        return simple("stopMoh", "DELETE", "/channels/{channelId}/moh", channelId);
    }

    /**
     * Plays silence to the channel ({@code POST /channels/{channelId}/silence}).
     *
     * @param channelId the channel id
     * @return completes when accepted
     */
    public AriFuture<Void> startSilence(String channelId) {
        return simple("startSilence", "POST", "/channels/{channelId}/silence", channelId);
    }

    /**
     * Stops playing silence ({@code DELETE /channels/{channelId}/silence}).
     *
     * @param channelId the channel id
     * @return completes when accepted
     */
    public AriFuture<Void> stopSilence(String channelId) {
        return simple("stopSilence", "DELETE", "/channels/{channelId}/silence", channelId);
    }

    /**
     * Starts a playback ({@code POST /channels/{channelId}/play}). Real Asterisk sends
     * {@code PlaybackStarted} before this call returns; an unknown sound still answers 201 and then
     * {@code PlaybackFinished} with state {@code failed}.
     *
     * @param channelId the channel id
     * @param options media, language, offsets, playback id
     * @return the playback
     * @throws IllegalArgumentException if {@code announcerFormat} is set (bridges only)
     */
    public AriFuture<Playback> play(String channelId, PlayOptions options) {
        return playQuery(request("play", "POST", "/channels/{channelId}/play").path("channelId", channelId),
                options).query("playbackId", options.playbackId()).json(Playback.class);
    }

    /**
     * Starts a playback with a given id ({@code POST /channels/{channelId}/play/{playbackId}}).
     *
     * @param channelId the channel id
     * @param playbackId the id for the playback
     * @param options media, language, offsets; its {@code playbackId} must be {@code null} or equal
     * @return the playback
     * @throws IllegalArgumentException if {@code announcerFormat} is set, or another playbackId is given
     */
    public AriFuture<Playback> playWithId(String channelId, String playbackId, PlayOptions options) {
        Objects.requireNonNull(options, "options");
        Bodies.requireSameId("playWithId(..., ", playbackId, "playbackId", options.playbackId());
        return playQuery(request("playWithId", "POST", "/channels/{channelId}/play/{playbackId}")
                .path("channelId", channelId).path("playbackId", playbackId), options).json(Playback.class);
    }

    private static AriRequest playQuery(AriRequest r, PlayOptions o) {
        Objects.requireNonNull(o, "options");
        if (o.announcerFormat() != null) {
            throw new IllegalArgumentException("announcerFormat applies to bridge playbacks only; Asterisk has no"
                    + " such parameter for channels");
        }
        return r.queryList("media", o.media())
                .query("lang", o.lang())
                .query("offsetms", o.offsetms())
                .query("skipms", o.skipms());
    }

    /**
     * Starts recording the channel ({@code POST /channels/{channelId}/record}).
     *
     * @param channelId the channel id
     * @param options name, format, limits, ...
     * @return the live recording
     * @throws IllegalArgumentException if {@code recorderFormat} is set (bridges only)
     */
    public AriFuture<LiveRecording> record(String channelId, RecordOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.recorderFormat() != null) {
            throw new IllegalArgumentException("recorderFormat applies to bridge recordings only; Asterisk has no"
                    + " such parameter for channels");
        }
        return request("record", "POST", "/channels/{channelId}/record").path("channelId", channelId)
                .query("name", options.name())
                .query("format", options.format())
                .query("maxDurationSeconds", options.maxDurationSeconds())
                .query("maxSilenceSeconds", options.maxSilenceSeconds())
                .query("ifExists", Bodies.wire(options.ifExists()))
                .query("beep", options.beep())
                .query("terminateOn", Bodies.wire(options.terminateOn()))
                .json(LiveRecording.class);
    }

    /**
     * Reads a channel variable or dialplan function ({@code GET /channels/{channelId}/variable}), e.g.
     * {@code UNICASTRTP_LOCAL_PORT} on an ExternalMedia channel.
     *
     * @param channelId the channel id
     * @param variable the variable name
     * @return the value
     */
    public AriFuture<Variable> getVariable(String channelId, String variable) {
        return request("getChannelVar", "GET", "/channels/{channelId}/variable").path("channelId", channelId)
                .query("variable", Objects.requireNonNull(variable, "variable")).json(Variable.class);
    }

    /**
     * Sets a channel variable ({@code POST /channels/{channelId}/variable}).
     *
     * @param channelId the channel id
     * @param variable the variable name
     * @param value the value, or {@code null} to unset it
     * @return completes when set
     */
    public AriFuture<Void> setVariable(String channelId, String variable, String value) {
        return setVariable(channelId, variable, value, null);
    }

    /**
     * Sets a channel variable ({@code POST /channels/{channelId}/variable}).
     *
     * @param channelId the channel id
     * @param variable the variable name
     * @param value the value, or {@code null} to unset it
     * @param reportEvents whether later changes are reported in channel events ({@code report_events}),
     *        or {@code null}
     * @return completes when set
     */
    public AriFuture<Void> setVariable(String channelId, String variable, String value, Boolean reportEvents) {
        return request("setChannelVar", "POST", "/channels/{channelId}/variable").path("channelId", channelId)
                .query("variable", Objects.requireNonNull(variable, "variable"))
                .query("value", value)
                .query("report_events", reportEvents)
                .noContent();
    }

    /**
     * Reads several channel variables at once ({@code GET /channels/{channelId}/variables}).
     *
     * @param channelId the channel id
     * @param variables the variable names
     * @return the values
     */
    public AriFuture<Variables> getVariables(String channelId, List<String> variables) {
        return request("getChannelVars", "GET", "/channels/{channelId}/variables").path("channelId", channelId)
                .queryList("variables", Objects.requireNonNull(variables, "variables")).json(Variables.class);
    }

    /**
     * Sets several channel variables at once ({@code POST /channels/{channelId}/variables}).
     *
     * @param channelId the channel id
     * @param variables names and values
     * @return completes when set
     * @throws IllegalArgumentException if {@code variables} is empty
     */
    public AriFuture<Void> setVariables(String channelId, Map<String, VariableValue> variables) {
        if (variables == null || variables.isEmpty()) {
            throw new IllegalArgumentException("setVariables needs at least one variable");
        }
        return request("setChannelVars", "POST", "/channels/{channelId}/variables").path("channelId", channelId)
                .bodyField("variables", Bodies.variables(variables, false)).noContent();
    }

    /**
     * Creates a snoop channel that taps and/or whispers into a channel
     * ({@code POST /channels/{channelId}/snoop}, nickname {@code snoopChannel}).
     *
     * @param channelId the channel to snoop on
     * @param options application, directions, id
     * @return the snoop channel
     */
    public AriFuture<Channel> snoop(String channelId, SnoopOptions options) {
        Objects.requireNonNull(options, "options");
        return snoopQuery(request("snoopChannel", "POST", "/channels/{channelId}/snoop")
                .path("channelId", channelId), options)
                .query("snoopId", options.snoopId())
                .json(Channel.class);
    }

    /**
     * Creates a snoop channel with a given id ({@code POST /channels/{channelId}/snoop/{snoopId}}).
     *
     * @param channelId the channel to snoop on
     * @param snoopId the id for the snoop channel
     * @param options application, directions; its {@code snoopId} must be {@code null} or equal
     * @return the snoop channel
     */
    public AriFuture<Channel> snoopWithId(String channelId, String snoopId, SnoopOptions options) {
        Objects.requireNonNull(options, "options");
        Bodies.requireSameId("snoopWithId(..., ", snoopId, "snoopId", options.snoopId());
        return snoopQuery(request("snoopChannelWithId", "POST", "/channels/{channelId}/snoop/{snoopId}")
                .path("channelId", channelId).path("snoopId", snoopId), options)
                .json(Channel.class);
    }

    private static AriRequest snoopQuery(AriRequest r, SnoopOptions o) {
        return r.query("spy", Bodies.wire(o.spy()))
                .query("whisper", Bodies.wire(o.whisper()))
                .query("app", o.app())
                .query("appArgs", o.appArgs());
    }

    /**
     * Dials a channel created with {@link #create(CreateChannelOptions)}
     * ({@code POST /channels/{channelId}/dial}).
     *
     * @param channelId the channel id
     * @param caller the id of the channel that is calling (for connected line and codecs), or {@code null}
     * @param timeoutSeconds seconds to wait for an answer (0 or {@code null}: Asterisk's default)
     * @return completes when dialling has started
     */
    public AriFuture<Void> dial(String channelId, String caller, Integer timeoutSeconds) {
        return request("dial", "POST", "/channels/{channelId}/dial").path("channelId", channelId)
                .query("caller", caller)
                .query("timeout", timeoutSeconds)
                .noContent();
    }

    /**
     * RTP statistics of a channel ({@code GET /channels/{channelId}/rtp_statistics}).
     *
     * @param channelId the channel id
     * @return the statistics
     */
    public AriFuture<RTPstat> rtpStatistics(String channelId) {
        return request("rtpstatistics", "GET", "/channels/{channelId}/rtp_statistics")
                .path("channelId", channelId).json(RTPstat.class);
    }

    /**
     * Creates an ExternalMedia channel ({@code POST /channels/externalMedia}). With RTP, Asterisk then
     * sends the channel's audio from {@code UNICASTRTP_LOCAL_ADDRESS:UNICASTRTP_LOCAL_PORT} (read them with
     * {@link #getVariable(String, String)}) to {@code externalHost}. Real Asterisk sends the channel's
     * {@code StasisStart} before this call returns.
     *
     * @param options application, format, host, transport, ...
     * @return the new channel
     */
    public AriFuture<Channel> externalMedia(ExternalMediaOptions options) {
        Objects.requireNonNull(options, "options");
        return request("externalMedia", "POST", "/channels/externalMedia")
                .query("channelId", options.channelId())
                .query("app", options.app())
                .query("external_host", options.externalHost())
                .query("encapsulation", options.encapsulation())
                .query("transport", options.transport())
                .query("connection_type", options.connectionType())
                .query("format", options.format())
                .query("direction", options.direction())
                .query("data", options.data())
                .query("transport_data", options.transportData())
                .bodyField("variables", Bodies.variables(options.variables(), false))
                .json(Channel.class);
    }

    /**
     * Informs the channel about the progress of an attended transfer
     * ({@code POST /channels/{channelId}/transfer_progress}).
     *
     * @param channelId the channel id
     * @param states the transfer state, e.g. {@code channel_answered} or {@code channel_declined}
     * @return completes when accepted
     */
    public AriFuture<Void> transferProgress(String channelId, String states) {
        return request("transfer_progress", "POST", "/channels/{channelId}/transfer_progress")
                .path("channelId", channelId)
                .query("states", Objects.requireNonNull(states, "states"))
                .noContent();
    }

    private AriFuture<Void> simple(String nickname, String method, String path, String channelId) {
        return request(nickname, method, path).path("channelId", channelId).noContent();
    }
}
