package org.arivoice.realtime;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Ends the threads of a JDK {@link HttpClient} that its owner no longer needs.
 *
 * <p>Why: the client's selector thread waits inside a native call ({@code epoll_wait}) for as long as the client
 * is reachable, and when the JVM exits, HotSpot waits up to 300 ms for threads that are inside a native call. So
 * every process that had used a client took that much longer to exit after its last line. Java 21 added
 * {@code HttpClient.shutdown()}; Java 17 has no lifecycle method, but the selector thread ends its loop, closing
 * the client's connections, when it is interrupted. It is found by the name the JDK gives it,
 * {@code HttpClient-<id>-SelectorManager}, with the id the client's {@code toString()} ends with (the JDK keeps
 * that form of {@code toString()} for its own tests, which look the id up this way). When this JDK names them
 * otherwise, nothing is interrupted and the thread ends when the client is garbage collected, as before.
 *
 * <p>ari-core has the same class for its own client: the two libraries share no module.
 */
final class JdkHttpClientShutdown {
    private static final Duration THREAD_END = Duration.ofSeconds(1);
    private static final Method SHUTDOWN = method("shutdown");
    private static final Method AWAIT_TERMINATION = method("awaitTermination", Duration.class);

    private JdkHttpClientShutdown() {
    }

    /**
     * Shuts the client down. Call it when no exchange is in flight: on Java 17 one still running is cut off; on
     * Java 21 and later it would be completed first.
     *
     * @param http the client
     * @param awaitThreads whether to wait (at most a second) until its selector thread has ended; not on one of
     *     the client's own threads, which would wait for itself
     */
    static void shutdown(HttpClient http, boolean awaitThreads) {
        if (SHUTDOWN != null && AWAIT_TERMINATION != null) {
            try {
                SHUTDOWN.invoke(http);
                if (awaitThreads) {
                    AWAIT_TERMINATION.invoke(http, THREAD_END);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // The client is unusable for its owner anyway; a failed shutdown leaves its threads to the GC.
            }
            return;
        }
        Thread selector = selectorThread(http);
        if (selector == null) {
            return;
        }
        selector.interrupt();
        if (awaitThreads && selector != Thread.currentThread()) {
            try {
                selector.join(THREAD_END.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The live selector thread of {@code http}, or null when it cannot be told apart. */
    private static Thread selectorThread(HttpClient http) {
        String text = http.toString();
        int open = text.lastIndexOf('(');
        if (open < 0 || !text.endsWith(")") || open + 2 > text.length() - 1) {
            return null;
        }
        String id = text.substring(open + 1, text.length() - 1);
        if (!id.chars().allMatch(Character::isDigit)) {
            return null;
        }
        String name = "HttpClient-" + id + "-SelectorManager";
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            if (name.equals(threads[i].getName())) {
                return threads[i];
            }
        }
        return null;
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return HttpClient.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null; // Java 17: HttpClient has no lifecycle methods
        }
    }
}
