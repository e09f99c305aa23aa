/**
 * The receive side of a call: a reorder/jitter buffer that turns RTP audio packets as they arrive
 * (reordered, duplicated, lost, late) into a steady, strictly timestamp-ordered stream of frames with every
 * gap filled, for a listener such as a speech model. DTMF (RFC 4733) and comfort-noise packets are
 * recognised and handed back to the caller instead of entering the audio stream.
 *
 * <p>Build an immutable {@link org.arivoice.rtp.jitter.JitterBufferConfig} once and create one
 * {@link org.arivoice.rtp.jitter.JitterBuffer} per call from it. Offering and polling allocate nothing.
 */
package org.arivoice.rtp.jitter;
