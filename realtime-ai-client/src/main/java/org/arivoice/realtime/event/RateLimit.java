package org.arivoice.realtime.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of a {@code rate_limits.updated} event.
 *
 * @param name {@code requests} or {@code tokens}
 * @param limit the maximum allowed value
 * @param remaining the remaining value before the limit is reached
 * @param resetSeconds seconds until the limit resets
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RateLimit(String name, Long limit, Long remaining, Double resetSeconds) {
}
