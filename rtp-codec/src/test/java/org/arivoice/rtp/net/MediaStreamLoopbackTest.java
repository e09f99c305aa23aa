package org.arivoice.rtp.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.arivoice.rtp.AudioPayload;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.RtpPacketWriter;
import org.arivoice.rtp.dtmf.DtmfEvent;
import org.arivoice.rtp.jitter.FrameKind;
import org.arivoice.rtp.jitter.JitterBufferStats;
import org.arivoice.testsupport.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two real UDP endpoints on loopback exchange paced 20 ms PCMU streams. The sender injects loss,
 * duplicates and reordering; the receiving {@link MediaStream} must rebuild the stream exactly.
 */
class MediaStreamLoopbackTest {
    private static final int FRAMES = 60;
    private static final int FRAME_BYTES = 160;
    private static final Set<Integer> DROPPED = Set.of(10, 25, 47);
    private static final Set<Integer> DUPLICATED = Set.of(12, 30);
    /** Frame i is sent after frame i + 1. */
    private static final Set<Integer> SWAPPED = Set.of(15, 40);

    private MediaEndpoint endpoint;

    @BeforeEach
    void startEndpoint() {
        endpoint = MediaEndpoint.builder()
                .bindAddress(InetAddress.getLoopbackAddress())
                .ephemeralPorts()
                .loopThreads(1)
                .build();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    /** Frame i is filled with a byte pattern unique to i (never 0xFF, the µ-law silence byte). */
    private static byte[] frame(int i) {
        byte[] f = new byte[FRAME_BYTES];
        for (int k = 0; k < FRAME_BYTES; k++) {
            f[k] = (byte) ((i * 7 + k) % 200);
        }
        return f;
    }

    @Test
    void receiverRebuildsAPacedStreamWithLossDuplicatesAndReordering() throws Exception {
        List<byte[]> received = new CopyOnWriteArrayList<>();
        List<Long> timestamps = new CopyOnWriteArrayList<>();
        List<FrameKind> kinds = new CopyOnWriteArrayList<>();
        // What is tested is the rebuilding of lost, duplicated and swapped packets, not a depth. This test's
        // sender keeps a real-time schedule, and on a busy machine its thread can be held up for hundreds of
        // milliseconds; a frame later than the depth is (rightly) played as silence, so the buffer is given
        // the deepest setting rather than the default, which a held-up sender exceeded in a stressed build.
        try (MediaStream receiver = MediaStream.open(endpoint, MediaStreamOptions.builder(AudioPayload.PCMU)
                        .label("receiver")
                        .jitterDepthMillis(1000)
                        .audioListener((buf, off, len, ts, kind) -> {
                            received.add(Arrays.copyOfRange(buf, off, off + len));
                            timestamps.add(ts);
                            kinds.add(kind);
                        })
                        .build());
                DatagramChannel sender = DatagramChannel.open()) {
            sender.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress target = receiver.session().localAddress();

            sendWithFaults(sender, target);

            // Wait until every frame up to the last sent one has played out (the buffer then continues with
            // silence, which is expected: the peer went quiet).
            await().atMost(Timeouts.seconds(20)).until(() -> received.size() >= FRAMES);
            JitterBufferStats stats = receiver.jitterStats().get(Timeouts.ms(5, TimeUnit.SECONDS), TimeUnit.MILLISECONDS);

            for (int i = 0; i < FRAMES; i++) {
                if (DROPPED.contains(i)) {
                    assertThat(kinds.get(i)).as("frame %d was lost", i).isEqualTo(FrameKind.SILENCE);
                    byte[] silence = new byte[FRAME_BYTES];
                    Arrays.fill(silence, (byte) 0xFF);
                    assertThat(received.get(i)).as("frame %d is concealed with silence", i).isEqualTo(silence);
                } else {
                    assertThat(kinds.get(i)).as("frame %d", i).isEqualTo(FrameKind.AUDIO);
                    assertThat(received.get(i)).as("frame %d content", i).isEqualTo(frame(i));
                }
                if (i > 0) {
                    assertThat((timestamps.get(i) - timestamps.get(i - 1)) & 0xFFFF_FFFFL)
                            .as("timestamps are contiguous at frame %d", i).isEqualTo(160);
                }
            }
            assertThat(stats.duplicates()).isEqualTo(DUPLICATED.size());
            assertThat(stats.lateDropped()).isZero();
            assertThat(stats.resets()).isZero();
            assertThat(receiver.session().stats().reception().reordered()).isEqualTo(SWAPPED.size());
        }
    }

    /** Sends FRAMES paced 20 ms frames from a plain socket, applying the fault plan. */
    private static void sendWithFaults(DatagramChannel sender, InetSocketAddress target) throws Exception {
        RtpPacketWriter writer = new RtpPacketWriter().payloadType(0).ssrc(0x1234_5678L);
        byte[] datagram = new byte[512];
        long start = System.nanoTime();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            order.add(i);
        }
        for (int s : SWAPPED) {
            int a = order.indexOf(s);
            order.set(a, s + 1);
            order.set(a + 1, s);
        }
        for (int slot = 0; slot < FRAMES; slot++) {
            long deadline = start + slot * 20_000_000L;
            long wait = deadline - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int i = order.get(slot);
            if (DROPPED.contains(i)) {
                continue;
            }
            int n = writer.sequenceNumber(1000 + i).timestamp(50_000L + 160L * i).marker(i == 0)
                    .write(frame(i), 0, FRAME_BYTES, datagram, 0);
            sender.send(ByteBuffer.wrap(datagram, 0, n), target);
            if (DUPLICATED.contains(i)) {
                sender.send(ByteBuffer.wrap(datagram, 0, n), target);
            }
        }
    }

    @Test
    void theStartOfEachUtteranceIsReportedOnceWhenItsFirstFrameIsSent() throws Exception {
        try (DatagramChannel peer = DatagramChannel.open()) {
            peer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalAddress();
            List<long[]> started = new CopyOnWriteArrayList<>();
            try (MediaStream stream = MediaStream.open(endpoint, MediaStreamOptions.builder(AudioPayload.PCMU)
                    .remote(peerAddress)
                    .utteranceStartListener((id, nanos) -> started.add(new long[] {id, nanos}))
                    .build())) {
                long before = System.nanoTime();
                stream.enqueue(1, new byte[3 * FRAME_BYTES], 0, 3 * FRAME_BYTES);
                stream.finish(1);
                stream.enqueue(2, new byte[2 * FRAME_BYTES], 0, 2 * FRAME_BYTES);
                stream.finish(2);
                ByteBuffer in = ByteBuffer.allocate(2048);
                for (int i = 0; i < 5; i++) {
                    in.clear();
                    peer.receive(in);
                }
                await().until(() -> started.size() == 2);
                assertThat(started).extracting(a -> a[0]).containsExactly(1L, 2L);
                // The second utterance starts three 20 ms slots after the first, not when it was queued.
                long gapMillis = (started.get(1)[1] - started.get(0)[1]) / 1_000_000;
                assertThat(gapMillis).isGreaterThanOrEqualTo(40L);
                assertThat(started.get(0)[1]).isGreaterThanOrEqualTo(before);
            }
        }
    }

    @Test
    void pacedStreamLeavesOnATwentyMillisecondGridWithContiguousSequenceAndTimestamps() throws Exception {
        try (DatagramChannel peer = DatagramChannel.open()) {
            peer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalAddress();
            List<Long> played = new CopyOnWriteArrayList<>();
            try (MediaStream stream = MediaStream.open(endpoint, MediaStreamOptions.builder(AudioPayload.PCMU)
                    .remote(peerAddress)
                    .utteranceListener((id, ms) -> played.add(ms))
                    .build())) {
                byte[] utterance = new byte[FRAMES * FRAME_BYTES];
                for (int i = 0; i < FRAMES; i++) {
                    System.arraycopy(frame(i), 0, utterance, i * FRAME_BYTES, FRAME_BYTES);
                }
                // Hand the audio over in uneven pieces, as a model's deltas arrive.
                int off = 0;
                int[] pieces = {100, 1000, 2500, 37, 5963};
                for (int p : pieces) {
                    stream.enqueue(1, utterance, off, p);
                    off += p;
                }
                assertThat(off).isEqualTo(utterance.length);
                stream.finish(1);

                ByteBuffer in = ByteBuffer.allocate(2048);
                RtpPacket packet = new RtpPacket();
                int firstSeq = -1;
                long previousTs = -1;
                for (int i = 0; i < FRAMES; i++) {
                    in.clear();
                    peer.receive(in);
                    in.flip();
                    assertThat(packet.parse(in).isOk()).isTrue();
                    if (i == 0) {
                        firstSeq = packet.sequenceNumber();
                        assertThat(packet.marker()).as("talkspurt starts with the marker bit").isTrue();
                    } else {
                        assertThat(packet.sequenceNumber()).isEqualTo((firstSeq + i) & 0xFFFF);
                        // On the 20 ms grid: the timestamp advances 160 per slot. A slot that went by without
                        // a frame (this thread or the loop held up on a busy machine) advances it by whole
                        // slots and starts a new talkspurt, so exactly those frames carry the marker.
                        long step = (packet.timestamp() - previousTs) & 0xFFFF_FFFFL;
                        assertThat(step).as("timestamp step before frame %d", i).isPositive();
                        assertThat(step % 160).as("timestamp step before frame %d", i).isZero();
                        assertThat(packet.marker()).as("marker on frame %d after a step of %d", i, step)
                                .isEqualTo(step != 160);
                    }
                    previousTs = packet.timestamp();
                    assertThat(packet.payloadType()).isZero();
                    byte[] payload = new byte[packet.payloadLength()];
                    packet.copyPayload(payload, 0);
                    assertThat(payload).as("frame %d", i).isEqualTo(frame(i));
                }
                await().atMost(Timeouts.seconds(5)).until(() -> !played.isEmpty());
                assertThat(played).containsExactly((long) FRAMES * 20);
                assertThat(stream.sentMillis(1)).isEqualTo(FRAMES * 20L);
            }
        }
    }

    @Test
    void dtmfSentByOneStreamIsRecognisedOnceByTheOther() throws Exception {
        List<DtmfEvent> digits = new CopyOnWriteArrayList<>();
        try (MediaStream listener = MediaStream.open(endpoint, MediaStreamOptions.builder(AudioPayload.PCMU)
                .dtmfListener(digits::add)
                .build())) {
            try (MediaStream talker = MediaStream.open(endpoint, MediaStreamOptions.builder(AudioPayload.PCMU)
                    .remote(listener.session().localAddress())
                    .build())) {
                talker.sendDtmf('7', 100);
                await().atMost(Timeouts.seconds(5)).until(() -> digits.size() == 1);
                talker.sendDtmf('#', 120);
                await().atMost(Timeouts.seconds(5)).until(() -> digits.size() == 2);
                // The end packet is sent three times; give the retransmissions time to arrive.
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        assertThat(digits).extracting(DtmfEvent::digit).containsExactly('7', '#');
        assertThat(digits.get(0).durationMillis()).isEqualTo(100);
        assertThat(digits.get(1).durationMillis()).isEqualTo(120);
    }

    @Test
    void flushDuringPlaybackReportsWhatWasSentAndStopsSending() throws Exception {
        try (DatagramChannel peer = DatagramChannel.open()) {
            peer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (MediaStream stream = MediaStream.open(endpoint, MediaStreamOptions.builder(AudioPayload.PCMU)
                    .remote((InetSocketAddress) peer.getLocalAddress())
                    .build())) {
                byte[] twoSeconds = new byte[16_000];
                Arrays.fill(twoSeconds, (byte) 0x55);
                stream.enqueue(3, twoSeconds, 0, twoSeconds.length);
                ByteBuffer in = ByteBuffer.allocate(2048);
                for (int i = 0; i < 10; i++) {
                    in.clear();
                    peer.receive(in);
                }
                var cut = stream.flush();
                assertThat(cut.utteranceId()).isEqualTo(3);
                assertThat(cut.sentMillis()).isBetween(200L, 2000L);
                assertThat(cut.sentMillis() + cut.discardedMillis()).isEqualTo(2000L);
                long sentAtFlush = stream.stats().pacer().framesSent();
                TimeUnit.MILLISECONDS.sleep(200);
                assertThat(stream.stats().pacer().framesSent()).as("nothing is sent after a flush")
                        .isEqualTo(sentAtFlush);
                assertThat(stream.enqueue(3, twoSeconds, 0, 160)).as("a flushed utterance takes no more audio")
                        .isZero();
            }
        }
    }

}
