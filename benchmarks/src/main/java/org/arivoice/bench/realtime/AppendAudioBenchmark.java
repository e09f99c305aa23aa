package org.arivoice.bench.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.arivoice.realtime.event.EventCodec;
import org.arivoice.realtime.event.ServerEvent;
import org.arivoice.realtime.internal.AppendEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the Realtime client's audio hot paths, per 20 ms frame: serialising one
 * {@code input_audio_buffer.append} (the session's copy-free encoder against the obvious Jackson-tree way),
 * and parsing one {@code response.output_audio.delta} and decoding its audio.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AppendAudioBenchmark {
    /** Bytes of one 20 ms frame: 960 for PCM16 24 kHz, 160 for G.711. */
    @Param({"960", "160"})
    public int frameBytes;

    private final ObjectMapper mapper = new ObjectMapper();
    private final AppendEncoder encoder = new AppendEncoder();
    private final EventCodec codec = EventCodec.standard();
    private byte[] frame;
    private String deltaEvent;

    /** Prepares a random frame and an output_audio.delta carrying one frame. */
    @Setup
    public void setUp() {
        frame = new byte[frameBytes];
        new Random(7).nextBytes(frame);
        deltaEvent = "{\"type\":\"response.output_audio.delta\",\"event_id\":\"event_4950\","
                + "\"response_id\":\"resp_001\",\"item_id\":\"msg_008\",\"output_index\":0,\"content_index\":0,"
                + "\"delta\":\"" + Base64.getEncoder().encodeToString(frame) + "\"}";
    }

    /**
     * The session's path: base64 written in place behind the JSON prefix of a reused array.
     *
     * @return the encoded length
     */
    @Benchmark
    public int appendEncoder() {
        return encoder.encode(frame, 0, frame.length);
    }

    /**
     * The obvious path, for comparison: a Jackson tree with a base64 string, serialised to a string.
     *
     * @return the JSON text
     * @throws Exception never in practice
     */
    @Benchmark
    public String appendViaJacksonTree() throws Exception {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", "input_audio_buffer.append");
        node.put("audio", Base64.getEncoder().encodeToString(frame));
        return mapper.writeValueAsString(node);
    }

    /**
     * Parsing one output_audio.delta into its record and decoding the audio, as the session does.
     *
     * @return the decoded audio
     */
    @Benchmark
    public byte[] parseOutputAudioDelta() {
        ServerEvent.ResponseOutputAudioDelta event = (ServerEvent.ResponseOutputAudioDelta) codec.parse(deltaEvent);
        return Base64.getDecoder().decode(event.delta());
    }

    /**
     * The same through a JSON tree (the codec's general path), for comparison with the streaming fast path.
     *
     * @return the decoded audio
     * @throws Exception never in practice
     */
    @Benchmark
    public byte[] parseOutputAudioDeltaViaTree() throws Exception {
        ServerEvent.ResponseOutputAudioDelta event =
                (ServerEvent.ResponseOutputAudioDelta) codec.parse(codec.mapper().readTree(deltaEvent));
        return Base64.getDecoder().decode(event.delta());
    }
}
