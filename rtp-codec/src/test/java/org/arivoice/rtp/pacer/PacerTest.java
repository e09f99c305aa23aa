package org.arivoice.rtp.pacer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.arivoice.rtp.AudioPayload;
import org.arivoice.testsupport.HangGuard;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = 1_000_000L;
    private static final long PTIME = 20 * MS;
    private static final long T0 = 1_000_000_000_000L;
    private static final long TS0 = 4_000_000_000L;

    /** A frame as the sink saw it, copied. */
    record Sent(byte[] data, long timestamp, boolean marker, long utteranceId) {
    }

    static final class Recorder implements Pacer.FrameSink {
        final List<Sent> frames = new ArrayList<>();

        @Override
        public void frame(byte[] buf, int off, int len, long rtpTimestamp, boolean marker, long utteranceId) {
            frames.add(new Sent(Arrays.copyOfRange(buf, off, off + len), rtpTimestamp, marker, utteranceId));
        }

        Sent last() {
            return frames.get(frames.size() - 1);
        }
    }

    private final AtomicLong clock = new AtomicLong(T0);
    private final Recorder out = new Recorder();
    private final List<long[]> played = new ArrayList<>();

    private PacerConfig.Builder config() {
        return PacerConfig.builder().clock(clock::get).initialTimestamp(TS0);
    }

    private Pacer pacer(PacerConfig.Builder builder) {
        return builder.build().newPacer((id, ms) -> played.add(new long[] {id, ms}));
    }

    private static long slot(long n) {
        return T0 + n * PTIME;
    }

    private static long ts(long n) {
        return (TS0 + 160 * n) & 0xFFFF_FFFFL;
    }

    /** Bytes that identify their position, so lost, repeated or reordered audio shows. */
    private static byte[] audio(int from, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) ((from + i) * 13 + ((from + i) >> 8));
        }
        return b;
    }

    private static void enqueue(Pacer p, long id, byte[] data) {
        assertThat(p.enqueue(id, data, 0, data.length)).isEqualTo(data.length);
    }

    @Test
    void deadlinesStayExactOverAnHourOfJitteryPolls() {
        Pacer p = pacer(config());
        Random random = new Random(7);
        int produced = 0;
        long frames = 3_600_000 / 20;
        for (long n = 0; n < frames; n++) {
            if (p.queuedMillis() < 100) {
                enqueue(p, 1, audio(produced, 8000));
                produced += 8000;
            }
            assertThat(p.nextDeadlineNanos()).isEqualTo(slot(n));
            // Anywhere within the slot: the loop woke late by up to 19.999 ms.
            long now = slot(n) + (long) (random.nextDouble() * (PTIME - 1));
            assertThat(p.poll(now, out)).isEqualTo(1);
            Sent s = out.last();
            if (s.timestamp() != ts(n) || s.marker() != (n == 0)) {
                throw new AssertionError("frame " + n + ": timestamp " + s.timestamp() + " marker " + s.marker());
            }
            out.frames.clear();
        }
        assertThat(p.nextDeadlineNanos()).isEqualTo(T0 + frames * PTIME);
        assertThat(p.stats().skippedSlots()).isZero();
        assertThat(p.sentMillis(1)).isEqualTo(3_600_000);
    }

    @Test
    void anEarlyPollSendsNothing() {
        Pacer p = pacer(config());
        enqueue(p, 1, audio(0, 800));
        assertThat(p.poll(T0 - 1, out)).isZero();
        assertThat(p.poll(slot(0), out)).isEqualTo(1);
        assertThat(p.poll(slot(1) - 1, out)).isZero();
        assertThat(out.frames).hasSize(1);
    }

    @Test
    void afterAStallMissedSlotsAreSkippedNotBurstAndNoAudioIsLost() {
        Pacer p = pacer(config());
        byte[] data = audio(0, 8000);
        enqueue(p, 1, data);
        for (int n = 0; n < 5; n++) {
            p.poll(slot(n), out);
        }
        // The media loop stalls: the next poll comes 75 ms after slot 5 was due (slots 5-8 all due).
        assertThat(p.poll(slot(5) + 75 * MS, out)).isEqualTo(1);
        Sent resumed = out.last();
        assertThat(resumed.timestamp()).isEqualTo(ts(8));
        assertThat(resumed.marker()).isTrue();
        assertThat(resumed.data()).isEqualTo(Arrays.copyOfRange(data, 5 * 160, 6 * 160));
        assertThat(p.stats().skippedSlots()).isEqualTo(3);
        assertThat(p.nextDeadlineNanos()).isEqualTo(slot(9));

        assertThat(p.poll(slot(9), out)).isEqualTo(1);
        assertThat(out.last().timestamp()).isEqualTo(ts(9));
        assertThat(out.last().marker()).isFalse();
        assertThat(out.last().data()).isEqualTo(Arrays.copyOfRange(data, 6 * 160, 7 * 160));
        assertThat(p.sentMillis(1)).isEqualTo(7 * 20);
    }

    @Test
    void theMarkerIsSetOnTheFirstFrameOfEachTalkspurtOnly() {
        Pacer p = pacer(config());
        enqueue(p, 1, audio(0, 480));
        p.finish(1);
        enqueue(p, 2, audio(480, 320)); // follows utterance 1 without a gap: same talkspurt
        for (int n = 0; n < 8; n++) {
            p.poll(slot(n), out); // slots 5-7 are idle
        }
        enqueue(p, 3, audio(800, 320));
        for (int n = 8; n < 10; n++) {
            p.poll(slot(n), out);
        }
        assertThat(out.frames).extracting(Sent::marker)
                .containsExactly(true, false, false, false, false, true, false);
        assertThat(out.frames).extracting(Sent::utteranceId).containsExactly(1L, 1L, 1L, 2L, 2L, 3L, 3L);
    }

    @Test
    void anOpenUtteranceWaitsForAWholeFrameAndResumesAsANewTalkspurt() {
        Pacer p = pacer(config());
        enqueue(p, 1, audio(0, 250)); // one frame and 90 bytes
        assertThat(p.poll(slot(0), out)).isEqualTo(1);
        assertThat(p.poll(slot(1), out)).isZero(); // not padded: more audio of this utterance is coming
        enqueue(p, 1, audio(250, 70));
        assertThat(p.poll(slot(2), out)).isEqualTo(1);
        assertThat(out.last().data()).isEqualTo(audio(160, 160));
        assertThat(out.last().marker()).isTrue();
        assertThat(out.last().timestamp()).isEqualTo(ts(2));
    }

    @Test
    void timestampsFollowRealTimeAcrossAPauseEvenWithoutPolling() {
        Pacer p = pacer(config());
        enqueue(p, 1, audio(0, 320));
        p.finish(1);
        p.poll(slot(0), out);
        p.poll(slot(1), out);
        // Nothing to say for 1.23 s; the loop did not even poll. Then the model talks again.
        enqueue(p, 2, audio(320, 160));
        long now = slot(1) + 1230 * MS;
        assertThat(p.poll(now, out)).isEqualTo(1);
        long expectedSlot = (now - T0) / PTIME;
        assertThat(out.last().timestamp()).isEqualTo(ts(expectedSlot));
        assertThat(out.last().marker()).isTrue();
        assertThat(p.stats().skippedSlots()).isZero(); // idle slots are not a stall
    }

    @Test
    void sentMillisIsExactAfterEachPoll() {
        Pacer p = pacer(config());
        enqueue(p, 9, audio(0, 8000));
        for (int k = 1; k <= 30; k++) {
            p.poll(slot(k - 1), out);
            assertThat(p.sentMillis(9)).isEqualTo(20L * k);
            assertThat(p.queuedMillis()).isEqualTo(1000 - 20L * k);
        }
        assertThat(p.sentMillis(8)).isEqualTo(-1);
    }

    @Test
    void flushMidUtteranceReportsExactlyWhatWasSentAndRefusesItsStragglers() {
        Pacer p = pacer(config());
        enqueue(p, 7, audio(0, 4000)); // 500 ms
        for (int n = 0; n < 7; n++) {
            p.poll(slot(n), out);
        }
        FlushResult result = p.flush();
        assertThat(result).isEqualTo(new FlushResult(7, 140, 360));
        assertThat(result.interruptedUtterance()).isTrue();
        assertThat(p.queuedMillis()).isZero();
        assertThat(p.isIdle()).isTrue();
        assertThat(p.poll(slot(7), out)).isZero();

        // The model's remaining deltas for the interrupted response arrive after the flush: not played.
        assertThat(p.enqueue(7, audio(4000, 800), 0, 800)).isZero();
        assertThat(p.stats().staleMillis()).isEqualTo(100);
        assertThat(p.sentMillis(7)).isEqualTo(140);
        assertThat(p.isPlayedOut(7)).isFalse();

        enqueue(p, 8, audio(0, 160));
        p.poll(slot(8), out);
        assertThat(out.last().utteranceId()).isEqualTo(8);
        assertThat(out.last().marker()).isTrue();
        assertThat(played).isEmpty();
        assertThat(p.stats().flushedMillis()).isEqualTo(360);
    }

    @Test
    void flushWithNothingPlayingSaysSo() {
        Pacer p = pacer(config());
        assertThat(p.flush()).isEqualTo(new FlushResult(Pacer.NO_UTTERANCE, 0, 0));
        assertThat(p.flush().interruptedUtterance()).isFalse();
    }

    @Test
    void flushReportsAnOpenUtteranceWhoseQueuedAudioIsAllSent() {
        Pacer p = pacer(config());
        enqueue(p, 3, audio(0, 320));
        p.poll(slot(0), out);
        p.poll(slot(1), out);
        // The model is still generating utterance 3; the caller barges in now.
        assertThat(p.flush()).isEqualTo(new FlushResult(3, 40, 0));
    }

    @Test
    void rejectNewAcceptsWhatFitsAndSaysHowMuch() {
        Pacer p = pacer(config().maxQueuedMillis(100).overflowPolicy(OverflowPolicy.REJECT_NEW));
        byte[] data = audio(0, 1200); // 150 ms
        assertThat(p.enqueue(1, data, 0, data.length)).isEqualTo(800);
        assertThat(p.queuedMillis()).isEqualTo(100);
        assertThat(p.stats().rejectedMillis()).isEqualTo(50);
        p.poll(slot(0), out);
        // One frame of room again: the producer offers the rest.
        assertThat(p.enqueue(1, data, 800, 400)).isEqualTo(160);
        p.finish(1);
        for (int n = 1; n < 7; n++) {
            p.poll(slot(n), out);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        out.frames.forEach(f -> all.writeBytes(f.data()));
        assertThat(all.toByteArray()).isEqualTo(Arrays.copyOfRange(data, 0, 960));
    }

    @Test
    void dropOldestKeepsTheNewestAudio() {
        Pacer p = pacer(config().maxQueuedMillis(100).overflowPolicy(OverflowPolicy.DROP_OLDEST));
        byte[] data = audio(0, 1040); // 130 ms
        assertThat(p.enqueue(1, data, 0, 640)).isEqualTo(640);
        assertThat(p.enqueue(1, data, 640, 400)).isEqualTo(400);
        assertThat(p.queuedMillis()).isEqualTo(100);
        assertThat(p.stats().droppedMillis()).isEqualTo(30);
        p.finish(1);
        for (int n = 0; n < 5; n++) {
            p.poll(slot(n), out);
        }
        assertThat(out.frames).hasSize(5);
        assertThat(out.frames.get(0).data()).isEqualTo(Arrays.copyOfRange(data, 240, 400));
        assertThat(out.frames.get(4).data()).isEqualTo(Arrays.copyOfRange(data, 880, 1040));
        // A chunk larger than the whole queue keeps its newest 100 ms.
        assertThat(p.enqueue(2, audio(0, 2000), 0, 2000)).isEqualTo(800);
    }

    @Test
    void aFinishedUtterancesPartialLastFrameIsPaddedWithSilenceAndReportedAsPlayed() {
        Pacer p = pacer(config());
        byte[] data = audio(0, 400); // 50 ms
        enqueue(p, 5, data);
        p.poll(slot(0), out);
        p.poll(slot(1), out);
        assertThat(p.poll(slot(2), out)).isZero(); // still open: the last 80 bytes wait
        assertThat(p.isPlayedOut(5)).isFalse();
        assertThat(p.isIdle()).isFalse();

        assertThat(p.finish(5)).isTrue();
        assertThat(p.poll(slot(3), out)).isEqualTo(1);
        byte[] last = out.last().data();
        assertThat(Arrays.copyOfRange(last, 0, 80)).isEqualTo(Arrays.copyOfRange(data, 320, 400));
        assertThat(Arrays.copyOfRange(last, 80, 160)).containsOnly((byte) 0xFF);
        assertThat(p.sentMillis(5)).isEqualTo(50);
        assertThat(p.isPlayedOut(5)).isTrue();
        assertThat(p.isIdle()).isTrue();
        assertThat(played).containsExactly(new long[] {5, 50});
        assertThat(p.stats().paddedFrames()).isEqualTo(1);
        assertThat(p.finish(5)).isFalse();
    }

    @Test
    void audioForANewUtteranceEndsThePreviousOneWithAPaddedFrame() {
        Pacer p = pacer(config().format(AudioPayload.L16_16K));
        enqueue(p, 1, audio(0, 1000)); // 31.25 ms of slin16
        enqueue(p, 2, audio(1000, 640));
        for (int n = 0; n < 3; n++) {
            p.poll(slot(n), out);
        }
        assertThat(out.frames).extracting(Sent::utteranceId).containsExactly(1L, 1L, 2L);
        assertThat(out.frames).allMatch(f -> f.data().length == 640);
        assertThat(Arrays.copyOfRange(out.frames.get(1).data(), 360, 640)).containsOnly((byte) 0);
        assertThat(out.frames.get(2).data()).isEqualTo(audio(1000, 640));
        assertThat(out.frames.get(2).timestamp()).isEqualTo((TS0 + 2 * 320) & 0xFFFF_FFFFL);
        assertThat(played).containsExactly(new long[] {1, 31});
        assertThat(p.sentMillis(1)).isEqualTo(31);
    }

    @Test
    void olderUtteranceIdsAreRefusedAndAnEmptyFinishedUtteranceIsReportedAtTheNextPoll() {
        Pacer p = pacer(config());
        enqueue(p, 4, audio(0, 160));
        assertThat(p.enqueue(3, audio(0, 160), 0, 160)).isZero();
        assertThat(p.finish(6)).isTrue(); // a response without audio
        p.poll(slot(0), out);
        assertThat(played).containsExactly(new long[] {4, 20}, new long[] {6, 0});
        assertThat(p.isPlayedOut(6)).isTrue();
        assertThatThrownBy(() -> p.enqueue(-1, new byte[1], 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingListenerDoesNotStopPolling() {
        Pacer p = config().build().newPacer((id, ms) -> {
            throw new IllegalStateException("listener bug");
        });
        enqueue(p, 1, audio(0, 160));
        p.finish(1);
        assertThat(p.poll(slot(0), out)).isEqualTo(1);
        assertThat(p.isPlayedOut(1)).isTrue();
    }

    @Test
    void manyUtterancesAreRememberedAndTheOldestForgotten() {
        Pacer p = pacer(config());
        for (int id = 0; id < 100; id++) {
            enqueue(p, id, audio(id, 160));
            p.poll(slot(id), out);
        }
        p.finish(99);
        p.poll(slot(100), out);
        assertThat(played).hasSize(100);
        assertThat(p.sentMillis(99)).isEqualTo(20);
        assertThat(p.sentMillis(70)).isEqualTo(20);
        assertThat(p.sentMillis(0)).isEqualTo(-1);
        // With 100 utterances queued at once, none is forgotten while it waits.
        Pacer q = pacer(config());
        for (int id = 0; id < 100; id++) {
            enqueue(q, id, audio(id, 160));
        }
        assertThat(q.sentMillis(0)).isZero();
        for (int n = 0; n < 100; n++) {
            q.poll(slot(n), out);
        }
        assertThat(q.sentMillis(0)).isEqualTo(20);
    }

    @Test
    @HangGuard(seconds = 60) // a hang guard, not a timing assertion
    void enqueueFromAnotherThreadWhilePollingLosesAndDuplicatesNothing() throws Exception {
        Pacer p = pacer(config());
        byte[] data = audio(0, 400_000); // 50 s
        Thread producer = new Thread(() -> {
            Random random = new Random(3);
            int pos = 0;
            while (pos < data.length) {
                int len = Math.min(data.length - pos, 1 + random.nextInt(700));
                int taken = p.enqueue(1, data, pos, len);
                pos += taken;
                if (taken < len) {
                    Thread.onSpinWait();
                }
            }
            p.finish(1);
        }, "producer");
        producer.start();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Pacer.FrameSink sink = (buf, off, len, ts, marker, id) -> received.write(buf, off, len);
        long n = 0;
        while (!p.isPlayedOut(1)) {
            p.poll(slot(n++), sink);
        }
        producer.join();
        byte[] all = received.toByteArray();
        assertThat(all.length).isEqualTo(data.length); // 400,000 is a whole number of frames: no padding
        assertThat(all).isEqualTo(data);
        assertThat(p.sentMillis(1)).isEqualTo(50_000);
    }

    @Test
    void invalidConfigurationsAreRejectedWithAReason() {
        assertThatThrownBy(() -> PacerConfig.builder().bytesPerMilli(12).samplesPerMilli(8).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("whole number of bytes");
        assertThatThrownBy(() -> PacerConfig.builder().silencePattern(new byte[3]).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("silence");
        assertThatThrownBy(() -> PacerConfig.builder().initialTimestamp(1L << 32))
                .isInstanceOf(IllegalArgumentException.class);
        PacerConfig slin16 = PacerConfig.builder().format(AudioPayload.L16_16K).build();
        assertThat(slin16.bytesPerFrame()).isEqualTo(640);
        assertThat(slin16.samplesPerFrame()).isEqualTo(320);
    }
}
