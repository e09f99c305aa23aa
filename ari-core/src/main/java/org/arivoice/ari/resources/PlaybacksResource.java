package org.arivoice.ari.resources;

import java.util.Objects;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.model.Playback;

/**
 * The {@code /playbacks} operations of ARI. Obtain it from {@link org.arivoice.ari.AriClient#playbacks()};
 * playbacks are started with {@code channels().play(...)} or {@code bridges().play(...)}.
 */
public final class PlaybacksResource {
    private final AriTransport transport;

    /**
     * Creates the resource over a transport. Applications use {@link org.arivoice.ari.AriClient#playbacks()}.
     *
     * @param transport the client's transport
     */
    public PlaybacksResource(AriTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Gets a playback ({@code GET /playbacks/{playbackId}}).
     *
     * @param playbackId the playback id
     * @return the playback
     */
    public AriFuture<Playback> get(String playbackId) {
        return transport.request("playbacks.get", "GET", "/playbacks/{playbackId}")
                .path("playbackId", playbackId).json(Playback.class);
    }

    /**
     * Stops a playback ({@code DELETE /playbacks/{playbackId}}); {@code PlaybackFinished} follows.
     *
     * @param playbackId the playback id
     * @return completes when stopped
     */
    public AriFuture<Void> stop(String playbackId) {
        return transport.request("playbacks.stop", "DELETE", "/playbacks/{playbackId}")
                .path("playbackId", playbackId).noContent();
    }

    /**
     * Controls a playback ({@code POST /playbacks/{playbackId}/control}).
     *
     * @param playbackId the playback id
     * @param operation pause, unpause, restart, forward or reverse
     * @return completes when applied
     */
    public AriFuture<Void> control(String playbackId, PlaybackOperation operation) {
        return transport.request("playbacks.control", "POST", "/playbacks/{playbackId}/control")
                .path("playbackId", playbackId)
                .query("operation", Objects.requireNonNull(operation, "operation").wireValue())
                .noContent();
    }
}
