package org.arivoice.rtp.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.arivoice.rtp.RtpPacket;

/**
 * Reception statistics of one received RTP stream: sequence-number validation, extended sequence numbers,
 * expected and lost packet counts and interarrival jitter, exactly as RFC 3550 Appendix A.1, A.3 and A.8
 * describe them, plus duplicate and reorder counts.
 *
 * <pre>{@code
 * ReceiveStatistics stats = new ReceiveStatistics(8000);          // PCMU
 * ...
 * ReceiveResult r = stats.update(packet, System.nanoTime());      // media thread, per packet
 * if (r.isCounted()) jitterBuffer.offer(packet);
 * ...
 * ReceiveSnapshot s = stats.snapshot();                            // any thread
 * IntervalReport rr = stats.intervalReport();                      // when an RTCP RR is due
 * }</pre>
 *
 * <h2>Sequence validation (RFC 3550 A.1)</h2>
 * A new source is on probation until {@value #MIN_SEQUENTIAL} packets with consecutive sequence numbers
 * arrive. After that, a packet fewer than {@value #MAX_DROPOUT} numbers ahead of the highest one is in order
 * (a gap means loss); one fewer than {@value #MAX_MISORDER} numbers behind is late (reordered) and still
 * counted; anything else is a bad jump that is not counted, unless the next packet directly follows it,
 * in which case the sender is assumed to have restarted its numbering and counting starts again
 * ({@link ReceiveResult#RESYNC}). The highest sequence number is extended with the number of 16-bit
 * wrap-arounds so that it keeps growing past 65535. Two deviations from the appendix, both deliberate:
 * duplicates are recognised with a 128-number window of recently received sequence numbers and not
 * counted (the appendix counts them, which makes the loss figure understate real loss), and the probation
 * test {@code seq == max_seq + 1} is done modulo 2^16 so that a probation across 65535 to 0 succeeds.
 *
 * <h2>Jitter (RFC 3550 A.8)</h2>
 * For every counted packet the arrival time is converted to timestamp units with the clock rate, and
 * {@code D} is the difference of the transit times of this and the previous counted packet;
 * {@code J += (|D| - J) / 16}. Feed only packets of one clock (audio and its RFC 4733 events share a clock,
 * but events repeat one timestamp and would inflate the estimate; count them elsewhere).
 *
 * <h2>Sources</h2>
 * One object follows one synchronisation source at a time. A packet with another SSRC resets every
 * per-source figure and starts probation for the new source ({@link ReceiveResult#NEW_SOURCE}); only
 * {@code sourceChanges} survives. A stray late packet of the old source therefore resets the statistics
 * again: with one stream per port, as Asterisk's ExternalMedia sends, that is rare and the counter shows it.
 *
 * <h2>Threads</h2>
 * {@link #update} must be called by one thread at a time (the receive loop). {@link #snapshot()} and
 * {@link #intervalReport()} may be called from any thread: the writer publishes its changes under a
 * sequence lock, so readers get a consistent copy without ever making the media thread wait, and the
 * per-packet path allocates nothing.
 */
public final class ReceiveStatistics {
    /** Sequential packets required before a source is valid (RFC 3550 A.1). */
    public static final int MIN_SEQUENTIAL = 2;
    /** A jump ahead of this many sequence numbers or more is not believed without resynchronisation. */
    public static final int MAX_DROPOUT = 3000;
    /** A packet this many sequence numbers or more behind the highest one is too old to count. */
    public static final int MAX_MISORDER = 100;
    /** The sequence number space. */
    public static final int RTP_SEQ_MOD = 1 << 16;

    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(ReceiveStatistics.class, "version", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int clockRate;

    /** Sequence lock: odd while the writer is changing the fields below. Published through VERSION. */
    private int version;

    private boolean haveSource;
    private long ssrc = -1;
    private int probation;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private long received;
    /*
     * A 128-bit window of received sequence numbers: bit k (low word bits 0-63, high word 64-127) is set
     * when "extended highest - k" was received. MAX_MISORDER < 128, so every packet that can still be
     * counted as late lies inside the window and duplicate detection is exact.
     */
    private long seenLow;
    private long seenHigh;
    private long duplicates;
    private long reordered;
    private long badSequence;
    private long resyncs;
    private long sourceChanges;
    private long generation;
    private double jitter;
    private boolean haveTransit;
    private long lastArrivalNanos;
    private long lastTimestamp;

    private final Object reportLock = new Object();
    private long reportGeneration = -1;
    private long expectedPrior;
    private long receivedPrior;

    /**
     * Creates statistics for a stream with the given RTP clock rate.
     *
     * @param clockRate the RTP timestamp rate in Hz: 8000 for PCMU/PCMA, 16000 for slin16, 48000 for Opus
     * @throws IllegalArgumentException if {@code clockRate} is not positive
     */
    public ReceiveStatistics(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("RTP clock rate must be positive, was " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /** {@return the RTP clock rate in Hz given at construction} */
    public int clockRate() {
        return clockRate;
    }

    /**
     * Records one received packet.
     *
     * @param packet a packet view; when it holds no successfully parsed packet nothing is recorded
     * @param arrivalNanos the arrival time on a monotonic clock such as {@link System#nanoTime()}
     * @return how the packet was classified; never throws for any packet content
     */
    public ReceiveResult update(RtpPacket packet, long arrivalNanos) {
        if (!packet.isValid()) {
            return ReceiveResult.NOT_PARSED;
        }
        return update(packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), arrivalNanos);
    }

    /**
     * Records one received packet given its header fields, for callers that parse headers themselves.
     *
     * @param ssrc the synchronisation source (only the low 32 bits are used)
     * @param sequenceNumber the 16-bit sequence number (only the low 16 bits are used)
     * @param timestamp the RTP timestamp (only the low 32 bits are used)
     * @param arrivalNanos the arrival time on a monotonic clock such as {@link System#nanoTime()}
     * @return how the packet was classified
     */
    public ReceiveResult update(long ssrc, int sequenceNumber, long timestamp, long arrivalNanos) {
        long source = ssrc & 0xFFFF_FFFFL;
        int seq = sequenceNumber & 0xFFFF;
        beginWrite();
        ReceiveResult result;
        if (!haveSource) {
            startSource(source, seq);
            result = ReceiveResult.PROBATION;
        } else if (source != this.ssrc) {
            sourceChanges++;
            startSource(source, seq);
            result = ReceiveResult.NEW_SOURCE;
        } else {
            result = updateSequence(seq);
        }
        if (result.isCounted()) {
            updateJitter(timestamp & 0xFFFF_FFFFL, arrivalNanos);
        }
        endWrite();
        return result;
    }

    private void startSource(long source, int seq) {
        haveSource = true;
        ssrc = source;
        duplicates = 0;
        reordered = 0;
        badSequence = 0;
        resyncs = 0;
        jitter = 0;
        initSequence(seq);
        // A.1: pretend the predecessor was the highest seen, then let update_seq take the first packet
        // as the first of the MIN_SEQUENTIAL sequential ones.
        maxSeq = (seq - 1) & 0xFFFF;
        probation = MIN_SEQUENTIAL;
        updateSequence(seq);
    }

    /** RFC 3550 A.1 {@code init_seq}: counting restarts at {@code seq}. */
    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1; // outside the 16-bit range, so no packet matches it
        cycles = 0;
        received = 0;
        // The packets that led here (probation, or the bad jump before a resync) were sequential and
        // really arrived: mark them so that late copies of them count as duplicates.
        seenLow = (1L << MIN_SEQUENTIAL) - 1;
        seenHigh = 0;
        haveTransit = false; // a restarted sender has a new timestamp base too
        generation++;
    }

    /** RFC 3550 A.1 {@code update_seq}, with duplicate detection. */
    private ReceiveResult updateSequence(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSequence(seq);
                    received++;
                    return ReceiveResult.ACCEPTED;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return ReceiveResult.PROBATION;
        }
        if (udelta < MAX_DROPOUT) {
            if (udelta == 0) {
                duplicates++; // the highest number itself, again
                return ReceiveResult.DUPLICATE;
            }
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD; // went past 65535 to a small number
            }
            maxSeq = seq;
            shiftWindow(udelta);
            seenLow |= 1;
            received++;
            return ReceiveResult.ACCEPTED;
        }
        if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                initSequence(seq);
                resyncs++;
                received++;
                return ReceiveResult.RESYNC;
            }
            badSeq = (seq + 1) & (RTP_SEQ_MOD - 1);
            badSequence++;
            return ReceiveResult.BAD_SEQUENCE;
        }
        int behind = RTP_SEQ_MOD - udelta; // 1 .. MAX_MISORDER - 1
        if (seen(behind)) {
            duplicates++;
            return ReceiveResult.DUPLICATE;
        }
        markSeen(behind);
        reordered++;
        received++;
        return ReceiveResult.REORDERED;
    }

    private void shiftWindow(int by) {
        if (by >= 128) {
            seenHigh = 0;
            seenLow = 0;
        } else if (by >= 64) {
            seenHigh = seenLow << (by - 64);
            seenLow = 0;
        } else {
            seenHigh = (seenHigh << by) | (seenLow >>> (64 - by));
            seenLow <<= by;
        }
    }

    private boolean seen(int behind) {
        long word = behind < 64 ? seenLow : seenHigh;
        return ((word >>> (behind & 63)) & 1) != 0;
    }

    private void markSeen(int behind) {
        if (behind < 64) {
            seenLow |= 1L << behind;
        } else {
            seenHigh |= 1L << (behind - 64);
        }
    }

    /** RFC 3550 A.8, in floating point. */
    private void updateJitter(long timestamp, long arrivalNanos) {
        if (haveTransit) {
            // Differences only: nanoTime has an arbitrary origin and the timestamp wraps at 2^32.
            double arrivalDelta = (arrivalNanos - lastArrivalNanos) * (double) clockRate / 1_000_000_000.0;
            int timestampDelta = (int) (timestamp - lastTimestamp);
            double d = Math.abs(arrivalDelta - timestampDelta);
            jitter += (d - jitter) / 16.0;
        }
        haveTransit = true;
        lastArrivalNanos = arrivalNanos;
        lastTimestamp = timestamp;
    }

    private void beginWrite() {
        VERSION.setOpaque(this, version + 1);
        // Keep the field writes that follow from becoming visible before the version turns odd.
        VarHandle.storeStoreFence();
    }

    private void endWrite() {
        VERSION.setRelease(this, version + 1);
    }

    /**
     * Returns a consistent copy of the current figures. Safe from any thread; never blocks the writer.
     *
     * @return the snapshot
     */
    public ReceiveSnapshot snapshot() {
        while (true) {
            int before = (int) VERSION.getAcquire(this);
            if ((before & 1) == 0) {
                ReceiveSnapshot copy = capture();
                // Order the field reads above before the re-check (the StampedLock validate idiom).
                VarHandle.acquireFence();
                if ((int) VERSION.getVolatile(this) == before) {
                    return copy;
                }
            }
            Thread.onSpinWait();
        }
    }

    private ReceiveSnapshot capture() {
        boolean valid = haveSource && probation == 0;
        long extendedMax = valid ? cycles + maxSeq : -1;
        long expected = valid ? extendedMax - baseSeq + 1 : 0;
        long got = valid ? received : 0;
        return new ReceiveSnapshot(ssrc, valid, got, expected, expected - got, extendedMax, duplicates,
                reordered, badSequence, resyncs, sourceChanges, jitter, clockRate, generation);
    }

    /**
     * Computes the reception report figures for the interval since the previous call (RFC 3550 A.3): the
     * fraction lost is computed from the packets expected and received in that interval. A restart of
     * counting (new source, resync) starts a new interval base, as {@code init_seq} does.
     *
     * <p>Callable from any thread; concurrent callers are serialised among themselves. Where the appendix
     * would store 256 in the 8-bit field (everything in the interval lost), 255 is reported.
     *
     * @return the report block figures
     */
    public IntervalReport intervalReport() {
        ReceiveSnapshot s = snapshot();
        synchronized (reportLock) {
            if (s.generation() != reportGeneration) {
                reportGeneration = s.generation();
                expectedPrior = 0;
                receivedPrior = 0;
            }
            long expectedInterval = s.packetsExpected() - expectedPrior;
            long receivedInterval = s.packetsReceived() - receivedPrior;
            expectedPrior = s.packetsExpected();
            receivedPrior = s.packetsReceived();
            long lostInterval = expectedInterval - receivedInterval;
            int fraction = 0;
            if (expectedInterval > 0 && lostInterval > 0) {
                fraction = (int) Math.min(255, (lostInterval << 8) / expectedInterval);
            }
            return new IntervalReport(s.ssrc(), fraction, expectedInterval, receivedInterval,
                    s.cumulativeLost(), s.extendedHighestSequence(), (long) s.jitter());
        }
    }

    @Override
    public String toString() {
        return "ReceiveStatistics" + snapshot();
    }
}
