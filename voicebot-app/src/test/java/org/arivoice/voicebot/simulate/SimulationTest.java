package org.arivoice.voicebot.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTest {

    @Test
    void twoConcurrentCallsCompleteWithBotAudioHeardAndNoLeftovers(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        SimulationReport report = Simulation.run(new SimulationOptions(2, dir, Duration.ofSeconds(4)),
                new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(report.callsPlaced()).isEqualTo(2);
        assertThat(report.callsCompleted()).isEqualTo(2);
        assertThat(report.leftovers()).isEmpty();
        assertThat(report.filesWritten()).hasSize(4).allSatisfy(f -> assertThat(Files.size(f)).isGreaterThan(44));
        // The greeting (about 2.2 s of the model's audio) reached each simulated caller.
        assertThat(report.callerHeardBotMillis()).allSatisfy(ms -> assertThat(ms).isGreaterThan(500));
        // The caller's turn ended and the model answered within the call.
        assertThat(report.latencies()).filteredOn(l -> l.stage().equals("SPEECH_STOPPED_TO_FIRST_AUDIO"))
                .singleElement().satisfies(l -> assertThat(l.count()).isEqualTo(2));
        LatencySummary setup = report.latencies().stream().filter(l -> l.stage().equals("CALL_SETUP"))
                .findFirst().orElseThrow();
        assertThat(setup.count()).isEqualTo(2);
        assertThat(printed).contains("FIRST_AUDIO_TO_FIRST_RTP").contains("leftovers in Asterisk: none");
        java.util.List<Path> transcripts;
        try (var files = Files.list(dir.resolve("transcripts"))) {
            transcripts = files.toList();
        }
        assertThat(transcripts).hasSize(2);
        for (Path t : transcripts) {
            java.util.List<String> lines = Files.readAllLines(t);
            assertThat(lines.get(0)).contains("\"type\":\"call_started\"");
            assertThat(lines).anyMatch(l -> l.contains("\"type\":\"bot\"") && l.contains("\"text\":"));
            assertThat(lines).anyMatch(l -> l.contains("\"type\":\"caller\"") && l.contains("\"text\":"));
            assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"call_ended\"")
                    .contains("CALLER_HUNG_UP");
        }
    }
}
