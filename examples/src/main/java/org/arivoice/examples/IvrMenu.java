package org.arivoice.examples;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.arivoice.ari.AriNotFoundException;
import org.arivoice.ari.event.ChannelDtmfReceived;
import org.arivoice.ari.event.StasisEnd;
import org.arivoice.ari.event.StasisStart;
import org.arivoice.ari.resources.ContinueOptions;
import org.arivoice.ari.resources.PlayOptions;
import org.arivoice.ari.stream.Subscription;

/**
 * A one-level IVR: answer, play a prompt, wait for a digit, and send the caller on to the dialplan location
 * the digit names (a blind transfer with ARI {@code continue}). An unknown digit plays the prompt again; no
 * digit within the timeout hangs up.
 *
 * <p>What it shows: playbacks with pre-assigned ids (stopped when the caller presses a digit, as a caller
 * expects), {@code ChannelDtmfReceived} on a per-channel subscription made before anything is played, and
 * {@code continue}.
 *
 * <p>Run: {@code java -cp examples.jar org.arivoice.examples.IvrMenu}: every caller of the application hears
 * the menu (real Asterisk: digits 1 and 2 go to extensions {@code sales} and {@code support} of context
 * {@code IVR_CONTEXT}, default {@code default}); without {@code ARI_URL} a simulated caller presses 2.
 */
public final class IvrMenu {
    private final ExampleTarget target;
    private final List<String> prompt;
    private final Map<String, ContinueOptions> routes;
    private final Duration timeout;

    /**
     * Describes a menu.
     *
     * @param target where the callers are
     * @param prompt the media played, in order, e.g. {@code sound:press-1}, or {@code tone:} URIs
     * @param routes where each digit sends the caller
     * @param timeout how long to wait for a digit after the prompt has started
     */
    public IvrMenu(ExampleTarget target, List<String> prompt, Map<String, ContinueOptions> routes, Duration timeout) {
        this.target = Objects.requireNonNull(target, "target");
        this.prompt = List.copyOf(prompt);
        this.routes = Map.copyOf(routes);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Runs the menu for one caller in the application.
     *
     * @param channelId the caller
     * @return the digit that routed the caller, or empty string when the caller timed out (and was hung up)
     */
    public CompletableFuture<String> run(String channelId) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        AtomicReference<String> playing = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Subscription sub = target.events().subscribeChannel(channelId, event -> {
            if (event instanceof ChannelDtmfReceived dtmf && !done.get()) {
                ContinueOptions where = routes.get(dtmf.digit());
                stopPrompt(playing.get());
                if (where == null) {
                    playPrompt(channelId, playing);           // not on the menu: hear it again
                } else if (done.compareAndSet(false, true)) {
                    target.ari().channels().continueInDialplan(channelId, where)
                            .whenComplete((ok, failure) -> {
                                if (failure != null) {
                                    outcome.completeExceptionally(failure);
                                } else {
                                    outcome.complete(dtmf.digit());
                                }
                            });
                }
            } else if (event instanceof StasisEnd && !done.get()) {
                outcome.complete("");                        // the caller hung up
            }
        });
        target.ari().channels().answer(channelId)
                .thenRun(() -> playPrompt(channelId, playing))
                .exceptionally(failure -> {
                    outcome.completeExceptionally(failure);
                    return null;
                });
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (done.compareAndSet(false, true)) {
                stopPrompt(playing.get());
                target.ari().channels().hangup(channelId).exceptionally(f -> null);
                outcome.complete("");
            }
        });
        return outcome.whenComplete((digit, failure) -> sub.close());
    }

    private void playPrompt(String channelId, AtomicReference<String> playing) {
        String playbackId = "ivr-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        playing.set(playbackId);
        target.ari().channels().playWithId(channelId, playbackId, PlayOptions.builder(prompt).build());
    }

    private void stopPrompt(String playbackId) {
        if (playbackId != null) {
            // 404 when it has finished already: fine.
            target.ari().playbacks().stop(playbackId).exceptionally(f -> {
                if (!(f.getCause() instanceof AriNotFoundException) && !(f instanceof AriNotFoundException)) {
                    System.err.println("could not stop the prompt: " + f.getMessage());
                }
                return null;
            });
        }
    }

    /**
     * Serves the menu to every caller of the application (real Asterisk), or to one simulated caller who
     * presses 2 (fake).
     *
     * @param args none
     * @throws Exception if interrupted
     */
    public static void main(String[] args) throws Exception {
        String context = System.getenv().getOrDefault("IVR_CONTEXT", "default");
        try (ExampleTarget target = ExampleTarget.fromEnvironment()) {
            boolean fake = target.fake().isPresent();
            Map<String, ContinueOptions> routes = fake
                    ? Map.of("1", where("ari-it", "stasis"), "2", where("ari-it", "caller"))
                    : Map.of("1", where(context, "sales"), "2", where(context, "support"));
            IvrMenu menu = new IvrMenu(target, List.of("sound:hello-world"), routes, Duration.ofSeconds(15));
            if (fake) {
                // A Local pair whose both legs are in Stasis: DTMF sent on one arrives on the other.
                target.ari().channels().originateWithId("ivr-caller", org.arivoice.ari.resources.OriginateOptions
                        .builder("Local/stasis@ari-it").app(target.application()).otherChannelId("ivr-phone")
                        .build()).await();
                CompletableFuture<String> routed = menu.run("ivr-caller");
                Thread.sleep(1000);
                target.ari().channels().sendDtmf("ivr-phone", "2").await();
                System.out.println("caller routed by digit " + routed.get(10, TimeUnit.SECONDS) + " to "
                        + target.ari().channels().get("ivr-caller").await().dialplan());
                target.ari().channels().hangup("ivr-caller").await();
            } else {
                target.events().subscribeApplication(target.application(), e -> {
                    if (e instanceof StasisStart s) {
                        menu.run(s.channel().id()).thenAccept(d -> System.out.println(s.channel().id() + ": " + d));
                    }
                });
                System.out.println("Menu running for application " + target.application() + "; Ctrl-C to stop.");
                Thread.currentThread().join();
            }
        }
    }

    private static ContinueOptions where(String context, String extension) {
        return ContinueOptions.builder().context(context).extension(extension).priority(1).build();
    }
}
