package org.arivoice.rtp.jitter;

import org.arivoice.rtp.AudioPayload;
import static org.arivoice.rtp.jitter.Frames.MS;
import static org.arivoice.rtp.jitter.Frames.assertContiguous;
import static org.arivoice.rtp.jitter.Frames.packet;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.arivoice.rtp.jitter.Frames.Frame;
import org.arivoice.rtp.jitter.Frames.Recorder;
import org.arivoice.testsupport.TestData;
import org.junit.jupiter.api.Test;

/**
 * Real caller audio, as Asterisk's ExternalMedia sent it: 3.5 s of 8 kHz µ-law from
 * {@code testdata/asterisk-ari/transcripts/caller-audio-from-externalmedia.ulaw}.
 */
class JitterBufferCallerAudioTest {
    private static final String RECORDING = "asterisk-ari/transcripts/caller-audio-from-externalmedia.ulaw";

    private static Path recording() {
        return TestData.file(RECORDING);
    }

    private record Arrival(long atNanos, int index) {
    }

    @Test
    void shuffledLossyDuplicatedCallerAudioComesBackIntactExceptTheLostFrames() throws IOException {
        Path path = recording();
        byte[] audio = Files.readAllBytes(path);
        int packets = (audio.length + 159) / 160; // the last one is shorter
        assertThat(packets).isGreaterThan(150);

        Random random = new Random(20_251_125L);
        Set<Integer> lost = new HashSet<>();
        // 3 % loss, never the first or last packet: nothing can tell a receiver those existed.
        while (lost.size() < Math.round(packets * 0.03)) {
            lost.add(1 + random.nextInt(packets - 2));
        }
        List<Arrival> arrivals = new ArrayList<>();
        int duplicates = 0;
        for (int k = 0; k < packets; k++) {
            if (lost.contains(k)) {
                continue;
            }
            // Up to 40 ms of network delay, so packets overtake each other within 40 ms.
            arrivals.add(new Arrival(k * 20 * MS + random.nextInt(40_000) * 1000L, k));
            if (random.nextInt(100) < 2) {
                arrivals.add(new Arrival(k * 20 * MS + random.nextInt(40_000) * 1000L, k));
                duplicates++;
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::atNanos));
        assertThat(duplicates).isPositive();

        JitterBuffer jb = JitterBufferConfig.builder(AudioPayload.PCMU).depthMillis(60)
                .concealment(Concealment.repeat(2)).build().newBuffer();
        Recorder out = new Recorder();
        int next = 0;
        long end = arrivals.get(arrivals.size() - 1).atNanos();
        for (long now = 0; now <= end + MS; now += MS) {
            while (next < arrivals.size() && arrivals.get(next).atNanos() <= now) {
                int k = arrivals.get(next).index();
                int len = Math.min(160, audio.length - k * 160);
                OfferResult r = jb.offer(packet(0, 7000 + k, 1_000_000L + 160L * k, 0xCAFE, audio, k * 160, len),
                        arrivals.get(next).atNanos());
                assertThat(r).isIn(OfferResult.ACCEPTED, OfferResult.DUPLICATE);
                next++;
            }
            out.now = now;
            jb.poll(now, out);
        }
        jb.drainAll(out);

        assertContiguous(out.frames, 1);
        assertThat(out.frames).hasSize(packets);
        for (int k = 0; k < packets; k++) {
            Frame f = out.frames.get(k);
            assertThat(f.timestamp()).isEqualTo(1_000_000L + 160L * k);
            if (lost.contains(k)) {
                assertThat(f.kind()).as("frame %d", k).isNotEqualTo(FrameKind.AUDIO);
                assertThat(f.length()).isEqualTo(160);
            } else {
                assertThat(f.kind()).as("frame %d", k).isEqualTo(FrameKind.AUDIO);
                int len = Math.min(160, audio.length - k * 160);
                assertThat(f.data()).as("frame %d", k).isEqualTo(Arrays.copyOfRange(audio, k * 160, k * 160 + len));
            }
        }
        JitterBufferStats s = jb.stats();
        assertThat(s.played()).isEqualTo(packets - lost.size());
        assertThat(s.duplicates()).isEqualTo(duplicates);
        assertThat(s.lateDropped()).isZero();
        assertThat(s.concealedMillis() + s.silenceMillis()).isEqualTo(20L * lost.size());
    }
}
