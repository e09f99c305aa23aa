package org.arivoice.realtime.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One content part of a message item or of a {@code response.content_part.*} event.
 *
 * @param type e.g. {@code input_text}, {@code input_audio}, {@code output_text}, {@code output_audio},
 *     {@code text} or {@code audio}
 * @param text the text, for text parts
 * @param audio base64 audio, for audio parts (usually absent: audio streams in delta events)
 * @param transcript the transcript, for audio parts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContentPart(String type, String text, String audio, String transcript) {
}
