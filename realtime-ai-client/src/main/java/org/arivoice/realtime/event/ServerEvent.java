package org.arivoice.realtime.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An event sent by the Realtime server (GA protocol): one record per type declared in OpenAI's
 * {@code RealtimeServerEvent} union, plus {@link Unknown} for any type this version does not know.
 *
 * <p>Records ignore unknown fields and unknown types never fail: a newer OpenAI release must not break a
 * running bot. Parse with {@link EventCodec#parse(String)}. Field names are the wire names in camel case
 * ({@code item_id} is {@code itemId()}). Optional fields of the schema are {@code null} when absent.
 */
public sealed interface ServerEvent {

    /**
     * The wire name of the event type, e.g. {@code response.output_audio.delta}.
     *
     * @return the {@code type} field
     */
    @JsonProperty("type")
    String type();

    /**
     * The server's ID of this event.
     *
     * @return the {@code event_id} field, or {@code null} when the event carries none
     */
    String eventId();

    /**
     * The record class for every known type, keyed by wire name.
     *
     * @return an immutable map from {@code type} to record class
     */
    static Map<String, Class<? extends ServerEvent>> knownTypes() {
        return Registry.TYPES;
    }

    /**
     * {@code conversation.created}: Returned when a conversation is created.
     *
     * @param eventId The unique ID of the server event.
     * @param conversation The conversation resource.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationCreated(String eventId, JsonNode conversation) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "conversation.created";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code conversation.item.created}: Returned when a conversation item is created.
     *
     * @param eventId The unique ID of the server event.
     * @param previousItemId the {@code previous_item_id} field
     * @param item the {@code item} field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationItemCreated(String eventId, String previousItemId, ConversationItem item) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "conversation.item.created";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code conversation.item.deleted}: Returned when an item in the conversation is deleted by the client with a {@code conversation.item.delete} event.
     *
     * @param eventId The unique ID of the server event.
     * @param itemId The ID of the item that was deleted.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationItemDeleted(String eventId, String itemId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "conversation.item.deleted";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code conversation.item.input_audio_transcription.completed}: This event is the output of audio transcription for user audio written to the user audio buffer.
     *
     * @param eventId The unique ID of the server event.
     * @param itemId The ID of the item containing the audio that is being transcribed.
     * @param contentIndex The index of the content part containing the audio.
     * @param transcript The transcribed text.
     * @param languages The languages detected in the audio.
     * @param logprobs the {@code logprobs} field
     * @param usage Usage statistics for the transcription, this is billed according to the ASR model's pricing rather than the realtime model's pricing.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationItemInputAudioTranscriptionCompleted(String eventId, String itemId, Integer contentIndex, String transcript, JsonNode languages, JsonNode logprobs, JsonNode usage) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "conversation.item.input_audio_transcription.completed";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code conversation.item.input_audio_transcription.delta}: Returned when the text value of an input audio transcription content part is updated with incremental transcription results.
     *
     * @param eventId The unique ID of the server event.
     * @param itemId The ID of the item containing the audio that is being transcribed.
     * @param contentIndex The index of the content part in the item's content array.
     * @param delta The text delta.
     * @param logprobs the {@code logprobs} field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationItemInputAudioTranscriptionDelta(String eventId, String itemId, Integer contentIndex, String delta, JsonNode logprobs) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "conversation.item.input_audio_transcription.delta";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code conversation.item.input_audio_transcription.failed}: Returned when input audio transcription is configured, and a transcription request for a user message failed.
     *
     * @param eventId The unique ID of the server event.
     * @param itemId The ID of the user message item.
     * @param contentIndex The index of the content part containing the audio.
     * @param error Details of the transcription error.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationItemInputAudioTranscriptionFailed(String eventId, String itemId, Integer contentIndex, ErrorDetail error) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "conversation.item.input_audio_transcription.failed";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code conversation.item.retrieved}: Returned when a conversation item is retrieved with {@code conversation.item.retrieve}.
     *
     * @param eventId The unique ID of the server event.
     * @param item the {@code item} field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationItemRetrieved(String eventId, ConversationItem item) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "conversation.item.retrieved";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code conversation.item.truncated}: Returned when an earlier assistant audio message item is truncated by the client with a {@code conversation.item.truncate} event.
     *
     * @param eventId The unique ID of the server event.
     * @param itemId The ID of the assistant message item that was truncated.
     * @param contentIndex The index of the content part that was truncated.
     * @param audioEndMs The duration up to which the audio was truncated, in milliseconds.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationItemTruncated(String eventId, String itemId, Integer contentIndex, Integer audioEndMs) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "conversation.item.truncated";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code error}: Returned when an error occurs, which could be a client problem or a server problem.
     *
     * @param eventId The unique ID of the server event.
     * @param error Details of the error.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorEvent(String eventId, ErrorDetail error) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "error";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code input_audio_buffer.cleared}: Returned when the input audio buffer is cleared by the client with a {@code input_audio_buffer.clear} event.
     *
     * @param eventId The unique ID of the server event.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InputAudioBufferCleared(String eventId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "input_audio_buffer.cleared";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code input_audio_buffer.committed}: Returned when an input audio buffer is committed, either by the client or automatically in server VAD mode.
     *
     * @param eventId The unique ID of the server event.
     * @param previousItemId the {@code previous_item_id} field
     * @param itemId The ID of the user message item that will be created.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InputAudioBufferCommitted(String eventId, String previousItemId, String itemId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "input_audio_buffer.committed";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code input_audio_buffer.dtmf_event_received}: **SIP Only:** Returned when an DTMF event is received.
     *
     * @param eventId the unique ID of the server event (absent for this type in the schema)
     * @param event The telephone keypad that was pressed by the user.
     * @param receivedAt UTC Unix Timestamp when DTMF Event was received by server.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InputAudioBufferDtmfEventReceived(String eventId, String event, Long receivedAt) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "input_audio_buffer.dtmf_event_received";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code input_audio_buffer.speech_started}: Sent by the server when in {@code server_vad} mode to indicate that speech has been detected in the audio buffer.
     *
     * @param eventId The unique ID of the server event.
     * @param audioStartMs Milliseconds from the start of all audio written to the buffer during the session when speech was first detected.
     * @param itemId The ID of the user message item that will be created when speech stops.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InputAudioBufferSpeechStarted(String eventId, Integer audioStartMs, String itemId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "input_audio_buffer.speech_started";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code input_audio_buffer.speech_stopped}: Returned in {@code server_vad} mode when the server detects the end of speech in the audio buffer.
     *
     * @param eventId The unique ID of the server event.
     * @param audioEndMs Milliseconds since the session started when speech stopped.
     * @param itemId The ID of the user message item that will be created.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InputAudioBufferSpeechStopped(String eventId, Integer audioEndMs, String itemId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "input_audio_buffer.speech_stopped";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code rate_limits.updated}: Emitted at the beginning of a Response to indicate the updated rate limits.
     *
     * @param eventId The unique ID of the server event.
     * @param rateLimits List of rate limit information.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RateLimitsUpdated(String eventId, List<RateLimit> rateLimits) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "rate_limits.updated";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.output_audio.delta}: Returned when the model-generated audio is updated.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the item.
     * @param outputIndex The index of the output item in the response.
     * @param contentIndex The index of the content part in the item's content array.
     * @param delta Base64-encoded audio data delta.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseOutputAudioDelta(String eventId, String responseId, String itemId, Integer outputIndex, Integer contentIndex, String delta) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.output_audio.delta";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.output_audio.done}: Returned when the model-generated audio is done.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the item.
     * @param outputIndex The index of the output item in the response.
     * @param contentIndex The index of the content part in the item's content array.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseOutputAudioDone(String eventId, String responseId, String itemId, Integer outputIndex, Integer contentIndex) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.output_audio.done";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.output_audio_transcript.delta}: Returned when the model-generated transcription of audio output is updated.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the item.
     * @param outputIndex The index of the output item in the response.
     * @param contentIndex The index of the content part in the item's content array.
     * @param delta The transcript delta.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseOutputAudioTranscriptDelta(String eventId, String responseId, String itemId, Integer outputIndex, Integer contentIndex, String delta) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.output_audio_transcript.delta";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.output_audio_transcript.done}: Returned when the model-generated transcription of audio output is done streaming.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the item.
     * @param outputIndex The index of the output item in the response.
     * @param contentIndex The index of the content part in the item's content array.
     * @param transcript The final transcript of the audio.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseOutputAudioTranscriptDone(String eventId, String responseId, String itemId, Integer outputIndex, Integer contentIndex, String transcript) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.output_audio_transcript.done";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.content_part.added}: Returned when a new content part is added to an assistant message item during response generation.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the item to which the content part was added.
     * @param outputIndex The index of the output item in the response.
     * @param contentIndex The index of the content part in the item's content array.
     * @param part The content part that was added.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseContentPartAdded(String eventId, String responseId, String itemId, Integer outputIndex, Integer contentIndex, ContentPart part) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.content_part.added";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.content_part.done}: Returned when a content part is done streaming in an assistant message item.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the item.
     * @param outputIndex The index of the output item in the response.
     * @param contentIndex The index of the content part in the item's content array.
     * @param part The content part that is done.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseContentPartDone(String eventId, String responseId, String itemId, Integer outputIndex, Integer contentIndex, ContentPart part) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.content_part.done";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.created}: Returned when a new Response is created.
     *
     * @param eventId The unique ID of the server event.
     * @param response the {@code response} field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseCreated(String eventId, RealtimeResponse response) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.created";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.done}: Returned when a Response is done streaming.
     *
     * @param eventId The unique ID of the server event.
     * @param response the {@code response} field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseDone(String eventId, RealtimeResponse response) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.done";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.function_call_arguments.delta}: Returned when the model-generated function call arguments are updated.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the function call item.
     * @param outputIndex The index of the output item in the response.
     * @param callId The ID of the function call.
     * @param delta The arguments delta as a JSON string.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseFunctionCallArgumentsDelta(String eventId, String responseId, String itemId, Integer outputIndex, String callId, String delta) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.function_call_arguments.delta";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.function_call_arguments.done}: Returned when the model-generated function call arguments are done streaming.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the function call item.
     * @param outputIndex The index of the output item in the response.
     * @param callId The ID of the function call.
     * @param name The name of the function that was called.
     * @param arguments The final arguments as a JSON string.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseFunctionCallArgumentsDone(String eventId, String responseId, String itemId, Integer outputIndex, String callId, String name, String arguments) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.function_call_arguments.done";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.output_item.added}: Returned when a new Item is created during Response generation.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the Response to which the item belongs.
     * @param outputIndex The index of the output item in the Response.
     * @param item the {@code item} field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseOutputItemAdded(String eventId, String responseId, Integer outputIndex, ConversationItem item) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.output_item.added";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.output_item.done}: Returned when an Item is done streaming.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the Response to which the item belongs.
     * @param outputIndex The index of the output item in the Response.
     * @param item the {@code item} field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseOutputItemDone(String eventId, String responseId, Integer outputIndex, ConversationItem item) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.output_item.done";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.output_text.delta}: Returned when the text value of an "output_text" content part is updated.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the item.
     * @param outputIndex The index of the output item in the response.
     * @param contentIndex The index of the content part in the item's content array.
     * @param delta The text delta.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseOutputTextDelta(String eventId, String responseId, String itemId, Integer outputIndex, Integer contentIndex, String delta) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.output_text.delta";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.output_text.done}: Returned when the text value of an "output_text" content part is done streaming.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the item.
     * @param outputIndex The index of the output item in the response.
     * @param contentIndex The index of the content part in the item's content array.
     * @param text The final text content.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseOutputTextDone(String eventId, String responseId, String itemId, Integer outputIndex, Integer contentIndex, String text) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.output_text.done";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code session.created}: Returned when a Session is created.
     *
     * @param eventId The unique ID of the server event.
     * @param session The session configuration.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SessionCreated(String eventId, JsonNode session) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "session.created";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code session.updated}: Returned when a session is updated with a {@code session.update} event, unless there is an error.
     *
     * @param eventId The unique ID of the server event.
     * @param session The session configuration.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SessionUpdated(String eventId, JsonNode session) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "session.updated";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code output_audio_buffer.started}: **WebRTC/SIP Only:** Emitted when the server begins streaming audio to the client.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The unique ID of the response that produced the audio.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OutputAudioBufferStarted(String eventId, String responseId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "output_audio_buffer.started";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code output_audio_buffer.stopped}: **WebRTC/SIP Only:** Emitted when the output audio buffer has been completely drained on the server, and no more audio is forthcoming.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The unique ID of the response that produced the audio.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OutputAudioBufferStopped(String eventId, String responseId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "output_audio_buffer.stopped";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code output_audio_buffer.cleared}: **WebRTC/SIP Only:** Emitted when the output audio buffer is cleared.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The unique ID of the response that produced the audio.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OutputAudioBufferCleared(String eventId, String responseId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "output_audio_buffer.cleared";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code conversation.item.added}: Sent by the server when an Item is added to the default Conversation.
     *
     * @param eventId The unique ID of the server event.
     * @param previousItemId the {@code previous_item_id} field
     * @param item the {@code item} field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationItemAdded(String eventId, String previousItemId, ConversationItem item) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "conversation.item.added";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code conversation.item.done}: Returned when a conversation item is finalized.
     *
     * @param eventId The unique ID of the server event.
     * @param previousItemId the {@code previous_item_id} field
     * @param item the {@code item} field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationItemDone(String eventId, String previousItemId, ConversationItem item) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "conversation.item.done";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code input_audio_buffer.timeout_triggered}: Returned when the Server VAD timeout is triggered for the input audio buffer.
     *
     * @param eventId The unique ID of the server event.
     * @param audioStartMs Millisecond offset of audio written to the input audio buffer that was after the playback time of the last model response.
     * @param audioEndMs Millisecond offset of audio written to the input audio buffer at the time the timeout was triggered.
     * @param itemId The ID of the item associated with this segment.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InputAudioBufferTimeoutTriggered(String eventId, Integer audioStartMs, Integer audioEndMs, String itemId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "input_audio_buffer.timeout_triggered";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code conversation.item.input_audio_transcription.segment}: Returned when an input audio transcription segment is identified for an item.
     *
     * @param eventId The unique ID of the server event.
     * @param itemId The ID of the item containing the input audio content.
     * @param contentIndex The index of the input audio content part within the item.
     * @param text The text for this segment.
     * @param id The segment identifier.
     * @param speaker The detected speaker label for this segment.
     * @param start Start time of the segment in seconds.
     * @param end End time of the segment in seconds.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationItemInputAudioTranscriptionSegment(String eventId, String itemId, Integer contentIndex, String text, String id, String speaker, Double start, Double end) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "conversation.item.input_audio_transcription.segment";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code mcp_list_tools.in_progress}: Returned when listing MCP tools is in progress for an item.
     *
     * @param eventId The unique ID of the server event.
     * @param itemId The ID of the MCP list tools item.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record McpListToolsInProgress(String eventId, String itemId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "mcp_list_tools.in_progress";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code mcp_list_tools.completed}: Returned when listing MCP tools has completed for an item.
     *
     * @param eventId The unique ID of the server event.
     * @param itemId The ID of the MCP list tools item.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record McpListToolsCompleted(String eventId, String itemId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "mcp_list_tools.completed";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code mcp_list_tools.failed}: Returned when listing MCP tools has failed for an item.
     *
     * @param eventId The unique ID of the server event.
     * @param itemId The ID of the MCP list tools item.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record McpListToolsFailed(String eventId, String itemId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "mcp_list_tools.failed";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.mcp_call_arguments.delta}: Returned when MCP tool call arguments are updated during response generation.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the MCP tool call item.
     * @param outputIndex The index of the output item in the response.
     * @param delta The JSON-encoded arguments delta.
     * @param obfuscation the {@code obfuscation} field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseMcpCallArgumentsDelta(String eventId, String responseId, String itemId, Integer outputIndex, String delta, String obfuscation) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.mcp_call_arguments.delta";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.mcp_call_arguments.done}: Returned when MCP tool call arguments are finalized during response generation.
     *
     * @param eventId The unique ID of the server event.
     * @param responseId The ID of the response.
     * @param itemId The ID of the MCP tool call item.
     * @param outputIndex The index of the output item in the response.
     * @param arguments The final JSON-encoded arguments string.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseMcpCallArgumentsDone(String eventId, String responseId, String itemId, Integer outputIndex, String arguments) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.mcp_call_arguments.done";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.mcp_call.in_progress}: Returned when an MCP tool call has started and is in progress.
     *
     * @param eventId The unique ID of the server event.
     * @param outputIndex The index of the output item in the response.
     * @param itemId The ID of the MCP tool call item.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseMcpCallInProgress(String eventId, Integer outputIndex, String itemId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.mcp_call.in_progress";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.mcp_call.completed}: Returned when an MCP tool call has completed successfully.
     *
     * @param eventId The unique ID of the server event.
     * @param outputIndex The index of the output item in the response.
     * @param itemId The ID of the MCP tool call item.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseMcpCallCompleted(String eventId, Integer outputIndex, String itemId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.mcp_call.completed";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code response.mcp_call.failed}: Returned when an MCP tool call has failed.
     *
     * @param eventId The unique ID of the server event.
     * @param outputIndex The index of the output item in the response.
     * @param itemId The ID of the MCP tool call item.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseMcpCallFailed(String eventId, Integer outputIndex, String itemId) implements ServerEvent {
        /** Wire name of this event type. */
        public static final String TYPE = "response.mcp_call.failed";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * An event whose type this version does not know (or whose known type arrived in a shape that could not
     * be bound), kept as raw JSON so that a newer server never breaks a running client.
     *
     * @param type the {@code type} field as received (empty when absent)
     * @param eventId the {@code event_id} field, or {@code null}
     * @param raw the whole event as received
     */
    record Unknown(String type, String eventId, JsonNode raw) implements ServerEvent {
    }
}

/** Holds the type table out of the public interface. */
final class Registry {
    static final Map<String, Class<? extends ServerEvent>> TYPES = Map.ofEntries(
            Map.entry(ServerEvent.ConversationCreated.TYPE, ServerEvent.ConversationCreated.class),
            Map.entry(ServerEvent.ConversationItemCreated.TYPE, ServerEvent.ConversationItemCreated.class),
            Map.entry(ServerEvent.ConversationItemDeleted.TYPE, ServerEvent.ConversationItemDeleted.class),
            Map.entry(ServerEvent.ConversationItemInputAudioTranscriptionCompleted.TYPE, ServerEvent.ConversationItemInputAudioTranscriptionCompleted.class),
            Map.entry(ServerEvent.ConversationItemInputAudioTranscriptionDelta.TYPE, ServerEvent.ConversationItemInputAudioTranscriptionDelta.class),
            Map.entry(ServerEvent.ConversationItemInputAudioTranscriptionFailed.TYPE, ServerEvent.ConversationItemInputAudioTranscriptionFailed.class),
            Map.entry(ServerEvent.ConversationItemRetrieved.TYPE, ServerEvent.ConversationItemRetrieved.class),
            Map.entry(ServerEvent.ConversationItemTruncated.TYPE, ServerEvent.ConversationItemTruncated.class),
            Map.entry(ServerEvent.ErrorEvent.TYPE, ServerEvent.ErrorEvent.class),
            Map.entry(ServerEvent.InputAudioBufferCleared.TYPE, ServerEvent.InputAudioBufferCleared.class),
            Map.entry(ServerEvent.InputAudioBufferCommitted.TYPE, ServerEvent.InputAudioBufferCommitted.class),
            Map.entry(ServerEvent.InputAudioBufferDtmfEventReceived.TYPE, ServerEvent.InputAudioBufferDtmfEventReceived.class),
            Map.entry(ServerEvent.InputAudioBufferSpeechStarted.TYPE, ServerEvent.InputAudioBufferSpeechStarted.class),
            Map.entry(ServerEvent.InputAudioBufferSpeechStopped.TYPE, ServerEvent.InputAudioBufferSpeechStopped.class),
            Map.entry(ServerEvent.RateLimitsUpdated.TYPE, ServerEvent.RateLimitsUpdated.class),
            Map.entry(ServerEvent.ResponseOutputAudioDelta.TYPE, ServerEvent.ResponseOutputAudioDelta.class),
            Map.entry(ServerEvent.ResponseOutputAudioDone.TYPE, ServerEvent.ResponseOutputAudioDone.class),
            Map.entry(ServerEvent.ResponseOutputAudioTranscriptDelta.TYPE, ServerEvent.ResponseOutputAudioTranscriptDelta.class),
            Map.entry(ServerEvent.ResponseOutputAudioTranscriptDone.TYPE, ServerEvent.ResponseOutputAudioTranscriptDone.class),
            Map.entry(ServerEvent.ResponseContentPartAdded.TYPE, ServerEvent.ResponseContentPartAdded.class),
            Map.entry(ServerEvent.ResponseContentPartDone.TYPE, ServerEvent.ResponseContentPartDone.class),
            Map.entry(ServerEvent.ResponseCreated.TYPE, ServerEvent.ResponseCreated.class),
            Map.entry(ServerEvent.ResponseDone.TYPE, ServerEvent.ResponseDone.class),
            Map.entry(ServerEvent.ResponseFunctionCallArgumentsDelta.TYPE, ServerEvent.ResponseFunctionCallArgumentsDelta.class),
            Map.entry(ServerEvent.ResponseFunctionCallArgumentsDone.TYPE, ServerEvent.ResponseFunctionCallArgumentsDone.class),
            Map.entry(ServerEvent.ResponseOutputItemAdded.TYPE, ServerEvent.ResponseOutputItemAdded.class),
            Map.entry(ServerEvent.ResponseOutputItemDone.TYPE, ServerEvent.ResponseOutputItemDone.class),
            Map.entry(ServerEvent.ResponseOutputTextDelta.TYPE, ServerEvent.ResponseOutputTextDelta.class),
            Map.entry(ServerEvent.ResponseOutputTextDone.TYPE, ServerEvent.ResponseOutputTextDone.class),
            Map.entry(ServerEvent.SessionCreated.TYPE, ServerEvent.SessionCreated.class),
            Map.entry(ServerEvent.SessionUpdated.TYPE, ServerEvent.SessionUpdated.class),
            Map.entry(ServerEvent.OutputAudioBufferStarted.TYPE, ServerEvent.OutputAudioBufferStarted.class),
            Map.entry(ServerEvent.OutputAudioBufferStopped.TYPE, ServerEvent.OutputAudioBufferStopped.class),
            Map.entry(ServerEvent.OutputAudioBufferCleared.TYPE, ServerEvent.OutputAudioBufferCleared.class),
            Map.entry(ServerEvent.ConversationItemAdded.TYPE, ServerEvent.ConversationItemAdded.class),
            Map.entry(ServerEvent.ConversationItemDone.TYPE, ServerEvent.ConversationItemDone.class),
            Map.entry(ServerEvent.InputAudioBufferTimeoutTriggered.TYPE, ServerEvent.InputAudioBufferTimeoutTriggered.class),
            Map.entry(ServerEvent.ConversationItemInputAudioTranscriptionSegment.TYPE, ServerEvent.ConversationItemInputAudioTranscriptionSegment.class),
            Map.entry(ServerEvent.McpListToolsInProgress.TYPE, ServerEvent.McpListToolsInProgress.class),
            Map.entry(ServerEvent.McpListToolsCompleted.TYPE, ServerEvent.McpListToolsCompleted.class),
            Map.entry(ServerEvent.McpListToolsFailed.TYPE, ServerEvent.McpListToolsFailed.class),
            Map.entry(ServerEvent.ResponseMcpCallArgumentsDelta.TYPE, ServerEvent.ResponseMcpCallArgumentsDelta.class),
            Map.entry(ServerEvent.ResponseMcpCallArgumentsDone.TYPE, ServerEvent.ResponseMcpCallArgumentsDone.class),
            Map.entry(ServerEvent.ResponseMcpCallInProgress.TYPE, ServerEvent.ResponseMcpCallInProgress.class),
            Map.entry(ServerEvent.ResponseMcpCallCompleted.TYPE, ServerEvent.ResponseMcpCallCompleted.class),
            Map.entry(ServerEvent.ResponseMcpCallFailed.TYPE, ServerEvent.ResponseMcpCallFailed.class)
    );

    private Registry() {
    }
}
