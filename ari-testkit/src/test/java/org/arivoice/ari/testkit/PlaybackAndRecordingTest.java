package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlaybackAndRecordingTest {
    FakeAsterisk fake;
    TestAri ari;
    TestAri.Events events;

    @BeforeEach
    void start() {
        fake = FakeAsterisk.builder().sound("beep", Duration.ofMillis(100)).build().start();
        ari = new TestAri(fake);
        events = ari.connect("app=voicebot");
        ari.call("POST", "/channels?endpoint=Local/stasis@ari-it&app=voicebot&channelId=p&otherChannelId=p-peer");
        events.await("StasisStart", "p");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aKnownSoundStartsAfterThe201AndFinishes() {
        TestAri.Resp r = ari.call("POST", "/channels/p/play?media=sound:beep&playbackId=pb1");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).contains("/ari/playbacks/pb1");
        // conformance-playbacks.jsonl (cf-pl1): the 201 says "queued", PlaybackStarted follows from the queue.
        assertThat(r.body().path("state").asText()).isEqualTo("queued");
        events.await("PlaybackFinished", "pb1");
        assertThat(Replay.perResource(events.received).get("pb1"))
                .containsExactly("PlaybackStarted:playing", "PlaybackFinished:done");
        assertThat(ari.call("GET", "/playbacks/pb1").message()).isEqualTo("Playback not found");
    }

    @Test
    void aPlaylistIsQueuedAndStoppingAnItemMovesToTheNext() {
        TestAri.Resp r = ari.call("POST", "/channels/p/play/pb2?media=tone:440/200,0/200");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("state").asText()).isEqualTo("queued");
        assertThat(r.body().path("next_media_uri").asText()).isEqualTo("0/200");
        events.await("PlaybackStarted", "pb2");
        assertThat(ari.call("GET", "/playbacks/pb2").body().path("state").asText()).isEqualTo("playing");
        assertThat(ari.call("DELETE", "/playbacks/pb2").status()).isEqualTo(204);
        events.await(e -> "PlaybackStarted".equals(e.path("type").asText())
                && "0/200".equals(e.path("playback").path("media_uri").asText()));
        assertThat(Replay.perResource(events.received).get("pb2"))
                .containsExactly("PlaybackStarted:playing", "PlaybackContinuing:continuing", "PlaybackStarted:playing");
        // conformance-channels-media.jsonl (cf-pbt): "0/200" has no scheme, so it starts and never finishes;
        // res_stasis_playback.c play_on_channel skips it and the playback is gone.
        assertThat(ari.call("GET", "/playbacks/pb2").status()).isEqualTo(404);
        assertThat(events.received).noneMatch(e -> "PlaybackFinished".equals(e.path("type").asText()));
    }

    @Test
    void anUnknownSoundIsAcceptedAndFailsAtOnce() {
        TestAri.Resp r = ari.call("POST", "/channels/p/play?media=sound:no-such-sound&playbackId=pb3");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("state").asText()).isEqualTo("queued");
        JsonNode finished = events.await("PlaybackFinished", "pb3");
        assertThat(finished.path("playback").path("state").asText()).isEqualTo("failed");
    }

    @Test
    void bridgePlaybackTargetsTheBridge() {
        ari.call("POST", "/bridges?bridgeId=bp");
        ari.call("POST", "/bridges/bp/addChannel?channel=p");
        TestAri.Resp r = ari.call("POST", "/bridges/bp/play?media=sound:hello-world&playbackId=pb4");
        assertThat(r.body().path("target_uri").asText()).isEqualTo("bridge:bp");
        events.await("PlaybackStarted", "pb4");
    }

    @Test
    void aChannelRecordingIsStoppedStoredFetchedAndDeleted() {
        TestAri.Resp r = ari.call("POST", "/channels/p/record?name=r1&format=wav");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("state").asText()).isEqualTo("queued");
        events.await(e -> "RecordingStarted".equals(e.path("type").asText()));
        assertThat(ari.call("GET", "/recordings/live/r1").body().path("state").asText()).isEqualTo("recording");
        assertThat(ari.call("POST", "/recordings/live/r1/stop").status()).isEqualTo(204);
        JsonNode done = events.await(e -> "RecordingFinished".equals(e.path("type").asText()));
        assertThat(done.path("recording").path("state").asText()).isEqualTo("done");
        assertThat(ari.call("GET", "/recordings/stored/r1").body().path("format").asText()).isEqualTo("wav");
        TestAri.Resp file = ari.call("GET", "/recordings/stored/r1/file");
        assertThat(file.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(new String(file.raw(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(ari.call("POST", "/channels/p/record?name=r1&format=wav").status()).isEqualTo(409);
        assertThat(ari.call("DELETE", "/recordings/stored/r1").status()).isEqualTo(204);
        assertThat(ari.call("GET", "/recordings/stored/r1").message()).isEqualTo("Recording not found");
        assertThat(ari.call("POST", "/channels/p/record?name=r2&format=mp9").status()).isEqualTo(422);
    }
}
