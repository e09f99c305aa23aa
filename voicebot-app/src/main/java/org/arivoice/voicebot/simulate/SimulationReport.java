package org.arivoice.voicebot.simulate;

import java.nio.file.Path;
import java.util.List;

/**
 * What a simulation did.
 *
 * @param callsPlaced calls the simulated callers placed
 * @param callsCompleted calls whose media path came up and that ended cleanly
 * @param latencies per-stage latency summaries
 * @param filesWritten the WAV files written
 * @param leftovers resources of the bot that the fake Asterisk still held at the end (empty when clean)
 * @param callerHeardBotMillis per call, milliseconds of audio the simulated caller received from the bot
 */
public record SimulationReport(int callsPlaced, int callsCompleted, List<LatencySummary> latencies,
        List<Path> filesWritten, List<String> leftovers, List<Long> callerHeardBotMillis) {
    /**
     * Copies the lists.
     *
     * @param callsPlaced calls placed
     * @param callsCompleted calls completed
     * @param latencies latency summaries
     * @param filesWritten files written
     * @param leftovers leftovers
     * @param callerHeardBotMillis audio heard per call
     */
    public SimulationReport {
        latencies = List.copyOf(latencies);
        filesWritten = List.copyOf(filesWritten);
        leftovers = List.copyOf(leftovers);
        callerHeardBotMillis = List.copyOf(callerHeardBotMillis);
    }

    /**
     * Whether every call completed and nothing was left behind.
     *
     * @return the verdict
     */
    public boolean clean() {
        return callsCompleted == callsPlaced && leftovers.isEmpty();
    }
}
