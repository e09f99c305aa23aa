package org.arivoice.rtp.pacer;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces outbound audio (a speech model talking to a caller through Asterisk): audio arrives in bursts,
 * faster than real time, tagged with the utterance it belongs to; it leaves as exactly one frame per ptime.
 *
 * <p><b>Clock.</b> Slot {@code n} is due at {@code t0 + n * ptime}, where {@code t0} is the clock reading
 * when the pacer was created. Deadlines are computed from {@code n}, never by adding up intervals, so they
 * do not drift however irregularly {@link #poll(long, FrameSink)} is called. The pacer never sleeps: the
 * media loop waits until {@link #nextDeadlineNanos()} and then polls. Slot {@code n} carries RTP timestamp
 * {@code initial + n * samplesPerFrame} (modulo 2^32), so timestamps follow real time across pauses: when
 * talk resumes after a silence, the timestamp has advanced by the length of the silence, as RFC 3550 asks.
 *
 * <p><b>Stalls.</b> A poll that comes more than one ptime late does not send the missed slots in a burst
 * (Asterisk would play them late, or drop them from its own jitter buffer). It sends the next queued frame
 * in the current slot, with that slot's timestamp: the missed slots are skipped and counted, the audio
 * itself is kept and simply goes out later, so no speech is lost. The receiver sees a timestamp jump with
 * the marker bit set, like the start of a talkspurt.
 *
 * <p><b>Talkspurts.</b> The marker bit is set on the first frame after any slot that sent nothing (idle,
 * waiting for audio, a stall, or after {@link #flush()}); consecutive utterances sent back to back form one
 * talkspurt.
 *
 * <p><b>Utterances.</b> {@link #enqueue(long, byte[], int, int)} appends audio to an utterance identified by
 * a caller-chosen, increasing, non-negative id (for example a counter per response). An utterance ends with
 * {@link #finish(long)} or when audio for a higher id arrives; its last partial frame is then completed
 * with silence, so a frame never mixes two utterances. An utterance still open that has less than a frame
 * queued waits for more audio rather than sending a padded frame, which would cut silence into its middle.
 * Audio for an utterance that was finished or flushed, or older than the newest, is refused: deltas that
 * straggle in after a barge-in are never played. {@link #sentMillis(long)} tells exactly how much of an
 * utterance was sent, and the {@link UtteranceListener} (or {@link #isPlayedOut(long)}) when it was sent
 * completely.
 *
 * <p><b>Threads.</b> {@code poll}, {@code nextDeadlineNanos} and {@code stats} belong to the media loop, one
 * thread at a time. {@code enqueue}, {@code finish}, {@code flush} and the queries may be called from any
 * thread (for example the AI client's). One lock per pacer guards the queue and is never held while the
 * sink or listener runs. Polling allocates nothing; the queue memory grows by doubling, up to
 * {@link PacerConfig#maxQueuedMillis()}, when an enqueue needs it.
 */
public final class Pacer {
    /** The utterance id reported when there is none. Valid ids are 0 or more. */
    public static final long NO_UTTERANCE = -1;

    /** Receives the frames a {@link Pacer} releases; the caller adds sequence number and SSRC. */
    @FunctionalInterface
    public interface FrameSink {
        /**
         * Sends one frame. The bytes are the pacer's reusable buffer: valid only during the call.
         *
         * @param buf the array holding the frame
         * @param off where the frame starts in {@code buf}
         * @param len the frame length in bytes, always one ptime
         * @param rtpTimestamp the RTP timestamp of this slot, 0 to 2^32-1
         * @param marker whether this frame starts a talkspurt (set the RTP marker bit)
         * @param utteranceId the utterance the audio belongs to
         */
        void frame(byte[] buf, int off, int len, long rtpTimestamp, boolean marker, long utteranceId);
    }

    /** Told when an utterance has been sent completely. */
    @FunctionalInterface
    public interface UtteranceListener {
        /**
         * Called on the polling thread, after the sink received the utterance's last frame (or, for an
         * utterance whose audio was all dropped by {@link OverflowPolicy#DROP_OLDEST}, when that is noticed).
         * Not called for flushed utterances: {@link Pacer#flush()} reports those. The audio still has to
         * cross the network and the peer's jitter buffer: allow for that before hanging up.
         *
         * @param utteranceId the utterance
         * @param sentMillis how many milliseconds of it were sent, excluding padding
         */
        void utterancePlayed(long utteranceId, long sentMillis);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Pacer.class);
    private static final byte OPEN = 0;
    private static final byte FINISHED = 1;
    private static final byte PLAYED = 2;
    private static final byte FLUSHED = 3;
    /** Utterance records kept at first; completed ones stay queryable until their place is needed. */
    private static final int INITIAL_RECORDS = 32;
    /** Completions reported per poll at most; more (only empty utterances can pile up) wait a slot. */
    private static final int MAX_COMPLETIONS_PER_POLL = 16;
    private static final long TS_MASK = 0xFFFF_FFFFL;
    private static final long NEVER = Long.MIN_VALUE;

    private final PacerConfig config;
    private final UtteranceListener listener;
    private final LongSupplier clock;
    private final OverflowPolicy policy;
    private final int frameBytes;
    private final int frameSamples;
    private final int bytesPerMilli;
    private final int bytesPerSample;
    private final int maxQueuedBytes;
    private final long ptimeNanos;
    private final long t0;
    private final long ts0;
    private final byte[] silenceFrame;
    /** Only the polling thread touches these. */
    private final byte[] frameBuf;
    private final long[] doneId = new long[MAX_COMPLETIONS_PER_POLL];
    private final long[] doneSentMillis = new long[MAX_COMPLETIONS_PER_POLL];

    private final Object lock = new Object();
    // Everything below is guarded by lock.
    private byte[] ring;
    private int ringHead;
    private int ringSize;
    // Utterance records in a ring indexed by a running record number: [recLo, recPlay) are completed
    // (played or flushed) and kept for queries, [recPlay, recHi) still have audio to send or are open.
    private long[] recId;
    private long[] recSent;
    private long[] recQueued;
    private byte[] recState;
    private long recLo;
    private long recPlay;
    private long recHi;
    private long highestId = Long.MIN_VALUE;
    private long nextSlot;
    private long lastSentSlot = NEVER;
    /** Whether the next frame was already waiting when the last one was sent. */
    private boolean readyAfterLastFrame;
    private int doneCount;

    private long framesSent;
    private long paddedFrames;
    private long skippedSlots;
    private long utterancesPlayed;
    private long rejectedBytes;
    private long droppedBytes;
    private long flushedBytes;
    private long staleBytes;

    /**
     * Creates a pacer whose slot 0 is due now, by the configured clock.
     *
     * @param config the settings
     * @param listener told when an utterance has been sent completely, or {@code null}
     */
    public Pacer(PacerConfig config, UtteranceListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = listener;
        this.clock = config.clock();
        this.policy = config.overflowPolicy();
        this.frameBytes = config.bytesPerFrame();
        this.frameSamples = config.samplesPerFrame();
        this.bytesPerMilli = config.bytesPerMilli();
        this.bytesPerSample = config.bytesPerMilli() / config.samplesPerMilli();
        this.maxQueuedBytes = config.maxQueuedMillis() * bytesPerMilli;
        this.ptimeNanos = config.ptimeMillis() * 1_000_000L;
        this.ts0 = config.initialTimestamp() != PacerConfig.RANDOM_INITIAL_TIMESTAMP
                ? config.initialTimestamp()
                : ThreadLocalRandom.current().nextLong(1L << 32);
        byte[] pattern = config.silencePattern();
        this.silenceFrame = new byte[frameBytes];
        for (int i = 0; i < frameBytes; i++) {
            silenceFrame[i] = pattern[i % pattern.length];
        }
        this.frameBuf = new byte[frameBytes];
        // Two seconds covers a typical burst from a model; longer utterances grow it once.
        this.ring = new byte[Math.min(maxQueuedBytes, Math.max(frameBytes, 2000 * bytesPerMilli))];
        this.recId = new long[INITIAL_RECORDS];
        this.recSent = new long[INITIAL_RECORDS];
        this.recQueued = new long[INITIAL_RECORDS];
        this.recState = new byte[INITIAL_RECORDS];
        this.t0 = clock.getAsLong();
    }

    /** {@return the settings this pacer was created with} */
    public PacerConfig config() {
        return config;
    }

    /**
     * Appends audio to an utterance. A higher id than any before starts a new utterance and finishes the
     * previous one. Audio for a finished, flushed or older utterance is refused.
     *
     * @param utteranceId the utterance, 0 or more, increasing from one utterance to the next
     * @param data the audio, in the payload format (copied)
     * @param off where it starts
     * @param len how many bytes
     * @return how many bytes were queued: {@code len}, less when {@link OverflowPolicy#REJECT_NEW} found the
     *     queue full (offer the rest later) or when one chunk exceeds the whole queue under
     *     {@link OverflowPolicy#DROP_OLDEST} (its newest part is kept), 0 for a refused utterance
     * @throws IllegalArgumentException if {@code utteranceId} is negative
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not lie within {@code data}
     */
    public int enqueue(long utteranceId, byte[] data, int off, int len) {
        requireId(utteranceId);
        Objects.checkFromIndexSize(off, len, data.length);
        synchronized (lock) {
            int rec = openRecordFor(utteranceId);
            if (rec < 0) {
                staleBytes += len;
                return 0;
            }
            int skip = 0;
            int accept = len;
            if (len > maxQueuedBytes - ringSize) {
                if (policy == OverflowPolicy.REJECT_NEW) {
                    int free = maxQueuedBytes - ringSize;
                    accept = free - free % bytesPerSample;
                    rejectedBytes += len - accept;
                } else {
                    if (len > maxQueuedBytes) {
                        skip = len - maxQueuedBytes;
                        accept = maxQueuedBytes;
                        droppedBytes += skip;
                    }
                    int need = ringSize + accept - maxQueuedBytes;
                    if (need > 0) {
                        // Whole samples only, so the queue keeps its sample alignment.
                        need = Math.min(ringSize, need + (bytesPerSample - need % bytesPerSample) % bytesPerSample);
                        dropOldest(need);
                    }
                }
            }
            if (accept > 0) {
                ensureCapacity(ringSize + accept);
                copyIn(data, off + skip, accept);
                recQueued[rec] += accept;
            }
            return accept;
        }
    }

    /**
     * Ends an utterance: its last partial frame will be padded with silence and sent, after which it counts
     * as played. Finishing an id higher than any before records an empty utterance, which is reported as
     * played at the next poll.
     *
     * @param utteranceId the utterance
     * @return {@code true} if it was open (or new) and is now finished; {@code false} if it was already
     *     finished, flushed or is older than the newest
     * @throws IllegalArgumentException if {@code utteranceId} is negative
     */
    public boolean finish(long utteranceId) {
        requireId(utteranceId);
        synchronized (lock) {
            if (utteranceId > highestId) {
                recState[openRecordFor(utteranceId)] = FINISHED;
                return true;
            }
            if (utteranceId == highestId) {
                int newest = index(recHi - 1);
                if (recState[newest] == OPEN) {
                    recState[newest] = FINISHED;
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Barge-in: discards all queued audio at once and closes every unfinished utterance, so that audio
     * still arriving for them is refused. The next frame sent starts a talkspurt.
     *
     * @return the utterance that was playing (or next to play) and how much of it had been sent
     */
    public FlushResult flush() {
        synchronized (lock) {
            long utterance = NO_UTTERANCE;
            long sent = 0;
            if (recPlay < recHi) {
                int head = index(recPlay);
                utterance = recId[head];
                sent = recSent[head] / bytesPerMilli;
            }
            for (long r = recPlay; r < recHi; r++) {
                int i = index(r);
                recState[i] = FLUSHED;
                recQueued[i] = 0;
            }
            recPlay = recHi;
            long discarded = ringSize;
            flushedBytes += discarded;
            ringHead = 0;
            ringSize = 0;
            lastSentSlot = NEVER;
            readyAfterLastFrame = false;
            return new FlushResult(utterance, sent, discarded / bytesPerMilli);
        }
    }

    /**
     * Sends the frame of the slot that is due, if there is audio for it. Call it at or after
     * {@link #nextDeadlineNanos()}; an early call does nothing.
     *
     * @param nowNanos the current time on the pacer's clock
     * @param sink receives the frame, outside the pacer's lock
     * @return 1 if a frame was sent, else 0
     */
    public int poll(long nowNanos, FrameSink sink) {
        boolean send = false;
        boolean marker = false;
        long timestamp = 0;
        long utterance = NO_UTTERANCE;
        int completions;
        synchronized (lock) {
            long elapsed = nowNanos - t0;
            if (elapsed < 0 || elapsed / ptimeNanos < nextSlot) {
                return 0;
            }
            long due = elapsed / ptimeNanos;
            doneCount = 0;
            boolean ready = prepareHead();
            if (ready && due > nextSlot && readyAfterLastFrame && lastSentSlot == nextSlot - 1) {
                // Audio was waiting when the missed slots came: a stall, not an idle pause.
                skippedSlots += due - nextSlot;
            }
            nextSlot = due + 1;
            if (ready) {
                utterance = assembleFrame();
                marker = lastSentSlot != due - 1;
                lastSentSlot = due;
                timestamp = (ts0 + due * frameSamples) & TS_MASK;
                framesSent++;
                send = true;
                // Completes the utterance at once if that was its last frame.
                readyAfterLastFrame = prepareHead();
            } else {
                readyAfterLastFrame = false;
            }
            completions = doneCount;
        }
        if (send) {
            sink.frame(frameBuf, 0, frameBytes, timestamp, marker, utterance);
        }
        for (int i = 0; i < completions; i++) {
            notifyPlayed(doneId[i], doneSentMillis[i]);
        }
        return send ? 1 : 0;
    }

    /**
     * {@link #poll(long, FrameSink)} at the configured clock's current time.
     *
     * @param sink receives the frame
     * @return 1 if a frame was sent, else 0
     */
    public int poll(FrameSink sink) {
        return poll(clock.getAsLong(), sink);
    }

    /**
     * When the next slot is due: {@code t0 + n * ptime} for the next unprocessed slot {@code n}.
     *
     * @return the deadline on the pacer's clock, in nanoseconds
     */
    public long nextDeadlineNanos() {
        synchronized (lock) {
            return t0 + nextSlot * ptimeNanos;
        }
    }

    /**
     * How much of an utterance has been sent so far (what the caller has heard, give or take the network),
     * for truncating a model's transcript on barge-in.
     *
     * @param utteranceId the utterance
     * @return milliseconds sent, excluding padding; -1 if the utterance is unknown or so old that it has
     *     been forgotten (at least the 32 most recent utterances are remembered)
     */
    public long sentMillis(long utteranceId) {
        synchronized (lock) {
            int i = find(utteranceId);
            return i < 0 ? -1 : recSent[i] / bytesPerMilli;
        }
    }

    /**
     * Whether an utterance has been finished and sent completely (what the {@link UtteranceListener} is
     * told).
     *
     * @param utteranceId the utterance
     * @return {@code true} once its last frame went to the sink; {@code false} while it is queued or open,
     *     if it was flushed, or if it is unknown
     */
    public boolean isPlayedOut(long utteranceId) {
        synchronized (lock) {
            int i = find(utteranceId);
            return i >= 0 && recState[i] == PLAYED;
        }
    }

    /** {@return the queued audio, in whole milliseconds} */
    public long queuedMillis() {
        synchronized (lock) {
            return ringSize / bytesPerMilli;
        }
    }

    /**
     * Whether there is nothing left to do: no audio queued and no utterance open or waiting to be reported
     * as played.
     *
     * @return {@code true} when idle
     */
    public boolean isIdle() {
        synchronized (lock) {
            return ringSize == 0 && recPlay == recHi;
        }
    }

    /**
     * Copies the counters.
     *
     * @return the current counters
     */
    public PacerStats stats() {
        synchronized (lock) {
            return new PacerStats(framesSent, paddedFrames, skippedSlots, utterancesPlayed,
                    ringSize / bytesPerMilli, rejectedBytes / bytesPerMilli, droppedBytes / bytesPerMilli,
                    flushedBytes / bytesPerMilli, staleBytes / bytesPerMilli);
        }
    }

    /**
     * Completes finished utterances at the head that have nothing left to send, and tells whether the head
     * utterance can fill a frame now (a full frame queued, or a finished utterance's remainder).
     */
    private boolean prepareHead() {
        while (recPlay < recHi) {
            int i = index(recPlay);
            if (recQueued[i] >= frameBytes) {
                return true;
            }
            if (recState[i] == OPEN) {
                return false;
            }
            if (recQueued[i] > 0) {
                return true;
            }
            if (doneCount == MAX_COMPLETIONS_PER_POLL) {
                return false;
            }
            recState[i] = PLAYED;
            utterancesPlayed++;
            doneId[doneCount] = recId[i];
            doneSentMillis[doneCount] = recSent[i] / bytesPerMilli;
            doneCount++;
            recPlay++;
        }
        return false;
    }

    /** Moves one frame of the head utterance into {@link #frameBuf}, padding its end with silence. */
    private long assembleFrame() {
        int i = index(recPlay);
        int take = (int) Math.min(recQueued[i], frameBytes);
        int first = Math.min(take, ring.length - ringHead);
        System.arraycopy(ring, ringHead, frameBuf, 0, first);
        System.arraycopy(ring, 0, frameBuf, first, take - first);
        if (take < frameBytes) {
            System.arraycopy(silenceFrame, take, frameBuf, take, frameBytes - take);
            paddedFrames++;
        }
        ringHead = advance(ringHead, take);
        ringSize -= take;
        recQueued[i] -= take;
        recSent[i] += take;
        return recId[i];
    }

    private void dropOldest(int bytes) {
        ringHead = advance(ringHead, bytes);
        ringSize -= bytes;
        droppedBytes += bytes;
        int left = bytes;
        for (long r = recPlay; left > 0 && r < recHi; r++) {
            int i = index(r);
            int take = (int) Math.min(recQueued[i], left);
            recQueued[i] -= take;
            left -= take;
        }
    }

    private int advance(int position, int bytes) {
        int p = position + bytes;
        return p >= ring.length ? p - ring.length : p;
    }

    private void copyIn(byte[] data, int off, int len) {
        int tail = advance(ringHead, ringSize);
        int first = Math.min(len, ring.length - tail);
        System.arraycopy(data, off, ring, tail, first);
        System.arraycopy(data, off + first, ring, 0, len - first);
        ringSize += len;
    }

    private void ensureCapacity(int needed) {
        if (needed <= ring.length) {
            return;
        }
        int size = ring.length;
        while (size < needed) {
            size = (int) Math.min((long) size * 2, maxQueuedBytes);
        }
        byte[] grown = new byte[size];
        int first = Math.min(ringSize, ring.length - ringHead);
        System.arraycopy(ring, ringHead, grown, 0, first);
        System.arraycopy(ring, 0, grown, first, ringSize - first);
        ring = grown;
        ringHead = 0;
    }

    /**
     * Returns the record index of the open utterance {@code id}, creating it (and finishing the previous
     * one) when {@code id} is new; -1 when audio for {@code id} must be refused.
     */
    private int openRecordFor(long id) {
        if (id > highestId) {
            if (recHi > recLo) {
                int newest = index(recHi - 1);
                if (recState[newest] == OPEN) {
                    recState[newest] = FINISHED;
                }
            }
            highestId = id;
            return newRecord(id);
        }
        if (id == highestId) {
            int newest = index(recHi - 1);
            if (recState[newest] == OPEN) {
                return newest;
            }
        }
        return -1;
    }

    private int newRecord(long id) {
        if (recHi - recLo == recId.length) {
            if (recLo < recPlay) {
                recLo++; // forget the oldest completed utterance
            } else {
                growRecords();
            }
        }
        int i = index(recHi);
        recId[i] = id;
        recSent[i] = 0;
        recQueued[i] = 0;
        recState[i] = OPEN;
        recHi++;
        return i;
    }

    private void growRecords() {
        int n = recId.length * 2;
        long[] id = new long[n];
        long[] sent = new long[n];
        long[] queued = new long[n];
        byte[] state = new byte[n];
        for (long r = recLo; r < recHi; r++) {
            int from = index(r);
            int to = (int) (r & (n - 1));
            id[to] = recId[from];
            sent[to] = recSent[from];
            queued[to] = recQueued[from];
            state[to] = recState[from];
        }
        recId = id;
        recSent = sent;
        recQueued = queued;
        recState = state;
    }

    private int find(long id) {
        for (long r = recHi - 1; r >= recLo; r--) {
            int i = index(r);
            if (recId[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private int index(long record) {
        return (int) (record & (recId.length - 1));
    }

    private void notifyPlayed(long id, long sentMillis) {
        if (listener == null) {
            return;
        }
        try {
            listener.utterancePlayed(id, sentMillis);
        } catch (RuntimeException e) {
            // A failing listener must not stop the media loop or hide the other completions.
            LOG.warn("utterance listener failed for utterance {}", id, e);
        }
    }

    private static void requireId(long id) {
        if (id < 0) {
            throw new IllegalArgumentException("utterance ids must be 0 or more, was " + id);
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "Pacer[queued=" + ringSize / bytesPerMilli + "ms, utterances=" + (recHi - recPlay)
                    + ", nextSlot=" + nextSlot + "]";
        }
    }
}
