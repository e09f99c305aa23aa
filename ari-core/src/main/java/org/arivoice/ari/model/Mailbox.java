package org.arivoice.ari.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Represents the state of a mailbox.
 *
 * <p>The ARI model {@code Mailbox} declared in {@code mailboxes.json}. Fields this version does not know are ignored.
 *
 * @param name Name of the mailbox.
 * @param oldMessages Count of old messages in the mailbox.
 * @param newMessages Count of new messages in the mailbox.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Mailbox(
        @JsonProperty("name") String name,
        @JsonProperty("old_messages") int oldMessages,
        @JsonProperty("new_messages") int newMessages) {
}
