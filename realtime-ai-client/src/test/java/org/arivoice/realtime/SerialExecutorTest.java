package org.arivoice.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksFromManyThreadsRunOneAtATimeInTheOrderEachThreadGaveThem() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<List<Integer>> seen = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            seen.add(new CopyOnWriteArrayList<>());
        }
        CountDownLatch done = new CountDownLatch(4 * 1000);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int producer = t;
            producers.add(new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    int n = i;
                    serial.execute(() -> {
                        if (running.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        assertThat(serial.inExecutor()).isTrue();
                        seen.get(producer).add(n);
                        running.decrementAndGet();
                        done.countDown();
                    });
                }
            }));
        }
        producers.forEach(Thread::start);
        assertThat(done.await(Timeouts.ms(30, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(overlaps.get()).isZero();
        for (List<Integer> s : seen) {
            assertThat(s).hasSize(1000).isSorted();
        }
        assertThat(serial.inExecutor()).isFalse();
    }

    @Test
    void aFailingTaskDoesNotStopTheNextAndShutdownRefusesNewTasksButRunsQueuedOnes() {
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch hold = new CountDownLatch(1);
        serial.execute(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("boom");
        });
        serial.execute(() -> ran.add("queued before shutdown"));
        serial.shutdown();
        assertThatThrownBy(() -> serial.execute(() -> ran.add("late")))
                .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("closed");
        hold.countDown();
        await().until(() -> ran.contains("queued before shutdown"));
        assertThat(ran).containsExactly("queued before shutdown");
    }

    @Test
    void sessionsHandTheirThreadBackToThePoolWhenIdle() throws Exception {
        ExecutorService counted = Executors.newCachedThreadPool();
        try {
            List<SerialExecutor> sessions = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sessions.add(new SerialExecutor(counted));
            }
            CountDownLatch done = new CountDownLatch(200);
            sessions.forEach(s -> s.execute(done::countDown));
            assertThat(done.await(Timeouts.ms(10, TimeUnit.SECONDS), TimeUnit.MILLISECONDS)).isTrue();
            // 200 sessions borrowed threads briefly; none keeps one busy afterwards (no drain loop left spinning).
            await().until(() -> ((java.util.concurrent.ThreadPoolExecutor) counted).getActiveCount() == 0);
        } finally {
            counted.shutdownNow();
        }
    }
}
