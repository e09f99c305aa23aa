package org.arivoice.bench.rtp;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.RtpPacketWriter;
import org.arivoice.rtp.RtpParseResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of parsing and of serialising one 172-byte PCMU packet (12-byte header, 160 bytes = 20 ms of
 * µ-law), the packet every call sends and receives 50 times a second in each direction. Each benchmark
 * invocation handles one packet, so the score is nanoseconds per packet.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar RtpPacketBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RtpPacketBenchmark {
    private static final int PAYLOAD = 160;

    private final RtpPacket packet = new RtpPacket();
    private final RtpPacketWriter writer = new RtpPacketWriter();
    private final byte[] payload = new byte[PAYLOAD];
    private final byte[] received = new byte[2048];
    private final byte[] outgoing = new byte[2048];
    private final ByteBuffer receivedDirect = ByteBuffer.allocateDirect(2048);
    private int receivedLength;
    private int sequence;

    /** Builds the datagram that the parse benchmarks read, as Asterisk would send it. */
    @Setup
    public void setUp() {
        for (int i = 0; i < PAYLOAD; i++) {
            payload[i] = (byte) (0xFF - (i & 0x0F)); // near-silence µ-law, the content does not matter
        }
        writer.payloadType(0).ssrc(0x7A3B_1C2DL);
        receivedLength = writer.sequenceNumber(8000).timestamp(1_280_000L).write(payload, 0, PAYLOAD, received, 0);
        receivedDirect.put(received, 0, receivedLength).flip();
        if (packet.parse(received, 0, receivedLength) != RtpParseResult.OK) {
            throw new IllegalStateException("benchmark datagram does not parse");
        }
    }

    /**
     * Parses the datagram from a byte array and reads the fields a receive loop uses.
     *
     * @return a value derived from the fields, so that the work cannot be optimised away
     */
    @Benchmark
    public long parseArray() {
        RtpParseResult r = packet.parse(received, 0, receivedLength);
        return r.ordinal() + packet.sequenceNumber() + packet.timestamp() + packet.ssrc() + packet.payloadType()
                + packet.payloadOffset() + packet.payloadLength();
    }

    /**
     * Parses the datagram from a direct buffer, as a NIO channel delivers it (includes the copy into the
     * view's reused array).
     *
     * @return a value derived from the fields, so that the work cannot be optimised away
     */
    @Benchmark
    public long parseDirectBuffer() {
        RtpParseResult r = packet.parse(receivedDirect);
        return r.ordinal() + packet.sequenceNumber() + packet.timestamp() + packet.ssrc() + packet.payloadType()
                + packet.payloadOffset() + packet.payloadLength();
    }

    /**
     * Serialises the next packet of the stream (sequence number and timestamp advance) into a byte array.
     *
     * @return the packet length, so that the work cannot be optimised away
     */
    @Benchmark
    public int writeArray() {
        int seq = sequence++;
        return writer.sequenceNumber(seq).timestamp(160L * seq).marker(false)
                .write(payload, 0, PAYLOAD, outgoing, 0);
    }
}
