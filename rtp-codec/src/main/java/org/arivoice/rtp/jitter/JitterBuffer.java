package org.arivoice.rtp.jitter;

import org.arivoice.rtp.AudioPayload;
import java.util.Arrays;
import java.util.Objects;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.codec.G711;

/**
 * A fixed-delay reorder/jitter buffer for one received RTP audio stream (for example Asterisk sending a
 * caller's audio to us, on its way to a speech model).
 *
 * <p><b>Playout clock.</b> The first packet is played {@link JitterBufferConfig#depthMillis() depth} after
 * it arrived; every later frame is played at the time its RTP timestamp says, relative to that first one
 * (20 ms of timestamp later is 20 ms of clock later). Output is therefore as steady as the sender, whatever
 * the network did, and strictly in timestamp order: each released frame starts exactly where the previous
 * one ended ({@code timestamp + samples}), until a {@link OfferResult#RESET reset}.
 *
 * <p><b>Gaps.</b> When the playout time of a stretch of audio comes and its packet is not there, the
 * stretch is filled according to the {@link Concealment} policy, in chunks of at most one ptime, for
 * exactly the missing duration as measured in RTP timestamp units (a lost 30 ms packet among 20 ms ones
 * becomes 30 ms of concealment). While no packets arrive at all the clock keeps running and fills time in
 * ptime chunks; the packet that then arrives too late for its stretch is {@link OfferResult#LATE}.
 *
 * <p><b>Clock slips.</b> The sender's clock and ours are never quite equal (a phone's crystal can be 100 ppm
 * off, 60 ms in ten minutes). When two newest packets in a row arrive after their stretches were concealed,
 * but by no more than the depth, the playout clock is moved later so that following packets again wait
 * about one depth (a single such packet is taken for a jitter spike and only dropped);
 * when a packet arrives more than twice the depth ahead of its playout time, the clock is moved earlier,
 * which releases the waiting frames at once. Packets that are later than the depth are dropped without
 * moving the clock (a burst of stale packets after a network outage is not worth the added delay), unless
 * that persists for a whole depth, which means the sender re-based its timestamps: then the buffer resets.
 *
 * <p><b>Sequence numbers.</b> The RFC 3550 appendix A.1 windows decide what is a duplicate or a reordered
 * packet (fewer than {@code MAX_MISORDER} = 100 behind the newest) and what is a restart (a jump of
 * {@code MAX_DROPOUT} = 3000 or more ahead, or 100 or more behind). Unlike A.1, which waits for a second
 * sequential packet, the buffer restarts on the first one: a media stream from Asterisk jumps only when
 * its source changed, and waiting would cost audio.
 *
 * <p><b>Use.</b> One buffer per call, on one thread: the receive loop calls
 * {@link #offer(RtpPacket, long)} for each packet and, whenever {@link #nextPlayoutNanos()} has passed,
 * {@link #poll(long, FrameSink)}. At the end of the stream {@link #drainAll(FrameSink)} releases what is
 * left without waiting. The payload is copied into a preallocated slot on offer; nothing is allocated per
 * packet or frame. No per-packet method throws for anything a sender can put in a packet.
 */
public final class JitterBuffer {

    /**
     * Receives the frames a {@link JitterBuffer} releases, in timestamp order.
     *
     * <p>The bytes are valid only during the call and must not be modified: they are the buffer's own
     * slot or scratch memory, reused for the next frame.
     */
    @FunctionalInterface
    public interface FrameSink {
        /**
         * Consumes one frame.
         *
         * @param buf the array holding the frame
         * @param off where the frame starts in {@code buf}
         * @param len the frame length in bytes (a whole number of samples)
         * @param rtpTimestamp the RTP timestamp of the first sample, 0 to 2^32-1
         * @param kind whether the bytes were received, repeated or are silence
         */
        void frame(byte[] buf, int off, int len, long rtpTimestamp, FrameKind kind);
    }

    /** RFC 3550 A.1: the largest forward sequence jump still treated as the same stream (loss). */
    static final int MAX_DROPOUT = 3000;
    /** RFC 3550 A.1: how far behind the newest a packet may be and still count as reordered. */
    static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;
    /** Played sequence numbers remembered to tell a duplicate from a late packet; > MAX_MISORDER. */
    private static final int PLAYED_HISTORY = 256;
    private static final long TS_MASK = 0xFFFF_FFFFL;
    private static final long NONE = Long.MIN_VALUE;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final JitterBufferConfig config;
    private final int audioPt;
    private final int telephoneEventPt;
    private final int comfortNoisePt;
    private final int clockRate;
    private final int bytesPerSample;
    private final int frameSamples;
    private final int slotBytes;
    private final long depthNanos;
    private final long maxJumpSamples;
    private final byte silenceByte;
    private final int maxRepeats;
    /** For G.711: per repeat level, the code that results from decoding, scaling and re-encoding a code. */
    private final byte[][] repeatTables;
    /** For L16: per repeat level, the gain in Q15. */
    private final int[] repeatGainQ15;

    // Slots: payload copies with their extended timestamp, extended sequence number and length.
    private final long[] slotTs;
    private final long[] slotSeq;
    private final int[] slotLen;
    private final byte[][] slotData;
    /** Slot indices sorted by timestamp; the first {@code count} entries are in use. */
    private final int[] order;
    private int count;
    /** Stack of free slot indices. */
    private final int[] free;
    private int freeCount;
    /** Extended sequence numbers of recently played packets, indexed by {@code seq % PLAYED_HISTORY}. */
    private final long[] playedSeq = new long[PLAYED_HISTORY];

    private final byte[] concealBuf;
    private final byte[] lastAudio;
    private int lastAudioLen;
    private int repeatsDone;

    // Stream state. Timestamps and sequence numbers are "extended": 64-bit, continued across 32/16-bit wraps.
    private boolean started;
    private long ssrc;
    private long maxExtSeq;
    private long newestTs;
    private long anchorNanos;
    private long anchorTs;
    private long cursorTs;
    private boolean emittedAny;
    private long lateRunStartNanos = NONE;
    private int slightlyLateInARow;

    private long accepted;
    private long played;
    private long lateDropped;
    private long duplicates;
    private long overflows;
    private long malformed;
    private long wrongPayloadType;
    private long resets;
    private long discardedOnReset;
    private long clockSlips;
    private long telephoneEvents;
    private long comfortNoise;
    private long concealedSamples;
    private long silenceSamples;

    /**
     * Creates an empty buffer; {@link JitterBufferConfig#newBuffer()} does the same.
     *
     * @param config the settings
     */
    public JitterBuffer(JitterBufferConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        AudioPayload payload = config.payload();
        this.audioPt = config.payloadType();
        this.telephoneEventPt = config.telephoneEventPayloadType();
        this.comfortNoisePt = config.comfortNoisePayloadType();
        this.clockRate = payload.clockRate();
        this.bytesPerSample = payload.bytesPerSample();
        this.frameSamples = config.samplesPerFrame();
        this.slotBytes = clockRate / 1000 * config.maxPacketMillis() * bytesPerSample;
        this.depthNanos = config.depthMillis() * 1_000_000L;
        this.maxJumpSamples = (long) clockRate / 1000 * config.maxTimestampJumpMillis();
        this.silenceByte = payload.silenceByte();
        Concealment concealment = config.concealment();
        this.maxRepeats = concealment.maxRepeats();
        this.repeatTables = payload.isG711() ? buildG711RepeatTables(payload, concealment) : null;
        this.repeatGainQ15 = new int[maxRepeats + 1];
        for (int k = 1; k <= maxRepeats; k++) {
            repeatGainQ15[k] = (int) Math.round(concealment.gain(k) * 32768.0);
        }

        int capacity = config.capacity();
        this.slotTs = new long[capacity];
        this.slotSeq = new long[capacity];
        this.slotLen = new int[capacity];
        this.slotData = new byte[capacity][slotBytes];
        this.order = new int[capacity];
        this.free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        this.freeCount = capacity;
        this.concealBuf = new byte[config.bytesPerFrame()];
        this.lastAudio = new byte[slotBytes];
        Arrays.fill(playedSeq, NONE);
    }

    private static byte[][] buildG711RepeatTables(AudioPayload payload, Concealment concealment) {
        byte[][] tables = new byte[concealment.maxRepeats() + 1][];
        boolean ulaw = payload == AudioPayload.PCMU;
        for (int k = 1; k <= concealment.maxRepeats(); k++) {
            double gain = concealment.gain(k);
            byte[] table = new byte[256];
            for (int code = 0; code < 256; code++) {
                short linear = ulaw ? G711.ulawToLinear((byte) code) : G711.alawToLinear((byte) code);
                short scaled = (short) Math.round(linear * gain);
                table[code] = ulaw ? G711.linearToUlaw(scaled) : G711.linearToAlaw(scaled);
            }
            tables[k] = table;
        }
        return tables;
    }

    /** {@return the settings this buffer was created with} */
    public JitterBufferConfig config() {
        return config;
    }

    /**
     * Takes one received packet. Audio is copied into a slot; telephone-event and comfort-noise packets are
     * only classified, so that the caller can route them. Never throws for packet content.
     *
     * @param packet a parsed packet; the view is not kept, so it may be reused right after the call
     * @param nowNanos the arrival time, on the same clock as {@link #poll(long, FrameSink)}
     * @return what happened to the packet
     */
    public OfferResult offer(RtpPacket packet, long nowNanos) {
        if (!packet.isValid()) {
            malformed++;
            return OfferResult.MALFORMED;
        }
        int pt = packet.payloadType();
        if (pt == telephoneEventPt) {
            telephoneEvents++;
            return OfferResult.TELEPHONE_EVENT;
        }
        if (pt == comfortNoisePt) {
            comfortNoise++;
            return OfferResult.COMFORT_NOISE;
        }
        if (pt != audioPt) {
            wrongPayloadType++;
            return OfferResult.WRONG_PAYLOAD_TYPE;
        }
        int len = packet.payloadLength();
        if (len == 0 || len % bytesPerSample != 0 || len > slotBytes) {
            malformed++;
            return OfferResult.MALFORMED;
        }
        if (!started) {
            restart(packet, nowNanos);
            return OfferResult.ACCEPTED;
        }
        if (packet.ssrc() != ssrc) {
            return resetWith(packet, nowNanos);
        }

        int seq = packet.sequenceNumber();
        int udelta = (seq - (int) (maxExtSeq & 0xFFFF)) & 0xFFFF;
        // The signed 32-bit difference from the newest timestamp places this one on the extended timeline,
        // whichever side of a 2^32 wrap either lies.
        long extTs = newestTs + (int) (packet.timestamp() - (newestTs & TS_MASK));
        boolean inOrder = udelta != 0 && udelta < MAX_DROPOUT;
        long extSeq;
        if (inOrder) {
            if (Math.abs(extTs - newestTs) > maxJumpSamples) {
                return resetWith(packet, nowNanos);
            }
            extSeq = maxExtSeq + udelta;
            maxExtSeq = extSeq;
            newestTs = extTs;
        } else if (udelta == 0) {
            extSeq = maxExtSeq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            return resetWith(packet, nowNanos);
        } else {
            extSeq = maxExtSeq - (SEQ_MOD - udelta);
        }

        long end = extTs + len / bytesPerSample;
        if (extTs < cursorTs) {
            if (!emittedAny) {
                // Nothing played yet: an earlier packet that is still in time moves the start back, so
                // reordering among the very first packets loses nothing.
                if (playoutNanos(extTs) < nowNanos) {
                    lateDropped++;
                    return OfferResult.LATE;
                }
                cursorTs = extTs;
            } else if (end <= cursorTs) {
                return lateOrDuplicate(packet, extSeq, extTs, inOrder, nowNanos);
            }
            // Otherwise only its head was concealed: the tail is still useful and poll trims the head.
        }
        if (inOrder) {
            lateRunStartNanos = NONE;
            slightlyLateInARow = 0;
        }

        int pos = count;
        while (pos > 0 && slotTs[order[pos - 1]] > extTs) {
            pos--;
        }
        if (pos > 0 && slotTs[order[pos - 1]] == extTs) {
            duplicates++;
            return OfferResult.DUPLICATE;
        }
        if (freeCount == 0) {
            overflows++;
            return OfferResult.OVERFLOW;
        }
        if (inOrder) {
            long lead = playoutNanos(extTs) - nowNanos;
            if (lead > 2 * depthNanos) {
                // Our clock runs slow against the sender's (or it skipped ahead without real time passing):
                // bring playout forward so that this packet waits one depth again.
                anchorNanos -= lead - depthNanos;
                clockSlips++;
            }
        }
        store(packet, pos, extTs, extSeq);
        return OfferResult.ACCEPTED;
    }

    private OfferResult lateOrDuplicate(RtpPacket packet, long extSeq, long extTs, boolean inOrder, long nowNanos) {
        if (playedSeq[(int) (extSeq & (PLAYED_HISTORY - 1))] == extSeq) {
            duplicates++;
            return OfferResult.DUPLICATE;
        }
        if (inOrder) {
            long lateness = nowNanos - playoutNanos(extTs);
            if (lateness > 0 && lateness <= depthNanos) {
                lateRunStartNanos = NONE;
                // One newest packet just too late is a jitter spike beyond the depth: drop it and keep the
                // clock. Two in a row mean the sender's clock is slower than ours: move playout later so
                // that the packets after them wait one depth again.
                if (++slightlyLateInARow >= 2) {
                    anchorNanos += lateness + depthNanos;
                    clockSlips++;
                    slightlyLateInARow = 0;
                }
            } else if (lateness > depthNanos) {
                slightlyLateInARow = 0;
                if (lateRunStartNanos == NONE) {
                    lateRunStartNanos = nowNanos;
                } else if (nowNanos - lateRunStartNanos >= depthNanos) {
                    // Not a burst of stale packets after an outage (that would be over by now): the sender's
                    // timeline is behind ours for good.
                    return resetWith(packet, nowNanos);
                }
            }
        }
        lateDropped++;
        return OfferResult.LATE;
    }

    private OfferResult resetWith(RtpPacket packet, long nowNanos) {
        resets++;
        discardedOnReset += count;
        restart(packet, nowNanos);
        return OfferResult.RESET;
    }

    /** Drops all state and starts a new stream whose first packet is {@code packet}. */
    private void restart(RtpPacket packet, long nowNanos) {
        while (count > 0) {
            free[freeCount++] = order[--count];
        }
        started = true;
        ssrc = packet.ssrc();
        maxExtSeq = packet.sequenceNumber();
        newestTs = packet.timestamp();
        anchorTs = newestTs;
        cursorTs = newestTs;
        anchorNanos = nowNanos + depthNanos;
        emittedAny = false;
        lateRunStartNanos = NONE;
        slightlyLateInARow = 0;
        lastAudioLen = 0;
        repeatsDone = 0;
        Arrays.fill(playedSeq, NONE);
        store(packet, 0, newestTs, maxExtSeq);
    }

    private void store(RtpPacket packet, int pos, long extTs, long extSeq) {
        int slot = free[--freeCount];
        int len = packet.payloadLength();
        System.arraycopy(packet.buffer(), packet.payloadOffset(), slotData[slot], 0, len);
        slotTs[slot] = extTs;
        slotSeq[slot] = extSeq;
        slotLen[slot] = len;
        System.arraycopy(order, pos, order, pos + 1, count - pos);
        order[pos] = slot;
        count++;
        accepted++;
    }

    /**
     * Releases, in order, every frame whose playout time is at or before {@code nowNanos}: received
     * audio, or concealment for stretches whose packets have not arrived. Normally that is one frame per
     * ptime; more after the caller was late, or after the clock was moved earlier.
     *
     * @param nowNanos the current time, on the clock of {@link #offer(RtpPacket, long)}
     * @param sink receives the frames
     * @return the number of frames released
     */
    public int poll(long nowNanos, FrameSink sink) {
        if (!started) {
            return 0;
        }
        int frames = 0;
        while (playoutNanos(cursorTs) <= nowNanos) {
            emitNext(sink, true);
            frames++;
        }
        return frames;
    }

    /**
     * Releases everything buffered at once, in order, with the gaps between packets concealed as usual,
     * without regard to the clock: for the end of a stream. Nothing is concealed after the last packet.
     * Packets offered later are judged against the new playout position, so anything older is late.
     *
     * @param sink receives the frames
     * @return the number of frames released
     */
    public int drainAll(FrameSink sink) {
        int frames = 0;
        while (count > 0) {
            if (emitNext(sink, false)) {
                frames++;
            }
        }
        return frames;
    }

    /**
     * When the next frame is due, so that a media loop can sleep until then.
     *
     * @return the playout time of the next frame, or {@link Long#MAX_VALUE} before the first packet
     */
    public long nextPlayoutNanos() {
        return started ? playoutNanos(cursorTs) : Long.MAX_VALUE;
    }

    /**
     * Emits the next frame at the playout position: audio if the head slot covers it, otherwise
     * concealment up to the head slot (at most one ptime), or one ptime of concealment when empty and
     * {@code concealWhenEmpty}.
     *
     * @return whether a frame was emitted
     */
    private boolean emitNext(FrameSink sink, boolean concealWhenEmpty) {
        while (count > 0) {
            int slot = order[0];
            long start = slotTs[slot];
            int len = slotLen[slot];
            long end = start + len / bytesPerSample;
            if (end <= cursorTs) {
                // Overlaps audio already played (the sender's packets overlap): nothing left to play.
                removeHead();
                lateDropped++;
                continue;
            }
            if (start <= cursorTs) {
                int skip = (int) (cursorTs - start) * bytesPerSample;
                long ts = cursorTs;
                playedSeq[(int) (slotSeq[slot] & (PLAYED_HISTORY - 1))] = slotSeq[slot];
                cursorTs = end;
                emittedAny = true;
                repeatsDone = 0;
                played++;
                if (maxRepeats > 0) {
                    lastAudioLen = len - skip;
                    System.arraycopy(slotData[slot], skip, lastAudio, 0, lastAudioLen);
                }
                // The slot is freed before the sink runs (its bytes stay intact until the next offer), so an
                // exception thrown by the sink cannot leave the buffer inconsistent.
                removeHead();
                sink.frame(slotData[slot], skip, len - skip, ts & TS_MASK, FrameKind.AUDIO);
                return true;
            }
            conceal(sink, (int) Math.min(start - cursorTs, frameSamples));
            return true;
        }
        if (!concealWhenEmpty) {
            return false;
        }
        conceal(sink, frameSamples);
        return true;
    }

    private void removeHead() {
        free[freeCount++] = order[0];
        count--;
        System.arraycopy(order, 1, order, 0, count);
    }

    private void conceal(FrameSink sink, int samples) {
        int bytes = samples * bytesPerSample;
        FrameKind kind;
        if (repeatsDone < maxRepeats && lastAudioLen > 0) {
            repeatsDone++;
            fillRepeat(bytes, repeatsDone);
            concealedSamples += samples;
            kind = FrameKind.CONCEALED_REPEAT;
        } else {
            Arrays.fill(concealBuf, 0, bytes, silenceByte);
            silenceSamples += samples;
            kind = FrameKind.SILENCE;
        }
        long ts = cursorTs;
        cursorTs += samples;
        emittedAny = true;
        sink.frame(concealBuf, 0, bytes, ts & TS_MASK, kind);
    }

    /**
     * Writes {@code bytes} of the last audio, attenuated to repeat level {@code level}, into the scratch
     * buffer. It starts {@code bytes} before the end of the last audio (the part closest to the gap) and
     * cycles when the last audio is shorter than the gap.
     */
    private void fillRepeat(int bytes, int level) {
        int src = Math.max(0, lastAudioLen - bytes);
        if (repeatTables != null) {
            byte[] table = repeatTables[level];
            for (int i = 0; i < bytes; i++) {
                concealBuf[i] = table[lastAudio[src] & 0xFF];
                if (++src == lastAudioLen) {
                    src = 0;
                }
            }
        } else {
            int gain = repeatGainQ15[level];
            for (int i = 0; i < bytes; i += 2) {
                int sample = (short) ((lastAudio[src] << 8) | (lastAudio[src + 1] & 0xFF));
                int scaled = (sample * gain + (1 << 14)) >> 15;
                concealBuf[i] = (byte) (scaled >> 8);
                concealBuf[i + 1] = (byte) scaled;
                src += 2;
                if (src == lastAudioLen) {
                    src = 0;
                }
            }
        }
    }

    /** The playout time of the sample with extended timestamp {@code ts}. */
    private long playoutNanos(long ts) {
        long d = ts - anchorTs;
        // Split so that d * 1e9 cannot overflow on streams of any realistic length.
        return anchorNanos + d / clockRate * NANOS_PER_SECOND + d % clockRate * NANOS_PER_SECOND / clockRate;
    }

    /**
     * Copies the counters. Call it on the thread that offers and polls.
     *
     * @return the current counters
     */
    public JitterBufferStats stats() {
        long depthSamples = 0;
        if (count > 0) {
            int last = order[count - 1];
            depthSamples = Math.max(0, slotTs[last] + slotLen[last] / bytesPerSample - cursorTs);
        }
        return new JitterBufferStats(accepted, played, lateDropped, duplicates, overflows, malformed,
                wrongPayloadType, resets, discardedOnReset, clockSlips, telephoneEvents, comfortNoise,
                concealedSamples * 1000 / clockRate, silenceSamples * 1000 / clockRate, count,
                depthSamples * 1000 / clockRate);
    }

    @Override
    public String toString() {
        return "JitterBuffer[" + config.payload() + ", buffered=" + count + ", started=" + started + "]";
    }
}
