package org.arivoice.it;

import java.util.ArrayList;
import java.util.List;
import org.arivoice.ari.AriClient;
import org.arivoice.ari.AriException;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.model.Bridge;
import org.arivoice.ari.model.Channel;
import org.arivoice.testsupport.Timeouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and removes the channels and bridges of one test on a possibly shared Asterisk, recognised by the
 * test's id prefix ({@code GET /channels}, {@code GET /bridges}).
 */
final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {
    }

    /**
     * Describes every channel and bridge whose id starts with the prefix.
     *
     * @param ari a read-write client
     * @param prefix the test's id prefix
     * @return one description per resource, channels first; empty when none is left
     */
    static List<String> find(AriClient ari, String prefix) {
        List<String> left = new ArrayList<>();
        for (Channel c : ari.channels().list().await()) {
            if (c.id().startsWith(prefix)) {
                left.add("channel " + c.id() + " (" + c.name() + ", " + c.state() + ")");
            }
        }
        for (Bridge b : ari.bridges().list().await()) {
            if (b.id().startsWith(prefix)) {
                left.add("bridge " + b.id() + " with " + b.channels().size() + " channel(s)");
            }
        }
        return left;
    }

    /**
     * Hangs up every channel and destroys every bridge whose id starts with the prefix; resources that are
     * already gone are fine, other failures are logged (best effort).
     *
     * @param ari a read-write client
     * @param prefix the test's id prefix
     */
    static void remove(AriClient ari, String prefix) {
        for (Channel c : ari.channels().list().await()) {
            if (c.id().startsWith(prefix)) {
                ignoreGone(() -> ari.channels().hangup(c.id()).await());
            }
        }
        for (Bridge b : ari.bridges().list().await()) {
            if (b.id().startsWith(prefix)) {
                ignoreGone(() -> ari.bridges().destroy(b.id()).await());
            }
        }
        // Asterisk answers a bridge's DELETE before its bridge manager has dissolved it (a moment later when
        // channels are still leaving it): the clean-up is done when the bridges are really gone.
        long deadline = System.nanoTime() + Timeouts.seconds(5).toNanos();
        while (ari.bridges().list().await().stream().anyMatch(b -> b.id().startsWith(prefix))
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void ignoreGone(Runnable call) {
        try {
            call.run();
        } catch (AriNotFoundException gone) {
            // already gone: what the clean-up wanted
        } catch (AriException e) {
            LOG.warn("clean-up of a test's leftovers: {}", e.getMessage());
        }
    }
}
