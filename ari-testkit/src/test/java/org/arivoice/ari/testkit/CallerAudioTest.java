package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.arivoice.testsupport.TestData;
import org.junit.jupiter.api.Test;

class CallerAudioTest {

    @Test
    void generatedTonesHaveThePromptsLengths() {
        CallerAudio audio = CallerAudio.generated();
        assertThat(audio.prompt("hello-world")).get().satisfies(a -> assertThat(a).hasSize(1400 * 8));
        assertThat(audio.prompt("demo-congrats")).get().satisfies(a -> assertThat(a).hasSize(2100 * 8));
        assertThat(audio.prompt("no-such")).isEmpty();
        assertThat(audio.all()).hasSize(3500 * 8);
    }

    @Test
    void theBundledAudioIsTheRecordingOfTestdata() throws Exception {
        byte[] recorded = Files.readAllBytes(
                TestData.file("asterisk-ari/transcripts/caller-audio-from-externalmedia.ulaw"));
        assertThat(recorded).hasSize(28_172);
        assertThat(CallerAudio.recording()).as("the resource " + CallerAudio.RECORDING).isEqualTo(recorded);
        CallerAudio audio = CallerAudio.defaultAudio();
        assertThat(audio.origin()).contains(CallerAudio.RECORDING);
        assertThat(audio.all()).isEqualTo(CallerAudio.fromRecording(recorded, "test").all());
        assertThat(FakeAsterisk.builder().build().callerAudio()).isEqualTo(audio.all());
    }

    @Test
    void theRecordingIsSplitAfterTheRecordedLengthOfHelloWorld() throws Exception {
        byte[] recorded = Files.readAllBytes(
                TestData.file("asterisk-ari/transcripts/caller-audio-from-externalmedia.ulaw"));
        CallerAudio audio = CallerAudio.fromRecording(recorded, "test");
        assertThat(audio.prompt("hello-world").orElseThrow()).hasSize(70 * 160);
        byte[] all = audio.all();
        assertThat(all.length % 160).isZero();
        assertThat(java.util.Arrays.copyOf(all, recorded.length)).isEqualTo(recorded);
        assertThat(FakeAsterisk.builder().callerAudio(recorded).build().callerAudio()).isEqualTo(all);
    }
}
