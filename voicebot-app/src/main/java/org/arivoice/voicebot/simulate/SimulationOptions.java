package org.arivoice.voicebot.simulate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Simulation#run} does.
 *
 * @param calls how many concurrent calls to place, at least 1
 * @param outputDir where the WAV files (and transcripts) are written, one folder per call
 * @param callLength how long each call lasts before the simulated caller hangs up, at least 1 s; a caller whose
 *     turn the model has not answered by then waits up to 30 s more for the answer
 */
public record SimulationOptions(int calls, Path outputDir, Duration callLength) {
    /**
     * Checks the options.
     *
     * @param calls how many concurrent calls
     * @param outputDir where files are written
     * @param callLength how long each call lasts
     */
    public SimulationOptions {
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(callLength, "callLength");
        if (calls < 1) {
            throw new IllegalArgumentException("--calls must be at least 1, was " + calls);
        }
        if (callLength.toMillis() < 1000) {
            throw new IllegalArgumentException("the call length must be at least 1 s (e.g. 8s), was " + callLength);
        }
    }
}
