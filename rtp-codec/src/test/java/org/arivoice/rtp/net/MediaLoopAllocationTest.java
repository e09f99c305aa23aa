package org.arivoice.rtp.net;

import static org.arivoice.rtp.net.NetTestSupport.loopbackEndpoint;
import static org.arivoice.rtp.net.NetTestSupport.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The steady-state media path (timer fires, frame sent, datagram received, parsed, counted and delivered)
 * allocates nothing on the loop thread. Measured with the JVM's per-thread allocation counter from inside
 * the loop, so no other thread's garbage is counted; this asserts bytes, never time.
 */
class MediaLoopAllocationTest {
    private static final int WARM_UP = 5_000;
    private static final int MEASURED = 20_000;

    @Test
    void steadyStateSendAndReceiveAllocateNothingOnTheLoopThread() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean,
                "needs com.sun.management.ThreadMXBean to count allocated bytes");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) threads;
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is not available on this JVM");

        AtomicInteger received = new AtomicInteger();
        AtomicLong allocatedAtStart = new AtomicLong(-1);
        AtomicLong allocatedAtEnd = new AtomicLong(-1);
        try (MediaEndpoint endpoint = loopbackEndpoint(1)) {
            MediaSession sink = endpoint.openSession(SessionOptions.builder().receiver((session, packet, t) -> {
                int n = received.incrementAndGet();
                if (n == WARM_UP) {
                    allocatedAtStart.set(mx.getCurrentThreadAllocatedBytes());
                } else if (n == WARM_UP + MEASURED) {
                    allocatedAtEnd.set(mx.getCurrentThreadAllocatedBytes());
                }
            }).build());
            byte[] frame = new byte[160];
            long[] mediaTimestamp = new long[1];
            MediaSession source = endpoint.openSession(SessionOptions.builder().remote(target(sink))
                    .timer((session, now) -> {
                        session.sendFrame(0, false, mediaTimestamp[0], frame, 0, frame.length);
                        mediaTimestamp[0] += frame.length;
                        if (received.get() < WARM_UP + MEASURED) {
                            // Keep at most a few packets in flight so the socket buffer never overflows.
                            session.scheduleAt(now);
                        }
                    }).build());
            source.scheduleAt(System.nanoTime());
            await().atMost(Timeouts.seconds(60)).until(() -> allocatedAtEnd.get() >= 0
                    || source.stats().packetsSent() > 10L * (WARM_UP + MEASURED));
            assertThat(allocatedAtEnd.get()).as("the measurement finished").isNotNegative();
            long bytes = allocatedAtEnd.get() - allocatedAtStart.get();
            // Any real per-packet allocation costs at least 16 bytes a packet; allow a stray one-off object.
            assertThat(bytes).as("bytes allocated on the loop thread for %d packets", MEASURED)
                    .isLessThan(MEASURED);
        }
    }
}
