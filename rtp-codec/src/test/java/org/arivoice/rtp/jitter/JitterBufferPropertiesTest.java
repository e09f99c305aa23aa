package org.arivoice.rtp.jitter;

import org.arivoice.rtp.AudioPayload;
import static org.arivoice.rtp.jitter.Frames.MS;
import static org.arivoice.rtp.jitter.Frames.assertContiguous;
import static org.arivoice.rtp.jitter.Frames.packet;
import static org.arivoice.rtp.jitter.Frames.pattern;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.arivoice.rtp.jitter.Frames.Frame;
import org.arivoice.rtp.jitter.Frames.Recorder;

class JitterBufferPropertiesTest {
    private static final int DEPTH_MS = 60;
    private static final long SSRC = 42;

    /** What happens to one packet: its duration, whether it is lost, its delays (second one if duplicated). */
    record Fate(int durationMs, boolean lost, int delayMs, boolean duplicated, int duplicateDelayMs) {
    }

    @Provide
    Arbitrary<List<Fate>> streams() {
        Arbitrary<Integer> duration = Arbitraries.of(10, 20, 20, 20, 30);
        Arbitrary<Boolean> lost = Arbitraries.integers().between(0, 99).map(p -> p < 5);
        Arbitrary<Integer> delay = Arbitraries.integers().between(0, 40);
        Arbitrary<Boolean> duplicated = Arbitraries.integers().between(0, 99).map(p -> p < 5);
        return Combinators.combine(duration, lost, delay, duplicated, delay).as(Fate::new).list().ofSize(200);
    }

    private record Arrival(long atNanos, int index) {
    }

    @Property(tries = 150)
    void anyReorderingLossAndDuplicationWithinTheDepthYieldsAnOrderedContiguousCompleteStream(
            @ForAll("streams") List<Fate> fates,
            @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long firstTimestamp,
            @ForAll @IntRange(min = 0, max = 65_535) int firstSequence) {
        JitterBuffer jb = JitterBufferConfig.builder(AudioPayload.PCMU).depthMillis(DEPTH_MS).build().newBuffer();
        long[] ts = new long[fates.size()];
        long[] sentAt = new long[fates.size()];
        List<Arrival> arrivals = new ArrayList<>();
        long t = 0;
        long rtp = firstTimestamp;
        for (int k = 0; k < fates.size(); k++) {
            Fate f = fates.get(k);
            ts[k] = rtp & 0xFFFF_FFFFL;
            sentAt[k] = t;
            if (!f.lost()) {
                arrivals.add(new Arrival(t + f.delayMs() * MS, k));
                if (f.duplicated()) {
                    arrivals.add(new Arrival(t + f.duplicateDelayMs() * MS, k));
                }
            }
            t += f.durationMs() * MS;
            rtp += f.durationMs() * 8L;
        }
        arrivals.sort(Comparator.comparingLong(Arrival::atNanos));

        Recorder out = new Recorder();
        int next = 0;
        long lastArrival = arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1).atNanos();
        for (long now = 0; now <= lastArrival; now += MS) {
            while (next < arrivals.size() && arrivals.get(next).atNanos() <= now) {
                int k = arrivals.get(next).index();
                jb.offer(packet(0, (firstSequence + k) & 0xFFFF, ts[k], SSRC, pattern(k, fates.get(k).durationMs() * 8)),
                        arrivals.get(next).atNanos());
                next++;
            }
            out.now = now;
            jb.poll(now, out);
        }
        jb.drainAll(out);

        // Strictly ordered and contiguous: every frame starts where the previous one ended.
        assertContiguous(out.frames, 1);

        // Every packet that arrived was played exactly once, byte for byte; copies were counted.
        Map<Long, Frame> audio = new HashMap<>();
        for (Frame f : out.ofKind(FrameKind.AUDIO)) {
            assertThat(audio.put(f.timestamp(), f)).as("played twice: %s", f).isNull();
        }
        int received = 0;
        int copies = 0;
        int firstReceived = -1;
        int lastReceived = -1;
        for (int k = 0; k < fates.size(); k++) {
            Fate f = fates.get(k);
            if (f.lost()) {
                assertThat(audio).doesNotContainKey(ts[k]);
                continue;
            }
            received++;
            copies += f.duplicated() ? 1 : 0;
            firstReceived = firstReceived < 0 ? k : firstReceived;
            lastReceived = k;
            assertThat(audio).containsKey(ts[k]);
            assertThat(audio.get(ts[k]).data()).isEqualTo(pattern(k, f.durationMs() * 8));
        }
        JitterBufferStats s = jb.stats();
        assertThat(s.played()).isEqualTo(received);
        assertThat(s.duplicates()).isEqualTo(copies);
        assertThat(s.lateDropped()).isZero();
        assertThat(s.resets()).isZero();
        assertThat(s.clockSlips()).isZero();
        assertThat(s.played() + s.lateDropped() + s.duplicates()).isEqualTo(arrivals.size());

        // The output spans exactly first..last received packet; the holes are the lost packets' durations.
        if (received > 0) {
            assertThat(out.frames.get(0).timestamp()).isEqualTo(ts[firstReceived]);
            long lostMs = 0;
            for (int k = firstReceived; k <= lastReceived; k++) {
                lostMs += fates.get(k).lost() ? fates.get(k).durationMs() : 0;
            }
            long spanMs = (sentAt[lastReceived] - sentAt[firstReceived]) / MS + fates.get(lastReceived).durationMs();
            assertThat(out.frames.stream().mapToInt(Frame::length).sum()).isEqualTo(spanMs * 8);
            assertThat(s.silenceMillis()).isEqualTo(lostMs);
        }
    }
}
