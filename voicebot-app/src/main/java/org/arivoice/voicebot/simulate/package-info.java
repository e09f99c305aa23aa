/**
 * {@code simulate}: complete calls on one machine against a fake Asterisk and a fake Realtime model, with
 * per-stage latency and WAV files of what the caller said and heard.
 */
package org.arivoice.voicebot.simulate;
