package org.arivoice.ari.resources;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.internal.http.AriRequest;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.model.Bridge;
import org.arivoice.ari.model.LiveRecording;
import org.arivoice.ari.model.Playback;
import org.arivoice.ari.model.Variable;
import org.arivoice.ari.model.Variables;

/**
 * The {@code /bridges} operations of ARI. Obtain it from {@link org.arivoice.ari.AriClient#bridges()}.
 *
 * <p>Conventions as in {@link ChannelsResource}: each method sends one request and returns an
 * {@link AriFuture}; {@code null} optional parameters are not sent.
 *
 * <p>From real Asterisk: {@code addChannel} with an unknown channel answers {@code 400 Channel not found},
 * with an unknown bridge {@code 404 Bridge not found}, with a channel not in Stasis
 * {@code 422 Channel not in Stasis application}; {@code ChannelEnteredBridge} can arrive before its 204.
 * A bridge outlives the calls in it: delete it with {@link #destroy(String)}.
 */
public final class BridgesResource {
    private final AriTransport transport;

    /**
     * Creates the resource over a transport. Applications use {@link org.arivoice.ari.AriClient#bridges()}.
     *
     * @param transport the client's transport
     */
    public BridgesResource(AriTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    private AriRequest request(String nickname, String method, String path) {
        return transport.request("bridges." + nickname, method, path);
    }

    private AriRequest onBridge(String nickname, String method, String path, String bridgeId) {
        return request(nickname, method, path).path("bridgeId", bridgeId);
    }

    /**
     * Lists all active bridges ({@code GET /bridges}).
     *
     * @return the bridges
     */
    public AriFuture<List<Bridge>> list() {
        return request("list", "GET", "/bridges").jsonList(Bridge.class);
    }

    /**
     * Creates a bridge ({@code POST /bridges}).
     *
     * @param options type, id, name, variables
     * @return the new bridge
     */
    public AriFuture<Bridge> create(BridgeOptions options) {
        Objects.requireNonNull(options, "options");
        return request("create", "POST", "/bridges")
                .queryList("type", options.type())
                .query("bridgeId", options.bridgeId())
                .query("name", options.name())
                .bodyField("variables", Bodies.variables(options.variables(), true))
                .json(Bridge.class);
    }

    /**
     * Creates a bridge with a given id, or updates the bridge of that id ({@code POST /bridges/{bridgeId}}).
     *
     * @param bridgeId the bridge id
     * @param options type, name, variables; its {@code bridgeId} must be {@code null} or equal
     * @return the bridge
     */
    public AriFuture<Bridge> createWithId(String bridgeId, BridgeOptions options) {
        Objects.requireNonNull(options, "options");
        Bodies.requireSameId("createWithId(", bridgeId, "bridgeId", options.bridgeId());
        return onBridge("createWithId", "POST", "/bridges/{bridgeId}", bridgeId)
                .queryList("type", options.type())
                .query("name", options.name())
                .bodyField("variables", Bodies.variables(options.variables(), true))
                .json(Bridge.class);
    }

    /**
     * Gets a bridge's details ({@code GET /bridges/{bridgeId}}).
     *
     * @param bridgeId the bridge id
     * @return the bridge, including its channel ids
     */
    public AriFuture<Bridge> get(String bridgeId) {
        return onBridge("get", "GET", "/bridges/{bridgeId}", bridgeId).json(Bridge.class);
    }

    /**
     * Shuts a bridge down ({@code DELETE /bridges/{bridgeId}}); channels in it are removed, not hung up.
     *
     * @param bridgeId the bridge id
     * @return completes when destroyed; {@code 404 Bridge not found} if it no longer exists
     */
    public AriFuture<Void> destroy(String bridgeId) {
        return onBridge("destroy", "DELETE", "/bridges/{bridgeId}", bridgeId).noContent();
    }

    /**
     * Reads a bridge variable ({@code GET /bridges/{bridgeId}/variable}).
     *
     * @param bridgeId the bridge id
     * @param variable the variable name
     * @return the value
     */
    public AriFuture<Variable> getVariable(String bridgeId, String variable) {
        return onBridge("getBridgeVar", "GET", "/bridges/{bridgeId}/variable", bridgeId)
                .query("variable", Objects.requireNonNull(variable, "variable")).json(Variable.class);
    }

    /**
     * Sets a bridge variable ({@code POST /bridges/{bridgeId}/variable}).
     *
     * @param bridgeId the bridge id
     * @param variable the variable name
     * @param value the value, or {@code null} to unset it
     * @param reportEvents whether later changes are reported in bridge events, or {@code null}
     * @return completes when set
     */
    public AriFuture<Void> setVariable(String bridgeId, String variable, String value, Boolean reportEvents) {
        return onBridge("setBridgeVar", "POST", "/bridges/{bridgeId}/variable", bridgeId)
                .query("variable", Objects.requireNonNull(variable, "variable"))
                .query("value", value)
                .query("report_events", reportEvents)
                .noContent();
    }

    /**
     * Reads several bridge variables ({@code GET /bridges/{bridgeId}/variables}).
     *
     * @param bridgeId the bridge id
     * @param variables the variable names
     * @return the values
     */
    public AriFuture<Variables> getVariables(String bridgeId, List<String> variables) {
        return onBridge("getBridgeVars", "GET", "/bridges/{bridgeId}/variables", bridgeId)
                .queryList("variables", Objects.requireNonNull(variables, "variables")).json(Variables.class);
    }

    /**
     * Sets several bridge variables ({@code POST /bridges/{bridgeId}/variables}).
     *
     * @param bridgeId the bridge id
     * @param variables names and values
     * @return completes when set
     * @throws IllegalArgumentException if {@code variables} is empty
     */
    public AriFuture<Void> setVariables(String bridgeId, Map<String, VariableValue> variables) {
        if (variables == null || variables.isEmpty()) {
            throw new IllegalArgumentException("setVariables needs at least one variable");
        }
        return onBridge("setBridgeVars", "POST", "/bridges/{bridgeId}/variables", bridgeId)
                .bodyField("variables", Bodies.variables(variables, false)).noContent();
    }

    /**
     * Adds one channel to a bridge ({@code POST /bridges/{bridgeId}/addChannel}).
     *
     * @param bridgeId the bridge id
     * @param channelId the channel id
     * @return completes when added
     */
    public AriFuture<Void> addChannel(String bridgeId, String channelId) {
        return addChannel(bridgeId, List.of(channelId), null, null, null, null);
    }

    /**
     * Adds channels to a bridge ({@code POST /bridges/{bridgeId}/addChannel}).
     *
     * @param bridgeId the bridge id
     * @param channelIds the channel ids
     * @param role the channels' role in the bridge, or {@code null}
     * @param absorbDtmf whether DTMF from these channels is absorbed (not passed on), or {@code null}
     * @param mute whether these channels are muted in the bridge, or {@code null}
     * @param inhibitConnectedLineUpdates whether connected-line updates from them are suppressed, or
     *        {@code null}
     * @return completes when added
     */
    public AriFuture<Void> addChannel(String bridgeId, List<String> channelIds, String role, Boolean absorbDtmf,
            Boolean mute, Boolean inhibitConnectedLineUpdates) {
        return onBridge("addChannel", "POST", "/bridges/{bridgeId}/addChannel", bridgeId)
                .queryList("channel", Objects.requireNonNull(channelIds, "channelIds"))
                .query("role", role)
                .query("absorbDTMF", absorbDtmf)
                .query("mute", mute)
                .query("inhibitConnectedLineUpdates", inhibitConnectedLineUpdates)
                .noContent();
    }

    /**
     * Removes one channel from a bridge ({@code POST /bridges/{bridgeId}/removeChannel}).
     *
     * @param bridgeId the bridge id
     * @param channelId the channel id
     * @return completes when removed
     */
    public AriFuture<Void> removeChannel(String bridgeId, String channelId) {
        return removeChannel(bridgeId, List.of(channelId));
    }

    /**
     * Removes channels from a bridge ({@code POST /bridges/{bridgeId}/removeChannel}).
     *
     * @param bridgeId the bridge id
     * @param channelIds the channel ids
     * @return completes when removed
     */
    public AriFuture<Void> removeChannel(String bridgeId, List<String> channelIds) {
        return onBridge("removeChannel", "POST", "/bridges/{bridgeId}/removeChannel", bridgeId)
                .queryList("channel", Objects.requireNonNull(channelIds, "channelIds"))
                .noContent();
    }

    /**
     * Makes a channel the video source of a bridge ({@code POST /bridges/{bridgeId}/videoSource/{channelId}}).
     *
     * @param bridgeId the bridge id
     * @param channelId the channel whose video everyone sees
     * @return completes when set
     */
    public AriFuture<Void> setVideoSource(String bridgeId, String channelId) {
        return onBridge("setVideoSource", "POST", "/bridges/{bridgeId}/videoSource/{channelId}", bridgeId)
                .path("channelId", channelId).noContent();
    }

    /**
     * Returns the bridge to talker-detection video mode ({@code DELETE /bridges/{bridgeId}/videoSource}).
     *
     * @param bridgeId the bridge id
     * @return completes when cleared
     */
    public AriFuture<Void> clearVideoSource(String bridgeId) {
        return onBridge("clearVideoSource", "DELETE", "/bridges/{bridgeId}/videoSource", bridgeId).noContent();
    }

    /**
     * Plays music on hold into the bridge ({@code POST /bridges/{bridgeId}/moh}).
     *
     * @param bridgeId the bridge id
     * @param mohClass the music-on-hold class, or {@code null} for the default
     * @return completes when started
     */
    public AriFuture<Void> startMoh(String bridgeId, String mohClass) {
        return onBridge("startMoh", "POST", "/bridges/{bridgeId}/moh", bridgeId).query("mohClass", mohClass)
                .noContent();
    }

    /**
     * Stops music on hold in the bridge ({@code DELETE /bridges/{bridgeId}/moh}).
     *
     * @param bridgeId the bridge id
     * @return completes when stopped
     */
    public AriFuture<Void> stopMoh(String bridgeId) {
        return onBridge("stopMoh", "DELETE", "/bridges/{bridgeId}/moh", bridgeId).noContent();
    }

    /**
     * Plays media to everyone in the bridge ({@code POST /bridges/{bridgeId}/play}).
     *
     * @param bridgeId the bridge id
     * @param options media, language, offsets, playback id, announcer format
     * @return the playback
     */
    public AriFuture<Playback> play(String bridgeId, PlayOptions options) {
        Objects.requireNonNull(options, "options");
        return playQuery(onBridge("play", "POST", "/bridges/{bridgeId}/play", bridgeId), options)
                .query("playbackId", options.playbackId())
                .json(Playback.class);
    }

    /**
     * Plays media to the bridge with a given playback id ({@code POST /bridges/{bridgeId}/play/{playbackId}}).
     *
     * @param bridgeId the bridge id
     * @param playbackId the id for the playback
     * @param options media, language, offsets, announcer format; its {@code playbackId} must be {@code null}
     *        or equal
     * @return the playback
     */
    public AriFuture<Playback> playWithId(String bridgeId, String playbackId, PlayOptions options) {
        Objects.requireNonNull(options, "options");
        Bodies.requireSameId("playWithId(..., ", playbackId, "playbackId", options.playbackId());
        return playQuery(onBridge("playWithId", "POST", "/bridges/{bridgeId}/play/{playbackId}", bridgeId)
                .path("playbackId", playbackId), options)
                .json(Playback.class);
    }

    private static AriRequest playQuery(AriRequest r, PlayOptions o) {
        return r.queryList("media", o.media())
                .query("announcer_format", o.announcerFormat())
                .query("lang", o.lang())
                .query("offsetms", o.offsetms())
                .query("skipms", o.skipms());
    }

    /**
     * Starts recording the bridge's mixed audio ({@code POST /bridges/{bridgeId}/record}).
     *
     * @param bridgeId the bridge id
     * @param options name, format, limits, recorder format
     * @return the live recording
     */
    public AriFuture<LiveRecording> record(String bridgeId, RecordOptions options) {
        Objects.requireNonNull(options, "options");
        return onBridge("record", "POST", "/bridges/{bridgeId}/record", bridgeId)
                .query("name", options.name())
                .query("format", options.format())
                .query("recorder_format", options.recorderFormat())
                .query("maxDurationSeconds", options.maxDurationSeconds())
                .query("maxSilenceSeconds", options.maxSilenceSeconds())
                .query("ifExists", Bodies.wire(options.ifExists()))
                .query("beep", options.beep())
                .query("terminateOn", Bodies.wire(options.terminateOn()))
                .json(LiveRecording.class);
    }
}
