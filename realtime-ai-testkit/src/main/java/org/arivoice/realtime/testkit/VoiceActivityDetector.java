package org.arivoice.realtime.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * An energy-based voice activity detector in 10 ms frames, driven by a session's {@code turn_detection}.
 *
 * <p>A frame is speech when its RMS level, as a fraction of full scale, reaches {@code threshold × scale}.
 * Speech starts at the first speech frame; the reported start goes back by {@code prefix_padding_ms}, but
 * never before the start of the current input buffer. Speech stops once {@code silence_duration_ms} of
 * non-speech frames follow it; as in the real API, the reported end includes that silence. Positions are
 * milliseconds of input audio since the session started, so they do not depend on wall-clock time.
 */
final class VoiceActivityDetector {
    /** A start or stop of speech, with the {@code audio_start_ms} / {@code audio_end_ms} to report. */
    record Transition(boolean started, long audioMs) {
    }

    private final double levelScale;
    private double threshold = 0.5;
    private int prefixPaddingMs = 300;
    private int silenceDurationMs = 200;
    private int samplesPerFrame = 240;
    private short[] frame = new short[240];
    private int frameFill;
    private long positionMs;
    private long bufferStartMs;
    private boolean speaking;
    private long silenceRunMs;

    VoiceActivityDetector(double levelScale) {
        this.levelScale = levelScale;
    }

    void configure(double threshold, int prefixPaddingMs, int silenceDurationMs, int sampleRate) {
        this.threshold = threshold;
        this.prefixPaddingMs = prefixPaddingMs;
        this.silenceDurationMs = Math.max(10, silenceDurationMs);
        int perFrame = sampleRate / 100;
        if (perFrame != samplesPerFrame) {
            samplesPerFrame = perFrame;
            frame = new short[perFrame];
            frameFill = 0;
        }
    }

    /** Feeds decoded samples and returns the transitions they cause, in order. */
    List<Transition> feed(short[] samples) {
        return consume(samples, true);
    }

    /**
     * Counts samples without detecting anything (turn detection is off), so that positions keep matching the
     * input stream when it is switched on again.
     */
    void advance(short[] samples) {
        consume(samples, false);
    }

    private List<Transition> consume(short[] samples, boolean detect) {
        List<Transition> transitions = new ArrayList<>(2);
        int i = 0;
        while (i < samples.length) {
            int take = Math.min(samplesPerFrame - frameFill, samples.length - i);
            System.arraycopy(samples, i, frame, frameFill, take);
            frameFill += take;
            i += take;
            if (frameFill == samplesPerFrame) {
                frameFill = 0;
                if (detect) {
                    processFrame(transitions);
                } else {
                    positionMs += 10;
                }
            }
        }
        return transitions;
    }

    private void processFrame(List<Transition> transitions) {
        double sum = 0;
        for (int k = 0; k < samplesPerFrame; k++) {
            double s = frame[k] / 32768.0;
            sum += s * s;
        }
        boolean speech = Math.sqrt(sum / samplesPerFrame) >= threshold * levelScale;
        long frameStart = positionMs;
        positionMs += 10;
        if (!speaking) {
            if (speech) {
                speaking = true;
                silenceRunMs = 0;
                transitions.add(new Transition(true, Math.max(bufferStartMs, frameStart - prefixPaddingMs)));
            }
        } else if (speech) {
            silenceRunMs = 0;
        } else {
            silenceRunMs += 10;
            if (silenceRunMs >= silenceDurationMs) {
                speaking = false;
                transitions.add(new Transition(false, positionMs));
            }
        }
    }

    /** The end of the last whole frame processed, in ms of input audio since the session started. */
    long positionMs() {
        return positionMs;
    }

    boolean speaking() {
        return speaking;
    }

    /** Marks the current position as the start of a new input buffer (after a commit or a clear). */
    void markBufferStart() {
        bufferStartMs = positionMs;
    }

    /** Forgets an ongoing utterance (the buffer was cleared or turn detection was switched off). */
    void reset() {
        speaking = false;
        silenceRunMs = 0;
        markBufferStart();
    }
}
