package org.arivoice.ari.patterns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.event.AriEvent;
import org.arivoice.ari.event.ChannelDestroyed;
import org.arivoice.ari.event.ChannelDtmfReceived;
import org.arivoice.ari.event.PlaybackFinished;
import org.arivoice.ari.event.RecordingFailed;
import org.arivoice.ari.event.RecordingFinished;
import org.arivoice.ari.event.StasisEnd;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.model.LiveRecording;
import org.arivoice.ari.model.Playback;
import org.arivoice.ari.resources.BridgeOptions;
import org.arivoice.ari.resources.ContinueOptions;
import org.arivoice.ari.resources.ExternalMediaOptions;
import org.arivoice.ari.resources.OriginateOptions;
import org.arivoice.ari.resources.PlayOptions;
import org.arivoice.ari.resources.RecordOptions;
import org.arivoice.ari.resources.SnoopOptions;
import org.arivoice.ari.stream.AriEventStream;
import org.arivoice.ari.stream.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller connected to the application's media through Asterisk: the flow
 * {@code answer → mixing bridge → add caller → snoop → ExternalMedia → add ExternalMedia to the bridge},
 * and everything that can be done with the call once it is {@link CallPhase#READY}.
 *
 * <p>Each resource gets a pre-assigned id ({@code <callId>-bridge}, {@code <callId>-snoop},
 * {@code <callId>-media}, …), its event subscription is made before its create request (a real Asterisk sends
 * the ExternalMedia channel's {@code StasisStart} and {@code ChannelEnteredBridge} before the REST replies),
 * and it is recorded in the call's {@link ResourceLedger} before it is created. The call is torn down through
 * the ledger on the caller's {@code StasisEnd} / {@code ChannelDestroyed}, on a failed or timed-out step
 * (rolling back exactly what exists), on {@link MediaCallOptions#maxDuration()}, on {@link #hangup()} and on
 * {@link CallPatterns#close()}. That matters because Asterisk keeps the ExternalMedia channel and the bridge
 * after the caller hangs up, until they are deleted.
 *
 * <p>Create calls with {@link CallPatterns#startMediaCall}. Thread-safe; every operation is asynchronous and
 * its future completes on an ARI client or event-dispatch thread, so do not block in its callbacks.
 */
public final class BridgedMediaCall {
    private static final Logger LOG = LoggerFactory.getLogger(BridgedMediaCall.class);
    private static final String UNICAST_ADDRESS = "UNICASTRTP_LOCAL_ADDRESS";
    private static final String UNICAST_PORT = "UNICASTRTP_LOCAL_PORT";
    private static final String WEBSOCKET_ID = "MEDIA_WEBSOCKET_CONNECTION_ID";
    private static final Duration SETTLE_FLOOR = Duration.ofSeconds(15);

    private final CallPatterns owner;
    private final AriClient ari;
    private final AriEventStream events;
    private final String application;
    private final String callId;
    private final String callerId;
    private final MediaCallOptions options;
    private final ResourceLedger ledger;
    private final Instant startedAt = Instant.now();
    private final String bridgeId;
    private final String snoopId;
    private final String mediaId;

    private final AtomicReference<CallPhase> phase = new AtomicReference<>(CallPhase.SETTING_UP);
    private final AtomicReference<TeardownReason> endReason = new AtomicReference<>();
    private final AtomicReference<SetupStep> currentStep = new AtomicReference<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final CompletableFuture<MediaCallReady> ready = new CompletableFuture<>();
    private final CompletableFuture<CallEnd> ended = new CompletableFuture<>();
    private final CompletableFuture<Void> mediaStarted = new CompletableFuture<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> dtmfListeners = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Playback>> playbacks = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<LiveRecording>> recordings = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> partyAnswers = new ConcurrentHashMap<>();
    private volatile String transferPartyId;
    private volatile String websocketConnectionId;
    private volatile ScheduledFuture<?> maxDurationTimer;

    BridgedMediaCall(CallPatterns owner, String callId, String callerId, MediaCallOptions options) {
        this.owner = owner;
        this.ari = owner.ari();
        this.events = owner.events();
        this.application = owner.application();
        this.callId = callId;
        this.callerId = Objects.requireNonNull(callerId, "callerChannelId");
        this.options = options;
        // A teardown waits this long for an in-flight create request to be answered before removing the
        // resource anyway: longer than the ARI client's own request timeout (10 s by default), so that a slow
        // create that Asterisk still carries out is removed after it, not before.
        Duration settle = options.stepTimeout().multipliedBy(2);
        this.ledger = new ResourceLedger(ari, callId, settle.compareTo(SETTLE_FLOOR) < 0 ? SETTLE_FLOOR : settle);
        this.bridgeId = callId + "-bridge";
        this.snoopId = callId + "-snoop";
        this.mediaId = callId + "-media";
    }

    // ------------------------------------------------------------------ set-up

    void start() {
        subscriptions.add(events.subscribeChannel(callerId, this::onCallerEvent));
        subscriptions.add(events.subscribeBridge(bridgeId, this::onBridgeEvent));
        ledger.adopt(ResourceKind.CALLER_CHANNEL, callerId);
        options.maxDuration().ifPresent(d -> maxDurationTimer = owner.scheduler().schedule(
                () -> teardown(TeardownReason.CALL_TIMEOUT), d.toMillis(), TimeUnit.MILLISECONDS));

        CompletableFuture<?> flow = options.answer()
                ? step(SetupStep.ANSWER, () -> ari.channels().answer(callerId))
                : CompletableFuture.completedFuture(null);
        flow.thenCompose(x -> step(SetupStep.CREATE_BRIDGE, () -> ledger.create(ResourceKind.BRIDGE, bridgeId,
                        () -> ari.bridges().createWithId(bridgeId,
                                BridgeOptions.builder().type("mixing").name(callId).build()))))
                .thenCompose(x -> step(SetupStep.ADD_CALLER, () -> ari.bridges().addChannel(bridgeId, callerId)))
                .thenCompose(x -> options.snoop()
                        ? step(SetupStep.SNOOP, () -> ledger.create(ResourceKind.SNOOP_CHANNEL, snoopId,
                                () -> ari.channels().snoopWithId(callerId, snoopId, SnoopOptions.builder(application)
                                        .spy(options.spy()).whisper(options.whisper()).appArgs("arivoice-snoop")
                                        .build())))
                        : CompletableFuture.completedFuture(null))
                .thenCompose(x -> step(SetupStep.PREPARE_MEDIA, () -> options.connector().prepare(callId)))
                .thenCompose(host -> step(SetupStep.EXTERNAL_MEDIA, () -> createExternalMedia(host)))
                .thenCompose(channel -> step(SetupStep.CONNECT_MEDIA, () -> options.connector()
                        .connect(new ExternalMediaChannel(callId, channel, options.format(), options.transport(),
                                websocketConnectionId(channel)))
                        .thenCompose(v -> mediaStarted)
                        .thenApply(v -> channel)))
                .thenCompose(channel -> step(SetupStep.ADD_MEDIA, () -> ari.bridges().addChannel(bridgeId, mediaId))
                        .thenApply(v -> channel))
                .thenCompose(channel -> options.transport() == MediaTransport.RTP_UDP
                        ? step(SetupStep.READ_MEDIA_ADDRESS, () -> readRtpPeer(channel)).thenApply(Optional::of)
                        : CompletableFuture.completedFuture(Optional.<InetSocketAddress>empty()))
                .whenComplete((peer, failure) -> finishSetup(peer, failure));
    }

    private CompletableFuture<Channel> createExternalMedia(String externalHost) {
        if (options.transport().needsExternalHost() && (externalHost == null || externalHost.isBlank())) {
            return CompletableFuture.failedFuture(new IllegalStateException("the MediaConnector gave no "
                    + "external_host for transport " + options.transport() + "; it must return host:port"));
        }
        subscriptions.add(events.subscribeChannel(mediaId, this::onMediaEvent));
        ExternalMediaOptions.Builder em = ExternalMediaOptions.builder(application, options.format().wireValue())
                .channelId(mediaId)
                .encapsulation(options.transport().encapsulation())
                .transport(options.transport().transport())
                .direction("both");
        if (options.transport() == MediaTransport.WEBSOCKET) {
            em.connectionType("server");
        } else {
            em.externalHost(externalHost);
        }
        ExternalMediaOptions request = em.build();
        return ledger.create(ResourceKind.EXTERNAL_MEDIA_CHANNEL, mediaId,
                () -> ari.channels().externalMedia(request));
    }

    private Optional<String> websocketConnectionId(Channel channel) {
        if (options.transport() != MediaTransport.WEBSOCKET) {
            return Optional.empty();
        }
        websocketConnectionId = channel.channelvars().get(WEBSOCKET_ID);
        return Optional.ofNullable(websocketConnectionId);
    }

    private CompletableFuture<InetSocketAddress> readRtpPeer(Channel channel) {
        String address = channel.channelvars().get(UNICAST_ADDRESS);
        String port = channel.channelvars().get(UNICAST_PORT);
        if (address != null && port != null) {
            return CompletableFuture.completedFuture(parsePeer(address, port));
        }
        // Asterisk versions before the channel variables were added to the reply: ask for them.
        CompletableFuture<String> a = ari.channels().getVariable(mediaId, UNICAST_ADDRESS).thenApply(v -> v.value());
        CompletableFuture<String> p = ari.channels().getVariable(mediaId, UNICAST_PORT).thenApply(v -> v.value());
        return a.thenCombine(p, BridgedMediaCall::parsePeer);
    }

    private static InetSocketAddress parsePeer(String address, String port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(address.trim()), Integer.parseInt(port.trim()));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalStateException("Asterisk reported an unusable RTP address " + UNICAST_ADDRESS + "='"
                    + address + "', " + UNICAST_PORT + "='" + port + "'", e);
        }
    }

    /** Runs one step: refuses when the call is ending, applies the step timeout, names the step on failure. */
    private <T> CompletableFuture<T> step(SetupStep step, Supplier<? extends CompletableFuture<T>> action) {
        currentStep.set(step);
        if (endReason.get() != null) {
            return CompletableFuture.failedFuture(setupFailure(step,
                    new CallEndedException("Call " + callId + " is being torn down (" + endReason.get() + ").")));
        }
        CompletableFuture<T> f;
        try {
            f = Objects.requireNonNull(action.get(), "step " + step + " returned no future");
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        f.orTimeout(options.stepTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(setupFailure(step, ResourceLedger.unwrap(failure)));
            }
        });
        return result;
    }

    private MediaCallSetupException setupFailure(SetupStep step, Throwable cause) {
        if (cause instanceof MediaCallSetupException m) {
            return m;
        }
        String why;
        if (cause instanceof TimeoutException) {
            why = "it did not finish within " + options.stepTimeout().toMillis() + " ms (stepTimeout)";
        } else if (cause instanceof CallEndedException || endReason.get() != null) {
            TeardownReason r = endReason.get();
            why = r == TeardownReason.CALLER_HUNG_UP ? "the caller hung up"
                    : "the call is being torn down (" + r + ")";
        } else {
            why = String.valueOf(cause.getMessage());
        }
        return new MediaCallSetupException(callId, step,
                "Call " + callId + " (caller " + callerId + ") failed at step " + step + ": " + why, cause);
    }

    private void finishSetup(Optional<InetSocketAddress> peer, Throwable failure) {
        if (failure != null) {
            Throwable cause = ResourceLedger.unwrap(failure);
            MediaCallSetupException e = cause instanceof MediaCallSetupException m ? m
                    : setupFailure(currentStep.get() == null ? SetupStep.ANSWER : currentStep.get(), cause);
            if (endReason.get() != null) {
                failReady(e, endReason.get() == TeardownReason.CALLER_HUNG_UP);
                return;
            }
            // A step often fails because the caller has just hung up (404/400 "Channel not found") and its
            // StasisEnd is still on the way: ask Asterisk, so the call is counted and ended for what it is.
            ari.channels().get(callerId).handle((channel, f) -> ResourceLedger.unwrap(f) instanceof AriNotFoundException)
                    .thenAccept(callerGone -> {
                        failReady(callerGone ? new MediaCallSetupException(callId, e.step(), "Call " + callId
                                + " (caller " + callerId + ") failed at step " + e.step() + ": the caller hung up ("
                                + e.getCause().getMessage() + ")", e.getCause()) : e, callerGone);
                        if (callerGone) {
                            ledger.release(callerId);
                        }
                        teardown(callerGone ? TeardownReason.CALLER_HUNG_UP : TeardownReason.SETUP_FAILED);
                    });
            return;
        }
        MediaCallReady r = new MediaCallReady(callId, callerId, bridgeId,
                options.snoop() ? Optional.of(snoopId) : Optional.empty(), mediaId, peer,
                Optional.ofNullable(websocketConnectionId), options.format(), options.transport());
        if (phase.compareAndSet(CallPhase.SETTING_UP, CallPhase.READY)) {
            owner.counterSet().ready();
            LOG.debug("Call {} ready: {}", callId, r);
            ready.complete(r);
        } else {
            failReady(setupFailure(SetupStep.READ_MEDIA_ADDRESS,
                    new CallEndedException("Call " + callId + " ended during set-up.")),
                    endReason.get() == TeardownReason.CALLER_HUNG_UP);
        }
    }

    /** Fails {@link #ready} once, and counts it once: as abandoned when the caller hung up, else by step. */
    private void failReady(MediaCallSetupException e, boolean callerGone) {
        if (!ready.completeExceptionally(e)) {
            return;
        }
        if (callerGone) {
            owner.counterSet().abandoned();
            LOG.info("Call {}: the caller hung up during set-up (at {})", callId, e.step());
        } else {
            owner.counterSet().setupFailed(e.step());
            LOG.warn("{}", e.getMessage());
        }
    }

    // ------------------------------------------------------------------ events

    private void onCallerEvent(AriEvent event) {
        if (event instanceof ChannelDtmfReceived dtmf) {
            for (Consumer<String> l : dtmfListeners) {
                try {
                    l.accept(dtmf.digit());
                } catch (RuntimeException e) {
                    LOG.warn("Call {}: a DTMF listener threw; the call goes on", callId, e);
                }
            }
        } else if (event instanceof PlaybackFinished pf) {
            completePlayback(pf.playback());
        } else if (event instanceof RecordingFinished rf) {
            completeRecording(rf.recording(), null);
        } else if (event instanceof RecordingFailed rf) {
            completeRecording(rf.recording(), "Asterisk reported RecordingFailed");
        } else if (event instanceof StasisEnd || event instanceof ChannelDestroyed) {
            // The caller left our application: it is no longer ours to hang up, whatever the reason.
            ledger.release(callerId);
            teardown(phase.get() == CallPhase.TRANSFERRING ? TeardownReason.TRANSFERRED
                    : TeardownReason.CALLER_HUNG_UP);
        }
    }

    private void onBridgeEvent(AriEvent event) {
        if (event instanceof PlaybackFinished pf) {
            completePlayback(pf.playback());
        } else if (event instanceof RecordingFinished rf) {
            completeRecording(rf.recording(), null);
        } else if (event instanceof RecordingFailed rf) {
            completeRecording(rf.recording(), "Asterisk reported RecordingFailed");
        } else if (event instanceof org.arivoice.ari.event.BridgeDestroyed) {
            ledger.markGone(bridgeId);
        }
    }

    private void onMediaEvent(AriEvent event) {
        if (event instanceof StasisStart) {
            mediaStarted.complete(null);
        } else if (event instanceof StasisEnd || event instanceof ChannelDestroyed) {
            if (event instanceof ChannelDestroyed) {
                ledger.markGone(mediaId);
            }
            mediaStarted.completeExceptionally(new IllegalStateException(
                    "Asterisk ended the ExternalMedia channel " + mediaId + " before it started"));
            if (phase.get() == CallPhase.READY) {
                LOG.warn("Call {}: Asterisk ended the ExternalMedia channel {}; tearing the call down", callId,
                        mediaId);
                teardown(TeardownReason.MEDIA_LOST);
            }
        }
    }

    private void completePlayback(Playback playback) {
        if (playback == null) {
            return;
        }
        CompletableFuture<Playback> f = playbacks.remove(playback.id());
        if (f != null) {
            f.complete(playback);
        }
    }

    private void completeRecording(LiveRecording recording, String failure) {
        if (recording == null) {
            return;
        }
        ledger.markGone(recording.name());
        CompletableFuture<LiveRecording> f = recordings.remove(recording.name());
        if (f != null) {
            if (failure == null) {
                f.complete(recording);
            } else {
                f.completeExceptionally(new CallPatternException("Recording " + recording.name() + " of call "
                        + callId + " failed: " + failure + (recording.cause() != null ? " (" + recording.cause()
                        + ")" : "") + ". Check the Asterisk log and that the recording directory is writable.",
                        null));
            }
        }
    }

    // ------------------------------------------------------------------ teardown

    /**
     * Tears the call down and hangs the caller up. Idempotent: every call returns the same future as
     * {@link #ended()}.
     *
     * @return completes when every resource is removed
     */
    public CompletableFuture<CallEnd> hangup() {
        return teardown(TeardownReason.REQUESTED);
    }

    CompletableFuture<CallEnd> teardown(TeardownReason reason) {
        if (!endReason.compareAndSet(null, reason)) {
            return ended.copy();
        }
        phase.set(CallPhase.ENDING);
        ScheduledFuture<?> timer = maxDurationTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        boolean hangUpCaller = switch (reason) {
            case CALLER_HUNG_UP, TRANSFERRED -> false;
            case REQUESTED, TRANSFER_PARTY_HUNG_UP -> true;
            default -> options.hangUpCaller();
        };
        LOG.debug("Call {}: teardown ({}), hang up the caller: {}", callId, reason, hangUpCaller);
        mediaStarted.completeExceptionally(new CallEndedException("Call " + callId + " ended (" + reason + ")."));
        ledger.teardown(hangUpCaller).whenComplete((report, failure) -> {
            subscriptions.forEach(Subscription::close);
            try {
                options.connector().release(callId);
            } catch (RuntimeException e) {
                LOG.warn("Call {}: the MediaConnector's release threw", callId, e);
            }
            CallEndedException gone = new CallEndedException("Call " + callId + " ended (" + reason + ").");
            playbacks.values().forEach(f -> f.completeExceptionally(gone));
            recordings.values().forEach(f -> f.completeExceptionally(gone));
            partyAnswers.values().forEach(f -> f.completeExceptionally(gone));
            TeardownReport r = report != null ? report : new TeardownReport(List.of());
            owner.counterSet().tornDown(reason, r.failures().size());
            phase.set(CallPhase.ENDED);
            owner.forget(this);
            if (!ready.isDone()) {
                failReady(setupFailure(currentStep.get() == null ? SetupStep.ANSWER : currentStep.get(), gone),
                        reason == TeardownReason.CALLER_HUNG_UP);
            }
            ended.complete(new CallEnd(callId, reason, r));
        });
        return ended.copy();
    }

    // ------------------------------------------------------------------ views

    /**
     * The call's id; every resource id the call creates starts with it.
     *
     * @return the id
     */
    public String callId() {
        return callId;
    }

    /**
     * The caller's channel id.
     *
     * @return the id
     */
    public String callerChannelId() {
        return callerId;
    }

    /**
     * The options the call runs with.
     *
     * @return the options
     */
    public MediaCallOptions options() {
        return options;
    }

    /**
     * Where the call stands.
     *
     * @return the phase
     */
    public CallPhase phase() {
        return phase.get();
    }

    /**
     * When the flow started.
     *
     * @return the start time
     */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * Completes when the media path is up, or fails with a {@link MediaCallSetupException} naming the step.
     *
     * @return a copy of the ready future (completing it does not affect the call)
     */
    public CompletableFuture<MediaCallReady> ready() {
        return ready.copy();
    }

    /**
     * Waits for {@link #ready()}.
     *
     * @param timeout how long to wait
     * @return the ready call
     * @throws MediaCallSetupException when the set-up failed
     * @throws CallPatternException when the wait timed out or was interrupted
     */
    public MediaCallReady awaitReady(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = ResourceLedger.unwrap(e.getCause());
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new CallPatternException("Call " + callId + " failed: " + c, c);
        } catch (TimeoutException e) {
            throw new CallPatternException("Call " + callId + " was not ready within " + timeout.toMillis()
                    + " ms (now at step " + currentStep.get() + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallPatternException("Interrupted while waiting for call " + callId, e);
        }
    }

    /**
     * Completes once the call has been torn down, with the reason and what happened to each resource.
     *
     * @return a copy of the ended future
     */
    public CompletableFuture<CallEnd> ended() {
        return ended.copy();
    }

    /**
     * The resources the call holds now, in the order they were recorded.
     *
     * @return a snapshot of the ledger
     */
    public List<TrackedResource> resources() {
        return ledger.resources();
    }

    /**
     * The bridge's id ({@code <callId>-bridge}); it exists only once the set-up reached it.
     *
     * @return the id
     */
    public String bridgeId() {
        return bridgeId;
    }

    // ------------------------------------------------------------------ patterns

    /**
     * Hands the caller to the dialplan (ARI {@code continue}): the caller leaves Stasis and the rest of the
     * call is torn down, without hanging the caller up.
     *
     * @param where the dialplan location, e.g. {@code ContinueOptions.builder().context("sales")
     *     .extension("100").priority(1).build()}
     * @return completes when Asterisk accepted it
     */
    public CompletableFuture<Void> blindTransfer(ContinueOptions where) {
        Objects.requireNonNull(where, "where");
        return handOff("blind transfer to " + where, () -> ari.channels().continueInDialplan(callerId, where));
    }

    /**
     * Redirects the caller to another endpoint (ARI {@code redirect}, e.g. a SIP 302 for a PJSIP caller);
     * the rest of the call is torn down without hanging the caller up.
     *
     * @param endpoint e.g. {@code PJSIP/200}; Asterisk requires the caller's own channel technology
     * @return completes when Asterisk accepted it
     */
    public CompletableFuture<Void> redirect(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return handOff("redirect to " + endpoint, () -> ari.channels().redirect(callerId, endpoint));
    }

    private CompletableFuture<Void> handOff(String what, Supplier<CompletableFuture<Void>> request) {
        CallPhase before;
        if (phase.compareAndSet(CallPhase.READY, CallPhase.TRANSFERRING)) {
            before = CallPhase.READY;
        } else if (phase.compareAndSet(CallPhase.WITH_PARTY, CallPhase.TRANSFERRING)) {
            before = CallPhase.WITH_PARTY;
        } else {
            return notReady(what);
        }
        return request.get().handle((ok, failure) -> {
            if (failure != null) {
                phase.compareAndSet(CallPhase.TRANSFERRING, before);
                Throwable c = ResourceLedger.unwrap(failure);
                throw new TransferFailedException("Call " + callId + ": Asterisk refused the " + what + ": "
                        + c.getMessage() + ". The caller is still connected to the application.", c);
            }
            owner.counterSet().transferred();
            ledger.release(callerId);
            teardown(TeardownReason.TRANSFERRED);
            return null;
        });
    }

    /**
     * Transfers the caller to a person: originates {@code endpoint} into the application, and once it
     * answers adds it to the bridge and removes the ExternalMedia leg (and the snoop). If the new party does
     * not answer within {@code answerTimeout}, is busy or fails, it is hung up and the caller stays with the
     * application. After a transfer the call ends when either party hangs up.
     *
     * @param endpoint e.g. {@code PJSIP/200} or {@code Local/200@agents}
     * @param answerTimeout how long to ring
     * @return the new party's channel id, once it is in the bridge and the ExternalMedia leg has left
     */
    public CompletableFuture<String> transferTo(String endpoint, Duration answerTimeout) {
        if (phase.get() != CallPhase.READY) {
            return notReady("transfer to " + endpoint);
        }
        return originateParty(endpoint, answerTimeout, "transfer").thenCompose(partyId -> {
            if (!phase.compareAndSet(CallPhase.READY, CallPhase.WITH_PARTY)) {
                return ledger.remove(partyId).thenApply(x -> {
                    throw new TransferFailedException("Call " + callId + " changed while " + endpoint
                            + " answered (" + phase.get() + "); the new party was hung up.", null);
                });
            }
            transferPartyId = partyId;
            return ari.bridges().removeChannel(bridgeId, mediaId)
                    .handle((ok, failure) -> null)
                    .thenCompose(x -> ledger.remove(mediaId))
                    .thenCompose(x -> options.snoop() ? ledger.remove(snoopId)
                            : CompletableFuture.completedFuture(null))
                    .thenApply(x -> {
                        owner.counterSet().transferred();
                        return partyId;
                    });
        });
    }

    /**
     * Adds a party to the call (a conference): originates {@code endpoint} into the application and adds it
     * to the bridge when it answers. The party is hung up with the call.
     *
     * @param endpoint e.g. {@code PJSIP/200}
     * @param answerTimeout how long to ring
     * @return the party's channel id, once it is in the bridge
     */
    public CompletableFuture<String> addParty(String endpoint, Duration answerTimeout) {
        CallPhase p = phase.get();
        if (p != CallPhase.READY && p != CallPhase.WITH_PARTY) {
            return notReady("add party " + endpoint);
        }
        return originateParty(endpoint, answerTimeout, "party");
    }

    private CompletableFuture<String> originateParty(String endpoint, Duration answerTimeout, String purpose) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        String partyId = callId + "-" + purpose + "-" + sequence.incrementAndGet();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        partyAnswers.put(partyId, answered);
        subscriptions.add(events.subscribeChannel(partyId, event -> onPartyEvent(partyId, event, answered)));
        int ringSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, answerTimeout.toSeconds()));
        OriginateOptions originate = OriginateOptions.builder(endpoint).app(application)
                .appArgs("arivoice-" + purpose).timeout(ringSeconds).build();
        CompletableFuture<String> result = new CompletableFuture<>();
        ledger.create(ResourceKind.ORIGINATED_CHANNEL, partyId, () -> ari.channels().originateWithId(partyId, originate))
                .thenCompose(ch -> answered.orTimeout(answerTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS))
                .thenCompose(x -> ari.bridges().addChannel(bridgeId, partyId))
                .whenComplete((ok, failure) -> {
                    partyAnswers.remove(partyId);
                    if (failure == null) {
                        result.complete(partyId);
                        return;
                    }
                    Throwable c = ResourceLedger.unwrap(failure);
                    String why = c instanceof TimeoutException ? "it did not answer within "
                            + answerTimeout.toSeconds() + " s" : String.valueOf(c.getMessage());
                    ledger.remove(partyId).whenComplete((o, f) -> result.completeExceptionally(
                            new TransferFailedException("Call " + callId + ": " + endpoint + " was not connected: "
                                    + why + ". The caller is still connected as before.", c)));
                });
        return result;
    }

    private void onPartyEvent(String partyId, AriEvent event, CompletableFuture<Void> answered) {
        if (event instanceof StasisStart) {
            answered.complete(null);
        } else if (event instanceof ChannelDestroyed || event instanceof StasisEnd) {
            if (event instanceof ChannelDestroyed d) {
                ledger.markGone(partyId);
                answered.completeExceptionally(new CallPatternException("the channel ended before answering"
                        + " (cause " + d.cause() + (d.causeTxt() != null ? " " + d.causeTxt() : "") + ")", null));
            } else {
                answered.completeExceptionally(new CallPatternException("the channel left the application", null));
            }
            if (partyId.equals(transferPartyId) && phase.get() == CallPhase.WITH_PARTY) {
                teardown(TeardownReason.TRANSFER_PARTY_HUNG_UP);
            }
        }
    }

    /**
     * Adds a channel that is already in the application to the call's bridge (conference). The call does
     * not own it: the teardown removes it from nothing and does not hang it up.
     *
     * @param channelId the channel
     * @return completes when it is in the bridge
     */
    public CompletableFuture<Void> addChannel(String channelId) {
        Objects.requireNonNull(channelId, "channelId");
        CallPhase p = phase.get();
        if (p != CallPhase.READY && p != CallPhase.WITH_PARTY) {
            return notReady("add channel " + channelId);
        }
        return ari.bridges().addChannel(bridgeId, channelId);
    }

    /**
     * Lets a supervisor join the call on {@code targetChannelId}'s side: listen, whisper or barge (see
     * {@link SupervisorMode}). The supervisor's channel must be in the application; the call does not own it.
     *
     * @param supervisorChannelId the supervisor's channel
     * @param targetChannelId the channel to listen to and whisper into, usually {@link #callerChannelId()}
     * @param mode how the supervisor joins
     * @return a handle to end the supervision, once the supervisor is connected
     */
    public CompletableFuture<Supervision> supervise(String supervisorChannelId, String targetChannelId,
            SupervisorMode mode) {
        Objects.requireNonNull(supervisorChannelId, "supervisorChannelId");
        Objects.requireNonNull(targetChannelId, "targetChannelId");
        Objects.requireNonNull(mode, "mode");
        CallPhase p = phase.get();
        if (p != CallPhase.READY && p != CallPhase.WITH_PARTY) {
            return notReady("supervise");
        }
        if (mode == SupervisorMode.BARGE) {
            return ari.bridges().addChannel(bridgeId, supervisorChannelId).thenApply(x -> new Supervision(mode,
                    supervisorChannelId, () -> ari.bridges().removeChannel(bridgeId, supervisorChannelId)
                            .exceptionally(f -> null)));
        }
        int n = sequence.incrementAndGet();
        String supSnoop = callId + "-sup-" + n + "-snoop";
        String supBridge = callId + "-sup-" + n + "-bridge";
        SnoopOptions snoop = SnoopOptions.builder(application).spy(org.arivoice.ari.resources.SnoopDirection.BOTH)
                .whisper(mode == SupervisorMode.WHISPER ? org.arivoice.ari.resources.SnoopDirection.OUT
                        : org.arivoice.ari.resources.SnoopDirection.NONE)
                .appArgs("arivoice-supervisor").build();
        CompletableFuture<Supervision> result = ledger.create(ResourceKind.SNOOP_CHANNEL, supSnoop,
                        () -> ari.channels().snoopWithId(targetChannelId, supSnoop, snoop))
                .thenCompose(x -> ledger.create(ResourceKind.BRIDGE, supBridge, () -> ari.bridges()
                        .createWithId(supBridge, BridgeOptions.builder().type("mixing").name(supBridge).build())))
                .thenCompose(x -> ari.bridges().addChannel(supBridge, List.of(supSnoop, supervisorChannelId),
                        null, null, null, null))
                .thenApply(x -> new Supervision(mode, supervisorChannelId, () -> ledger.remove(supSnoop)
                        .thenCompose(o -> ledger.remove(supBridge)).thenApply(o -> null)));
        return result.handle((s, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(s);
            }
            Throwable c = ResourceLedger.unwrap(failure);
            return ledger.remove(supSnoop).thenCompose(o -> ledger.remove(supBridge))
                    .<Supervision>thenApply(o -> {
                        throw new CallPatternException("Call " + callId + ": could not connect supervisor "
                                + supervisorChannelId + ": " + c.getMessage(), c);
                    });
        }).thenCompose(f -> f);
    }

    /**
     * Starts recording the bridge (everything the parties say) under {@code name}. The recording is stopped
     * by {@link #stopRecording(String)} or by the teardown; the stored file stays in Asterisk
     * ({@code ari.recordings().getStoredFile(name)}).
     *
     * @param name the recording name (a file name without extension; Asterisk refuses an existing one)
     * @param format e.g. {@code wav}
     * @return the live recording, once started
     */
    public CompletableFuture<LiveRecording> startRecording(String name, String format) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        CallPhase p = phase.get();
        if (p != CallPhase.READY && p != CallPhase.WITH_PARTY) {
            return notReady("start recording " + name);
        }
        recordings.put(name, new CompletableFuture<>());
        return ledger.create(ResourceKind.LIVE_RECORDING, name,
                () -> ari.bridges().record(bridgeId, RecordOptions.builder(name, format).build()))
                .whenComplete((r, failure) -> {
                    if (failure != null) {
                        recordings.remove(name);
                    }
                });
    }

    /**
     * Stops a recording started with {@link #startRecording(String, String)} and waits for Asterisk's
     * {@code RecordingFinished}.
     *
     * @param name the recording name
     * @return the finished recording (its {@code duration} in seconds), once the file is complete
     */
    public CompletableFuture<LiveRecording> stopRecording(String name) {
        CompletableFuture<LiveRecording> finished = recordings.get(name);
        if (finished == null) {
            return CompletableFuture.failedFuture(new CallPatternException("Call " + callId
                    + " has no live recording named " + name + " (already stopped, or never started).", null));
        }
        return ari.recordings().stop(name).thenCompose(x -> finished)
                .orTimeout(options.stepTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, f) -> ledger.markGone(name));
    }

    /**
     * Plays media to the bridge or to the caller and completes when Asterisk reports
     * {@code PlaybackFinished}.
     *
     * @param target who hears it
     * @param media one or more media URIs, played in order as one playlist, e.g. {@code sound:hello-world}
     *     or {@code tone:440/200}
     * @return the finished playback; its {@code state} is {@code done}, or {@code failed} for an unknown sound
     */
    public CompletableFuture<Playback> play(PlaybackTarget target, String... media) {
        Objects.requireNonNull(target, "target");
        if (media == null || media.length == 0) {
            throw new IllegalArgumentException("play needs at least one media URI, e.g. sound:hello-world");
        }
        CallPhase p = phase.get();
        if (p != CallPhase.READY && p != CallPhase.WITH_PARTY) {
            return notReady("play");
        }
        String playbackId = callId + "-playback-" + sequence.incrementAndGet();
        CompletableFuture<Playback> finished = new CompletableFuture<>();
        playbacks.put(playbackId, finished);
        PlayOptions play = PlayOptions.builder(media).build();
        CompletableFuture<Playback> started = target == PlaybackTarget.BRIDGE
                ? ari.bridges().playWithId(bridgeId, playbackId, play)
                : ari.channels().playWithId(callerId, playbackId, play);
        return started.handle((pb, failure) -> {
            if (failure != null) {
                playbacks.remove(playbackId);
                return CompletableFuture.<Playback>failedFuture(ResourceLedger.unwrap(failure));
            }
            return finished;
        }).thenCompose(f -> f);
    }

    /**
     * Plays music on hold to everyone in the bridge (the ExternalMedia leg hears it too; pause the model).
     *
     * @param mohClass the music class, or {@code null} for {@code default}
     * @return completes when Asterisk accepted it
     */
    public CompletableFuture<Void> startMusicOnHold(String mohClass) {
        return ari.bridges().startMoh(bridgeId, mohClass);
    }

    /**
     * Stops the bridge's music on hold.
     *
     * @return completes when Asterisk accepted it
     */
    public CompletableFuture<Void> stopMusicOnHold() {
        return ari.bridges().stopMoh(bridgeId);
    }

    /**
     * Sends DTMF digits to the caller.
     *
     * @param digits e.g. {@code 123#}
     * @return completes when Asterisk accepted it
     */
    public CompletableFuture<Void> sendDtmf(String digits) {
        return ari.channels().sendDtmf(callerId, digits);
    }

    /**
     * Registers a listener for the digits the caller presses ({@code ChannelDtmfReceived}), called in order
     * on an event-dispatch thread.
     *
     * @param listener receives each digit, e.g. {@code "5"}
     */
    public void onDtmf(Consumer<String> listener) {
        dtmfListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private <T> CompletableFuture<T> notReady(String what) {
        CallPhase p = phase.get();
        if (p == CallPhase.ENDING || p == CallPhase.ENDED) {
            return CompletableFuture.failedFuture(new CallEndedException("Call " + callId + " has ended ("
                    + endReason.get() + "); cannot " + what + "."));
        }
        return CompletableFuture.failedFuture(new CallPatternException("Call " + callId + " is " + p
                + "; " + what + " needs it READY (wait for ready()).", null));
    }

    /** Names the call, caller and phase. */
    @Override
    public String toString() {
        return "BridgedMediaCall[" + callId + ", caller=" + callerId + ", " + phase.get() + "]";
    }

    List<String> ownedIds() {
        List<String> ids = new ArrayList<>();
        for (TrackedResource r : ledger.resources()) {
            ids.add(r.id());
        }
        return ids;
    }
}
