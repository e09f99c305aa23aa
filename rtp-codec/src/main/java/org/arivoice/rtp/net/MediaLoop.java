package org.arivoice.rtp.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.RtpPacketWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One media thread: a {@link Selector} over the channels of its sessions, a timer heap, a task queue, and
 * the scratch buffers every session on the loop shares (the loop runs one session at a time, so one receive
 * buffer, one send buffer, one parser and one writer suffice for hundreds of sessions).
 *
 * <p>Each turn: run queued tasks, apply timer requests made from other threads, select until the earliest
 * timer deadline (reading every ready channel), complete pending session closes, fire due timers.
 */
final class MediaLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(MediaLoop.class);

    /** {@link #plannedWakeup} while the loop is awake: it will look at the timer requests before sleeping. */
    static final long AWAKE = Long.MIN_VALUE;
    /** {@link #plannedWakeup} while the loop sleeps with no timer due: only a wakeup will rouse it. */
    static final long IDLE = Long.MAX_VALUE;

    /**
     * A UDP datagram over IPv4 carries at most 65,507 bytes. The receive buffer holds that much so that an
     * oversized datagram is never silently truncated into something that parses as a shorter packet.
     */
    static final int BUFFER_SIZE = 65_536;

    private final MediaEndpoint endpoint;
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Head of an intrusive stack of sessions whose timer was changed from another thread. */
    private final AtomicReference<MediaSession> timerRequests = new AtomicReference<>();
    /**
     * When the loop will next wake by itself: {@link #AWAKE}, {@link #IDLE} or a {@code nanoTime} deadline.
     * Lets another thread skip {@link Selector#wakeup()} (a system call) when the loop will be up in time.
     */
    private volatile long plannedWakeup = AWAKE;
    /** Sessions assigned to this loop, including ones whose registration is still queued. */
    final AtomicInteger assigned = new AtomicInteger();
    private final TimerHeap timers = new TimerHeap();
    /** Sessions whose channel was closed this turn; their ports are free once the selector has deregistered them. */
    private final ArrayList<MediaSession> closing = new ArrayList<>();
    private final Consumer<SelectionKey> onReady = this::onReady;
    private volatile boolean stopping;
    private volatile boolean terminated;
    private long timerRound;
    private long loopErrors;

    // Scratch state shared by all sessions of this loop. The socket I/O uses direct buffers: given a heap
    // buffer the JDK copies through a temporary direct buffer from a per-thread cache anyway, which costs a
    // few percent more CPU (measured) and, worse, allocates per datagram if jdk.nio.maxCachedBufferSize is
    // set below 64 KiB. The parser copies each datagram into its own reusable array; the writer writes
    // into sendArray, which is then copied into the direct send buffer: the same two copies as the heap path.
    final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    final byte[] sendArray = new byte[BUFFER_SIZE];
    final RtpPacket packet = new RtpPacket();
    final RtpPacketWriter writer = new RtpPacketWriter();

    MediaLoop(MediaEndpoint endpoint, String name, boolean daemon) throws IOException {
        this.endpoint = endpoint;
        this.selector = Selector.open();
        this.thread = new Thread(this, name);
        thread.setDaemon(daemon);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    boolean isTerminated() {
        return terminated;
    }

    /**
     * Runs {@code task} on the loop thread.
     *
     * @throws RejectedExecutionException if the loop has stopped
     */
    void execute(Runnable task) {
        tasks.add(task);
        // Checked after adding: the loop sets terminated before its last drain, so a task added before the
        // flag is visible is still run, and one added later is found here and rejected.
        if (terminated && tasks.remove(task)) {
            throw new RejectedExecutionException("media loop " + thread.getName() + " has stopped (endpoint closed)");
        }
        selector.wakeup();
    }

    /** Registers a newly bound session's channel; completes its open future. Loop thread. */
    void register(MediaSession session) {
        if (stopping) {
            session.abortOpen(new IllegalStateException("media endpoint closed while the session was being opened"));
            return;
        }
        try {
            SelectionKey key = session.channel().register(selector, SelectionKey.OP_READ, session);
            session.registered(key);
        } catch (IOException | RuntimeException e) {
            session.abortOpen(e);
        }
    }

    /**
     * Called by a session on another thread after it changed its timer request. Queues the session for the
     * loop and wakes the loop only if it might otherwise sleep past {@code deadline}.
     *
     * @param deadline the new deadline, or {@link MediaSession#NO_TIMER} for a cancellation
     */
    void timerRequested(MediaSession session, long deadline) {
        if (session.timerQueued.compareAndSet(false, true)) {
            MediaSession head;
            do {
                head = timerRequests.get();
                session.nextTimerRequest = head;
            } while (!timerRequests.compareAndSet(head, session));
        }
        // The push above and the read below pair with the loop's write of plannedWakeup followed by its read
        // of timerRequests (all volatile): either the loop sees this request before it sleeps, or this
        // thread sees the deadline the loop is about to sleep until.
        long planned = plannedWakeup;
        if (planned == AWAKE || deadline == MediaSession.NO_TIMER) {
            return; // a cancellation never needs the loop early: at worst it wakes once for nothing
        }
        if (planned == IDLE || deadline - planned < 0) {
            selector.wakeup();
        }
    }

    /** Applies a session's current timer request to the heap. Loop thread. */
    void applyTimer(MediaSession session) {
        long deadline = session.timerRequest.get();
        if (deadline == MediaSession.NO_TIMER || !session.isRegisteredAndOpen()) {
            timers.remove(session.timerNode);
        } else {
            timers.schedule(session.timerNode, deadline);
        }
    }

    /** Called on the loop thread when a session's channel has been closed. */
    void closed(MediaSession session) {
        timers.remove(session.timerNode);
        closing.add(session);
    }

    /** Releases the selector of a loop whose thread was never started. */
    void discard() {
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("closing an unused selector failed", e);
        }
    }

    /** Asks the loop to stop: it closes its sessions and ends. Any thread. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                try {
                    turn();
                } catch (Throwable t) { // NOPMD - the media thread must survive anything, see below
                    // A media loop serves hundreds of calls: a bug or a transient selector error must cost a
                    // log line, not every call on the loop. Back off briefly so a persistent error cannot spin.
                    loopErrors++;
                    if (loopErrors == 1 || Long.bitCount(loopErrors) == 1) {
                        log.error("media loop {}: unexpected error (occurrence {}); the loop carries on",
                                thread.getName(), loopErrors, t);
                    }
                    pauseAfterError();
                }
            }
        } finally {
            shutdown();
        }
    }

    private void turn() throws IOException {
        if (Thread.interrupted()) {
            // Only stop() ends the loop. A stray interrupt would make every select return at once and spin.
            log.debug("media loop {}: ignoring an interrupt; close the endpoint to stop the loop", thread.getName());
        }
        plannedWakeup = AWAKE;
        runTasks();
        drainTimerRequests();
        long now = System.nanoTime();
        TimerNode next = timers.peek();
        long wake = next == null ? IDLE : next.deadline;
        plannedWakeup = wake;
        boolean mustNotSleep = !closing.isEmpty() || timerRequests.get() != null || !tasks.isEmpty()
                || (wake != IDLE && wake - now <= 0);
        if (mustNotSleep) {
            selector.selectNow(onReady);
        } else if (wake == IDLE) {
            selector.select(onReady, 0); // 0: block until a datagram arrives or someone wakes us
        } else {
            // select takes milliseconds: round up so that the timer is never run before its deadline.
            long millis = (wake - now + 999_999) / 1_000_000;
            selector.select(onReady, millis);
        }
        plannedWakeup = AWAKE;
        completeCloses();
        fireTimers();
    }

    private void onReady(SelectionKey key) {
        MediaSession session = (MediaSession) key.attachment();
        if (key.isValid()) {
            session.readReady(this);
        }
    }

    private void runTasks() {
        Runnable task;
        // Bounded: a task that queues another task must not keep the loop from its sockets.
        for (int n = tasks.size(); n > 0 && (task = tasks.poll()) != null; n--) {
            try {
                task.run();
            } catch (Throwable t) { // NOPMD - a task must never kill the loop
                if (task instanceof SessionTask) {
                    ((SessionTask) task).session().handlerFailed("task", t);
                } else {
                    log.warn("media loop {}: a task threw", thread.getName(), t);
                }
            }
        }
    }

    private void drainTimerRequests() {
        MediaSession s = timerRequests.getAndSet(null);
        while (s != null) {
            MediaSession next = s.nextTimerRequest;
            s.nextTimerRequest = null;
            // Clear the flag before reading the request, so a request made after this read queues again.
            s.timerQueued.set(false);
            applyTimer(s);
            s = next;
        }
    }

    private void fireTimers() {
        long round = ++timerRound;
        long now = System.nanoTime();
        while (true) {
            TimerNode node = timers.peek();
            // A node that already fired this round and re-armed itself in the past waits for the next turn,
            // so that a session catching up cannot starve the sockets.
            if (node == null || node.deadline - now > 0 || node.firedRound == round) {
                return;
            }
            timers.poll();
            MediaSession session = node.session;
            long requested = session.timerRequest.get();
            // Another thread may have moved the deadline since the heap was updated; honour the newest request.
            if (requested != node.deadline || !session.timerRequest.compareAndSet(requested, MediaSession.NO_TIMER)) {
                applyTimer(session);
                continue;
            }
            node.firedRound = round;
            session.fireTimer(System.nanoTime());
            now = System.nanoTime();
        }
    }

    private void completeCloses() {
        if (closing.isEmpty()) {
            return;
        }
        // The selector deregisters cancelled keys (and so really closes their sockets) during select, which
        // has just run: only now is each port free for reuse.
        for (int i = 0; i < closing.size(); i++) {
            MediaSession session = closing.get(i);
            assigned.decrementAndGet();
            endpoint.sessionClosed(session);
            session.closeCompleted();
        }
        closing.clear();
    }

    private void shutdown() {
        for (SelectionKey key : selector.keys()) {
            Object attachment = key.attachment();
            if (attachment instanceof MediaSession) {
                ((MediaSession) attachment).closeOnLoop();
            }
        }
        try {
            selector.close(); // deregisters every key, so the closed channels release their ports
        } catch (IOException e) {
            log.warn("media loop {}: closing the selector failed", thread.getName(), e);
        }
        completeCloses();
        terminated = true;
        // Last drain: registrations still queued are refused (stopping is set), other tasks still run.
        runTasks();
        log.debug("media loop {} stopped", thread.getName());
    }

    private static void pauseAfterError() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A task submitted on behalf of a session, so that its failure is charged to that session. */
    interface SessionTask extends Runnable {
        MediaSession session();
    }
}
