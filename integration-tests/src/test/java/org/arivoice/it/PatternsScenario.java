package org.arivoice.it;

import org.arivoice.ari.patterns.CallPatterns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A scenario of ari-bridge-patterns: {@link CallPatterns} on the test's client and event stream, with the test's
 * id prefix (so the leftover check of {@link ScenarioSupport} sees every resource the calls create), and a
 * {@link DiscardMedia} socket for calls whose audio the scenario does not examine. Closing the patterns tears
 * down any call a failed test left.
 */
abstract class PatternsScenario extends ScenarioSupport {
    /** The calls' media destination when the audio is not examined. */
    protected DiscardMedia media;
    /** The call patterns under test. */
    protected CallPatterns patterns;

    @BeforeEach
    final void openPatterns() {
        media = new DiscardMedia(target);
        patterns = CallPatterns.builder(ari, events).application(target.application()).idPrefix(prefix()).build();
    }

    @AfterEach
    final void closePatterns() {
        patterns.close();
        media.close();
    }
}
