package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class CallerAudioTest {

    @Test
    void generatedTonesStandInWhenTheRecordingIsAbsent() {
        CallerAudio audio = CallerAudio.generated();
        assertThat(audio.prompt("hello-world")).get().satisfies(a -> assertThat(a).hasSize(1400 * 8));
        assertThat(audio.prompt("demo-congrats")).get().satisfies(a -> assertThat(a).hasSize(2100 * 8));
        assertThat(audio.prompt("no-such")).isEmpty();
        assertThat(audio.all()).hasSize(3500 * 8);
    }

    @Test
    void theRecordingIsSplitAfterTheRecordedLengthOfHelloWorld() throws Exception {
        var file = Shared.dir().resolve("reference/asterisk-ari/transcripts/caller-audio-from-externalmedia.ulaw");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file),
                "../shared is absent: splitting the recorded caller audio");
        byte[] recorded = Files.readAllBytes(file);
        CallerAudio audio = CallerAudio.fromRecording(recorded, "test");
        assertThat(audio.prompt("hello-world").orElseThrow()).hasSize(70 * 160);
        byte[] all = audio.all();
        assertThat(all.length % 160).isZero();
        assertThat(java.util.Arrays.copyOf(all, recorded.length)).isEqualTo(recorded);
        assertThat(FakeAsterisk.builder().callerAudio(recorded).build().callerAudio()).isEqualTo(all);
    }
}
