package org.arivoice.realtime.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A response as carried by {@code response.created} and {@code response.done} ({@code RealtimeResponse}).
 *
 * @param id the response ID
 * @param status {@code completed}, {@code cancelled}, {@code failed}, {@code incomplete} or {@code in_progress}
 * @param statusDetails why the response ended this way ({@code reason} such as {@code turn_detected} or
 *     {@code client_cancelled}, and an {@code error} for failed responses), or {@code null}
 * @param output the items the response produced
 * @param usage token usage (set on {@code response.done}), or {@code null}
 * @param conversationId the conversation the response belongs to, or {@code null}
 * @param outputModalities the modalities of the response, or {@code null}
 * @param metadata the metadata given in {@code response.create}, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RealtimeResponse(String id, String status, JsonNode statusDetails, List<ConversationItem> output,
        Usage usage, String conversationId, List<String> outputModalities, JsonNode metadata) {

    /**
     * Token usage of one response, for cost metering.
     *
     * @param totalTokens input plus output tokens
     * @param inputTokens input tokens (text and audio, including cached ones)
     * @param outputTokens output tokens (text and audio)
     * @param inputTokenDetails the input tokens by kind, or {@code null}
     * @param outputTokenDetails the output tokens by kind, or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(Long totalTokens, Long inputTokens, Long outputTokens, InputTokenDetails inputTokenDetails,
            OutputTokenDetails outputTokenDetails) {
    }

    /**
     * Input tokens by kind.
     *
     * @param cachedTokens cached input tokens
     * @param textTokens text input tokens
     * @param imageTokens image input tokens
     * @param audioTokens audio input tokens
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InputTokenDetails(Long cachedTokens, Long textTokens, Long imageTokens, Long audioTokens) {
    }

    /**
     * Output tokens by kind.
     *
     * @param textTokens text output tokens
     * @param audioTokens audio output tokens
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutputTokenDetails(Long textTokens, Long audioTokens) {
    }
}
