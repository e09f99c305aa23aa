package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * FakeAsterisk against every ARI operation as a real Asterisk answered it: each conformance transcript
 * ({@code testdata/asterisk-ari/conformance}, see {@link ConformanceReplay} for what is compared) is replayed
 * against a fresh fake. Prints {@code conformance: REST a/b, events c/d} and every difference; fails below 100 %
 * of REST calls or 98 % of per-resource event sequences.
 */
class ConformanceReplayTest {
    /** Event differences that remain, each with the reason it is left (matched by the start of its text). */
    static final Map<String, String> KNOWN = new LinkedHashMap<>();
    private static final int PARALLEL = 4;

    @Test
    void theFakeAnswersEveryOperationAsTheRealAsteriskDid() throws Exception {
        // -Dconformance.sections=bridges,playbacks replays only those (while working on one part of the fake).
        List<String> only = List.of(System.getProperty("conformance.sections", "").split(",")).stream()
                .filter(x -> !x.isBlank()).toList();
        List<ConformanceReplay.Section> sections = ConformanceReplay.Section.all().stream()
                .filter(x -> only.isEmpty() || only.contains(x.name())).toList();
        // The replays run at the recorded pace (about 90 s in all) and mostly wait, so they run side by side,
        // each against its own fake: the longest first.
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<ConformanceReplay.Score>> running = new ArrayList<>();
        try {
            for (ConformanceReplay.Section section : sections.stream()
                    .sorted(Comparator.comparingLong(ConformanceReplay.Section::lengthMs).reversed()).toList()) {
                running.add(pool.submit(() -> {
                    try (FakeAsterisk fake = FakeAsterisk.builder()
                            .asteriskConfig(ConformanceReplay.asteriskConf()).build().start()) {
                        return new ConformanceReplay(section, fake).run();
                    }
                }));
            }
        } finally {
            pool.shutdown();
        }
        List<ConformanceReplay.Score> scores = new ArrayList<>();
        for (Future<ConformanceReplay.Score> f : running) {
            scores.add(f.get());
        }
        scores.sort(Comparator.comparing(x -> x.section));
        int rest = 0;
        int restTotal = 0;
        int seq = 0;
        int seqTotal = 0;
        StringBuilder report = new StringBuilder();
        for (ConformanceReplay.Score s : scores) {
            rest += s.restMatched;
            restTotal += s.restTotal;
            seq += s.sequencesMatched;
            seqTotal += s.sequencesTotal;
            report.append(String.format("%-22s REST %3d/%3d, events %3d/%3d%s%n", s.section, s.restMatched,
                    s.restTotal, s.sequencesMatched, s.sequencesTotal,
                    s.latenessMs > 0 ? " (ran up to " + s.latenessMs + " ms late)" : ""));
            for (String d : s.restDifferences) {
                report.append("  REST   ").append(d).append('\n');
            }
            for (String d : s.eventDifferences) {
                String reason = KNOWN.entrySet().stream().filter(k -> (s.section + " " + d).startsWith(k.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse("not explained");
                report.append("  EVENTS ").append(d).append("\n         (").append(reason).append(")\n");
            }
        }
        String summary = "conformance: REST " + rest + "/" + restTotal + ", events " + seq + "/" + seqTotal;
        System.out.println(summary);
        System.out.print(report);
        assertThat(rest).as(summary + "\n" + report).isEqualTo(restTotal);
        assertThat(seq * 100.0 / seqTotal).as(summary + "\n" + report).isGreaterThanOrEqualTo(98.0);
    }
}
