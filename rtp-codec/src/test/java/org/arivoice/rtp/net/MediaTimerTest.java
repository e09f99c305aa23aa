package org.arivoice.rtp.net;

import static org.arivoice.rtp.net.NetTestSupport.loopbackEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loop's timer facility. No test asserts how late a timer fires (build machines are noisy); they assert
 * the order of firing and that nothing fires before its deadline, which hold whatever the load.
 */
class MediaTimerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private MediaEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = loopbackEndpoint(1);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    record Fired(int id, long deadline, long now, long clockInCallback, String thread) {
    }

    @Test
    void timersFireInDeadlineOrderAndNeverBeforeTheirDeadline() throws Exception {
        ConcurrentLinkedQueue<Fired> fired = new ConcurrentLinkedQueue<>();
        long base = System.nanoTime() + 100 * MS;
        long[] offsets = {50, 10, 40, 20, 30, 0, 45};
        List<MediaSession> sessions = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            int id = i;
            long deadline = base + offsets[i] * MS;
            MediaSession s = endpoint.openSession(SessionOptions.builder().timer((session, now) -> fired.add(
                    new Fired(id, deadline, now, System.nanoTime(), Thread.currentThread().getName()))).build());
            sessions.add(s);
        }
        // Armed out of order in one loop task, so that however slow this machine is, no timer can fire
        // before all are armed (which would make the order depend on timing).
        sessions.get(0).execute(() -> {
            for (int i = 0; i < offsets.length; i++) {
                sessions.get(i).scheduleAt(base + offsets[i] * MS);
            }
        });
        await().until(() -> fired.size() == offsets.length);

        assertThat(fired).extracting(Fired::id).containsExactly(5, 1, 3, 4, 2, 6, 0);
        for (Fired f : fired) {
            assertThat(f.now()).isGreaterThanOrEqualTo(f.deadline());
            assertThat(f.clockInCallback()).isGreaterThanOrEqualTo(f.deadline());
            assertThat(f.thread()).isEqualTo("test-media-0");
        }
    }

    @Test
    void aTimerReArmedFromItsCallbackKeepsAnAbsoluteCadence() throws Exception {
        int ticks = 25;
        long period = 4 * MS;
        List<long[]> seen = new ArrayList<>(); // {deadline, now}; written on the loop thread only
        AtomicInteger count = new AtomicInteger();
        long start = System.nanoTime() + 20 * MS;
        AtomicLong next = new AtomicLong(start);
        MediaSession s = endpoint.openSession(SessionOptions.builder().timer((session, now) -> {
            long deadline = next.get();
            seen.add(new long[] {deadline, now});
            if (count.incrementAndGet() < ticks) {
                next.set(deadline + period); // from the deadline, not from now: lateness does not accumulate
                session.scheduleAt(next.get());
            }
        }).build());
        s.scheduleAt(start);
        await().until(() -> count.get() == ticks);
        // Proves no further tick is pending: a later, cross-thread-armed timer fires after it with nothing between.
        AtomicInteger afterwards = new AtomicInteger();
        MediaSession probe = endpoint.openSession(SessionOptions.builder()
                .timer((session, now) -> afterwards.incrementAndGet()).build());
        probe.scheduleAt(System.nanoTime() + 2 * period);
        await().until(() -> afterwards.get() == 1);

        assertThat(count.get()).isEqualTo(ticks);
        List<long[]> copy = new ArrayList<>(seen);
        assertThat(copy).hasSize(ticks);
        for (int i = 0; i < ticks; i++) {
            assertThat(copy.get(i)[0]).isEqualTo(start + i * period);
            assertThat(copy.get(i)[1]).isGreaterThanOrEqualTo(copy.get(i)[0]);
        }
    }

    @Test
    void aCancelledTimerNeverFires() throws Exception {
        ConcurrentLinkedQueue<String> fired = new ConcurrentLinkedQueue<>();
        MediaSession cancelled = endpoint.openSession(SessionOptions.builder()
                .timer((session, now) -> fired.add("cancelled")).build());
        MediaSession witness = endpoint.openSession(SessionOptions.builder()
                .timer((session, now) -> fired.add("witness")).build());
        cancelled.execute(() -> {
            long now = System.nanoTime();
            cancelled.scheduleAt(now - MS);
            witness.scheduleAt(now);
            cancelled.cancelTimer();
        });
        // One loop fires in deadline order: had the earlier timer survived, it would precede the witness.
        await().until(() -> fired.contains("witness"));
        assertThat(fired).containsExactly("witness");
    }

    @Test
    void aCancellationFromAnotherThreadRemovesTheTimerFromTheLoop() throws Exception {
        AtomicInteger fires = new AtomicInteger();
        MediaSession s = endpoint.openSession(SessionOptions.builder()
                .timer((session, now) -> fires.incrementAndGet()).build());
        s.scheduleAt(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
        awaitTwoLoopTurns(s);
        assertThat(onLoop(s, () -> s.timerNode.isScheduled())).isTrue();
        s.cancelTimer();
        awaitTwoLoopTurns(s);
        assertThat(onLoop(s, () -> s.timerNode.isScheduled())).isFalse();
        assertThat(fires.get()).isZero();
    }

    /** Returns after the loop has run a full turn (including its drain of timer requests) since the call. */
    private static void awaitTwoLoopTurns(MediaSession s) throws Exception {
        onLoop(s, () -> true);
        onLoop(s, () -> true);
    }

    private static <T> T onLoop(MediaSession s, java.util.function.Supplier<T> action) throws Exception {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        s.execute(() -> result.complete(action.get()));
        return result.get(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);
    }

    @Test
    void reschedulingEarlierFromAnotherThreadWakesASleepingLoop() throws Exception {
        AtomicLong firedAt = new AtomicLong();
        MediaSession s = endpoint.openSession(SessionOptions.builder()
                .timer((session, now) -> firedAt.set(now)).build());
        s.scheduleAt(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
        // Give the loop every chance to go to sleep until the far deadline (no timing is asserted).
        Thread.sleep(50);
        long deadline = System.nanoTime() + 5 * MS;
        s.scheduleAt(deadline);
        await().atMost(Timeouts.seconds(10)).until(() -> firedAt.get() != 0);
        assertThat(firedAt.get()).isGreaterThanOrEqualTo(deadline);
    }

    @Test
    void aDeadlineInThePastFiresOnceAndIsNotRepeated() throws Exception {
        AtomicInteger fires = new AtomicInteger();
        MediaSession s = endpoint.openSession(SessionOptions.builder()
                .timer((session, now) -> fires.incrementAndGet()).build());
        s.scheduleAt(System.nanoTime() - TimeUnit.SECONDS.toNanos(5));
        await().until(() -> fires.get() == 1);
        AtomicInteger later = new AtomicInteger();
        MediaSession probe = endpoint.openSession(SessionOptions.builder()
                .timer((session, now) -> later.incrementAndGet()).build());
        probe.scheduleAt(System.nanoTime() + 20 * MS);
        await().until(() -> later.get() == 1);
        assertThat(fires.get()).isEqualTo(1);
    }

    @Test
    void aCallbackThatKeepsReArmingInThePastDoesNotStarveTheSockets() throws Exception {
        AtomicInteger spins = new AtomicInteger();
        MediaSession greedy = endpoint.openSession(SessionOptions.builder().timer((session, now) -> {
            if (spins.incrementAndGet() < 2_000) {
                session.scheduleAt(now - 1); // always overdue
            }
        }).build());
        NetTestSupport.Collector got = new NetTestSupport.Collector();
        MediaSession receiver = endpoint.openSession(SessionOptions.builder().receiver(got).build());
        greedy.scheduleAt(System.nanoTime());
        try (NetTestSupport.Peer peer = new NetTestSupport.Peer()) {
            peer.send(NetTestSupport.rtp(0, 1, 0, 1, new byte[160]), receiver);
            await().until(() -> got.count() == 1);
        }
        await().until(() -> spins.get() == 2_000);
    }

    @Test
    void aThrowingTimerIsCountedAndOtherTimersStillFire() throws Exception {
        AtomicInteger ok = new AtomicInteger();
        MediaSession bad = endpoint.openSession(SessionOptions.builder().timer((session, now) -> {
            throw new IllegalStateException("pacer bug");
        }).build());
        MediaSession good = endpoint.openSession(SessionOptions.builder()
                .timer((session, now) -> ok.incrementAndGet()).build());
        long t = System.nanoTime();
        bad.scheduleAt(t + MS);
        good.scheduleAt(t + 2 * MS);
        await().until(() -> ok.get() == 1);
        assertThat(bad.stats().handlerErrors()).isEqualTo(1);
        bad.scheduleAt(System.nanoTime());
        await().until(() -> bad.stats().handlerErrors() == 2);
    }

    @Test
    void scheduleAtWithoutATimerCallbackIsRefused() throws Exception {
        MediaSession s = endpoint.openSession(SessionOptions.defaults());
        assertThatThrownBy(() -> s.scheduleAt(System.nanoTime())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MediaTimer");
    }

    @Test
    void aClosedSessionsTimerDoesNotFire() throws Exception {
        ConcurrentLinkedQueue<String> fired = new ConcurrentLinkedQueue<>();
        MediaSession closing = endpoint.openSession(SessionOptions.builder()
                .timer((session, now) -> fired.add("closed")).build());
        MediaSession witness = endpoint.openSession(SessionOptions.builder()
                .timer((session, now) -> fired.add("witness")).build());
        closing.execute(() -> {
            long now = System.nanoTime();
            closing.scheduleAt(now - MS);
            witness.scheduleAt(now);
            closing.close();
        });
        await().until(() -> fired.contains("witness"));
        assertThat(fired).containsExactly("witness");
        closing.scheduleAt(System.nanoTime()); // ignored, does not throw
        assertThat(closing.isOpen()).isFalse();
    }

    @Test
    void timersArmedFromManyThreadsAllFireNotBeforeTheirDeadlines() throws Exception {
        int n = 50;
        ConcurrentLinkedQueue<Fired> fired = new ConcurrentLinkedQueue<>();
        List<MediaSession> sessions = new ArrayList<>();
        long[] deadlines = new long[n];
        for (int i = 0; i < n; i++) {
            int id = i;
            sessions.add(endpoint.openSession(SessionOptions.builder().timer((session, now) -> fired.add(
                    new Fired(id, deadlines[id], now, System.nanoTime(), Thread.currentThread().getName()))).build()));
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                for (int i = first; i < n; i += 4) {
                    deadlines[i] = System.nanoTime() + (i % 7) * MS;
                    sessions.get(i).scheduleAt(deadlines[i]);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        await().until(() -> fired.size() == n);
        assertThat(fired).extracting(Fired::id).doesNotHaveDuplicates();
        for (Fired f : fired) {
            assertThat(f.now()).isGreaterThanOrEqualTo(f.deadline());
        }
    }
}
