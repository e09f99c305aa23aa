package org.arivoice.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test (or every test of a class) that runs longer than the given bound times {@link Timeouts#scale()},
 * interrupting it, so that a hang ends the test instead of the build. It is a guard, never a timing assertion:
 * choose a bound several times what the test needs on a busy machine.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(HangGuardExtension.class)
public @interface HangGuard {
    /**
     * The bound in seconds on an ordinary machine, before scaling.
     *
     * @return seconds
     */
    long seconds();
}
