package org.arivoice.rtp.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever order, loss and duplication the network applies, the statistics never throw, never call a new
 * sequence number a duplicate, and count each distinct sequence number at most once.
 */
class ReceiveStatisticsPropertiesTest {

    /** Offsets from a base sequence number, in arrival order. */
    @Provide
    Arbitrary<List<Integer>> arrivals() {
        // Either a realistic stream (drops, duplicates, bounded displacement) or arbitrary chaos.
        Arbitrary<List<Integer>> realistic = Combinators.combine(
                Arbitraries.integers().between(1, 600),
                Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(0, 150),
                Arbitraries.longs())
                .as(ReceiveStatisticsPropertiesTest::networkMangled);
        Arbitrary<List<Integer>> chaos = Arbitraries.integers().between(0, 5000).list().ofMaxSize(600);
        Arbitrary<List<Integer>> permutation = Arbitraries.integers().between(1, 400)
                .flatMap(n -> Arbitraries.shuffle(rangeList(n)));
        return Arbitraries.oneOf(realistic, chaos, permutation);
    }

    private static List<Integer> rangeList(int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    private static List<Integer> networkMangled(int n, int dropPercent, int dupPercent, int maxDisplacement,
            long seed) {
        Random random = new Random(seed);
        List<double[]> keyed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (random.nextInt(100) < dropPercent) {
                continue;
            }
            int copies = random.nextInt(100) < dupPercent ? 2 + random.nextInt(2) : 1;
            for (int c = 0; c < copies; c++) {
                keyed.add(new double[] {i + random.nextDouble() * maxDisplacement, i});
            }
        }
        keyed.sort((a, b) -> Double.compare(a[0], b[0]));
        List<Integer> out = new ArrayList<>(keyed.size());
        for (double[] k : keyed) {
            out.add((int) k[1]);
        }
        return out;
    }

    @Property(tries = 500)
    void receivedEqualsDistinctCountedPacketsAndDuplicatesAreReal(
            @ForAll("arrivals") List<Integer> offsets,
            @ForAll @IntRange(min = 0, max = 65_535) int base,
            @ForAll @IntRange(min = 0, max = 30) int arrivalJitterMillis) {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        Random random = new Random(base);
        Set<Integer> countedThisGeneration = new HashSet<>();
        Set<Integer> everArrived = new HashSet<>();
        Map<ReceiveResult, Long> tally = new EnumMap<>(ReceiveResult.class);
        long generation = stats.snapshot().generation();
        long now = 0;

        for (int offset : offsets) {
            int seq = (base + offset) & 0xFFFF;
            now += 20_000_000L + random.nextInt(arrivalJitterMillis + 1) * 1_000_000L;
            ReceiveResult r = stats.update(0x5EED, seq, 160L * offset, now);
            tally.merge(r, 1L, Long::sum);

            ReceiveSnapshot s = stats.snapshot();
            if (s.generation() != generation) {
                generation = s.generation();
                countedThisGeneration.clear();
            }
            if (r == ReceiveResult.DUPLICATE) {
                assertThat(everArrived).as("a duplicate of %d must have arrived before", seq).contains(seq);
            }
            if (r.isCounted()) {
                assertThat(countedThisGeneration.add(seq)).as("%d counted twice", seq).isTrue();
            }
            everArrived.add(seq);

            assertThat(s.packetsReceived()).isEqualTo(countedThisGeneration.size());
            assertThat(s.cumulativeLost()).isEqualTo(s.packetsExpected() - s.packetsReceived());
            assertThat(s.jitter()).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(s.duplicates()).isEqualTo(tally.getOrDefault(ReceiveResult.DUPLICATE, 0L));
            assertThat(s.reordered()).isEqualTo(tally.getOrDefault(ReceiveResult.REORDERED, 0L));
            assertThat(s.badSequence()).isEqualTo(tally.getOrDefault(ReceiveResult.BAD_SEQUENCE, 0L));
            assertThat(s.resyncs()).isEqualTo(tally.getOrDefault(ReceiveResult.RESYNC, 0L));
            if (s.sourceValid()) {
                assertThat(s.packetsExpected()).isPositive();
            }
        }
        IntervalReport report = stats.intervalReport();
        assertThat(report.fractionLost()).isBetween(0, 255);

        // The generators must keep exercising every branch of the sequence validation.
        for (ReceiveResult kind : List.of(ReceiveResult.DUPLICATE, ReceiveResult.REORDERED,
                ReceiveResult.BAD_SEQUENCE, ReceiveResult.RESYNC)) {
            Statistics.label(kind.name()).collect(tally.containsKey(kind));
            Statistics.label(kind.name()).coverage(c -> c.check(true).count((Integer n) -> n > 0));
        }
    }

    @Property(tries = 200)
    void switchingSourcesNeverThrowsAndIsCounted(
            @ForAll("arrivals") List<Integer> offsets,
            @ForAll long seed) {
        ReceiveStatistics stats = new ReceiveStatistics(16_000);
        Random random = new Random(seed);
        long current = -1;
        int switches = 0;
        List<Long> sources = List.of(1L, 2L, 0xFFFF_FFFFL);
        for (int offset : offsets) {
            long ssrc = random.nextInt(10) == 0 ? sources.get(random.nextInt(3)) : (current < 0 ? 1 : current);
            boolean switched = current >= 0 && ssrc != current;
            if (switched) {
                switches++;
            }
            // Arbitrary arrival times, even going backwards: the estimate must stay a finite number.
            ReceiveResult r = stats.update(ssrc, offset, 320L * offset, random.nextLong());
            if (switched) {
                assertThat(r).isEqualTo(ReceiveResult.NEW_SOURCE);
                assertThat(stats.snapshot().packetsReceived()).isZero();
            } else {
                assertThat(r).isNotEqualTo(ReceiveResult.NEW_SOURCE);
            }
            current = ssrc;
            ReceiveSnapshot s = stats.snapshot();
            assertThat(s.sourceChanges()).isEqualTo(switches);
            assertThat(s.ssrc()).isEqualTo(ssrc);
            assertThat(s.jitter()).isFinite().isGreaterThanOrEqualTo(0);
        }
    }
}
