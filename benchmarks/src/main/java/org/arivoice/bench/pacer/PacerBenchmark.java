package org.arivoice.bench.pacer;

import java.util.concurrent.TimeUnit;
import org.arivoice.rtp.AudioPayload;
import org.arivoice.rtp.pacer.Pacer;
import org.arivoice.rtp.pacer.PacerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost per sent frame of the {@link Pacer}: one ptime of audio enqueued (as a model's delta would be) and
 * one poll that sends it, with an utterance finished and a new one started every 50 frames, in
 * nanoseconds per frame. The lock is uncontended here; it is the path the media loop pays on every slot.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacerBenchmark {
    private static final long PTIME_NANOS = 20_000_000L;

    /** The audio format sent to Asterisk. */
    @Param({"PCMU", "L16_16K"})
    public String format;

    private Pacer pacer;
    private byte[] chunk;
    private long slot;
    private long utterance;
    private long checksum;
    private final Pacer.FrameSink sink = this::consume;

    @Setup
    public void setUp() {
        PacerConfig config = PacerConfig.builder().format(AudioPayload.valueOf(format)).clock(() -> 0L)
                .initialTimestamp(0).build();
        pacer = config.newPacer();
        chunk = new byte[config.bytesPerFrame()];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 11);
        }
    }

    private void consume(byte[] buf, int off, int len, long rtpTimestamp, boolean marker, long utteranceId) {
        checksum += buf[off] + rtpTimestamp + (marker ? 1 : 0);
    }

    /**
     * Enqueue one frame of audio, poll one slot.
     *
     * @return a checksum of the sent frames, so that nothing is optimised away
     */
    @Benchmark
    public long enqueueAndPoll() {
        if (slot % 50 == 0) {
            utterance++;
        }
        pacer.enqueue(utterance, chunk, 0, chunk.length);
        pacer.poll(slot * PTIME_NANOS, sink);
        slot++;
        return checksum;
    }
}
