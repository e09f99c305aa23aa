/**
 * Call patterns on the Asterisk REST Interface, with every resource they create cleaned up whatever happens.
 *
 * <p>Start with {@link org.arivoice.ari.patterns.CallPatterns}: it runs the bridge/snoop/ExternalMedia flow
 * ({@link org.arivoice.ari.patterns.BridgedMediaCall}) for a caller in Stasis, records each resource in a
 * {@link org.arivoice.ari.patterns.ResourceLedger} before creating it, and tears the call down on the
 * caller's hang-up, a failed step, a timeout or shutdown. On a ready call: blind transfer, transfer to an
 * endpoint, conference, supervisor monitor/whisper/barge, bridge recording, announcements, hold and DTMF.
 */
package org.arivoice.ari.patterns;
