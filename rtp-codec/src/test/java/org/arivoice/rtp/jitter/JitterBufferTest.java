package org.arivoice.rtp.jitter;

import org.arivoice.rtp.AudioPayload;
import static org.arivoice.rtp.jitter.Frames.MS;
import static org.arivoice.rtp.jitter.Frames.assertContiguous;
import static org.arivoice.rtp.jitter.Frames.packet;
import static org.arivoice.rtp.jitter.Frames.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.codec.G711;
import org.arivoice.rtp.jitter.Frames.Frame;
import org.arivoice.rtp.jitter.Frames.Recorder;
import org.junit.jupiter.api.Test;

class JitterBufferTest {
    private static final long SSRC = 0x1234_5678L;
    private static final int PCMU = 0;

    private final Recorder out = new Recorder();

    private static JitterBuffer pcmu() {
        return JitterBufferConfig.builder(AudioPayload.PCMU).build().newBuffer();
    }

    private static RtpPacket ulaw(int k) {
        return packet(PCMU, 100 + k, 8000 + 160L * k, SSRC, pattern(k, 160));
    }

    private void pollAt(JitterBuffer jb, long nowNanos) {
        out.now = nowNanos;
        jb.poll(nowNanos, out);
    }

    /** Polls every millisecond from {@code fromMs} to {@code toMs} inclusive. */
    private void pollEveryMs(JitterBuffer jb, int fromMs, int toMs) {
        for (int t = fromMs; t <= toMs; t++) {
            pollAt(jb, t * MS);
        }
    }

    @Test
    void inOrderPacketsComeOutUnchangedExactlyOneDepthAfterTheFirstArrival() {
        JitterBuffer jb = pcmu();
        for (int t = 0; t <= 1200; t++) {
            if (t % 20 == 0 && t / 20 < 50) {
                assertThat(jb.offer(ulaw(t / 20), t * MS)).isEqualTo(OfferResult.ACCEPTED);
            }
            pollAt(jb, t * MS);
        }

        List<Frame> audio = out.frames.subList(0, 50);
        for (int k = 0; k < 50; k++) {
            Frame f = audio.get(k);
            assertThat(f.kind()).isEqualTo(FrameKind.AUDIO);
            assertThat(f.timestamp()).isEqualTo(8000 + 160L * k);
            assertThat(f.data()).isEqualTo(pattern(k, 160));
            assertThat(f.atNanos()).as("frame %d released at", k).isEqualTo((20L * k + 60) * MS);
        }
        // The clock keeps running after the stream stops: the rest is silence, still contiguous.
        assertThat(out.frames.subList(50, out.frames.size())).allMatch(f -> f.kind() == FrameKind.SILENCE);
        assertContiguous(out.frames, 1);
        JitterBufferStats s = jb.stats();
        assertThat(s.accepted()).isEqualTo(50);
        assertThat(s.played()).isEqualTo(50);
        assertThat(s.lateDropped()).isZero();
        assertThat(s.concealedMillis()).isZero();
    }

    @Test
    void nextPlayoutNanosTellsWhenTheNextFrameIsDue() {
        JitterBuffer jb = pcmu();
        assertThat(jb.nextPlayoutNanos()).isEqualTo(Long.MAX_VALUE);
        jb.offer(ulaw(0), 5 * MS);
        assertThat(jb.nextPlayoutNanos()).isEqualTo(65 * MS);
        assertThat(jb.poll(65 * MS - 1, out)).isZero();
        assertThat(jb.poll(65 * MS, out)).isEqualTo(1);
        assertThat(jb.nextPlayoutNanos()).isEqualTo(85 * MS);
    }

    @Test
    void reorderingWithinTheDepthIsRepaired() {
        JitterBuffer jb = pcmu();
        // Packet k is sent at 20k ms; these arrive up to 40 ms late, out of order.
        int[] order = {1, 0, 3, 2, 4, 7, 5, 6, 9, 8};
        int[] arrivalMs = {20, 25, 60, 61, 80, 140, 141, 142, 180, 185};
        int next = 0;
        for (int t = 0; t <= 300; t++) {
            while (next < order.length && arrivalMs[next] == t) {
                assertThat(jb.offer(ulaw(order[next]), t * MS)).isEqualTo(OfferResult.ACCEPTED);
                next++;
            }
            pollAt(jb, t * MS);
        }
        List<Frame> audio = out.ofKind(FrameKind.AUDIO);
        assertThat(audio).hasSize(10);
        for (int k = 0; k < 10; k++) {
            assertThat(audio.get(k).data()).isEqualTo(pattern(k, 160));
        }
        assertThat(out.frames.subList(0, 10)).allMatch(f -> f.kind() == FrameKind.AUDIO);
        assertContiguous(out.frames, 1);
        // Packet 1 arrived first and was anchored at 20 + 60 ms; packet 0 moved the start 20 ms earlier.
        assertThat(audio.get(0).atNanos()).isEqualTo(60 * MS);
        assertThat(audio.get(1).atNanos()).isEqualTo(80 * MS);
    }

    @Test
    void aLostPacketBecomesExactly20MillisecondsOfSilence() {
        JitterBuffer jb = pcmu();
        for (int k = 0; k < 10; k++) {
            if (k != 4) {
                jb.offer(ulaw(k), 20L * k * MS);
            }
        }
        jb.drainAll(out);

        assertThat(out.frames).hasSize(10);
        Frame gap = out.frames.get(4);
        assertThat(gap.kind()).isEqualTo(FrameKind.SILENCE);
        assertThat(gap.timestamp()).isEqualTo(8000 + 160L * 4);
        assertThat(gap.data()).hasSize(160).containsOnly((byte) 0xFF);
        assertContiguous(out.frames, 1);
        assertThat(jb.stats().silenceMillis()).isEqualTo(20);
        assertThat(jb.stats().played()).isEqualTo(9);
    }

    @Test
    void gapsAreMeasuredInTimestampUnitsSoA30MillisecondPacketIsConcealedAs30Milliseconds() {
        JitterBuffer jb = pcmu();
        // 20, 20, 30 (lost), 20, 30, 20 ms packets.
        int[] ms = {20, 20, 30, 20, 30, 20};
        long ts = 0;
        for (int k = 0; k < ms.length; k++) {
            int len = ms[k] * 8;
            if (k != 2) {
                assertThat(jb.offer(packet(PCMU, k, ts, SSRC, pattern(k, len)), k * 20 * MS))
                        .isEqualTo(OfferResult.ACCEPTED);
            }
            ts += len;
        }
        // Clocked playout releases everything once the last packet's time has come.
        pollEveryMs(jb, 0, 60 + 140 - 20);

        List<Frame> frames = out.frames;
        assertContiguous(frames, 1);
        assertThat(frames.stream().mapToInt(Frame::length).sum()).isEqualTo(140 * 8);
        // The 30 ms hole at 320..560 is filled by one ptime then the 10 ms remainder.
        assertThat(frames.get(2).timestamp()).isEqualTo(320);
        assertThat(frames.get(2).length()).isEqualTo(160);
        assertThat(frames.get(3).length()).isEqualTo(80);
        assertThat(frames.get(2).kind()).isEqualTo(FrameKind.SILENCE);
        assertThat(frames.get(3).kind()).isEqualTo(FrameKind.SILENCE);
        assertThat(frames.get(5).kind()).isEqualTo(FrameKind.AUDIO);
        assertThat(frames.get(5).data()).isEqualTo(pattern(4, 240));
        assertThat(jb.stats().silenceMillis()).isEqualTo(30);
    }

    @Test
    void aPacketArrivingAfterItsSlotWasPlayedIsDroppedAndCounted() {
        JitterBuffer jb = pcmu();
        for (int k = 0; k < 6; k++) {
            if (k != 2) {
                jb.offer(ulaw(k), 20L * k * MS);
            }
        }
        pollEveryMs(jb, 0, 110); // packet 2 was due at 100 ms and has been concealed
        assertThat(out.frames).hasSize(3);
        assertThat(out.frames.get(2).kind()).isEqualTo(FrameKind.SILENCE);

        assertThat(jb.offer(ulaw(2), 111 * MS)).isEqualTo(OfferResult.LATE);
        pollEveryMs(jb, 111, 160);
        assertThat(out.ofKind(FrameKind.AUDIO)).extracting(Frame::timestamp)
                .containsExactly(8000L, 8160L, 8480L, 8640L, 8800L);
        assertThat(jb.stats().lateDropped()).isEqualTo(1);
        assertContiguous(out.frames, 1);
    }

    @Test
    void duplicatesAreDroppedWhetherStillBufferedOrAlreadyPlayed() {
        JitterBuffer jb = pcmu();
        jb.offer(ulaw(0), 0);
        jb.offer(ulaw(1), 20 * MS);
        assertThat(jb.offer(ulaw(1), 21 * MS)).isEqualTo(OfferResult.DUPLICATE);
        pollEveryMs(jb, 0, 85);
        assertThat(out.frames).hasSize(2);
        // Packet 0 has been played; a copy of it now is a duplicate, not merely late.
        assertThat(jb.offer(ulaw(0), 86 * MS)).isEqualTo(OfferResult.DUPLICATE);
        jb.offer(ulaw(2), 87 * MS);
        jb.drainAll(out);
        assertThat(out.ofKind(FrameKind.AUDIO)).hasSize(3);
        assertThat(jb.stats().duplicates()).isEqualTo(2);
        assertThat(jb.stats().lateDropped()).isZero();
    }

    @Test
    void aNewSsrcResetsTheBuffer() {
        JitterBuffer jb = pcmu();
        jb.offer(ulaw(0), 0);
        jb.offer(ulaw(1), 20 * MS);
        RtpPacket other = packet(PCMU, 5000, 123_456, SSRC + 1, pattern(9, 160));
        assertThat(jb.offer(other, 30 * MS)).isEqualTo(OfferResult.RESET);
        // The new stream plays one depth after its first packet; the old packets are gone.
        pollEveryMs(jb, 0, 90);
        assertThat(out.frames).hasSize(1);
        assertThat(out.frames.get(0).timestamp()).isEqualTo(123_456);
        assertThat(out.frames.get(0).data()).isEqualTo(pattern(9, 160));
        assertThat(out.frames.get(0).atNanos()).isEqualTo(90 * MS);
        JitterBufferStats s = jb.stats();
        assertThat(s.resets()).isEqualTo(1);
        assertThat(s.discardedOnReset()).isEqualTo(2);
    }

    @Test
    void aSequenceJumpOfMaxDropoutOrMoreResetsButASmallerOneIsLoss() {
        JitterBuffer jb = JitterBufferConfig.builder(AudioPayload.PCMU).maxTimestampJumpMillis(3_600_000).build()
                .newBuffer();
        jb.offer(packet(PCMU, 10, 0, SSRC, pattern(0, 160)), 0);
        // 2999 ahead: a (large) loss within the same stream.
        assertThat(jb.offer(packet(PCMU, 10 + 2999, 160L * 2999, SSRC, pattern(1, 160)), 20 * MS))
                .isNotEqualTo(OfferResult.RESET);
        assertThat(jb.offer(packet(PCMU, 10 + 2999 + 3000, 160L * 5999, SSRC, pattern(2, 160)), 40 * MS))
                .isEqualTo(OfferResult.RESET);
        // More than MAX_MISORDER behind the newest is a restart too.
        assertThat(jb.offer(packet(PCMU, 10 + 2999 + 3000 - 101, 160L * 5898, SSRC, pattern(3, 160)), 60 * MS))
                .isEqualTo(OfferResult.RESET);
        assertThat(jb.stats().resets()).isEqualTo(2);
    }

    @Test
    void aTimestampJumpBeyondTheMaximumResets() {
        JitterBuffer jb = JitterBufferConfig.builder(AudioPayload.PCMU).maxTimestampJumpMillis(500).build()
                .newBuffer();
        jb.offer(ulaw(0), 0);
        assertThat(jb.offer(packet(PCMU, 101, 8000 + 8 * 500, SSRC, pattern(1, 160)), 20 * MS))
                .isEqualTo(OfferResult.ACCEPTED);
        assertThat(jb.offer(packet(PCMU, 102, 8000 + 8 * 500 + 8 * 501 + 160, SSRC, pattern(2, 160)), 40 * MS))
                .isEqualTo(OfferResult.RESET);
        // Backwards as well.
        assertThat(jb.offer(packet(PCMU, 103, 8000, SSRC, pattern(3, 160)), 60 * MS))
                .isEqualTo(OfferResult.RESET);
    }

    @Test
    void telephoneEventsAndComfortNoiseAreSeparatedFromTheAudio() {
        JitterBuffer jb = pcmu();
        jb.offer(ulaw(0), 0);
        assertThat(jb.offer(packet(101, 101, 8000 + 160, SSRC, new byte[] {5, 10, 0, (byte) 160}), 15 * MS))
                .isEqualTo(OfferResult.TELEPHONE_EVENT);
        assertThat(jb.offer(packet(13, 102, 8000 + 160, SSRC, new byte[] {40}), 18 * MS))
                .isEqualTo(OfferResult.COMFORT_NOISE);
        // Audio sequence numbers skip the two that carried the event and CN: that is not loss.
        assertThat(jb.offer(packet(PCMU, 103, 8000 + 160, SSRC, pattern(1, 160)), 20 * MS))
                .isEqualTo(OfferResult.ACCEPTED);
        jb.drainAll(out);
        assertThat(out.frames).extracting(Frame::kind).containsExactly(FrameKind.AUDIO, FrameKind.AUDIO);
        assertThat(out.frames.get(1).data()).isEqualTo(pattern(1, 160));
        JitterBufferStats s = jb.stats();
        assertThat(s.telephoneEvents()).isEqualTo(1);
        assertThat(s.comfortNoise()).isEqualTo(1);
        assertThat(s.accepted()).isEqualTo(2);
    }

    @Test
    void otherPayloadTypesAndUnusablePayloadsAreRejectedWithoutThrowing() {
        JitterBuffer l16 = JitterBufferConfig.builder(AudioPayload.L16_16K).build().newBuffer();
        assertThat(l16.offer(packet(0, 1, 0, SSRC, new byte[160]), 0)).isEqualTo(OfferResult.WRONG_PAYLOAD_TYPE);
        assertThat(l16.offer(packet(118, 1, 0, SSRC, new byte[639]), 0)).isEqualTo(OfferResult.MALFORMED);
        assertThat(l16.offer(packet(118, 1, 0, SSRC, new byte[0]), 0)).isEqualTo(OfferResult.MALFORMED);
        // Longer than the 60 ms slots.
        assertThat(l16.offer(packet(118, 1, 0, SSRC, new byte[32 * 61]), 0)).isEqualTo(OfferResult.MALFORMED);
        assertThat(l16.offer(new RtpPacket(), 0)).isEqualTo(OfferResult.MALFORMED);
        assertThat(l16.offer(packet(118, 1, 0, SSRC, new byte[640]), 0)).isEqualTo(OfferResult.ACCEPTED);
        JitterBufferStats s = l16.stats();
        assertThat(s.wrongPayloadType()).isEqualTo(1);
        assertThat(s.malformed()).isEqualTo(4);
    }

    @Test
    void whenEverySlotIsInUseNewPacketsOverflow() {
        JitterBuffer jb = JitterBufferConfig.builder(AudioPayload.PCMU).capacity(4).build().newBuffer();
        for (int k = 0; k < 4; k++) {
            assertThat(jb.offer(ulaw(k), 0)).isEqualTo(OfferResult.ACCEPTED);
        }
        assertThat(jb.offer(ulaw(4), 0)).isEqualTo(OfferResult.OVERFLOW);
        assertThat(jb.stats().overflows()).isEqualTo(1);
        assertThat(jb.stats().buffered()).isEqualTo(4);
        assertThat(jb.stats().currentDepthMillis()).isEqualTo(80);
        jb.drainAll(out);
        assertThat(out.frames).hasSize(4);
        assertThat(jb.offer(ulaw(4), 1 * MS)).isEqualTo(OfferResult.ACCEPTED);
    }

    @Test
    void repeatsAreAttenuatedBySixDecibelsEachThenSilence() {
        JitterBuffer jb = JitterBufferConfig.builder(AudioPayload.PCMU).concealment(Concealment.repeat(2)).build()
                .newBuffer();
        // A 400 Hz tone: exactly 8 periods per 20 ms frame.
        byte[] tone = new byte[160];
        for (int i = 0; i < 160; i++) {
            tone[i] = G711.linearToUlaw((short) Math.round(8000 * Math.sin(2 * Math.PI * 400 * i / 8000.0)));
        }
        for (int k = 0; k < 8; k++) {
            if (k < 3 || k > 5) {
                jb.offer(packet(PCMU, k, 160L * k, SSRC, tone), 20L * k * MS);
            }
        }
        jb.drainAll(out);

        assertThat(out.frames).extracting(Frame::kind).containsExactly(FrameKind.AUDIO, FrameKind.AUDIO,
                FrameKind.AUDIO, FrameKind.CONCEALED_REPEAT, FrameKind.CONCEALED_REPEAT, FrameKind.SILENCE,
                FrameKind.AUDIO, FrameKind.AUDIO);
        double original = rmsUlaw(out.frames.get(2).data());
        assertThat(20 * Math.log10(rmsUlaw(out.frames.get(3).data()) / original)).isCloseTo(-6.0, within(0.5));
        assertThat(20 * Math.log10(rmsUlaw(out.frames.get(4).data()) / original)).isCloseTo(-12.0, within(0.5));
        assertThat(out.frames.get(5).data()).containsOnly((byte) 0xFF);
        JitterBufferStats s = jb.stats();
        assertThat(s.concealedMillis()).isEqualTo(40);
        assertThat(s.silenceMillis()).isEqualTo(20);
    }

    @Test
    void linearRepeatsAreScaledSampleBySample() {
        JitterBuffer jb = JitterBufferConfig.builder(AudioPayload.L16_16K).concealment(Concealment.repeat(1, 6.0))
                .build().newBuffer();
        byte[] pcm = new byte[640];
        for (int i = 0; i < 320; i++) {
            short s = (short) Math.round(12000 * Math.sin(2 * Math.PI * 500 * i / 16000.0));
            pcm[2 * i] = (byte) (s >> 8);
            pcm[2 * i + 1] = (byte) s;
        }
        jb.offer(packet(118, 1, 0, SSRC, pcm), 0);
        jb.offer(packet(118, 4, 960, SSRC, pcm), 60 * MS);
        jb.drainAll(out);

        assertThat(out.frames).extracting(Frame::kind).containsExactly(FrameKind.AUDIO,
                FrameKind.CONCEALED_REPEAT, FrameKind.SILENCE, FrameKind.AUDIO);
        double gain = Math.pow(10, -6.0 / 20);
        byte[] repeat = out.frames.get(1).data();
        for (int i = 0; i < 320; i++) {
            short original = (short) ((pcm[2 * i] << 8) | (pcm[2 * i + 1] & 0xFF));
            short scaled = (short) ((repeat[2 * i] << 8) | (repeat[2 * i + 1] & 0xFF));
            assertThat((double) scaled).isCloseTo(original * gain, within(1.0));
        }
        assertThat(out.frames.get(2).data()).hasSize(640).containsOnly((byte) 0);
    }

    @Test
    void timestampsWrapAt2To32AcrossTheStream() {
        JitterBuffer jb = pcmu();
        long first = (1L << 32) - 3 * 160 - 40; // the wrap falls inside packet 3; packet 4 is lost
        for (int k = 0; k < 8; k++) {
            if (k != 4) {
                long ts = (first + 160L * k) & 0xFFFF_FFFFL;
                assertThat(jb.offer(packet(PCMU, 65_533 + k & 0xFFFF, ts, SSRC, pattern(k, 160)), 20L * k * MS))
                        .isEqualTo(OfferResult.ACCEPTED);
            }
        }
        pollEveryMs(jb, 0, 60 + 7 * 20);
        assertThat(out.frames).hasSize(8);
        assertContiguous(out.frames, 1);
        assertThat(out.frames.get(3).timestamp()).isEqualTo((1L << 32) - 40);
        assertThat(out.frames.get(4).timestamp()).isEqualTo(120);
        assertThat(out.frames.get(4).kind()).isEqualTo(FrameKind.SILENCE);
        assertThat(out.frames.get(4).data()).hasSize(160);
        assertThat(out.frames.get(7).data()).isEqualTo(pattern(7, 160));
        assertThat(out.frames.get(7).atNanos()).isEqualTo((60 + 140) * MS);
    }

    @Test
    void whileNothingArrivesTheClockKeepsFillingTimeWithSilence() {
        JitterBuffer jb = pcmu();
        jb.offer(ulaw(0), 0);
        pollEveryMs(jb, 0, 160);
        assertThat(out.frames).extracting(Frame::kind).containsExactly(FrameKind.AUDIO, FrameKind.SILENCE,
                FrameKind.SILENCE, FrameKind.SILENCE, FrameKind.SILENCE, FrameKind.SILENCE);
        // The sender resumes in real time (silence suppression): its packet is on time and contiguous.
        assertThat(jb.offer(ulaw(8), 160 * MS)).isEqualTo(OfferResult.ACCEPTED);
        pollEveryMs(jb, 161, 220);
        assertThat(out.frames.get(8).kind()).isEqualTo(FrameKind.AUDIO);
        assertThat(out.frames.get(8).atNanos()).isEqualTo(220 * MS);
        assertContiguous(out.frames, 1);
    }

    @Test
    void drainAllReleasesEverythingInOrderWithGapsFilledAndNothingAfterTheLastPacket() {
        JitterBuffer jb = pcmu();
        int[] arrival = {3, 0, 1, 6, 5};
        for (int k : arrival) {
            jb.offer(ulaw(k), 0);
        }
        assertThat(jb.drainAll(out)).isEqualTo(7);
        assertThat(out.frames).extracting(Frame::kind).containsExactly(FrameKind.AUDIO, FrameKind.AUDIO,
                FrameKind.SILENCE, FrameKind.AUDIO, FrameKind.SILENCE, FrameKind.AUDIO, FrameKind.AUDIO);
        assertContiguous(out.frames, 1);
        assertThat(jb.drainAll(out)).isZero();
        // Everything up to packet 6 is played: an old packet now is late.
        assertThat(jb.offer(ulaw(4), MS)).isEqualTo(OfferResult.LATE);
    }

    @Test
    void aSenderClockSlowerThanOursIsFollowedWithAConcealedPacketPerSlip() {
        // The sender's 20 ms last 20.02 ms of ours (1000 ppm): every 3000 packets it falls a depth behind.
        List<Long> arrivals = new ArrayList<>();
        for (int k = 0; k < 12_000; k++) {
            arrivals.add(k * 20_020_000L);
        }
        JitterBufferStats s = runClocked(arrivals);
        assertThat(s.clockSlips()).isBetween(1L, 10L);
        assertThat(s.resets()).isZero();
        assertThat(s.lateDropped()).isLessThanOrEqualTo(2 * s.clockSlips());
        assertThat(s.played() + s.lateDropped()).isEqualTo(12_000);
        assertContiguous(out.frames, 1);
    }

    @Test
    void aSenderClockFasterThanOursIsFollowedWithoutLosingAnything() {
        List<Long> arrivals = new ArrayList<>();
        for (int k = 0; k < 12_000; k++) {
            arrivals.add(k * 19_980_000L);
        }
        JitterBufferStats s = runClocked(arrivals);
        assertThat(s.clockSlips()).isBetween(1L, 10L);
        assertThat(s.played()).isEqualTo(12_000);
        assertThat(s.lateDropped()).isZero();
        assertThat(s.overflows()).isZero();
        assertThat(out.ofKind(FrameKind.SILENCE)).isEmpty();
        assertContiguous(out.frames, 1);
    }

    /** Offers packet k at arrivals[k], polling every millisecond, then drains. */
    private JitterBufferStats runClocked(List<Long> arrivals) {
        JitterBuffer jb = pcmu();
        byte[] payload = pattern(1, 160);
        int next = 0;
        long last = arrivals.get(arrivals.size() - 1);
        for (long t = 0; t <= last + MS; t += MS) {
            while (next < arrivals.size() && arrivals.get(next) <= t) {
                jb.offer(packet(PCMU, next & 0xFFFF, 160L * next, SSRC, payload), arrivals.get(next));
                next++;
            }
            pollAt(jb, t);
        }
        jb.drainAll(out);
        return jb.stats();
    }

    @Test
    void aSenderWhoseTimestampsFallBehindForGoodRestartsAfterOneDepth() {
        JitterBuffer jb = pcmu();
        for (int k = 0; k < 10; k++) {
            jb.offer(ulaw(k), 20L * k * MS);
            pollAt(jb, 20L * k * MS);
        }
        // From packet 10 on the sender's timestamps restart 500 ms in the past (same SSRC, sequence goes on).
        List<OfferResult> results = new ArrayList<>();
        for (int k = 10; k < 16; k++) {
            long t = 20L * k * MS;
            results.add(jb.offer(packet(PCMU, 100 + k, 8000 + 160L * (k - 25), SSRC, pattern(k, 160)), t));
            pollAt(jb, t);
        }
        assertThat(results).containsExactly(OfferResult.LATE, OfferResult.LATE, OfferResult.LATE,
                OfferResult.RESET, OfferResult.ACCEPTED, OfferResult.ACCEPTED);
    }

    @Test
    void invalidConfigurationsAreRejectedWithAReason() {
        assertThatThrownBy(() -> JitterBufferConfig.builder(AudioPayload.L16_8K).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("payloadType");
        assertThatThrownBy(() -> JitterBufferConfig.builder(AudioPayload.PCMU).payloadType(101).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("telephone-event");
        assertThatThrownBy(() -> JitterBufferConfig.builder(AudioPayload.PCMU).depthMillis(5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Concealment.repeat(3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(JitterBufferConfig.builder(AudioPayload.L16_8K).payloadType(96).build().payloadType()).isEqualTo(96);
        assertThat(JitterBufferConfig.builder(AudioPayload.L16_16K).build().payloadType()).isEqualTo(118);
    }

    private static double rmsUlaw(byte[] codes) {
        double sum = 0;
        for (byte c : codes) {
            double v = G711.ulawToLinear(c);
            sum += v * v;
        }
        return Math.sqrt(sum / codes.length);
    }
}
