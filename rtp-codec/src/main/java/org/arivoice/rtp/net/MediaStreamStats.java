package org.arivoice.rtp.net;

import org.arivoice.rtp.pacer.PacerStats;

/**
 * A snapshot of one {@link MediaStream}: the session's packet counters and reception statistics, and the
 * outbound pacer's counters.
 *
 * @param session packets and bytes each way, rejections, foreign sources, RFC 3550 reception statistics
 * @param pacer frames sent, skipped slots, queued, flushed and refused audio
 */
public record MediaStreamStats(SessionStats session, PacerStats pacer) {
}
