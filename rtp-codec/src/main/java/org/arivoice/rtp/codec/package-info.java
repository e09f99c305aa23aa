/**
 * Audio sample formats of telephony and AI voice: {@link org.arivoice.rtp.codec.G711} µ-law/A-law
 * companding (bit-exact with the ITU-T G.191 reference), {@link org.arivoice.rtp.codec.Pcm16} 16-bit PCM in
 * either byte order, and {@link org.arivoice.rtp.codec.Resampler}, a streaming linear-phase sample-rate
 * converter between 8, 16, 24 and 48 kHz.
 *
 * <p>All of it works on caller-owned arrays or buffers and allocates nothing per sample or per call.
 */
package org.arivoice.rtp.codec;
