package org.arivoice.realtime;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.arivoice.realtime.event.ErrorDetail;
import org.arivoice.realtime.event.RateLimit;
import org.arivoice.realtime.event.RealtimeResponse;
import org.arivoice.realtime.event.ServerEvent;

/** Records every callback with the thread it ran on. */
class RecordingListener implements RealtimeListener {
    final List<ServerEvent> events = new CopyOnWriteArrayList<>();
    final List<String> eventThreads = new CopyOnWriteArrayList<>();
    final List<OutputAudio> audio = new CopyOnWriteArrayList<>();
    final List<String> transcripts = new CopyOnWriteArrayList<>();
    final List<ErrorDetail> errors = new CopyOnWriteArrayList<>();
    final List<RealtimeResponse> responses = new CopyOnWriteArrayList<>();
    final List<List<RateLimit>> rateLimits = new CopyOnWriteArrayList<>();
    final List<Instant> expiring = new CopyOnWriteArrayList<>();
    final List<CloseInfo> disconnects = new CopyOnWriteArrayList<>();
    final List<Integer> reconnects = new CopyOnWriteArrayList<>();
    final List<CloseInfo> closes = new CopyOnWriteArrayList<>();
    final List<String> speech = new CopyOnWriteArrayList<>();
    final List<String> toolErrors = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ServerEvent event) {
        events.add(event);
        eventThreads.add(Thread.currentThread().getName());
    }

    @Override
    public void onOutputAudio(OutputAudio a) {
        audio.add(a);
    }

    @Override
    public void onOutputTranscriptDelta(String responseId, String itemId, String delta) {
        transcripts.add("out-delta:" + itemId + ":" + delta);
    }

    @Override
    public void onOutputTranscriptDone(String responseId, String itemId, String transcript) {
        transcripts.add("out-done:" + itemId + ":" + transcript);
    }

    @Override
    public void onInputTranscriptDelta(String itemId, String delta) {
        transcripts.add("in-delta:" + itemId + ":" + delta);
    }

    @Override
    public void onInputTranscriptDone(String itemId, String transcript) {
        transcripts.add("in-done:" + itemId + ":" + transcript);
    }

    @Override
    public void onSpeechStarted(String itemId, int audioStartMs) {
        speech.add("started:" + itemId + ":" + audioStartMs);
    }

    @Override
    public void onSpeechStopped(String itemId, int audioEndMs) {
        speech.add("stopped:" + itemId + ":" + audioEndMs);
    }

    @Override
    public void onResponseDone(RealtimeResponse response) {
        responses.add(response);
    }

    @Override
    public void onError(ErrorDetail error) {
        errors.add(error);
    }

    @Override
    public void onToolError(String callId, String name, String message) {
        toolErrors.add(callId + ":" + name + ":" + message);
    }

    @Override
    public void onRateLimits(List<RateLimit> limits) {
        rateLimits.add(limits);
    }

    @Override
    public void onSessionExpiring(Instant expiresAt) {
        expiring.add(expiresAt);
    }

    @Override
    public void onDisconnected(CloseInfo close, boolean willReconnect) {
        disconnects.add(close);
    }

    @Override
    public void onReconnected(int attempts) {
        reconnects.add(attempts);
    }

    @Override
    public void onClosed(CloseInfo close) {
        closes.add(close);
    }
}
