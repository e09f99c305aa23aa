package org.arivoice.testsupport;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sets Awaitility's default bound (for an {@code await()} without {@code atMost}) to 10 s times
 * {@link Timeouts#scale()}. Registered for every test class through JUnit's extension auto-detection, which the
 * parent POM turns on.
 */
public final class AwaitilityDefaults implements BeforeAllCallback {
    /** Awaitility's own default bound, before scaling. */
    static final long DEFAULT_SECONDS = 10;

    /** Creates the extension (JUnit does, through the service file). */
    public AwaitilityDefaults() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultTimeout(Timeouts.seconds(DEFAULT_SECONDS));
    }
}
