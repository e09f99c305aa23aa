package org.arivoice.rtp.net;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.dtmf.DtmfDecoder;
import org.arivoice.rtp.dtmf.DtmfEncoder;
import org.arivoice.rtp.dtmf.DtmfEvent;
import org.arivoice.rtp.jitter.JitterBuffer;
import org.arivoice.rtp.jitter.JitterBufferConfig;
import org.arivoice.rtp.jitter.JitterBufferStats;
import org.arivoice.rtp.jitter.OfferResult;
import org.arivoice.rtp.pacer.FlushResult;
import org.arivoice.rtp.pacer.Pacer;
import org.arivoice.rtp.pacer.PacerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's two-way RTP audio on a {@link MediaSession}: received packets go through a jitter buffer and
 * come out in order, one frame per ptime, to the {@link MediaStreamOptions#audioListener() audio listener};
 * audio given to {@link #enqueue(long, byte[], int, int)} leaves through a pacer on an absolute 20 ms clock;
 * DTMF travels both ways as RFC 4733 events.
 *
 * <pre>{@code
 * MediaStream stream = MediaStream.open(endpoint, MediaStreamOptions.builder(AudioPayload.PCMU)
 *         .audioListener((buf, off, len, ts, kind) -> model.appendAudio(buf, off, len))
 *         .build());
 * String externalHost = stream.session().advertisedAddress();   // give this to Asterisk's ExternalMedia
 * stream.enqueue(responseNo, modelAudio, 0, modelAudio.length);    // from any thread
 * FlushResult cut = stream.flush();                                 // caller barged in: what did they hear?
 * }</pre>
 *
 * <p>Threads: the listeners run on the session's media loop thread. {@link #enqueue}, {@link #finish},
 * {@link #flush}, {@link #sentMillis}, {@link #sendDtmf} and {@link #close} may be called from any thread.
 * Everything else the stream does happens on the loop, one timer per session: it wakes for whichever is
 * first, the jitter buffer's next playout, the pacer's next frame or the next DTMF packet.
 */
public final class MediaStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaStream.class);

    private static final long NEVER = Long.MAX_VALUE;
    private static final int DTMF_DURATION_MIN_MILLIS = 40;

    private final MediaSession session;
    private final MediaStreamOptions options;
    private final JitterBuffer jitter;
    private final Pacer pacer;
    private final DtmfDecoder dtmfDecoder;
    private final DtmfEncoder dtmfEncoder;
    private final long pacerStartNanos;
    private final long ptimeNanos;
    private final int samplesPerFrame;
    private final byte[] dtmfPayload = new byte[DtmfEncoder.PAYLOAD_LENGTH];
    private final Pacer.FrameSink toWire = this::sendAudioFrame;

    /** Set by other threads before they poke the timer, cleared by the loop before it reads the pacer. */
    private volatile boolean rearmRequested;
    /**
     * True while the loop's armed deadline accounts for the pacer's next slot, so that a producer adding audio
     * need not wake the loop. Written by the loop (false before it reads the pacer), read by producers after
     * they changed the pacer: one of the two always sees the other's change.
     */
    private volatile boolean pacerScheduled;
    /** Loop thread only: the deadline the loop itself last armed. */
    private long armedDeadline = NEVER;
    /** Loop thread only: the utterance whose first frame was last reported as sent. */
    private long lastStartedUtterance = -1;
    /** Loop thread only: when the next DTMF packet is due. */
    private long dtmfDeadline = NEVER;

    private MediaStream(MediaEndpoint endpoint, MediaStreamOptions options) throws IOException {
        this.options = options;
        int clockRate = options.payload().clockRate();
        this.samplesPerFrame = clockRate / 1000 * options.ptimeMillis();
        this.ptimeNanos = options.ptimeMillis() * 1_000_000L;
        this.jitter = JitterBufferConfig.builder(options.payload())
                .payloadType(options.payloadType())
                .ptimeMillis(options.ptimeMillis())
                .depthMillis(options.jitterDepthMillis())
                .concealment(options.concealment())
                .telephoneEventPayloadType(options.telephoneEventPayloadType())
                .build()
                .newBuffer();
        this.pacerStartNanos = System.nanoTime();
        // Timestamp 0 at the pacer's start: the session adds its random base, so the wire stays random
        // while DTMF events can be stamped on the same clock (see currentMediaTimestamp).
        this.pacer = PacerConfig.builder()
                .format(options.payload())
                .ptimeMillis(options.ptimeMillis())
                .maxQueuedMillis(options.maxQueuedMillis())
                .overflowPolicy(options.overflowPolicy())
                .initialTimestamp(0)
                .build()
                .newPacer(options.utteranceListener());
        this.dtmfDecoder = new DtmfDecoder(clockRate, options.dtmfListener());
        this.dtmfEncoder = new DtmfEncoder(clockRate, options.ptimeMillis(), DtmfEncoder.DEFAULT_VOLUME);
        SessionOptions.Builder session = SessionOptions.builder()
                .clockRate(clockRate)
                .receiver(this::onPacket)
                .timer(this::onTimer);
        options.remote().ifPresent(session::remote);
        options.label().ifPresent(session::label);
        this.session = endpoint.openSession(session.build());
    }

    /**
     * Opens a stream on a new session of {@code endpoint}.
     *
     * @param endpoint the media endpoint that owns the port and the loop threads
     * @param options the stream's format, listeners and limits
     * @return the open stream
     * @throws IOException if no port could be bound (see {@link NoFreePortException})
     */
    public static MediaStream open(MediaEndpoint endpoint, MediaStreamOptions options) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(options, "options");
        return new MediaStream(endpoint, options);
    }

    /** {@return the underlying session: its address to give the peer, its statistics} */
    public MediaSession session() {
        return session;
    }

    /** {@return the options this stream was opened with} */
    public MediaStreamOptions options() {
        return options;
    }

    /**
     * Queues audio to send, in the stream's wire format, as part of utterance {@code utteranceId} (for
     * example one model response). Thread-safe; returns at once.
     *
     * @param utteranceId non-negative and never decreasing from one utterance to the next
     * @param data the audio bytes, in the wire format ({@code ulaw} bytes, or big-endian slin)
     * @param off where they start
     * @param len how many
     * @return the number of bytes accepted (less than {@code len} when the queue is full or the utterance
     *     was already flushed or finished)
     */
    public int enqueue(long utteranceId, byte[] data, int off, int len) {
        int accepted = pacer.enqueue(utteranceId, data, off, len);
        if (!pacerScheduled) {
            poke();
        }
        return accepted;
    }

    /**
     * Declares that utterance {@code utteranceId} has no more audio; a partial last frame is padded with
     * silence and sent.
     *
     * @param utteranceId the utterance
     * @return {@code false} if the utterance was already finished or flushed
     */
    public boolean finish(long utteranceId) {
        boolean finished = pacer.finish(utteranceId);
        poke();
        return finished;
    }

    /**
     * Drops every queued frame at once (the caller started talking over the model) and reports how much of
     * the interrupted utterance was sent: the point at which to truncate the model's item.
     *
     * @return the interrupted utterance and its sent milliseconds
     */
    public FlushResult flush() {
        return pacer.flush();
    }

    /**
     * How many milliseconds of an utterance have been sent so far.
     *
     * @param utteranceId the utterance
     * @return milliseconds sent, or -1 if the utterance is unknown
     */
    public long sentMillis(long utteranceId) {
        return pacer.sentMillis(utteranceId);
    }

    /**
     * Sends one DTMF digit as RFC 4733 events, starting now; one packet per ptime, the end packet three
     * times. Thread-safe.
     *
     * @param digit '0'-'9', '*', '#', 'A'-'D'
     * @param durationMillis how long the key is held; at least 40 ms (100 ms is usual)
     * @throws IllegalArgumentException if the digit is not a DTMF digit, the duration too short, or the
     *     stream was opened without a telephone-event payload type
     */
    public void sendDtmf(char digit, int durationMillis) {
        if (options.telephoneEventPayloadType() < 0) {
            throw new IllegalArgumentException("this stream has no telephone-event payload type: set one with "
                    + "MediaStreamOptions.Builder.telephoneEventPayloadType(101)");
        }
        if (durationMillis < DTMF_DURATION_MIN_MILLIS) {
            throw new IllegalArgumentException("a DTMF digit must last at least " + DTMF_DURATION_MIN_MILLIS
                    + " ms to be recognised, was " + durationMillis + " ms");
        }
        if (!DtmfEvent.isDigitCode(DtmfEvent.eventCodeOf(digit))) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "' (expected 0-9, *, #, A-D)");
        }
        session.execute(() -> {
            long now = System.nanoTime();
            dtmfEncoder.start(digit, durationMillis, currentMediaTimestamp(now));
            dtmfDeadline = now;
            rearm(now);
        });
    }

    /** {@return statistics of the session, the jitter buffer and the pacer; safe from any thread} */
    public MediaStreamStats stats() {
        return new MediaStreamStats(session.stats(), pacer.stats());
    }

    /**
     * Statistics of the receive jitter buffer, read on the media loop thread (the buffer is not shared
     * across threads).
     *
     * @return a stage completed on the loop thread with the snapshot
     */
    public CompletableFuture<JitterBufferStats> jitterStats() {
        CompletableFuture<JitterBufferStats> result = new CompletableFuture<>();
        if (!session.isOpen()) {
            result.completeExceptionally(new IllegalStateException("the media stream is closed"));
            return result;
        }
        session.execute(() -> result.complete(jitter.stats()));
        return result;
    }

    /** Closes the session and frees its port; idempotent, any thread. */
    @Override
    public void close() {
        session.close();
    }

    // ------------------------------------------------------------------------------------------ loop thread

    private void onPacket(MediaSession s, RtpPacket packet, long arrivalNanos) {
        OfferResult result = jitter.offer(packet, arrivalNanos);
        if (result == OfferResult.TELEPHONE_EVENT) {
            dtmfDecoder.decode(packet, arrivalNanos);
        }
        if (jitter.nextPlayoutNanos() < armedDeadline) {
            rearm(arrivalNanos);
        }
    }

    private void onTimer(MediaSession s, long now) {
        armedDeadline = NEVER;
        jitter.poll(now, options.audioListener());
        dtmfDecoder.poll(now);
        if (dtmfDeadline <= now) {
            sendDtmfPacket(now);
        }
        pacer.poll(now, toWire);
        rearm(now);
    }

    private void sendAudioFrame(byte[] buf, int off, int len, long rtpTimestamp, boolean marker, long utterance) {
        boolean sent = session.sendFrame(options.payloadType(), marker, rtpTimestamp, buf, off, len);
        if (utterance != lastStartedUtterance && sent) {
            lastStartedUtterance = utterance;
            try {
                options.utteranceStartListener().utteranceStarted(utterance, System.nanoTime());
            } catch (RuntimeException e) { // a listener must not stop the stream
                LOG.warn("{}: the utterance start listener threw; the stream goes on", session.label(), e);
            }
        }
    }

    private void sendDtmfPacket(long now) {
        if (dtmfEncoder.nextPacket(dtmfPayload, 0)) {
            session.sendFrame(options.telephoneEventPayloadType(), dtmfEncoder.marker(), dtmfEncoder.timestamp(),
                    dtmfPayload, 0, dtmfPayload.length);
        }
        // Keep the absolute cadence of the first packet; after a stall, skip the missed slots (no burst).
        long next = dtmfDeadline + ptimeNanos;
        if (next <= now) {
            next = now + ptimeNanos;
        }
        dtmfDeadline = dtmfEncoder.isActive() ? next : NEVER;
    }

    /** The timestamp the pacer's clock shows now, counted from the stream start (the session adds its base). */
    private long currentMediaTimestamp(long now) {
        return (now - pacerStartNanos) / ptimeNanos * samplesPerFrame;
    }

    /**
     * Arms the session timer for the earliest of the three deadlines. Another thread that changed the pacer
     * while the loop was not counting on it sets {@link #rearmRequested} and arms the timer for "now";
     * clearing the flag before reading the pacer and checking it again after arming means such a request is
     * never overwritten by a stale deadline. While the pacer is active ({@link #pacerScheduled}), producers
     * do not wake the loop at all: with a thousand calls, a wake-up per model delta per call would bunch the
     * loop's work into bursts that delay other calls' frames.
     */
    private void rearm(long now) {
        rearmRequested = false;
        pacerScheduled = false;
        long next = Math.min(jitter.nextPlayoutNanos(), dtmfDeadline);
        if (!pacer.isIdle()) {
            next = Math.min(next, pacer.nextDeadlineNanos());
            pacerScheduled = true;
        }
        if (next != NEVER) {
            session.scheduleAt(next);
            armedDeadline = next;
        }
        if (rearmRequested) {
            session.scheduleAt(now);
            armedDeadline = now;
        }
    }

    /** From any thread: make the loop recompute its deadline soon. */
    private void poke() {
        rearmRequested = true;
        session.scheduleAt(System.nanoTime());
    }

    @Override
    public String toString() {
        return "MediaStream[" + session + ", " + options + "]";
    }
}
