package org.arivoice.ari.resources;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.internal.http.AriRequest;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.model.LiveRecording;
import org.arivoice.ari.model.StoredRecording;

/**
 * The {@code /recordings} operations of ARI: live recordings (started with {@code channels().record(...)} or
 * {@code bridges().record(...)}) and stored recordings, including the stored file's bytes. Obtain it from
 * {@link org.arivoice.ari.AriClient#recordings()}.
 */
public final class RecordingsResource {
    private final AriTransport transport;

    /**
     * Creates the resource over a transport. Applications use {@link org.arivoice.ari.AriClient#recordings()}.
     *
     * @param transport the client's transport
     */
    public RecordingsResource(AriTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    private AriRequest stored(String nickname, String method, String path, String recordingName) {
        return transport.request("recordings." + nickname, method, path).path("recordingName", recordingName);
    }

    private AriRequest live(String nickname, String method, String path, String recordingName) {
        return transport.request("recordings." + nickname, method, path).path("recordingName", recordingName);
    }

    /**
     * Lists stored recordings ({@code GET /recordings/stored}).
     *
     * @return the stored recordings
     */
    public AriFuture<List<StoredRecording>> listStored() {
        return transport.request("recordings.listStored", "GET", "/recordings/stored")
                .jsonList(StoredRecording.class);
    }

    /**
     * Gets a stored recording ({@code GET /recordings/stored/{recordingName}}).
     *
     * @param recordingName the recording name
     * @return the stored recording
     */
    public AriFuture<StoredRecording> getStored(String recordingName) {
        return stored("getStored", "GET", "/recordings/stored/{recordingName}", recordingName)
                .json(StoredRecording.class);
    }

    /**
     * Deletes a stored recording ({@code DELETE /recordings/stored/{recordingName}}).
     *
     * @param recordingName the recording name
     * @return completes when deleted
     */
    public AriFuture<Void> deleteStored(String recordingName) {
        return stored("deleteStored", "DELETE", "/recordings/stored/{recordingName}", recordingName).noContent();
    }

    /**
     * Downloads a stored recording's file ({@code GET /recordings/stored/{recordingName}/file}) into memory.
     *
     * @param recordingName the recording name
     * @return the file's bytes, in the recording's format (e.g. a WAV file)
     */
    public AriFuture<byte[]> getStoredFile(String recordingName) {
        return stored("getStoredFile", "GET", "/recordings/stored/{recordingName}/file", recordingName).bytes();
    }

    /**
     * Streams a stored recording's file ({@code GET /recordings/stored/{recordingName}/file}); completes as
     * soon as the response headers arrive. Use it for long recordings.
     *
     * @param recordingName the recording name
     * @return the file's content; the caller must close the stream
     */
    public AriFuture<InputStream> getStoredFileStream(String recordingName) {
        return stored("getStoredFile", "GET", "/recordings/stored/{recordingName}/file", recordingName).stream();
    }

    /**
     * Copies a stored recording ({@code POST /recordings/stored/{recordingName}/copy}).
     *
     * @param recordingName the recording to copy
     * @param destinationRecordingName the name of the copy
     * @return the copy
     */
    public AriFuture<StoredRecording> copyStored(String recordingName, String destinationRecordingName) {
        return stored("copyStored", "POST", "/recordings/stored/{recordingName}/copy", recordingName)
                .query("destinationRecordingName",
                        Objects.requireNonNull(destinationRecordingName, "destinationRecordingName"))
                .json(StoredRecording.class);
    }

    /**
     * Gets a live recording ({@code GET /recordings/live/{recordingName}}).
     *
     * @param recordingName the recording name
     * @return the live recording
     */
    public AriFuture<LiveRecording> getLive(String recordingName) {
        return live("getLive", "GET", "/recordings/live/{recordingName}", recordingName).json(LiveRecording.class);
    }

    /**
     * Stops a live recording and discards it ({@code DELETE /recordings/live/{recordingName}}).
     *
     * @param recordingName the recording name
     * @return completes when cancelled
     */
    public AriFuture<Void> cancel(String recordingName) {
        return live("cancel", "DELETE", "/recordings/live/{recordingName}", recordingName).noContent();
    }

    /**
     * Stops a live recording and stores it ({@code POST /recordings/live/{recordingName}/stop}).
     *
     * @param recordingName the recording name
     * @return completes when stopped
     */
    public AriFuture<Void> stop(String recordingName) {
        return live("stop", "POST", "/recordings/live/{recordingName}/stop", recordingName).noContent();
    }

    /**
     * Pauses a live recording ({@code POST /recordings/live/{recordingName}/pause}).
     *
     * @param recordingName the recording name
     * @return completes when paused
     */
    public AriFuture<Void> pause(String recordingName) {
        return live("pause", "POST", "/recordings/live/{recordingName}/pause", recordingName).noContent();
    }

    /**
     * Resumes a paused live recording ({@code DELETE /recordings/live/{recordingName}/pause}).
     *
     * @param recordingName the recording name
     * @return completes when resumed
     */
    public AriFuture<Void> unpause(String recordingName) {
        return live("unpause", "DELETE", "/recordings/live/{recordingName}/pause", recordingName).noContent();
    }

    /**
     * Mutes a live recording (silence is recorded; {@code POST /recordings/live/{recordingName}/mute}).
     *
     * @param recordingName the recording name
     * @return completes when muted
     */
    public AriFuture<Void> mute(String recordingName) {
        return live("mute", "POST", "/recordings/live/{recordingName}/mute", recordingName).noContent();
    }

    /**
     * Unmutes a live recording ({@code DELETE /recordings/live/{recordingName}/mute}).
     *
     * @param recordingName the recording name
     * @return completes when unmuted
     */
    public AriFuture<Void> unmute(String recordingName) {
        return live("unmute", "DELETE", "/recordings/live/{recordingName}/mute", recordingName).noContent();
    }
}
