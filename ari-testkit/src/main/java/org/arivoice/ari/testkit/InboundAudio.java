package org.arivoice.ari.testkit;

import java.util.Arrays;

/**
 * What an application sends into an ExternalMedia channel, decoded to 8 kHz µ-law and queued so that the
 * fake's 20 ms media clock takes one frame per tick (a burst plays out at real-time pace). Bounded: beyond
 * a minute of queued audio the oldest is dropped. Thread-safe (the UDP receiver writes, the media clock reads).
 */
final class InboundAudio {
    private static final int MAX_QUEUED = 60 * 8000;

    private byte[] buffer = new byte[0];
    private int start;
    private int end;

    /** Appends µ-law bytes. */
    synchronized void write(byte[] ulaw, int offset, int length) {
        if (end + length > buffer.length) {
            int live = end - start;
            byte[] bigger = new byte[Math.max(buffer.length, live + length) * 2];
            System.arraycopy(buffer, start, bigger, 0, live);
            buffer = bigger;
            start = 0;
            end = live;
        }
        System.arraycopy(ulaw, offset, buffer, end, length);
        end += length;
        if (end - start > MAX_QUEUED) {
            start = end - MAX_QUEUED;
        }
        if (start > 0 && start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Decodes an RTP/WebSocket payload in {@code format} ({@code ulaw}, {@code alaw}, {@code slin16} big-endian). */
    void writePayload(String format, byte[] payload, int offset, int length) {
        switch (format) {
            case "ulaw":
                write(payload, offset, length);
                break;
            case "alaw": {
                byte[] out = new byte[length];
                for (int i = 0; i < length; i++) {
                    out[i] = org.arivoice.rtp.codec.G711.linearToUlaw(
                            org.arivoice.rtp.codec.G711.alawToLinear(payload[offset + i]));
                }
                write(out, 0, out.length);
                break;
            }
            case "slin16": {
                // 16 kHz big-endian samples to 8 kHz: the mean of each pair (a simple low-pass before decimation).
                int pairs = length / 4;
                byte[] out = new byte[pairs];
                for (int i = 0; i < pairs; i++) {
                    int at = offset + 4 * i;
                    int a = (short) ((payload[at] << 8) | (payload[at + 1] & 0xFF));
                    int b = (short) ((payload[at + 2] << 8) | (payload[at + 3] & 0xFF));
                    out[i] = org.arivoice.rtp.codec.G711.linearToUlaw((short) ((a + b) / 2));
                }
                write(out, 0, out.length);
                break;
            }
            default:
                break;
        }
    }

    /** The next 20 ms (160 bytes of µ-law), or null when less than a frame is queued. */
    synchronized byte[] pollFrame() {
        if (end - start < CallerAudio.FRAME_BYTES) {
            return null;
        }
        byte[] frame = Arrays.copyOfRange(buffer, start, start + CallerAudio.FRAME_BYTES);
        start += CallerAudio.FRAME_BYTES;
        return frame;
    }

    /** The queued byte count. */
    synchronized int queued() {
        return end - start;
    }

    @Override
    public String toString() {
        return "InboundAudio[" + queued() + " bytes queued]";
    }
}
