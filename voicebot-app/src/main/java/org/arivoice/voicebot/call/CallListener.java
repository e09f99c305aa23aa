package org.arivoice.voicebot.call;

import org.arivoice.ari.patterns.MediaCallReady;

/**
 * Follows the bot's calls (for {@code simulate}, tests, or an application embedding the bot). Called on the
 * bot's threads: return quickly and do not throw (a listener that throws is logged and ignored).
 */
public interface CallListener {

    /**
     * A call's media path is up.
     *
     * @param ready the call's bridge, ExternalMedia channel and RTP peer
     */
    default void callReady(MediaCallReady ready) {
    }

    /**
     * A call has ended and everything it created has been removed (or the removal was attempted).
     *
     * @param summary the call
     */
    default void callEnded(CallSummary summary) {
    }
}
