/**
 * RTP media for telephony: packets (RFC 3550) as reusable views over byte arrays, receive statistics,
 * G.711 and PCM16 codecs, resampling, a reorder/jitter buffer, an outbound pacer, RFC 4733 DTMF and a
 * NIO UDP endpoint that serves many calls from a few threads.
 *
 * <p>Nothing in this package knows about ARI or AI; per-packet work allocates nothing.
 */
package org.arivoice.rtp;
