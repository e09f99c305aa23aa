package org.arivoice.rtp.dtmf;

import java.util.Objects;
import org.arivoice.rtp.RtpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns received RFC 4733 telephone-event packets into events, each reported exactly once.
 *
 * <pre>{@code
 * DtmfDecoder dtmf = new DtmfDecoder(8000, e -> System.out.println("pressed " + e.digit()));
 * // receive loop, for packets whose payload type is the negotiated telephone-event type:
 * dtmf.decode(packet, System.nanoTime());
 * // now and then (for example on every audio tick):
 * dtmf.poll(System.nanoTime());
 * }</pre>
 *
 * <h2>When an event is reported</h2>
 * An event is identified by its SSRC, RTP timestamp (the event start) and event code. It is reported once,
 * when its first end packet (E bit) arrives, with the final duration; the two retransmissions of the end
 * packet and any late update are recognised and ignored. This matches what Asterisk reports to ARI
 * applications ({@code ChannelDtmfReceived} carries the duration, so it is sent at the end). If the end
 * packets are all lost the event is still reported once, with {@link DtmfEvent#endReceived()} false and the
 * longest duration seen, either when a new event starts or when {@link #poll(long)} finds that no packet of
 * it has arrived for the end timeout.
 *
 * <h2>Long events</h2>
 * A packet with the same SSRC and event code whose timestamp is the current segment's plus 0xFFFF is the
 * next segment of a long event (RFC 4733 2.5.1.3); the segments are reported as one event whose duration
 * is their sum and whose timestamp is the first segment's.
 *
 * <h2>Limits</h2>
 * Only the first 4-byte event report of a packet is read: packets carrying several events (RFC 4733
 * 2.5.1.5) are rare in telephony and Asterisk never sends them. The caller filters on payload type.
 *
 * <p>Not thread-safe: feed and poll from one thread. Packets are never thrown at: malformed ones produce a
 * {@link DtmfDecodeResult}. Per packet nothing is allocated; one {@link DtmfEvent} is created per reported
 * event. An exception thrown by the listener is logged and swallowed so that it cannot break the receive
 * loop or leave the decoder half-updated.
 */
public final class DtmfDecoder {
    /** Default time without packets after which an event whose end packets were lost is reported. */
    public static final long DEFAULT_END_TIMEOUT_MILLIS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(DtmfDecoder.class);
    private static final long U32 = 0xFFFF_FFFFL;
    private static final int SEGMENT = 0xFFFF;
    /** Remembered reported events; more than enough to cover retransmissions and reordering. */
    private static final int HISTORY = 8;

    private final int clockRate;
    private final long endTimeoutNanos;
    private final long staleWindowUnits;
    private final DtmfListener listener;

    private boolean active;
    private long ssrc;
    private long startTimestamp;
    private long segmentTimestamp;
    private long priorSegmentsUnits;
    private int segmentDuration;
    private int eventCode;
    private int volume;
    private long lastArrivalNanos;

    private boolean haveLatest;
    private long latestSsrc;
    private long latestSegmentTimestamp;

    private final long[] doneSsrc = new long[HISTORY];
    private final long[] doneTimestamp = new long[HISTORY];
    private final int[] doneCode = new int[HISTORY];
    private int doneCount;
    private int doneNext;

    /**
     * Creates a decoder with the {@linkplain #DEFAULT_END_TIMEOUT_MILLIS default end timeout}.
     *
     * @param clockRate the telephone-event clock rate in Hz (8000 unless negotiated otherwise)
     * @param listener receives each event once
     */
    public DtmfDecoder(int clockRate, DtmfListener listener) {
        this(clockRate, DEFAULT_END_TIMEOUT_MILLIS, listener);
    }

    /**
     * Creates a decoder.
     *
     * @param clockRate the telephone-event clock rate in Hz (8000 unless negotiated otherwise)
     * @param endTimeoutMillis how long after the last packet of an unfinished event {@link #poll(long)}
     *     reports it; must be positive
     * @param listener receives each event once
     * @throws IllegalArgumentException if {@code clockRate} or {@code endTimeoutMillis} is not positive
     */
    public DtmfDecoder(int clockRate, long endTimeoutMillis, DtmfListener listener) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, was " + clockRate);
        }
        if (endTimeoutMillis <= 0) {
            throw new IllegalArgumentException("end timeout must be positive, was " + endTimeoutMillis + " ms");
        }
        this.clockRate = clockRate;
        this.endTimeoutNanos = endTimeoutMillis * 1_000_000L;
        // A packet this much older than the latest event cannot be a late copy; it means the sender restarted
        // its timestamps, so it is taken as a new event rather than ignored forever. Ten seconds is far
        // beyond any reordering and longer than one 0xFFFF segment at 8 kHz.
        this.staleWindowUnits = 10L * clockRate;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Feeds one telephone-event packet.
     *
     * @param packet a parsed packet whose payload type the caller has checked
     * @param arrivalNanos the arrival time on a monotonic clock such as {@link System#nanoTime()}
     * @return what was done with the packet
     */
    public DtmfDecodeResult decode(RtpPacket packet, long arrivalNanos) {
        if (!packet.isValid()) {
            return DtmfDecodeResult.NOT_PARSED;
        }
        return decode(packet.ssrc(), packet.timestamp(), packet.buffer(), packet.payloadOffset(),
                packet.payloadLength(), arrivalNanos);
    }

    /**
     * Feeds one telephone-event payload given the header fields it arrived with.
     *
     * @param ssrc the synchronisation source (low 32 bits used)
     * @param rtpTimestamp the packet's RTP timestamp (low 32 bits used)
     * @param payload the array holding the payload
     * @param offset where the payload starts
     * @param length the payload length; fewer than 4 bytes is reported as {@link DtmfDecodeResult#TOO_SHORT}
     * @param arrivalNanos the arrival time on a monotonic clock
     * @return what was done with the payload
     * @throws IndexOutOfBoundsException if offset/length do not lie within {@code payload} (a caller bug)
     */
    public DtmfDecodeResult decode(long ssrc, long rtpTimestamp, byte[] payload, int offset, int length,
            long arrivalNanos) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (length < DtmfEncoder.PAYLOAD_LENGTH) {
            return DtmfDecodeResult.TOO_SHORT;
        }
        long source = ssrc & U32;
        long ts = rtpTimestamp & U32;
        int code = payload[offset] & 0xFF;
        boolean end = (payload[offset + 1] & 0x80) != 0;
        int level = payload[offset + 1] & 0x3F;
        int duration = ((payload[offset + 2] & 0xFF) << 8) | (payload[offset + 3] & 0xFF);

        if (active && source == this.ssrc && ts == segmentTimestamp && code == eventCode) {
            absorb(duration, level, arrivalNanos);
            return end ? finish(true) : DtmfDecodeResult.UPDATED;
        }
        if (isDone(source, ts, code)) {
            return DtmfDecodeResult.REPEATED;
        }
        if (active && source == this.ssrc && code == eventCode && ts == ((segmentTimestamp + SEGMENT) & U32)) {
            // The previous segment ran to its full 0xFFFF units even if its last update was lost.
            priorSegmentsUnits += SEGMENT;
            remember(this.ssrc, segmentTimestamp, eventCode);
            segmentTimestamp = ts;
            segmentDuration = 0;
            latestSegmentTimestamp = ts;
            absorb(duration, level, arrivalNanos);
            return end ? finish(true) : DtmfDecodeResult.CONTINUED;
        }
        if (haveLatest && source == latestSsrc) {
            long age = (latestSegmentTimestamp - ts) & U32;
            if (age != 0 && age <= staleWindowUnits) {
                return DtmfDecodeResult.STALE;
            }
        }
        if (active) {
            finish(false); // a new event implies the previous one is over
        }
        active = true;
        this.ssrc = source;
        startTimestamp = ts;
        segmentTimestamp = ts;
        priorSegmentsUnits = 0;
        segmentDuration = 0;
        eventCode = code;
        haveLatest = true;
        latestSsrc = source;
        latestSegmentTimestamp = ts;
        absorb(duration, level, arrivalNanos);
        if (end) {
            finish(true);
            return DtmfDecodeResult.ENDED;
        }
        return DtmfDecodeResult.STARTED;
    }

    private void absorb(int duration, int level, long arrivalNanos) {
        // Updates may arrive out of order; the longest duration is the latest information.
        segmentDuration = Math.max(segmentDuration, duration);
        volume = level;
        lastArrivalNanos = arrivalNanos;
    }

    /**
     * Reports the event in progress if no packet of it has arrived for the end timeout (its end packets
     * were lost). Call it regularly, for example on every audio tick.
     *
     * @param nowNanos the current time on the clock used for {@code arrivalNanos}
     * @return {@code true} if an event was reported
     */
    public boolean poll(long nowNanos) {
        if (active && nowNanos - lastArrivalNanos >= endTimeoutNanos) {
            finish(false);
            return true;
        }
        return false;
    }

    /**
     * Reports the event in progress, if any, without waiting for its end; for example when the call ends.
     *
     * @return {@code true} if an event was reported
     */
    public boolean flush() {
        if (active) {
            finish(false);
            return true;
        }
        return false;
    }

    /** {@return whether an event has started and not yet been reported} */
    public boolean eventInProgress() {
        return active;
    }

    private DtmfDecodeResult finish(boolean endReceived) {
        active = false;
        remember(ssrc, segmentTimestamp, eventCode);
        long units = priorSegmentsUnits + segmentDuration;
        DtmfEvent event = new DtmfEvent(eventCode, units * 1000 / clockRate, units, volume, ssrc,
                startTimestamp, endReceived);
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("DTMF listener failed on {}", event, e);
        }
        return DtmfDecodeResult.ENDED;
    }

    private void remember(long source, long ts, int code) {
        doneSsrc[doneNext] = source;
        doneTimestamp[doneNext] = ts;
        doneCode[doneNext] = code;
        doneNext = (doneNext + 1) % HISTORY;
        doneCount = Math.min(doneCount + 1, HISTORY);
    }

    private boolean isDone(long source, long ts, int code) {
        for (int i = 0; i < doneCount; i++) {
            if (doneSsrc[i] == source && doneTimestamp[i] == ts && doneCode[i] == code) {
                return true;
            }
        }
        return false;
    }
}
