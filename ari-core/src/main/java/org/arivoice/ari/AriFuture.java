package org.arivoice.ari;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The result of an ARI call: a {@link CompletableFuture} with a blocking convenience.
 *
 * <p>Every operation of the client is asynchronous and returns an {@code AriFuture}. Compose it like any
 * {@code CompletableFuture} (stages derived from it are {@code AriFuture}s too), or block with
 * {@link #await()}, which rethrows the typed {@link AriException} itself rather than a
 * {@link CompletionException} wrapping it:
 *
 * <pre>{@code
 * Channel channel = ari.channels().get("call-1").await();          // blocking
 * ari.channels().answer("call-1").thenRun(() -> log.info("up"));   // asynchronous
 * }</pre>
 *
 * <p>Failed futures complete exceptionally with an {@link AriException} subclass. Cancelling the future
 * abandons the HTTP exchange.
 *
 * @param <T> the result type ({@link Void} for operations without a response body)
 */
public class AriFuture<T> extends CompletableFuture<T> {
    /** Creates an incomplete future; completed by the client. */
    public AriFuture() {
    }

    /**
     * Waits for the result, rethrowing a failure as the exception the call failed with.
     *
     * <p>Not interruptible, like {@link #join()}: every ARI request has a timeout, so it always ends.
     *
     * @return the result ({@code null} for {@code AriFuture<Void>})
     * @throws AriException the typed failure of the call
     * @throws CancellationException if the future was cancelled
     * @throws CompletionException if a stage composed onto the call failed with a non-ARI exception
     */
    public T await() {
        try {
            return join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AriException) {
                throw (AriException) cause;
            }
            if (cause instanceof RuntimeException && !(cause instanceof CompletionException)) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /**
     * Makes stages derived from this future ({@code thenApply}, {@code thenCompose}, ...) {@code AriFuture}s
     * too, so that {@link #await()} is available on them.
     *
     * @param <U> the result type of the new stage
     * @return a new incomplete {@code AriFuture}
     */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new AriFuture<>();
    }

    /**
     * A future already completed with a value.
     *
     * @param <T> the value type
     * @param value the value
     * @return a completed future
     */
    public static <T> AriFuture<T> completed(T value) {
        AriFuture<T> future = new AriFuture<>();
        future.complete(value);
        return future;
    }

    /**
     * A future already completed exceptionally.
     *
     * @param <T> the value type
     * @param failure the failure
     * @return a failed future
     */
    public static <T> AriFuture<T> failed(Throwable failure) {
        AriFuture<T> future = new AriFuture<>();
        future.completeExceptionally(failure);
        return future;
    }
}
