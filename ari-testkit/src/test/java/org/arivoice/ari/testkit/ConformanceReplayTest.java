package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * FakeAsterisk against every ARI operation as a real Asterisk answered it: each conformance transcript
 * ({@code testdata/asterisk-ari/conformance}, see {@link ConformanceReplay} for what is compared) is replayed
 * against a fresh fake. Prints {@code conformance: REST a/b, events c/d} and every difference; fails below 100 %
 * of REST calls or 98 % of per-resource event sequences (the event comparison already tolerates what varied
 * between the two real runs; the margin is for a busy machine, where a timer of the fake can run late enough to
 * take the other side of a race the recording shows). Today every call and every sequence matches.
 */
class ConformanceReplayTest {
    private static final int PARALLEL = 4;
    private static final int ATTEMPTS = 3;

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
                running.add(pool.submit(() -> replayUntilItMatches(section)));
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
            for (String n : s.notes) {
                report.append("  NOTE   ").append(n).append('\n');
            }
            for (String d : s.restDifferences) {
                report.append("  REST   ").append(d).append('\n');
            }
            for (String d : s.eventDifferences) {
                report.append("  EVENTS ").append(d).append('\n');
            }
        }
        String summary = "conformance: REST " + rest + "/" + restTotal + ", events " + seq + "/" + seqTotal;
        System.out.println(summary);
        System.out.print(report);
        assertThat(rest).as(summary + "\n" + report).isEqualTo(restTotal);
        assertThat(seq * 100.0 / seqTotal).as(summary + "\n" + report).isGreaterThanOrEqualTo(98.0);
    }

    /**
     * Replays a section, again (up to {@value #ATTEMPTS} times in all) when it differed: on a busy machine a
     * step or a timer of the fake can run late enough to take the other side of a race that the recording shows
     * (a DELETE 2 ms after another, say), as a real Asterisk would. A real difference differs every time. The
     * earlier attempts are kept in the report.
     */
    private static ConformanceReplay.Score replayUntilItMatches(ConformanceReplay.Section section) throws Exception {
        List<String> earlier = new ArrayList<>();
        for (int attempt = 1;; attempt++) {
            ConformanceReplay.Score score;
            try (FakeAsterisk fake = FakeAsterisk.builder().asteriskConfig(ConformanceReplay.asteriskConf()).build()
                    .start()) {
                score = new ConformanceReplay(section, fake).run();
            }
            if (score.matches() || attempt == ATTEMPTS) {
                score.notes.addAll(0, earlier);
                return score;
            }
            earlier.add("attempt " + attempt + " (ran up to " + score.latenessMs + " ms late) differed: "
                    + String.join("; ", score.restDifferences) + " " + String.join("; ", score.eventDifferences));
        }
    }
}
