package org.arivoice.voicebot.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's transcript: JSON lines ({@code <transcripts-dir>/<callId>.jsonl}) with the caller's and the
 * bot's text, tool calls and timings, and the recent turns kept in memory for the context summary a new
 * Realtime session is given after a failure. Thread-safe; a write failure is logged once and never thrown.
 */
final class Transcript implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transcript.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SUMMARY_TURNS = 20;
    private static final int SUMMARY_CHARS = 2000;

    private final String callId;
    private final long startNanos;
    private final Deque<String> turns = new ArrayDeque<>();
    private BufferedWriter out;
    private boolean failed;

    Transcript(String callId, long startNanos, java.util.Optional<Path> dir) {
        this.callId = callId;
        this.startNanos = startNanos;
        if (dir.isPresent()) {
            try {
                Files.createDirectories(dir.get());
                out = Files.newBufferedWriter(dir.get().resolve(callId + ".jsonl"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                LOG.warn("Cannot write the transcript of call {} into {}: {} (check transcripts-dir and its "
                        + "permissions); the call goes on without one", callId, dir.get(), e.getMessage());
            }
        }
    }

    /** A new line of kind {@code type} with the time fields filled in. */
    ObjectNode line(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", Instant.now().toString());
        n.put("ms", (System.nanoTime() - startNanos) / 1_000_000);
        n.put("callId", callId);
        n.put("type", type);
        return n;
    }

    /** Writes a caller or bot turn and remembers it for the summary. */
    void turn(String who, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        write(line(who).put("text", text));
        synchronized (this) {
            turns.addLast(who + ": " + text.strip());
            while (turns.size() > SUMMARY_TURNS) {
                turns.removeFirst();
            }
        }
    }

    /** Writes one line. */
    synchronized void write(ObjectNode line) {
        if (out == null || failed) {
            return;
        }
        try {
            out.write(JSON.writeValueAsString(line));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            failed = true;
            LOG.warn("Writing the transcript of call {} failed: {}; no more lines are written", callId,
                    e.getMessage());
        }
    }

    /** The recent turns, oldest first, at most about 2000 characters; empty when nothing was said. */
    synchronized String summary() {
        StringBuilder sb = new StringBuilder();
        for (String t : turns) {
            sb.append(t).append('\n');
        }
        if (sb.length() > SUMMARY_CHARS) {
            return "..." + sb.substring(sb.length() - SUMMARY_CHARS);
        }
        return sb.toString();
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.debug("Closing the transcript of call {} failed: {}", callId, e.getMessage());
            }
            out = null;
        }
    }
}
