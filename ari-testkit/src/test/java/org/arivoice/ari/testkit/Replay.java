package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arivoice.testsupport.Timeouts;
import org.awaitility.Awaitility;

/**
 * Drives a recorded transcript against a FakeAsterisk at the recorded times: REST calls (with the
 * credentials the recorded status implies), event sockets opened and closed where the recording did, and
 * collects what differs from the recording.
 */
final class Replay {
    private static final long REOPEN_SLACK_MS = 30;
    /**
     * How late a step (or a timed action of the fake) may run before the replay no longer reproduces the
     * recording's timing: the recordings have steps 1 to 8 ms apart racing Asterisk's own delays (a DELETE
     * 8 ms after a hang-up still found the snoop; a GET 2 ms after the last DELETE found no channel left), so a
     * run late by more than a few milliseconds may take the other side of such a race, as a real Asterisk would.
     */
    static final long LATE_TOLERANCE_MS = 5;
    private static final int ATTEMPTS = 3;
    private static final ThreadLocal<Replay> LAST = new ThreadLocal<>();
    private long maxLateMs;
    private String lateStep = "";
    final FakeAsterisk fake;
    final TestAri ari;
    final List<JsonNode> lines;
    final Map<String, String> substitutions = new LinkedHashMap<>();
    final Map<String, TestAri.Events> sockets = new LinkedHashMap<>();
    final List<String> mismatches = new ArrayList<>();
    final List<TestAri.Resp> replies = new ArrayList<>();
    private final List<java.util.function.BiConsumer<String, TestAri.Resp>> afterCall = new ArrayList<>();
    private final java.util.TreeMap<Long, Runnable> actions = new java.util.TreeMap<>();

    Replay(FakeAsterisk fake, List<JsonNode> lines) {
        this.fake = fake;
        this.ari = new TestAri(fake);
        this.lines = lines;
        LAST.set(this);
    }

    /** A replay test's body: it builds its fake and its {@link Replay}, runs it and asserts. */
    @FunctionalInterface
    interface Attempt {
        void run() throws Exception;
    }

    /**
     * Runs a replay test, again (up to 3 times in all) when it failed on a run that was late: a replay follows
     * the recorded times, and on a busy machine a step or one of the fake's timers can run tens of milliseconds
     * late, which changes the outcome of the recorded races just as it would on a real Asterisk. A failure on
     * a run that kept the recorded timing is a real difference and fails at once.
     */
    static void onTime(Attempt attempt) throws Exception {
        for (int n = 1;; n++) {
            LAST.remove();
            try {
                attempt.run();
                return;
            } catch (Exception | AssertionError e) {
                Replay r = LAST.get();
                long late = r == null ? 0 : r.latenessMillis();
                if (r == null || late <= LATE_TOLERANCE_MS) {
                    throw e;
                }
                String why = "the replay ran " + late + " ms late (" + r.lateStep + "; the machine was busy)";
                if (n == ATTEMPTS) {
                    throw new AssertionError("Every one of " + ATTEMPTS + " replays ran late, the last one because "
                            + why + ", so the recorded timing could not be reproduced; its failure follows", e);
                }
                System.out.println("Replay attempt " + n + " failed, but " + why + ": running it again. The failure"
                        + " was: " + e);
            }
        }
    }

    /** The most a step of this replay, or a timed action of its fake, ran late, in milliseconds. */
    long latenessMillis() {
        long fakeLate = fake.timerLatenessMillis();
        if (fakeLate > maxLateMs) {
            lateStep = "a timer of the fake";
        }
        return Math.max(maxLateMs, fakeLate);
    }

    private void noteLateness(long lateMs, String step) {
        if (lateMs > maxLateMs) {
            maxLateMs = lateMs;
            lateStep = step + " at " + lateMs + " ms after its recorded time";
        }
    }

    Replay substitute(String recorded, String ours) {
        substitutions.put(recorded, ours);
        return this;
    }

    /** Runs a check after every REST call, with the path as sent and the reply. */
    Replay afterEachCall(java.util.function.BiConsumer<String, TestAri.Resp> check) {
        afterCall.add(check);
        return this;
    }

    /** Runs an action at a recorded time (for what the recording did outside REST, e.g. a phone hanging up). */
    Replay at(long tMs, Runnable action) {
        actions.put(tMs, action);
        return this;
    }

    static String socketOf(JsonNode line) {
        return line.path("socket").asText("ws1");
    }

    /** The recorded events of one socket. */
    List<JsonNode> recordedEvents(String socket) {
        return lines.stream().filter(l -> "event".equals(l.path("kind").asText()) && socketOf(l).equals(socket))
                .map(l -> l.get("event")).toList();
    }

    Replay run() throws InterruptedException {
        boolean explicitSockets = lines.stream().anyMatch(l -> "socket-open".equals(l.path("kind").asText()));
        if (!explicitSockets) {
            sockets.put("ws1", ari.connect("app=voicebot"));
        }
        // Warm up the HTTP client and server so the first recorded call is not late by class loading.
        ari.call("GET", "/asterisk/ping");
        long start = System.nanoTime();
        for (JsonNode line : lines) {
            String kind = line.path("kind").asText();
            if (!java.util.Set.of("rest", "socket-open", "socket-closed").contains(kind)) {
                continue;
            }
            long due = line.path("t_ms").asLong();
            while (!actions.isEmpty() && actions.firstKey() <= due) {
                Map.Entry<Long, Runnable> action = actions.pollFirstEntry();
                sleepUntil(start, action.getKey());
                start = catchUp(start, action.getKey(), 0, "the action of t=" + action.getKey());
                action.getValue().run();
            }
            sleepUntil(start, due);
            start = catchUp(start, due, 0, "the step of t=" + due);
            if ("socket-open".equals(kind)) {
                if (!sockets.isEmpty()) {
                    // event-socket-reconnect.jsonl opens ws2 only 5 ms after the caller's Playback event it
                    // missed, less than a JVM timer's jitter on a busy machine; opening a later socket 30 ms
                    // late keeps the recorded order (its first recorded event comes 500 ms later).
                    Thread.sleep(REOPEN_SLACK_MS);
                }
                sockets.put(socketOf(line), ari.connect("app=voicebot"));
            } else if ("socket-closed".equals(kind)) {
                String name = socketOf(line);
                TestAri.Events s = sockets.get(name);
                int expected = recordedEvents(name).size();
                // Close once the socket has had what the recording saw on it, so the gap starts at the same point.
                Awaitility.await().atMost(Timeouts.seconds(5)).until(() -> s.received.size() >= expected);
                s.close();
            } else {
                rest(line);
                // A call may take 5 ms, as recorded; one that took longer (a cold JVM, a busy machine) is late.
                start = catchUp(start, due, 5, "the REST call of t=" + due + " (its reply)");
            }
        }
        return this;
    }

    /**
     * An elastic clock: when a step ran (or a REST call returned) later than the recording's time plus
     * {@code allowedMs}, the rest of the schedule moves by the difference, and (past {@link #LATE_TOLERANCE_MS})
     * so do the fake's pending timers, so that the recorded gaps after it, between our steps and between our
     * steps and the fake's timed actions, are kept. What the fake's timers did during the late moment itself cannot be undone: that
     * lateness is noted for {@link #onTime}.
     *
     * @return the schedule's new start
     */
    private long catchUp(long start, long dueMs, long allowedMs, String step) {
        long late = (System.nanoTime() - start) / 1_000_000 - dueMs - allowedMs;
        noteLateness(late, step);
        if (late <= 0) {
            return start;
        }
        if (late > LATE_TOLERANCE_MS) {
            // Not for the millisecond a sleep or a call overruns by: the fake's timers would then tie with our
            // next step (a channel's end due 1 ms after its DELETE, a GET recorded 2 ms later).
            fake.shiftTimers(late);
        }
        return start + late * 1_000_000;
    }

    static void sleepUntil(long start, long tMs) throws InterruptedException {
        long wait = tMs - (System.nanoTime() - start) / 1_000_000;
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private void rest(JsonNode line) {
        int expected = line.path("status").asInt();
        String method = line.path("method").asText();
        String path = line.path("path").asText();
        for (Map.Entry<String, String> s : substitutions.entrySet()) {
            path = path.replace(s.getKey(), s.getValue());
        }
        String auth = expected == 401 ? null
                : expected == 403 ? TestAri.basic("reader", "reader-secret")
                : TestAri.basic("voicebot", "voicebot-secret");
        TestAri.Resp r = ari.call(method, path, auth);
        replies.add(r);
        for (java.util.function.BiConsumer<String, TestAri.Resp> check : afterCall) {
            check.accept(path, r);
        }
        String call = method + " " + path;
        if (r.status() != expected) {
            mismatches.add(call + ": status " + r.status() + ", recorded " + expected);
        }
        JsonNode recorded = line.get("response");
        if (recorded == null || recorded.isNull()) {
            return;
        }
        if (recorded.has("binary_bytes")) {
            if (r.raw().length != recorded.path("binary_bytes").asInt()
                    || !r.headers().firstValue("Content-Type").orElse("").startsWith(
                            recorded.path("content_type").asText())
                    || !HexFormat.of().formatHex(r.raw()).startsWith(recorded.path("first_bytes_hex").asText())) {
                mismatches.add(call + ": binary reply differs from the recorded " + recorded);
            }
        } else if (recorded.has("message")) {
            if (!recorded.path("message").asText().equals(r.message())) {
                mismatches.add(call + ": message '" + r.message() + "', recorded '" + recorded.path("message").asText()
                        + "'");
            }
        } else if (!Transcripts.shape(recorded).equals(Transcripts.shape(r.body()))) {
            mismatches.add(call + ": reply shape " + Transcripts.shape(r.body()) + ", recorded " + Transcripts.shape(recorded));
        } else if (path.startsWith("/applications/") && !recorded.equals(r.body())) {
            mismatches.add(call + ": reply " + r.body() + ", recorded " + recorded);
        }
    }

    /** Asserts, per socket and per resource, that the event labels arrive in the recorded order. */
    void assertPerResourceOrder() {
        assertPerResourceOrder(e -> true);
    }

    /** As {@link #assertPerResourceOrder()}, for the recorded events {@code recordedFilter} keeps. */
    void assertPerResourceOrder(java.util.function.Predicate<JsonNode> recordedFilter) {
        for (String socket : sockets.keySet()) {
            Map<String, List<String>> expected = new LinkedHashMap<>();
            perResource(recordedEvents(socket).stream().filter(recordedFilter).toList()).forEach((k, v) -> {
                String key = k;
                for (Map.Entry<String, String> sub : substitutions.entrySet()) {
                    key = key.replace(sub.getKey(), sub.getValue());
                }
                expected.put(key, v);
            });
            TestAri.Events s = sockets.get(socket);
            Awaitility.await().atMost(Timeouts.seconds(5)).untilAsserted(() ->
                    assertThat(perResource(s.received)).as("events on " + socket).isEqualTo(expected));
        }
    }

    /** Asserts that every event we received has the field set of some recorded event with the same label. */
    void assertEventShapes() {
        Map<String, java.util.Set<java.util.TreeSet<String>>> recorded = new LinkedHashMap<>();
        lines.stream().filter(l -> "event".equals(l.path("kind").asText())).forEach(l -> recorded
                .computeIfAbsent(Transcripts.label(l.get("event")), k -> new java.util.HashSet<>())
                .add(Transcripts.shape(l.get("event"))));
        for (TestAri.Events s : sockets.values()) {
            for (JsonNode ours : s.received) {
                assertThat(recorded.get(Transcripts.label(ours))).as("recorded field sets of " + Transcripts.label(ours))
                        .isNotNull().contains(Transcripts.shape(ours));
            }
        }
    }

    static Map<String, List<String>> perResource(List<JsonNode> events) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode e : events) {
            out.computeIfAbsent(TestAri.channelId(e), k -> new ArrayList<>()).add(Transcripts.label(e));
        }
        return out;
    }
}
