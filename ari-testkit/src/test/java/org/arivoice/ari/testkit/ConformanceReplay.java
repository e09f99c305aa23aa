package org.arivoice.ari.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.arivoice.testsupport.TestData;
import org.arivoice.testsupport.Timeouts;

/**
 * Replays one conformance transcript ({@code testdata/asterisk-ari/conformance}: every ARI operation recorded
 * twice on a real Asterisk running the project's {@code asterisk/conf}) against a fresh FakeAsterisk, and scores
 * the fake against both recorded runs.
 *
 * <p><b>REST</b>: a call matches when its status, its {@code message} (or {@code error}) text, the set of field
 * paths of its JSON reply (values are not compared: ids, times and counters vary) and the recorded
 * {@code Allow} / {@code WWW-Authenticate} headers (and the presence of {@code Location}) equal those of run 1
 * or of run 2.
 *
 * <p><b>Events</b>: the events of each socket are grouped by the resource they are about (a channel, the peer
 * of a {@code Dial}, a playback, a recording, a bridge, an endpoint, a device, an application) into sequences
 * of labels (the type and what the recordings make deterministic: causes, states, variable names, dial
 * statuses, dialplan steps). A sequence matches when it equals that resource's sequence in run 1 or in run 2:
 * this tolerates exactly what varied between the real runs (the order across resources and relative to REST
 * replies, see {@code NOTES.md}) and nothing more. Ids that Asterisk generates (UUIDs, {@code 1796673349.66})
 * are mapped through the replies that returned them, or by their order of first appearance.
 *
 * <p>The calls run at the recorded times (an elastic clock: when a step runs late, the rest of the schedule
 * and the fake's timers move with it). Before each call the replay also waits, briefly, for the events the
 * recording had received by then, so a busy machine does not reorder a call before the events it followed.
 */
final class ConformanceReplay {
    static final String FOLDER = "asterisk-ari/conformance";
    private static final Pattern AUTO_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\d{6,}\\.\\d+");
    private static final Pattern LOOPBACK_PORT = Pattern.compile("127\\.0\\.0\\.1(:|%3A)(\\d+)");
    private static final long LATE_TOLERANCE_MS = 5;
    private static final long EVENT_WAIT_MS = 1000;
    private static final long QUIET_AFTER_MS = 400;
    /** Events recorded this close before a call's reply may have been caused by the call. */
    private static final long CAUSED_MS = 10;

    /** One transcript, both runs. */
    record Section(String name, List<JsonNode> run1, List<JsonNode> run2) {
        /** How long the recording lasted. */
        long lengthMs() {
            return run1.stream().mapToLong(l -> l.path("t_ms").asLong()).max().orElse(0);
        }

        static List<Section> all() {
            Path dir = TestData.file(FOLDER);
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("conformance-") && n.endsWith(".jsonl")).sorted()
                        .map(n -> new Section(n.substring("conformance-".length(), n.length() - ".jsonl".length()),
                                Transcripts.lines(dir.resolve(n)), Transcripts.lines(dir.resolve("run2").resolve(n))))
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What one section scored. */
    static final class Score {
        final String section;
        int restTotal;
        int restMatched;
        int sequencesTotal;
        int sequencesMatched;
        final List<String> restDifferences = new ArrayList<>();
        final List<String> eventDifferences = new ArrayList<>();
        /** What the replay noticed besides differences (an event it gave up waiting for). */
        final List<String> notes = new ArrayList<>();
        long latenessMs;

        boolean matches() {
            return restDifferences.isEmpty() && eventDifferences.isEmpty();
        }

        Score(String section) {
            this.section = section;
        }
    }

    private final Section section;
    private final FakeAsterisk fake;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Timeouts.seconds(5)).build();
    private final Map<String, TestAri.Events> sockets = new LinkedHashMap<>();
    /** Recorded (run 1) id to ours. */
    private final Map<String, String> ours = new LinkedHashMap<>();
    /** Run 2 id to run 1. */
    private final Map<String, String> run2ToRun1 = new LinkedHashMap<>();
    private final Map<String, Integer> forgiven = new HashMap<>();
    private final List<WebSocket> mediaSockets = new ArrayList<>();
    private final Score score;
    private ServerSocket audioSocketServer;
    private DatagramSocket rtpSink;

    ConformanceReplay(Section section, FakeAsterisk fake) {
        this.section = section;
        this.fake = fake;
        this.score = new Score(section.name);
    }

    /** The project's Asterisk configuration, the one the conformance recordings were made with. */
    static Path asteriskConf() {
        return TestData.dir().getParent().resolve("asterisk").resolve("conf");
    }

    Score run() throws InterruptedException {
        TestAri ari = new TestAri(fake);
        sockets.put("ws", ari.connect("app=conformance&subscribeAll=false"));
        sockets.put("wsb", ari.connect("app=conformance-b&subscribeAll=false"));
        call("GET", "/asterisk/ping", null, "voicebot");
        List<JsonNode> rest2 = section.run2.stream().filter(l -> "rest".equals(l.path("kind").asText())).toList();
        List<Map<String, Integer>> before1 = eventsBeforeEachCall(section.run1);
        List<Map<String, Integer>> before2 = eventsBeforeEachCall(section.run2);
        long start = System.nanoTime();
        int restIndex = 0;
        try {
            for (JsonNode line : section.run1) {
                String kind = line.path("kind").asText();
                long due = line.path("t_ms").asLong();
                if (!"rest".equals(kind) && !"socket-closed".equals(kind)) {
                    continue;
                }
                if ("rest".equals(kind)) {
                    // What both real runs had received a moment before this call (see eventsBeforeEachCall).
                    awaitEvents(atMost(before1.get(restIndex),
                            restIndex < before2.size() ? before2.get(restIndex) : Map.of()), start, due);
                }
                Replay.sleepUntil(start, due);
                start = catchUp(start, due);
                if ("socket-closed".equals(kind)) {
                    TestAri.Events s = sockets.get(line.path("socket").asText());
                    if (s != null) {
                        s.close();
                    }
                    continue;
                }
                JsonNode second = restIndex < rest2.size() ? rest2.get(restIndex) : null;
                restIndex++;
                rest(line, second);
                start = catchUp(start, due + 5);
            }
            awaitEvents(atMost(before1.get(before1.size() - 1), before2.get(before2.size() - 1)), start,
                    Long.MAX_VALUE / 2);
            Thread.sleep(QUIET_AFTER_MS);
            compareEvents();
        } finally {
            close();
        }
        score.latenessMs = Math.max(score.latenessMs, fake.timerLatenessMillis());
        return score;
    }

    private void close() {
        for (WebSocket ws : mediaSockets) {
            ws.abort();
        }
        for (TestAri.Events s : sockets.values()) {
            s.socket.abort();
        }
        try {
            if (audioSocketServer != null) {
                audioSocketServer.close();
            }
        } catch (IOException ignored) {
            // closing a listener of the test
        }
        if (rtpSink != null) {
            rtpSink.close();
        }
    }

    // ----------------------------------------------------------------------------------------------- timing

    /**
     * For each REST call of a run, how many events of each (socket, type) the run had received a moment before
     * it, and, last, how many it received in all. A call's row carries the time of its reply, so the events it
     * caused itself may be recorded just before it: only those {@value #CAUSED_MS} ms or more before the reply
     * count as received before the call.
     */
    private static List<Map<String, Integer>> eventsBeforeEachCall(List<JsonNode> run) {
        List<Map<String, Integer>> out = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode line : run) {
            String kind = line.path("kind").asText();
            if ("event".equals(kind)) {
                events.add(line);
            } else if ("rest".equals(kind)) {
                out.add(count(events, line.path("t_ms").asLong() - CAUSED_MS));
            }
        }
        out.add(count(events, Long.MAX_VALUE));
        return out;
    }

    private static Map<String, Integer> count(List<JsonNode> events, long untilMs) {
        Map<String, Integer> n = new HashMap<>();
        for (JsonNode e : events) {
            if (e.path("t_ms").asLong() <= untilMs) {
                n.merge(e.path("socket").asText() + " " + e.path("event").path("type").asText(), 1, Integer::sum);
            }
        }
        return n;
    }

    private static Map<String, Integer> atMost(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> out = new HashMap<>();
        a.forEach((k, n) -> out.put(k, Math.min(n, b.getOrDefault(k, 0))));
        return out;
    }

    private void awaitEvents(Map<String, Integer> expected, long start, long dueMs) throws InterruptedException {
        long nowMs = (System.nanoTime() - start) / 1_000_000;
        long deadline = System.nanoTime() + Math.max(0, Math.min(dueMs - nowMs, 60_000)) * 1_000_000
                + Timeouts.millis(EVENT_WAIT_MS).toNanos();
        while (true) {
            Map<String, Integer> missing = missing(expected);
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                // What the fake did not send is forgiven here (and counted by the comparison), so it does not
                // hold up every later step.
                missing.forEach((k, v) -> forgiven.merge(k, v, Integer::sum));
                score.notes.add("gave up waiting, before the call of t=" + dueMs + ", for " + missing);
                return;
            }
            Thread.sleep(2);
        }
    }

    private Map<String, Integer> missing(Map<String, Integer> expected) {
        Map<String, Integer> have = new HashMap<>();
        sockets.forEach((name, s) -> {
            for (JsonNode e : s.received) {
                have.merge(name + " " + e.path("type").asText(), 1, Integer::sum);
            }
        });
        Map<String, Integer> missing = new HashMap<>();
        expected.forEach((k, n) -> {
            int short_ = n - have.getOrDefault(k, 0) - forgiven.getOrDefault(k, 0);
            if (short_ > 0) {
                missing.put(k, short_);
            }
        });
        return missing;
    }

    private long catchUp(long start, long dueMs) {
        long late = (System.nanoTime() - start) / 1_000_000 - dueMs;
        if (late <= LATE_TOLERANCE_MS) {
            return start;
        }
        if (late > score.latenessMs) {
            score.latenessMs = late;
        }
        fake.shiftTimers(late);
        return start + late * 1_000_000;
    }

    // ------------------------------------------------------------------------------------------------- REST

    record Reply(int status, String contentType, byte[] raw, JsonNode json, java.net.http.HttpHeaders headers) {
    }

    private void rest(JsonNode line, JsonNode second) {
        String method = line.path("method").asText();
        String path = toOurs(line.path("path").asText());
        JsonNode request = line.get("request");
        String body = request == null || request.isNull() ? null
                : request.isTextual() ? request.asText() : request.toString();
        if (body != null) {
            body = toOurs(body);
        }
        Reply r = call(method, path, body, line.path("user").asText("voicebot"));
        if (second != null && second.path("method").asText().equals(method)) {
            learnIds(line, second.path("response"), run2ToRun1, true);
        }
        learnIds(line, r.json, ours, false);
        if (path.startsWith("/channels/externalMedia") && r.status == 200 && path.contains("transport=websocket")
                && (body == null || !body.contains("\"connection_type\":\"client\""))) {
            connectMedia(r.json.path("channelvars").path("MEDIA_WEBSOCKET_CONNECTION_ID").asText());
        }
        score.restTotal++;
        List<String> d1 = differences(line, r);
        List<String> d2 = second == null ? d1 : differences(second, r);
        if (d1.isEmpty() || d2.isEmpty()) {
            score.restMatched++;
        } else {
            score.restDifferences.add(method + " " + line.path("path").asText() + " (t=" + line.path("t_ms")
                    + "): " + String.join("; ", d1));
        }
    }

    private Reply call(String method, String pathAndQuery, String body, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/ari" + pathAndQuery))
                .timeout(Timeouts.seconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        switch (user) {
            case "none" -> { }
            case "wrong" -> b.header("Authorization", TestAri.basic("voicebot", "not-the-password"));
            case "reader" -> b.header("Authorization", TestAri.basic("reader", "reader-secret"));
            default -> b.header("Authorization", TestAri.basic("voicebot", "voicebot-secret"));
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (r.body().length > 0 && type.startsWith("application/json")) {
                try {
                    json = TestAri.JSON.readTree(r.body());
                } catch (IOException e) {
                    json = TestAri.JSON.getNodeFactory().textNode("(not JSON) " + new String(r.body(),
                            StandardCharsets.UTF_8));
                }
            }
            return new Reply(r.statusCode(), type, r.body(), json, r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What differs between a recorded call and our reply; empty when they match. */
    static List<String> differences(JsonNode recorded, Reply r) {
        List<String> out = new ArrayList<>();
        int status = recorded.path("status").asInt();
        if (r.status != status) {
            out.add("status " + r.status + ", Asterisk " + status);
        }
        JsonNode expected = recorded.get("response");
        if (expected == null || expected.isNull()) {
            if (r.raw.length > 0 && !"null".equals(new String(r.raw, StandardCharsets.UTF_8).trim())) {
                out.add("a body (" + abbreviate(new String(r.raw, StandardCharsets.UTF_8)) + "), Asterisk none");
            }
        } else if (expected.isTextual()) {
            if (r.json != null) {
                out.add("a JSON body " + abbreviate(r.json.toString()) + ", Asterisk a page of text");
            }
        } else if (expected.has("binary_bytes")) {
            if (r.raw.length == 0 || !r.contentType.startsWith(expected.path("content_type").asText())) {
                out.add("content " + r.contentType + " of " + r.raw.length + " bytes, Asterisk "
                        + expected.path("content_type").asText() + " of " + expected.path("binary_bytes") + " bytes");
            }
        } else if (r.json == null) {
            out.add("no JSON body, Asterisk " + abbreviate(expected.toString()));
        } else {
            for (String key : List.of("message", "error")) {
                if (expected.isObject() && expected.has(key)) {
                    String theirs = expected.path(key).asText();
                    String mine = r.json.path(key).asText(null);
                    if (!theirs.equals(mine)) {
                        out.add(key + " '" + mine + "', Asterisk '" + theirs + "'");
                    }
                }
            }
            TreeSet<String> mine = Transcripts.shape(r.json);
            TreeSet<String> theirs = Transcripts.shape(expected);
            if (!mine.equals(theirs)) {
                TreeSet<String> extra = new TreeSet<>(mine);
                extra.removeAll(theirs);
                TreeSet<String> lacking = new TreeSet<>(theirs);
                lacking.removeAll(mine);
                out.add("fields" + (extra.isEmpty() ? "" : " extra " + extra)
                        + (lacking.isEmpty() ? "" : " missing " + lacking));
            } else if (expected.isArray() && expected.isEmpty() != r.json.isEmpty()) {
                out.add("an array of " + r.json.size() + ", Asterisk " + expected.size());
            }
        }
        JsonNode headers = recorded.path("headers");
        for (String h : List.of("allow", "www-authenticate")) {
            if (headers.has(h) && !headers.path(h).asText().equals(r.headers.firstValue(h).orElse(null))) {
                out.add("header " + h + ": '" + r.headers.firstValue(h).orElse(null) + "', Asterisk '"
                        + headers.path(h).asText() + "'");
            }
        }
        if (headers.has("location") && r.headers.firstValue("location").isEmpty()) {
            out.add("no Location header, Asterisk " + headers.path("location").asText());
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    /**
     * Learns the ids Asterisk generated (those that the request did not name): from run 1 to ours, or from run 2
     * to run 1.
     */
    private static void learnIds(JsonNode line, JsonNode reply, Map<String, String> into, boolean reverse) {
        if (reply == null || !reply.isObject()) {
            return;
        }
        String recordedId = line.path("response").path("id").asText("");
        String otherId = reply.path("id").asText("");
        String request = line.path("path").asText() + " " + line.path("request");
        if (!recordedId.isEmpty() && !otherId.isEmpty() && !recordedId.equals(otherId)
                && !request.contains(recordedId)) {
            if (reverse) {
                into.put(otherId, recordedId);
            } else {
                into.put(recordedId, otherId);
            }
        }
    }

    /** A recorded path or body with the ids and ports of this replay. */
    private String toOurs(String text) {
        String out = text;
        for (Map.Entry<String, String> e : ours.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        Matcher m = LOOPBACK_PORT.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int port = out.contains("audiosocket") ? audioSocketPort() : rtpPort();
            m.appendReplacement(sb, Matcher.quoteReplacement("127.0.0.1" + m.group(1) + port));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ media

    /** A TCP listener that accepts what an AudioSocket channel connects and reads it away. */
    private int audioSocketPort() {
        if (audioSocketServer == null) {
            try {
                audioSocketServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread t = new Thread(() -> {
                while (!audioSocketServer.isClosed()) {
                    try {
                        Socket s = audioSocketServer.accept();
                        Thread reader = new Thread(() -> drain(s), "conformance-audiosocket-reader");
                        reader.setDaemon(true);
                        reader.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "conformance-audiosocket");
            t.setDaemon(true);
            t.start();
        }
        return audioSocketServer.getLocalPort();
    }

    private static void drain(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // read away
            }
        } catch (IOException ignored) {
            // the channel hung up
        }
    }

    /** A UDP socket for ExternalMedia RTP (the fake sends to it; nothing is read). */
    private int rtpPort() {
        if (rtpSink == null) {
            try {
                rtpSink = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rtpSink.getLocalPort();
    }

    private void connectMedia(String connectionId) {
        if (connectionId.isEmpty()) {
            score.restDifferences.add("externalMedia over websocket: no MEDIA_WEBSOCKET_CONNECTION_ID to connect to");
            return;
        }
        WebSocket.Listener drain = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                ws.request(1);
                return null;
            }
        };
        try {
            mediaSockets.add(http.newWebSocketBuilder().subprotocols("media").buildAsync(
                    URI.create(fake.baseUrl().replace("http://", "ws://") + "/media/" + connectionId), drain).join());
        } catch (RuntimeException e) {
            score.restDifferences.add("externalMedia over websocket: connecting /media/" + connectionId + " failed: "
                    + e);
        }
    }

    // ----------------------------------------------------------------------------------------------- events

    private void compareEvents() {
        for (String socket : List.of("ws", "wsb")) {
            Map<String, List<String>> first = sequences(recorded(section.run1, socket), Map.of());
            Map<String, List<String>> second = sequences(recorded(section.run2, socket), run2ToRun1);
            Map<String, String> oursToRecorded = new HashMap<>();
            ours.forEach((k, v) -> oursToRecorded.put(v, k));
            Map<String, List<String>> mine = sequences(sockets.get(socket).received, oursToRecorded);
            Set<String> keys = new LinkedHashSet<>(first.keySet());
            keys.addAll(mine.keySet());
            for (String key : keys) {
                List<String> m = mine.getOrDefault(key, List.of());
                List<String> a = first.getOrDefault(key, List.of());
                List<String> b = second.getOrDefault(key, List.of());
                score.sequencesTotal++;
                if (m.equals(a) || m.equals(b)) {
                    score.sequencesMatched++;
                } else {
                    score.eventDifferences.add(socket + " " + key + ": fake " + m + ", Asterisk " + a
                            + (a.equals(b) ? "" : " (run 2 " + b + ")"));
                }
            }
        }
    }

    private static List<JsonNode> recorded(List<JsonNode> lines, String socket) {
        return lines.stream().filter(l -> "event".equals(l.path("kind").asText())
                && socket.equals(l.path("socket").asText())).map(l -> l.get("event")).toList();
    }

    /** Label sequences by resource; ids renamed through {@code rename}, unnamed generated ids by appearance. */
    static Map<String, List<String>> sequences(List<JsonNode> events, Map<String, String> rename) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, String> auto = new HashMap<>();
        for (JsonNode e : events) {
            String key = resource(e);
            for (Map.Entry<String, String> r : rename.entrySet()) {
                key = key.replace(r.getKey(), r.getValue());
            }
            Matcher m = AUTO_ID.matcher(key);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String id = m.group();
                String name = auto.computeIfAbsent(id, k -> "generated#" + (auto.size() + 1));
                m.appendReplacement(sb, Matcher.quoteReplacement(name));
            }
            m.appendTail(sb);
            out.computeIfAbsent(sb.toString(), k -> new ArrayList<>()).add(label(e));
        }
        return out;
    }

    /** The resource an event is about. */
    static String resource(JsonNode e) {
        if (e.has("peer")) {
            return "channel " + e.path("peer").path("id").asText();
        }
        if (e.has("channel")) {
            return "channel " + e.path("channel").path("id").asText();
        }
        if (e.has("playback")) {
            return "playback " + e.path("playback").path("id").asText();
        }
        if (e.has("recording")) {
            return "recording " + e.path("recording").path("name").asText();
        }
        if (e.has("bridge")) {
            return "bridge " + e.path("bridge").path("id").asText();
        }
        if (e.has("endpoint")) {
            return "endpoint " + e.path("endpoint").path("technology").asText() + "/"
                    + e.path("endpoint").path("resource").asText();
        }
        if (e.has("device_state")) {
            return "device " + e.path("device_state").path("name").asText();
        }
        return "application " + e.path("application").asText();
    }

    /** An event's type with what the recordings make deterministic, without ids and times. */
    static String label(JsonNode e) {
        String type = e.path("type").asText();
        return switch (type) {
            case "ChannelDestroyed" -> type + ":" + e.path("cause").asText("-");
            case "StasisStart" -> type + Objects.toString(e.path("args"), "");
            case "ChannelDtmfReceived" -> type + ":" + e.path("digit").asText();
            case "ChannelUserevent" -> type + ":" + e.path("eventname").asText();
            case "ApplicationMoveFailed" -> type + ":" + e.path("destination").asText();
            case "DeviceStateChanged" -> type + ":" + e.path("device_state").path("state").asText();
            case "RecordingStarted", "RecordingFinished", "RecordingFailed" ->
                    type + ":" + e.path("recording").path("state").asText();
            default -> Transcripts.label(e);
        };
    }
}
