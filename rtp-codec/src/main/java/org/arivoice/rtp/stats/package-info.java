/**
 * Receive-side RTP statistics per RFC 3550 Appendix A: sequence validation with probation and
 * resynchronisation, extended sequence numbers, loss (cumulative and per reporting interval), duplicates,
 * reordering and interarrival jitter. {@link org.arivoice.rtp.stats.ReceiveStatistics} is updated per
 * packet without allocating and read through immutable snapshots from any thread.
 */
package org.arivoice.rtp.stats;
