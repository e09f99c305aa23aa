package org.arivoice.testsupport;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Every upper bound a test waits for comes from here, multiplied by one scale factor, so a slower or busier
 * machine is accommodated without editing tests: {@code mvn verify -Darivoice.test.timeScale=3} (or the
 * environment variable {@code ARIVOICE_TEST_TIME_SCALE=3}) triples them all.
 *
 * <p>Only waits for something that should happen are scaled; the bounds are generous already (a test that
 * passes spends none of them). A timeout must never be what makes a test pass, and raising the scale never
 * fixes a race: a test that needs a larger scale on an ordinary machine has a bug.
 */
public final class Timeouts {
    /** The system property that sets the scale. */
    public static final String PROPERTY = "arivoice.test.timeScale";
    /** The environment variable that sets the scale when the property is absent. */
    public static final String ENVIRONMENT = "ARIVOICE_TEST_TIME_SCALE";

    private static final double SCALE = parse(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT));

    private Timeouts() {
    }

    /**
     * The scale factor in force (1 unless set).
     *
     * @return the factor every test timeout is multiplied by
     */
    public static double scale() {
        return SCALE;
    }

    /**
     * A wait bound of whole seconds, scaled.
     *
     * @param seconds the bound on an ordinary machine
     * @return the scaled bound
     */
    public static Duration seconds(long seconds) {
        return scaled(Duration.ofSeconds(seconds));
    }

    /**
     * A wait bound in milliseconds, scaled.
     *
     * @param millis the bound on an ordinary machine
     * @return the scaled bound
     */
    public static Duration millis(long millis) {
        return scaled(Duration.ofMillis(millis));
    }

    /**
     * A wait bound, scaled.
     *
     * @param bound the bound on an ordinary machine
     * @return the scaled bound
     */
    public static Duration scaled(Duration bound) {
        return SCALE == 1.0 ? bound : Duration.ofNanos((long) Math.ceil(bound.toNanos() * SCALE));
    }

    /**
     * A wait bound for APIs that take an amount and a unit ({@code orTimeout}, {@code Future.get},
     * {@code CountDownLatch.await}, {@code BlockingQueue.poll}), scaled and given in milliseconds:
     * {@code future.get(Timeouts.ms(10, SECONDS), MILLISECONDS)}.
     *
     * @param amount the bound on an ordinary machine
     * @param unit its unit
     * @return the scaled bound in milliseconds
     */
    public static long ms(long amount, TimeUnit unit) {
        return scaled(Duration.ofNanos(unit.toNanos(amount))).toMillis();
    }

    static double parse(String property, String environment) {
        String source = property != null && !property.isBlank() ? PROPERTY : ENVIRONMENT;
        String text = property != null && !property.isBlank() ? property : environment;
        if (text == null || text.isBlank()) {
            return 1.0;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(message(source, text), e);
        }
        if (!(value >= 0.1 && value <= 100)) {
            throw new IllegalArgumentException(message(source, text));
        }
        return value;
    }

    private static String message(String source, String text) {
        return String.format(Locale.ROOT, "%s must be a number between 0.1 and 100 (the factor every test timeout"
                + " is multiplied by, e.g. 3 on a slow machine), not '%s'", source, text);
    }
}
