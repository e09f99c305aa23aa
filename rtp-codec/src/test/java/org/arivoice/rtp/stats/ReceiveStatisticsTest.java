package org.arivoice.rtp.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.RtpPacketWriter;
import org.arivoice.rtp.RtpParseResult;
import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {
    private static final long SSRC = 0x1234_5678L;
    private static final long FRAME_NANOS = 20_000_000L;

    private final ReceiveStatistics stats = new ReceiveStatistics(8000);

    /** Feeds sequence number {@code seq} as if frames were sent every 20 ms and arrived without delay. */
    private ReceiveResult feed(int seq) {
        return stats.update(SSRC, seq, 160L * seq, FRAME_NANOS * seq);
    }

    private List<ReceiveResult> feedAll(int... seqs) {
        List<ReceiveResult> results = new ArrayList<>();
        for (int s : seqs) {
            results.add(feed(s));
        }
        return results;
    }

    private static int[] range(int fromInclusive, int toExclusive) {
        int[] r = new int[toExclusive - fromInclusive];
        for (int i = 0; i < r.length; i++) {
            r[i] = fromInclusive + i;
        }
        return r;
    }

    @Test
    void beforeAnyPacketNothingIsValid() {
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.ssrc()).isEqualTo(-1);
        assertThat(s.sourceValid()).isFalse();
        assertThat(s.packetsExpected()).isZero();
        assertThat(s.packetsReceived()).isZero();
        assertThat(s.extendedHighestSequence()).isEqualTo(-1);
        assertThat(s.clockRate()).isEqualTo(8000);
        assertThat(stats.clockRate()).isEqualTo(8000);
        assertThat(stats.toString()).contains("packetsReceived=0");
    }

    @Test
    void rejectsANonPositiveClockRate() {
        assertThatThrownBy(() -> new ReceiveStatistics(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clock rate");
    }

    @Test
    void inOrderStreamIsOnProbationForOnePacketThenCountsEverything() {
        List<ReceiveResult> results = feedAll(range(1000, 2000));

        assertThat(results.get(0)).isEqualTo(ReceiveResult.PROBATION);
        assertThat(results.subList(1, results.size())).containsOnly(ReceiveResult.ACCEPTED);
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.ssrc()).isEqualTo(SSRC);
        assertThat(s.sourceValid()).isTrue();
        // A.1: counting starts at the packet that ends probation (1001).
        assertThat(s.packetsReceived()).isEqualTo(999);
        assertThat(s.packetsExpected()).isEqualTo(999);
        assertThat(s.cumulativeLost()).isZero();
        assertThat(s.extendedHighestSequence()).isEqualTo(1999);
        assertThat(s.duplicates()).isZero();
        assertThat(s.reordered()).isZero();
        assertThat(s.jitter()).isZero();
    }

    @Test
    void probationRestartsWhenTheSecondPacketIsNotNext() {
        assertThat(feedAll(10, 12, 13, 14)).containsExactly(ReceiveResult.PROBATION, ReceiveResult.PROBATION,
                ReceiveResult.ACCEPTED, ReceiveResult.ACCEPTED);
        assertThat(stats.snapshot().packetsExpected()).isEqualTo(2);
    }

    @Test
    void extendedSequenceNumberKeepsGrowingAcrossTheWrap() {
        int[] seqs = new int[40];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = (65_520 + i) & 0xFFFF; // 65520..65535, then 0..23
        }
        List<ReceiveResult> results = feedAll(seqs);

        assertThat(results.subList(1, results.size())).containsOnly(ReceiveResult.ACCEPTED);
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.extendedHighestSequence()).isEqualTo(65_536 + 23);
        assertThat(s.packetsExpected()).isEqualTo(39);
        assertThat(s.packetsReceived()).isEqualTo(39);
        assertThat(s.cumulativeLost()).isZero();
    }

    @Test
    void probationAcross65535To0Succeeds() {
        // The appendix compares seq == max_seq + 1 without wrapping; 65535 + 1 must match 0.
        assertThat(feedAll(65_535, 0, 1)).containsExactly(ReceiveResult.PROBATION, ReceiveResult.ACCEPTED,
                ReceiveResult.ACCEPTED);
        assertThat(stats.snapshot().extendedHighestSequence()).isEqualTo(1);
    }

    @Test
    void reorderAcrossTheWrapIsStillRecognised() {
        feedAll(65_533, 65_534, 0, 1);
        assertThat(feed(65_535)).isEqualTo(ReceiveResult.REORDERED);
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.extendedHighestSequence()).isEqualTo(65_537);
        assertThat(s.cumulativeLost()).isZero();
    }

    @Test
    void gapsCountAsLoss() {
        List<Integer> seqs = new ArrayList<>();
        for (int seq = 1; seq <= 100; seq++) {
            if (seq != 10 && (seq < 20 || seq > 24) && seq != 50) {
                seqs.add(seq);
            }
        }
        feedAll(seqs.stream().mapToInt(Integer::intValue).toArray());

        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.packetsExpected()).isEqualTo(99); // 2..100
        assertThat(s.cumulativeLost()).isEqualTo(7);
        assertThat(s.packetsReceived()).isEqualTo(92);
    }

    @Test
    void duplicatesAreRecognisedAndNotCounted() {
        feedAll(range(1, 21));
        assertThat(feed(20)).isEqualTo(ReceiveResult.DUPLICATE); // the highest again
        assertThat(feed(15)).isEqualTo(ReceiveResult.DUPLICATE); // an older one
        assertThat(feed(1)).isEqualTo(ReceiveResult.DUPLICATE); // the probation packet
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.duplicates()).isEqualTo(3);
        assertThat(s.packetsReceived()).isEqualTo(19);
        assertThat(s.cumulativeLost()).isZero();
    }

    @Test
    void latePacketsFillGapsOnceAndAreCountedAsReordered() {
        assertThat(feedAll(1, 2, 3, 5, 6, 4, 7, 4)).containsExactly(ReceiveResult.PROBATION,
                ReceiveResult.ACCEPTED, ReceiveResult.ACCEPTED, ReceiveResult.ACCEPTED, ReceiveResult.ACCEPTED,
                ReceiveResult.REORDERED, ReceiveResult.ACCEPTED, ReceiveResult.DUPLICATE);
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.reordered()).isEqualTo(1);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.cumulativeLost()).isZero();
        assertThat(s.extendedHighestSequence()).isEqualTo(7);
    }

    @Test
    void ninetyNineBehindIsLateButOneHundredBehindIsBad() {
        feedAll(range(1, 301));
        feedAll(range(302, 401)); // 301 missing, highest is 400
        assertThat(feed(301)).isEqualTo(ReceiveResult.REORDERED); // 99 behind
        assertThat(stats.snapshot().cumulativeLost()).isZero();
        ReceiveStatistics other = new ReceiveStatistics(8000);
        for (int seq = 1; seq <= 400; seq++) {
            if (seq != 300) {
                other.update(SSRC, seq, 0, 0);
            }
        }
        assertThat(other.update(SSRC, 300, 0, 0)).isEqualTo(ReceiveResult.BAD_SEQUENCE); // 100 behind
        ReceiveSnapshot s = other.snapshot();
        assertThat(s.badSequence()).isEqualTo(1);
        assertThat(s.cumulativeLost()).isEqualTo(1);
        // The next packet does not follow the bad one, so there is no resync.
        assertThat(other.update(SSRC, 401, 0, 0)).isEqualTo(ReceiveResult.ACCEPTED);
        assertThat(other.snapshot().resyncs()).isZero();
    }

    @Test
    void jumpOf2999IsLossButJumpOf3000IsBad() {
        feedAll(1, 2);
        assertThat(feed(2 + 2999)).isEqualTo(ReceiveResult.ACCEPTED);
        assertThat(stats.snapshot().cumulativeLost()).isEqualTo(2998);
        assertThat(feed(3001 + 3000)).isEqualTo(ReceiveResult.BAD_SEQUENCE);
        assertThat(stats.snapshot().extendedHighestSequence()).isEqualTo(3001);
    }

    @Test
    void bigJumpResynchronisesAfterTwoSequentialPackets() {
        feedAll(range(100, 111));
        assertThat(feed(5000)).isEqualTo(ReceiveResult.BAD_SEQUENCE);
        assertThat(stats.snapshot().packetsReceived()).isEqualTo(10);
        assertThat(feed(5001)).isEqualTo(ReceiveResult.RESYNC);
        assertThat(feed(5002)).isEqualTo(ReceiveResult.ACCEPTED);
        assertThat(feed(5000)).isEqualTo(ReceiveResult.DUPLICATE); // the packet that announced the jump

        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.resyncs()).isEqualTo(1);
        assertThat(s.badSequence()).isEqualTo(1);
        // init_seq: counting restarts at 5001.
        assertThat(s.packetsReceived()).isEqualTo(2);
        assertThat(s.packetsExpected()).isEqualTo(2);
        assertThat(s.extendedHighestSequence()).isEqualTo(5002);
    }

    @Test
    void bigJumpFollowedByTheOldStreamDoesNotResync() {
        feedAll(range(100, 111));
        assertThat(feed(40_000)).isEqualTo(ReceiveResult.BAD_SEQUENCE);
        assertThat(feedAll(111, 112)).containsOnly(ReceiveResult.ACCEPTED);
        assertThat(stats.snapshot().resyncs()).isZero();
        assertThat(stats.snapshot().extendedHighestSequence()).isEqualTo(112);
    }

    @Test
    void jitterConvergesForAConstantAlternatingDelay() {
        // Frames every 20 ms (160 units at 8 kHz); even frames arrive on time, odd ones 10 ms late.
        // Every transit difference is then |D| = 80 units, so after n updates J = 80 (1 - (15/16)^n).
        // Updates start with the third packet: the first is on probation, the second sets the reference.
        int packets = 300;
        long origin = -5_000_000_000L; // nanoTime may be negative; only differences may matter
        long tsOrigin = 0xFFFF_FF00L; // and the timestamp wraps past 2^32 during the stream
        for (int i = 0; i < packets; i++) {
            long delay = (i % 2 == 0) ? 0 : 10_000_000L;
            stats.update(SSRC, 7 + i, tsOrigin + 160L * i, origin + FRAME_NANOS * i + delay);
            int updates = Math.max(0, i - 1);
            double expected = 80.0 * (1 - Math.pow(15.0 / 16.0, updates));
            assertThat(stats.snapshot().jitter()).as("after packet %d", i).isCloseTo(expected, within(1e-9));
        }
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.jitter()).isCloseTo(80.0, within(1e-6));
        assertThat(s.jitterMillis()).isCloseTo(10.0, within(1e-6));
        assertThat(stats.intervalReport().jitter()).isEqualTo(79); // truncated like the RR field
    }

    @Test
    void jitterIsExpressedInTheStreamsTimestampUnits() {
        ReceiveStatistics wide = new ReceiveStatistics(16_000);
        for (int i = 0; i < 200; i++) {
            long delay = (i % 2 == 0) ? 0 : 10_000_000L;
            wide.update(SSRC, i, 320L * i, FRAME_NANOS * i + delay);
        }
        assertThat(wide.snapshot().jitter()).isCloseTo(160.0, within(1e-3));
        assertThat(wide.snapshot().jitterMillis()).isCloseTo(10.0, within(1e-4));
    }

    @Test
    void constantDelayGivesZeroJitter() {
        for (int i = 0; i < 100; i++) {
            stats.update(SSRC, i, 160L * i, 37_000_000L + FRAME_NANOS * i);
        }
        assertThat(stats.snapshot().jitter()).isZero();
    }

    @Test
    void ssrcChangeResetsPerSourceStateAndCountsTheChange() {
        feedAll(range(1, 50));
        feed(25); // a duplicate, to see that per-source counters reset
        assertThat(stats.snapshot().duplicates()).isEqualTo(1);

        assertThat(stats.update(0xABCDL, 9000, 0, 0)).isEqualTo(ReceiveResult.NEW_SOURCE);
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.ssrc()).isEqualTo(0xABCDL);
        assertThat(s.sourceValid()).isFalse();
        assertThat(s.packetsReceived()).isZero();
        assertThat(s.duplicates()).isZero();
        assertThat(s.sourceChanges()).isEqualTo(1);

        assertThat(stats.update(0xABCDL, 9001, 160, FRAME_NANOS)).isEqualTo(ReceiveResult.ACCEPTED);
        s = stats.snapshot();
        assertThat(s.sourceValid()).isTrue();
        assertThat(s.extendedHighestSequence()).isEqualTo(9001);
        assertThat(s.packetsExpected()).isEqualTo(1);
        assertThat(s.sourceChanges()).isEqualTo(1);
    }

    @Test
    void intervalReportGivesTheFractionLostSinceThePreviousReport() {
        feedAll(range(1, 102)); // 2..101 counted: 100 expected, none lost
        IntervalReport first = stats.intervalReport();
        assertThat(first.ssrc()).isEqualTo(SSRC);
        assertThat(first.expectedInterval()).isEqualTo(100);
        assertThat(first.receivedInterval()).isEqualTo(100);
        assertThat(first.fractionLost()).isZero();

        for (int seq = 102; seq <= 201; seq++) {
            if (seq % 4 != 0) { // lose one in four
                feed(seq);
            }
        }
        IntervalReport second = stats.intervalReport();
        assertThat(second.expectedInterval()).isEqualTo(100);
        assertThat(second.receivedInterval()).isEqualTo(75);
        assertThat(second.lostInterval()).isEqualTo(25);
        assertThat(second.fractionLost()).isEqualTo(64); // 25/100 * 256
        assertThat(second.fractionLostRatio()).isEqualTo(0.25);
        assertThat(second.cumulativeLost()).isEqualTo(25);
        assertThat(second.cumulativeLostForReport()).isEqualTo(25);
        assertThat(second.extendedHighestSequence()).isEqualTo(201);

        IntervalReport idle = stats.intervalReport();
        assertThat(idle.expectedInterval()).isZero();
        assertThat(idle.fractionLost()).isZero();
        assertThat(idle.cumulativeLost()).isEqualTo(25);
    }

    @Test
    void packetsOlderThanTheFirstCountedOneMakeLossNegative() {
        feedAll(10, 11, 9); // 11 ends probation; 9 was never seen and is only 2 behind
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.packetsExpected()).isEqualTo(1);
        assertThat(s.packetsReceived()).isEqualTo(2);
        assertThat(s.cumulativeLost()).isEqualTo(-1);
        IntervalReport r = stats.intervalReport();
        assertThat(r.lostInterval()).isEqualTo(-1);
        assertThat(r.fractionLost()).isZero();
        assertThat(r.cumulativeLostForReport()).isEqualTo(-1);
    }

    @Test
    void resyncStartsANewReportingBase() {
        feedAll(range(1, 51));
        stats.intervalReport();
        feedAll(30_000, 30_001, 30_002);
        IntervalReport r = stats.intervalReport();
        assertThat(r.expectedInterval()).isEqualTo(2);
        assertThat(r.receivedInterval()).isEqualTo(2);
        assertThat(r.cumulativeLost()).isZero();
    }

    @Test
    void cumulativeLossIsClampedForTheReportField() {
        assertThat(new IntervalReport(1, 0, 0, 0, 10_000_000, 0, 0).cumulativeLostForReport()).isEqualTo(0x7F_FFFF);
        assertThat(new IntervalReport(1, 0, 0, 0, -10_000_000, 0, 0).cumulativeLostForReport())
                .isEqualTo(-0x80_0000);
    }

    @Test
    void acceptsParsedPacketsAndIgnoresAnInvalidView() {
        RtpPacket packet = new RtpPacket();
        assertThat(stats.update(packet, 0)).isEqualTo(ReceiveResult.NOT_PARSED);

        RtpPacketWriter writer = new RtpPacketWriter().payloadType(0).ssrc(0xFEDC_BA98L);
        byte[] datagram = new byte[172];
        byte[] payload = new byte[160];
        for (int i = 0; i < 3; i++) {
            int n = writer.sequenceNumber(500 + i).timestamp(160L * i).write(payload, 0, 160, datagram, 0);
            assertThat(packet.parse(datagram, 0, n)).isEqualTo(RtpParseResult.OK);
            stats.update(packet, FRAME_NANOS * i);
        }
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.ssrc()).isEqualTo(0xFEDC_BA98L);
        assertThat(s.extendedHighestSequence()).isEqualTo(502);
        assertThat(s.packetsReceived()).isEqualTo(2);

        packet.parse(new byte[5], 0, 5);
        assertThat(stats.update(packet, 0)).isEqualTo(ReceiveResult.NOT_PARSED);
        assertThat(stats.snapshot().packetsReceived()).isEqualTo(2);
    }

    @Test
    void snapshotsTakenDuringUpdatesAreNeverTorn() throws InterruptedException {
        // In a lossless in-order stream every consistent snapshot has received == expected and
        // highest == base + expected - 1; a copy that mixed two updates would break one of them.
        int packets = 300_000;
        AtomicReference<String> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < packets; i++) {
                stats.update(SSRC, (1 + i) & 0xFFFF, 160L * i, FRAME_NANOS * i);
            }
        });
        Thread reader = new Thread(() -> {
            int checked = 0;
            while (writer.isAlive() || checked == 0) {
                ReceiveSnapshot s = stats.snapshot();
                checked++;
                if (s.sourceValid() && (s.packetsReceived() != s.packetsExpected()
                        || s.extendedHighestSequence() != 2 + s.packetsExpected() - 1)) {
                    failure.compareAndSet(null, s.toString());
                }
            }
        });
        writer.start();
        reader.start();
        writer.join();
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(stats.snapshot().packetsReceived()).isEqualTo(packets - 1);
    }
}
