package org.arivoice.ari.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The media side of a chan_websocket ExternalMedia channel ({@code transport=websocket},
 * {@code connection_type=server}): the application connects to {@code /media/<connection id>}; the fake
 * sends 20 ms binary frames of the bridge's audio and plays what the application sends at 20 ms per frame,
 * which drives {@code MARK_MEDIA} acknowledgements. Guarded by the {@link Pbx} lock.
 */
final class WebSocketLeg implements MediaLeg {
    private static final int MAX_KEPT_BYTES = 8 * 1024 * 1024;

    final String connectionId;
    final String format;
    final String app;
    final java.util.List<String> args;
    MediaSocket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private long receivedTotal;
    private long playedTotal;
    private long framesReceived;
    private long framesSent;
    private final Deque<Mark> marks = new ArrayDeque<>();
    private final InboundAudio inbound = new InboundAudio();

    private record Mark(String name, long position) {
    }

    WebSocketLeg(String connectionId, String format, String app, java.util.List<String> args) {
        this.connectionId = connectionId;
        this.format = format;
        this.app = app;
        this.args = args;
    }

    void audioFromApp(ByteBuffer data) {
        int n = data.remaining();
        framesReceived++;
        receivedTotal += n;
        byte[] copy = new byte[n];
        data.get(copy);
        inbound.writePayload(format, copy, 0, n);
        synchronized (received) {
            if (received.size() + n <= MAX_KEPT_BYTES) {
                received.writeBytes(copy);
            }
        }
    }

    void mark(String name) {
        marks.addLast(new Mark(name, receivedTotal));
        acknowledgeMarks();
    }

    /** Frames queued from the application and not yet played. */
    long queuedFrames() {
        return (receivedTotal - playedTotal + CallerAudio.FRAME_BYTES - 1) / CallerAudio.FRAME_BYTES;
    }

    /** One 20 ms tick: send the bridge's frame (if any) and play one frame of the application's audio. */
    void tick(byte[] frame) {
        if (socket == null) {
            return;
        }
        if (frame != null) {
            socket.sendBinary(frame);
            framesSent++;
        }
        playedTotal = Math.min(receivedTotal, playedTotal + CallerAudio.FRAME_BYTES);
        acknowledgeMarks();
    }

    private void acknowledgeMarks() {
        while (!marks.isEmpty() && marks.peekFirst().position() <= playedTotal) {
            socket.sendText("MEDIA_MARK_PROCESSED " + marks.pollFirst().name());
        }
    }

    @Override
    public byte[] receivedAudio() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    @Override
    public InboundAudio inbound() {
        return inbound;
    }

    @Override
    public long packetsReceived() {
        return framesReceived;
    }

    @Override
    public long packetsSent() {
        return framesSent;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close(1000);
        }
    }
}
