/**
 * The send side of a call: a {@link org.arivoice.rtp.pacer.Pacer} that takes audio as fast as a speech model
 * produces it, in utterances, and releases it as one frame per ptime on an absolute clock, with RTP
 * timestamps that follow real time, the marker bit on talkspurt starts, exact per-utterance accounting
 * for barge-in truncation and an immediate flush.
 */
package org.arivoice.rtp.pacer;
