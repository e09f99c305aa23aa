package org.arivoice.realtime.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code error} object of an {@code error} event (or of a failed transcription).
 *
 * @param type the error type, e.g. {@code invalid_request_error}
 * @param code the error code, e.g. {@code conversation_already_has_active_response}, or {@code null}
 * @param message a human-readable message
 * @param param the parameter the error is about, or {@code null}
 * @param eventId the {@code event_id} of the client event that caused it, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorDetail(String type, String code, String message, String param, String eventId) {
}
