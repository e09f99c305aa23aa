package org.arivoice.rtp.jitter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.RtpPacketWriter;

/** Test helpers: building packets and recording what a jitter buffer releases. */
final class Frames {
    static final long MS = 1_000_000L;

    private Frames() {
    }

    /** One released frame, copied, with the time of the poll that released it. */
    record Frame(byte[] data, long timestamp, FrameKind kind, long atNanos) {
        int length() {
            return data.length;
        }
    }

    /** Records frames; set {@link #now} before each poll to know when each frame came out. */
    static final class Recorder implements JitterBuffer.FrameSink {
        final List<Frame> frames = new ArrayList<>();
        long now;

        @Override
        public void frame(byte[] buf, int off, int len, long rtpTimestamp, FrameKind kind) {
            frames.add(new Frame(Arrays.copyOfRange(buf, off, off + len), rtpTimestamp, kind, now));
        }

        List<Frame> ofKind(FrameKind kind) {
            return frames.stream().filter(f -> f.kind() == kind).toList();
        }

        byte[] concatenated() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            frames.forEach(f -> out.writeBytes(f.data()));
            return out.toByteArray();
        }
    }

    /** Builds a parsed packet (a fresh view each time, so tests may keep it). */
    static RtpPacket packet(int pt, int seq, long ts, long ssrc, byte[] payload) {
        return packet(pt, seq, ts, ssrc, payload, 0, payload.length);
    }

    static RtpPacket packet(int pt, int seq, long ts, long ssrc, byte[] payload, int off, int len) {
        RtpPacketWriter writer = new RtpPacketWriter().payloadType(pt).ssrc(ssrc).sequenceNumber(seq).timestamp(ts);
        byte[] datagram = new byte[RtpPacket.FIXED_HEADER_LENGTH + len];
        int n = writer.write(payload, off, len, datagram, 0);
        RtpPacket packet = new RtpPacket();
        if (!packet.parse(datagram, 0, n).isOk()) {
            throw new AssertionError("test packet did not parse");
        }
        return packet;
    }

    /** A payload whose bytes identify the packet, so that misplaced audio is visible. */
    static byte[] pattern(int k, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (k * 31 + i * 7 + 1);
        }
        return b;
    }

    /** Asserts that each frame starts where the previous one ended (modulo 2^32). */
    static void assertContiguous(List<Frame> frames, int bytesPerSample) {
        for (int i = 1; i < frames.size(); i++) {
            Frame prev = frames.get(i - 1);
            long expected = (prev.timestamp() + prev.length() / bytesPerSample) & 0xFFFF_FFFFL;
            if (frames.get(i).timestamp() != expected) {
                throw new AssertionError("frame " + i + " has timestamp " + frames.get(i).timestamp()
                        + ", expected " + expected + " (previous " + prev + ")");
            }
        }
    }
}
