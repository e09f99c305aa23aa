package org.arivoice.bench.jitter;

import java.util.concurrent.TimeUnit;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.RtpPacketWriter;
import org.arivoice.rtp.AudioPayload;
import org.arivoice.rtp.jitter.Concealment;
import org.arivoice.rtp.jitter.FrameKind;
import org.arivoice.rtp.jitter.JitterBuffer;
import org.arivoice.rtp.jitter.JitterBufferConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost per received packet of the receive path around the {@link JitterBuffer}: write the header into a
 * reused datagram, parse it, offer it, and poll the frames that became due, in nanoseconds per packet.
 * Packets arrive in swapped pairs (k+1 before k), and every 50th packet is lost so that concealment by
 * attenuated repeat runs too. Checks with {@code -prof gc} that nothing is allocated per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JitterBufferBenchmark {
    private static final long PTIME_NANOS = 20_000_000L;

    /** The audio format: G.711 (one byte per sample, table-driven repeats) or slin16. */
    @Param({"PCMU", "L16_16K"})
    public String format;

    private JitterBuffer buffer;
    private final RtpPacketWriter writer = new RtpPacketWriter();
    private final RtpPacket packet = new RtpPacket();
    private byte[] payload;
    private byte[] datagram;
    private int samplesPerPacket;
    private long k;
    private long now;
    private long checksum;
    private final JitterBuffer.FrameSink sink = this::consume;

    @Setup
    public void setUp() {
        AudioPayload audio = AudioPayload.valueOf(format);
        JitterBufferConfig config = JitterBufferConfig.builder(audio).concealment(Concealment.repeat(2)).build();
        buffer = config.newBuffer();
        payload = new byte[config.bytesPerFrame()];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 37);
        }
        datagram = new byte[RtpPacket.FIXED_HEADER_LENGTH + payload.length];
        samplesPerPacket = config.samplesPerFrame();
        writer.payloadType(config.payloadType()).ssrc(0x5EED);
    }

    private void consume(byte[] buf, int off, int len, long rtpTimestamp, FrameKind kind) {
        checksum += buf[off] + len + kind.ordinal();
    }

    private void offer(long index) {
        if (index % 50 == 49) {
            return;
        }
        int n = writer.sequenceNumber((int) index).timestamp(index * samplesPerPacket)
                .write(payload, 0, payload.length, datagram, 0);
        packet.parse(datagram, 0, n);
        buffer.offer(packet, now);
    }

    /**
     * Two packets, swapped, then the poll that releases what is due.
     *
     * @return a checksum of the released frames, so that nothing is optimised away
     */
    @Benchmark
    @OperationsPerInvocation(2)
    public long swappedPair() {
        now += 2 * PTIME_NANOS;
        offer(k + 1);
        offer(k);
        k += 2;
        buffer.poll(now, sink);
        return checksum;
    }
}
