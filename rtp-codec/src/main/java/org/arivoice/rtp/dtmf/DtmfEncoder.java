package org.arivoice.rtp.dtmf;

import java.util.Objects;

/**
 * Produces the RFC 4733 telephone-event packets of one event, one per call, for a paced sender that sends
 * a packet every packet interval in place of audio.
 *
 * <pre>{@code
 * DtmfEncoder dtmf = new DtmfEncoder(8000);            // 20 ms packets, volume 10 (-10 dBm0)
 * dtmf.start('5', 100, audioTimestampNow);
 * // on each 20 ms tick, instead of an audio frame:
 * if (dtmf.nextPacket(payload, 0)) {
 *     int n = writer.payloadType(101).marker(dtmf.marker()).timestamp(dtmf.timestamp())
 *             .sequenceNumber(seq++).write(payload, 0, DtmfEncoder.PAYLOAD_LENGTH, datagram, 0);
 *     send(datagram, n);
 * }
 * }</pre>
 *
 * <h2>The packets of one event</h2>
 * Every packet of an event carries the event's start as its RTP timestamp; only the first has the marker
 * bit. The duration field grows by one packet interval per packet (the first packet reports one interval)
 * until the event's full duration is reached; that packet has the E bit and is sent
 * {@value #END_PACKET_COUNT} times with the same duration (RFC 4733 2.5.1.4), so a 100 ms digit at 20 ms
 * intervals is four updates (160, 320, 480, 640) and three end packets (800). An event longer than the
 * 16-bit duration field can express (0xFFFF units, about 8.2 s at 8 kHz) is split into segments
 * (RFC 4733 2.5.1.3): a segment's last update reports 0xFFFF, and the next segment starts at the RTP
 * timestamp of the previous segment plus 0xFFFF, without marker bit and with the duration counted from
 * there; only the last segment ends with E packets.
 *
 * <p>The audio timestamp of the stream keeps advancing while the event is sent, one interval per tick, as
 * if audio had been sent. Mutable and not thread-safe; {@link #nextPacket} allocates nothing.
 */
public final class DtmfEncoder {
    /** Size of one event report: event, E/R/volume, 16-bit duration. */
    public static final int PAYLOAD_LENGTH = 4;
    /** Default volume: 10, meaning -10 dBm0, which is what most telephony equipment sends. */
    public static final int DEFAULT_VOLUME = 10;
    /** Default packet interval, the usual audio ptime (Asterisk uses it for its event updates too). */
    public static final int DEFAULT_PACKET_INTERVAL_MILLIS = 20;
    /** How many times the end packet is sent (RFC 4733 2.5.1.4 recommends three). */
    public static final int END_PACKET_COUNT = 3;
    /** Largest value of the 16-bit duration field; longer events are segmented. */
    public static final int MAX_SEGMENT_DURATION = 0xFFFF;

    private static final long U32 = 0xFFFF_FFFFL;

    private final int clockRate;
    private final int intervalUnits;
    private final int volume;

    private boolean active;
    private boolean firstPacket;
    private boolean ending;
    private int endPacketsLeft;
    private int eventCode;
    private long totalUnits;
    private long startTimestamp;
    private long segmentStart;
    private long elapsed;

    private boolean marker;
    private boolean endOfEvent;
    private long timestamp;
    private int durationField;

    /**
     * Creates an encoder with 20 ms packets and volume 10.
     *
     * @param clockRate the telephone-event clock rate in Hz (8000 unless negotiated otherwise)
     * @throws IllegalArgumentException if {@code clockRate} is not positive
     */
    public DtmfEncoder(int clockRate) {
        this(clockRate, DEFAULT_PACKET_INTERVAL_MILLIS, DEFAULT_VOLUME);
    }

    /**
     * Creates an encoder.
     *
     * @param clockRate the telephone-event clock rate in Hz (8000 unless negotiated otherwise)
     * @param packetIntervalMillis the time between packets, normally the audio ptime
     * @param volume the power level to report, 0-63 meaning 0 to -63 dBm0
     * @throws IllegalArgumentException if a value is out of range, or the interval is shorter than one
     *     timestamp unit or longer than the duration field can express
     */
    public DtmfEncoder(int clockRate, int packetIntervalMillis, int volume) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, was " + clockRate);
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("volume must be 0-63 (0 to -63 dBm0), was " + volume);
        }
        long units = (long) packetIntervalMillis * clockRate / 1000;
        if (packetIntervalMillis <= 0 || units < 1 || units > MAX_SEGMENT_DURATION) {
            throw new IllegalArgumentException("packet interval of " + packetIntervalMillis + " ms is "
                    + units + " timestamp units at " + clockRate + " Hz; it must be 1 to 65535 units");
        }
        this.clockRate = clockRate;
        this.intervalUnits = (int) units;
        this.volume = volume;
    }

    /**
     * Starts sending a DTMF digit, abandoning any event still in progress.
     *
     * @param digit '0'-'9', '*', '#', 'A'-'D' (or 'a'-'d')
     * @param durationMillis how long the key is held, at least 1 ms (100 ms is usual)
     * @param rtpTimestamp the RTP timestamp at which the event starts: the stream's current audio timestamp
     * @throws IllegalArgumentException if {@code digit} is not a DTMF digit or the duration is not positive
     */
    public void start(char digit, int durationMillis, long rtpTimestamp) {
        int code = DtmfEvent.eventCodeOf(digit);
        if (code < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "' (expected 0-9, *, #, A-D)");
        }
        startEvent(code, durationMillis, rtpTimestamp);
    }

    /**
     * Starts sending any RFC 4733 event, for example {@link DtmfEvent#FLASH}, abandoning any event still in
     * progress.
     *
     * @param eventCode 0-255
     * @param durationMillis how long the event lasts, at least 1 ms
     * @param rtpTimestamp the RTP timestamp at which the event starts
     * @throws IllegalArgumentException if the event code or the duration is out of range
     */
    public void startEvent(int eventCode, int durationMillis, long rtpTimestamp) {
        if (eventCode < 0 || eventCode > 255) {
            throw new IllegalArgumentException("event code must be 0-255, was " + eventCode);
        }
        if (durationMillis <= 0) {
            throw new IllegalArgumentException("event duration must be positive, was " + durationMillis + " ms");
        }
        this.eventCode = eventCode;
        this.totalUnits = Math.max(1, (long) durationMillis * clockRate / 1000);
        this.startTimestamp = rtpTimestamp & U32;
        this.segmentStart = 0;
        this.elapsed = 0;
        this.active = true;
        this.firstPacket = true;
        this.ending = false;
        this.endPacketsLeft = END_PACKET_COUNT;
    }

    /** {@return whether the current event still has packets to send} */
    public boolean isActive() {
        return active;
    }

    /**
     * Writes the next 4-byte payload of the current event; afterwards {@link #marker()},
     * {@link #timestamp()}, {@link #endOfEvent()} and {@link #durationField()} describe that packet.
     *
     * @param dst where to write the payload
     * @param offset where in {@code dst}; 4 bytes are written
     * @return {@code false} (and nothing written) when the event is complete or none was started
     * @throws IndexOutOfBoundsException if {@code dst} has no room for 4 bytes at {@code offset}
     */
    public boolean nextPacket(byte[] dst, int offset) {
        if (!active) {
            return false;
        }
        Objects.checkFromIndexSize(offset, PAYLOAD_LENGTH, dst.length);
        marker = firstPacket;
        firstPacket = false;
        timestamp = (startTimestamp + segmentStart) & U32;
        if (!ending) {
            long next = Math.min(elapsed + intervalUnits, totalUnits);
            elapsed = next;
            if (next - segmentStart > MAX_SEGMENT_DURATION) {
                // This segment is full: report its maximum, then continue under a new timestamp.
                endOfEvent = false;
                durationField = MAX_SEGMENT_DURATION;
                segmentStart += MAX_SEGMENT_DURATION;
                ending = next == totalUnits;
                encode(dst, offset);
                return true;
            }
            if (next < totalUnits) {
                endOfEvent = false;
                durationField = (int) (next - segmentStart);
                encode(dst, offset);
                return true;
            }
            ending = true;
        }
        endOfEvent = true;
        durationField = (int) (totalUnits - segmentStart);
        if (--endPacketsLeft == 0) {
            active = false;
        }
        encode(dst, offset);
        return true;
    }

    private void encode(byte[] dst, int offset) {
        dst[offset] = (byte) eventCode;
        dst[offset + 1] = (byte) ((endOfEvent ? 0x80 : 0) | volume);
        dst[offset + 2] = (byte) (durationField >>> 8);
        dst[offset + 3] = (byte) durationField;
    }

    /** {@return whether the packet just produced must carry the marker bit (only the first packet of an event)} */
    public boolean marker() {
        return marker;
    }

    /** {@return the RTP timestamp of the packet just produced: the start of the event or of its current segment} */
    public long timestamp() {
        return timestamp;
    }

    /** {@return whether the packet just produced is an end packet (E bit set)} */
    public boolean endOfEvent() {
        return endOfEvent;
    }

    /** {@return the duration field of the packet just produced, in timestamp units since {@link #timestamp()}} */
    public int durationField() {
        return durationField;
    }

    /** {@return the event code being sent} */
    public int eventCode() {
        return eventCode;
    }

    /** {@return the packet interval in timestamp units} */
    public int packetIntervalUnits() {
        return intervalUnits;
    }
}
