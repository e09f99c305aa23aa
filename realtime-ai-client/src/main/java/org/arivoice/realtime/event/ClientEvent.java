package org.arivoice.realtime.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event the client sends (GA protocol): the eleven {@code RealtimeClientEvent*} types. Serialise with
 * {@link EventCodec#write(ClientEvent)}. {@code eventId} is optional everywhere; when set, a server
 * {@code error} caused by the event names it in {@link ErrorDetail#eventId()}.
 *
 * <p>Nested objects ({@code session}, {@code item}, {@code response}) are JSON trees so that every field
 * of the API can be sent; {@link org.arivoice.realtime.SessionConfig} and {@link ConversationItems} build
 * the common ones.
 */
public sealed interface ClientEvent {

    /**
     * The wire name of the event type.
     *
     * @return the {@code type} field
     */
    @JsonProperty("type")
    String type();

    /**
     * The client's ID of this event.
     *
     * @return the {@code event_id} field, or {@code null} to send none
     */
    String eventId();

    /**
     * {@code session.update}: updates the session configuration.
     *
     * @param eventId optional client event ID
     * @param session the session object ({@code RealtimeSessionCreateRequestGA}, with {@code type: realtime})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "event_id"})
    record SessionUpdate(String eventId, JsonNode session) implements ClientEvent {
        @Override
        public String type() {
            return "session.update";
        }
    }

    /**
     * {@code input_audio_buffer.append}: appends audio to the input buffer. For streaming audio prefer
     * {@link org.arivoice.realtime.RealtimeSession#appendAudio(byte[], int, int)}, which encodes without
     * building this record.
     *
     * @param eventId optional client event ID
     * @param audio base64-encoded audio in the session's input format
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "event_id"})
    record InputAudioBufferAppend(String eventId, String audio) implements ClientEvent {
        @Override
        public String type() {
            return "input_audio_buffer.append";
        }
    }

    /**
     * {@code input_audio_buffer.commit}: commits the input buffer as a user message item.
     *
     * @param eventId optional client event ID
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "event_id"})
    record InputAudioBufferCommit(String eventId) implements ClientEvent {
        @Override
        public String type() {
            return "input_audio_buffer.commit";
        }
    }

    /**
     * {@code input_audio_buffer.clear}: discards the audio in the input buffer.
     *
     * @param eventId optional client event ID
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "event_id"})
    record InputAudioBufferClear(String eventId) implements ClientEvent {
        @Override
        public String type() {
            return "input_audio_buffer.clear";
        }
    }

    /**
     * {@code output_audio_buffer.clear}: stops the server's audio output (WebRTC and SIP transports only;
     * over WebSocket the client owns playback).
     *
     * @param eventId optional client event ID
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "event_id"})
    record OutputAudioBufferClear(String eventId) implements ClientEvent {
        @Override
        public String type() {
            return "output_audio_buffer.clear";
        }
    }

    /**
     * {@code conversation.item.create}: adds an item to the conversation.
     *
     * @param eventId optional client event ID
     * @param previousItemId the item to insert after, or {@code null} to append
     * @param item the item ({@code RealtimeConversationItem}); see {@link ConversationItems}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "event_id"})
    record ConversationItemCreate(String eventId, String previousItemId, JsonNode item) implements ClientEvent {
        @Override
        public String type() {
            return "conversation.item.create";
        }
    }

    /**
     * {@code conversation.item.retrieve}: asks the server for an item ({@code conversation.item.retrieved}).
     *
     * @param eventId optional client event ID
     * @param itemId the item to retrieve
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "event_id"})
    record ConversationItemRetrieve(String eventId, String itemId) implements ClientEvent {
        @Override
        public String type() {
            return "conversation.item.retrieve";
        }
    }

    /**
     * {@code conversation.item.truncate}: cuts an assistant audio item at what the user actually heard.
     *
     * @param eventId optional client event ID
     * @param itemId the assistant message item
     * @param contentIndex the content part to truncate (0 for the audio part)
     * @param audioEndMs the played duration in milliseconds
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "event_id"})
    record ConversationItemTruncate(String eventId, String itemId, int contentIndex, long audioEndMs)
            implements ClientEvent {
        @Override
        public String type() {
            return "conversation.item.truncate";
        }
    }

    /**
     * {@code conversation.item.delete}: removes an item from the conversation.
     *
     * @param eventId optional client event ID
     * @param itemId the item to delete
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "event_id"})
    record ConversationItemDelete(String eventId, String itemId) implements ClientEvent {
        @Override
        public String type() {
            return "conversation.item.delete";
        }
    }

    /**
     * {@code response.create}: asks the model for a response.
     *
     * @param eventId optional client event ID
     * @param response optional response parameters ({@code RealtimeResponseCreateParams}), or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "event_id"})
    record ResponseCreate(String eventId, JsonNode response) implements ClientEvent {
        @Override
        public String type() {
            return "response.create";
        }
    }

    /**
     * {@code response.cancel}: cancels the in-progress response.
     *
     * @param eventId optional client event ID
     * @param responseId the response to cancel, or {@code null} for the current one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "event_id"})
    record ResponseCancel(String eventId, String responseId) implements ClientEvent {
        @Override
        public String type() {
            return "response.cancel";
        }
    }
}
