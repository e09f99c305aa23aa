package org.arivoice.ari.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.arivoice.ari.internal.json.AriJson;
import org.arivoice.ari.model.Application;
import org.arivoice.ari.model.Bridge;
import org.arivoice.ari.model.Channel;
import org.arivoice.ari.model.LiveRecording;
import org.arivoice.ari.model.Playback;
import org.arivoice.ari.model.Recordings;
import org.arivoice.ari.model.StoredRecording;
import org.arivoice.ari.model.Variable;
import org.junit.jupiter.api.Test;

/**
 * Everything real Asterisk sent in the recordings parses into the right type.
 */
class RecordedEventsTest {
    private static final ObjectMapper MAPPER = AriJson.mapper();

    /** Request (method and path without query) to the model its successful response body has. */
    private static final Map<Pattern, JavaType> REST_MODELS = new LinkedHashMap<>();

    static {
        var tf = MAPPER.getTypeFactory();
        REST_MODELS.put(Pattern.compile("GET /channels"), tf.constructCollectionType(List.class, Channel.class));
        REST_MODELS.put(Pattern.compile("GET /bridges"), tf.constructCollectionType(List.class, Bridge.class));
        REST_MODELS.put(Pattern.compile("POST /channels"), tf.constructType(Channel.class));
        REST_MODELS.put(Pattern.compile("POST /channels/externalMedia"), tf.constructType(Channel.class));
        REST_MODELS.put(Pattern.compile("POST /channels/[^/]+/snoop"), tf.constructType(Channel.class));
        REST_MODELS.put(Pattern.compile("GET /channels/[^/]+/variable"), tf.constructType(Variable.class));
        REST_MODELS.put(Pattern.compile("GET /channels/[^/]+"), tf.constructType(Channel.class));
        REST_MODELS.put(Pattern.compile("POST /bridges"), tf.constructType(Bridge.class));
        REST_MODELS.put(Pattern.compile("GET /bridges/[^/]+"), tf.constructType(Bridge.class));
        REST_MODELS.put(Pattern.compile("POST /(channels|bridges)/[^/]+/play"), tf.constructType(Playback.class));
        REST_MODELS.put(Pattern.compile("POST /(channels|bridges)/[^/]+/record"),
                tf.constructType(LiveRecording.class));
        REST_MODELS.put(Pattern.compile("GET /recordings/stored/[^/]+"), tf.constructType(StoredRecording.class));
        REST_MODELS.put(Pattern.compile("GET /applications/[^/]+"), tf.constructType(Application.class));
    }

    private static List<Path> transcripts() {
        return Recordings.transcripts();
    }

    @Test
    void everyRecordedEventParsesIntoTheRecordOfItsType() {
        int parsed = 0;
        for (Path t : transcripts()) {
            for (JsonNode line : Recordings.lines(t)) {
                if (!"event".equals(line.path("kind").asText())) {
                    continue;
                }
                JsonNode raw = line.get("event");
                AriEvent event = AriEvents.parse(raw.toString());
                assertThat(event.getClass().getSimpleName()).as(t.getFileName() + ": " + raw.get("type"))
                        .isEqualTo(raw.get("type").asText());
                assertThat(event.type()).isEqualTo(raw.get("type").asText());
                assertThat(event.application()).isEqualTo("voicebot");
                assertThat(event.asteriskId()).isEqualTo("02:fc:00:00:00:01");
                assertThat(event.timestampAsDateTime()).isNotNull();
                parsed++;
            }
        }
        assertThat(parsed).isEqualTo(225);
    }

    @Test
    void externalMediaStasisStartCarriesChannelAndArgs() {
        List<AriEvent> events = events("bridge-snoop-externalmedia.jsonl");
        StasisStart em = first(events, StasisStart.class, e -> e.channel().id().equals("em-1"));
        assertThat(em.channel().name()).startsWith("UnicastRTP/127.0.0.1:");
        assertThat(em.channel().state()).isEqualTo(Channel.STATE_UP);
        assertThat(em.args()).isEmpty();
        assertThat(em.channelIds()).containsExactly("em-1");
        StasisStart snoop = first(events, StasisStart.class, e -> e.channel().id().equals("snoop-1"));
        assertThat(snoop.args()).containsExactly("monitor");
        assertThat(snoop.channel().dialplan().appData()).isEqualTo("voicebot,monitor");
        assertThat(snoop.channel().creationtimeAsDateTime().getYear()).isEqualTo(2026);
    }

    @Test
    void channelEnteredBridgeCarriesBridgeAndChannel() {
        List<AriEvent> events = events("bridge-snoop-externalmedia.jsonl");
        ChannelEnteredBridge entered = first(events, ChannelEnteredBridge.class,
                e -> e.channel().id().equals("em-1"));
        assertThat(entered.bridge().id()).isEqualTo("bridge-1");
        assertThat(entered.bridge().channels()).contains("em-1");
        assertThat(entered.channelIds()).containsExactly("em-1");
        assertThat(entered.bridgeIds()).containsExactly("bridge-1");
    }

    @Test
    void dtmfAndPlaybackEventsCarryTheirFields() {
        List<AriEvent> events = events("playback-record-dtmf-continue.jsonl");
        List<String> digits = new ArrayList<>();
        for (AriEvent e : events) {
            if (e instanceof ChannelDtmfReceived d) {
                digits.add(d.digit());
                assertThat(d.durationMs()).isEqualTo(120);
                assertThat(d.channel().id()).isEqualTo("call-2");
            }
        }
        assertThat(digits).containsExactly("1", "2", "#");

        PlaybackFinished failed = first(events, PlaybackFinished.class,
                e -> e.playback().mediaUri().equals("sound:no-such-sound"));
        assertThat(failed.playback().state()).isEqualTo(Playback.STATE_FAILED);
        assertThat(failed.channelIds()).containsExactly("call-2");
        assertThat(failed.bridgeIds()).isEmpty();

        RecordingStarted rec = first(events, RecordingStarted.class, e -> true);
        assertThat(rec.recording().name()).isNotEmpty();
    }

    @Test
    void applicationReplacedIsRecognised() {
        List<AriEvent> events = events("event-socket-reconnect.jsonl");
        assertThat(events).filteredOn(e -> e instanceof ApplicationReplaced).hasSize(1);
    }

    @Test
    void everyRecordedModelResponseParsesIntoItsModel() throws Exception {
        int parsed = 0;
        List<String> unmapped = new ArrayList<>();
        for (Path t : transcripts()) {
            for (JsonNode line : Recordings.lines(t)) {
                if (!"rest".equals(line.path("kind").asText())) {
                    continue;
                }
                int status = line.path("status").asInt();
                JsonNode body = line.get("response");
                if (status < 200 || status >= 300 || body == null || body.isNull()) {
                    continue;
                }
                String path = line.get("path").asText().split("\\?")[0];
                if (path.endsWith("/file")) {
                    continue; // binary WAV in reality; the transcript stores only its size and first bytes
                }
                String request = line.get("method").asText() + " " + path;
                JavaType type = REST_MODELS.entrySet().stream()
                        .filter(e -> e.getKey().matcher(request).matches())
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (type == null) {
                    unmapped.add(request);
                    continue;
                }
                Object value = MAPPER.readerFor(type).readValue(body);
                assertThat(value).as(request).isNotNull();
                if (value instanceof Channel c) {
                    assertThat(c.id()).isEqualTo(body.get("id").asText());
                    assertThat(c.dialplan().context()).isNotEmpty();
                } else if (value instanceof Bridge b) {
                    assertThat(b.id()).isEqualTo(body.get("id").asText());
                } else if (value instanceof List<?> list) {
                    assertThat(list).hasSize(body.size());
                } else if (value instanceof Variable v) {
                    assertThat(v.value()).isEqualTo(body.get("value").asText());
                } else if (value instanceof Application a) {
                    assertThat(a.channelIds()).hasSize(body.get("channel_ids").size());
                }
                parsed++;
            }
        }
        assertThat(unmapped).as("successful REST responses with no expected model").isEmpty();
        assertThat(parsed).isGreaterThan(20);
    }

    @Test
    void variableResponseGivesUnicastRtpPort() throws Exception {
        for (JsonNode line : Recordings.lines(transcript("bridge-snoop-externalmedia.jsonl"))) {
            if (line.path("path").asText().contains("variable=UNICASTRTP_LOCAL_PORT")) {
                Variable v = MAPPER.treeToValue(line.get("response"), Variable.class);
                assertThat(Integer.parseInt(v.value())).isBetween(1, 65535);
                return;
            }
        }
        throw new AssertionError("the recording has no UNICASTRTP_LOCAL_PORT lookup");
    }

    private static Path transcript(String name) {
        return Recordings.transcript(name);
    }

    private static List<AriEvent> events(String name) {
        List<AriEvent> out = new ArrayList<>();
        for (JsonNode line : Recordings.lines(transcript(name))) {
            if ("event".equals(line.path("kind").asText())) {
                out.add(AriEvents.parse(line.get("event")));
            }
        }
        return out;
    }

    private static <T extends AriEvent> T first(List<AriEvent> events, Class<T> type,
            java.util.function.Predicate<T> filter) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(filter).findFirst()
                .orElseThrow(() -> new AssertionError("no matching " + type.getSimpleName()));
    }

}
