package org.arivoice.testsupport;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a {@link HangGuard}ed test on its own thread as usual and interrupts it when the scaled bound passes;
 * the test then fails with a {@link TimeoutException} that names the bound, whatever the interrupted code threw.
 */
final class HangGuardExtension implements InvocationInterceptor {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-hang-guard");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    private static void guard(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Optional<HangGuard> guard = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), HangGuard.class)
                .or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), HangGuard.class));
        if (guard.isEmpty()) {
            invocation.proceed();
            return;
        }
        Duration bound = Timeouts.seconds(guard.get().seconds());
        Thread test = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
            fired.set(true);
            test.interrupt();
        }, bound.toMillis(), TimeUnit.MILLISECONDS);
        Throwable failure = null;
        try {
            invocation.proceed();
        } catch (Throwable t) {
            failure = t;
        } finally {
            alarm.cancel(false);
        }
        if (fired.get()) {
            Thread.interrupted(); // clear a late interrupt so it does not leak into the next test
            TimeoutException timeout = new TimeoutException(context.getDisplayName() + " ran longer than its hang"
                    + " guard of " + bound.toMillis() + " ms (" + guard.get().seconds() + " s x time scale "
                    + Timeouts.scale() + ") and was interrupted");
            if (failure != null) {
                timeout.addSuppressed(failure);
            }
            throw timeout;
        }
        if (failure != null) {
            throw failure;
        }
    }
}
