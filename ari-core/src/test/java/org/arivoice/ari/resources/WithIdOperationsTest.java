package org.arivoice.ari.resources;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.arivoice.ari.AriClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code ...WithId} operations refuse options that name a different id, before anything is sent (the
 * client points at a port where nothing listens, so a request that went out would fail differently).
 */
class WithIdOperationsTest {
    private final AriClient ari = AriClient.builder().baseUrl("http://127.0.0.1:9")
            .credentials("voicebot", "voicebot-secret").build();

    @AfterEach
    void close() {
        ari.close();
    }

    @Test
    void playWithIdRefusesOptionsWithAnotherPlaybackId() {
        PlayOptions options = PlayOptions.builder("sound:hello-world").playbackId("p-2").build();
        assertThatThrownBy(() -> ari.channels().playWithId("c-1", "p-1", options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("playWithId(..., p-1, ...) was given options with another playbackId (p-2); leave it unset");
        assertThatThrownBy(() -> ari.bridges().playWithId("b-1", "p-1", options))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another playbackId (p-2)");
    }

    @Test
    void snoopAndOriginateWithIdRefuseOptionsWithAnotherId() {
        assertThatThrownBy(() -> ari.channels().snoopWithId("c-1", "s-1",
                SnoopOptions.builder("voicebot").snoopId("s-2").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another snoopId (s-2)");
        assertThatThrownBy(() -> ari.channels().originateWithId("c-1",
                OriginateOptions.builder("Local/caller@ari-it").channelId("c-2").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another channelId (c-2)");
    }
}
