package org.arivoice.rtp.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.RtpPacketWriter;
import org.arivoice.rtp.RtpParseResult;
import org.junit.jupiter.api.Test;

class DtmfDecoderTest {
    private static final long SSRC = 0xC0FF_EE00L;
    private static final int TELEPHONE_EVENT = 101;
    private static final long MS = 1_000_000L;

    private final List<DtmfEvent> events = new ArrayList<>();
    private final DtmfDecoder decoder = new DtmfDecoder(8000, events::add);
    private final RtpPacket packet = new RtpPacket();

    /** A telephone-event datagram as it went over the wire, with the time it was sent. */
    record Datagram(byte[] bytes, int length, long sentNanos) {
    }

    /** Encodes events through DtmfEncoder and RtpPacketWriter, one datagram per 20 ms tick. */
    static final class Sender {
        private final RtpPacketWriter writer;
        private final DtmfEncoder encoder;
        private int sequence = 1000;
        private long nowNanos;

        Sender(long ssrc, DtmfEncoder encoder) {
            this.writer = new RtpPacketWriter().payloadType(TELEPHONE_EVENT).ssrc(ssrc);
            this.encoder = encoder;
        }

        Sender(long ssrc) {
            this(ssrc, new DtmfEncoder(8000));
        }

        List<Datagram> send(char digit, int durationMillis, long rtpTimestamp) {
            encoder.start(digit, durationMillis, rtpTimestamp);
            List<Datagram> out = new ArrayList<>();
            byte[] payload = new byte[DtmfEncoder.PAYLOAD_LENGTH];
            while (encoder.nextPacket(payload, 0)) {
                byte[] d = new byte[64];
                int n = writer.sequenceNumber(sequence++).marker(encoder.marker()).timestamp(encoder.timestamp())
                        .write(payload, 0, payload.length, d, 0);
                nowNanos += 20 * MS;
                out.add(new Datagram(d, n, nowNanos));
            }
            return out;
        }
    }

    private DtmfDecodeResult receive(Datagram d) {
        assertThat(packet.parse(d.bytes(), 0, d.length())).isEqualTo(RtpParseResult.OK);
        assertThat(packet.payloadType()).isEqualTo(TELEPHONE_EVENT);
        return decoder.decode(packet, d.sentNanos());
    }

    private List<DtmfDecodeResult> receiveAll(List<Datagram> datagrams) {
        List<DtmfDecodeResult> results = new ArrayList<>();
        for (Datagram d : datagrams) {
            results.add(receive(d));
        }
        return results;
    }

    /** Feeds a hand-made payload. */
    private DtmfDecodeResult raw(long ssrc, long ts, String payloadHex, long nowNanos) {
        byte[] payload = HexFormat.of().parseHex(payloadHex);
        return decoder.decode(ssrc, ts, payload, 0, payload.length, nowNanos);
    }

    @Test
    void everyDigitSurvivesTheRoundTripThroughRtp() {
        Sender sender = new Sender(SSRC);
        String digits = "0123456789*#ABCD";
        for (int i = 0; i < digits.length(); i++) {
            long ts = 8000L * i;
            List<DtmfDecodeResult> results = receiveAll(sender.send(digits.charAt(i), 100, ts));
            assertThat(results).containsExactly(DtmfDecodeResult.STARTED, DtmfDecodeResult.UPDATED,
                    DtmfDecodeResult.UPDATED, DtmfDecodeResult.UPDATED, DtmfDecodeResult.ENDED,
                    DtmfDecodeResult.REPEATED, DtmfDecodeResult.REPEATED);
        }

        assertThat(events).hasSize(16);
        for (int i = 0; i < digits.length(); i++) {
            DtmfEvent e = events.get(i);
            assertThat(e.digit()).isEqualTo(digits.charAt(i));
            assertThat(e.isDigit()).isTrue();
            assertThat(e.eventCode()).isEqualTo(i);
            assertThat(e.durationMillis()).isEqualTo(100);
            assertThat(e.durationUnits()).isEqualTo(800);
            assertThat(e.volume()).isEqualTo(DtmfEncoder.DEFAULT_VOLUME);
            assertThat(e.ssrc()).isEqualTo(SSRC);
            assertThat(e.rtpTimestamp()).isEqualTo(8000L * i);
            assertThat(e.endReceived()).isTrue();
        }
    }

    @Test
    void theKnownEndPacketDecodesToDigitFive() {
        assertThat(raw(SSRC, 4242, "058A0320", 0)).isEqualTo(DtmfDecodeResult.ENDED);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.digit()).isEqualTo('5');
            assertThat(e.durationUnits()).isEqualTo(800);
            assertThat(e.durationMillis()).isEqualTo(100);
            assertThat(e.volume()).isEqualTo(10);
            assertThat(e.rtpTimestamp()).isEqualTo(4242);
            assertThat(e.toString()).contains("digit 5", "100 ms");
        });
    }

    @Test
    void threeEndPacketsProduceOneDigit() {
        raw(SSRC, 100, "078A0320", 0);
        assertThat(raw(SSRC, 100, "078A0320", 20 * MS)).isEqualTo(DtmfDecodeResult.REPEATED);
        assertThat(raw(SSRC, 100, "078A0320", 40 * MS)).isEqualTo(DtmfDecodeResult.REPEATED);
        assertThat(decoder.poll(10_000 * MS)).isFalse();
        assertThat(events).extracting(DtmfEvent::digit).containsExactly('7');
    }

    @Test
    void lostEndPacketsAreReportedOnceAfterTheTimeout() {
        List<Datagram> sent = new Sender(SSRC).send('3', 100, 1600);
        List<Datagram> updatesOnly = sent.subList(0, 4);
        receiveAll(updatesOnly);
        long last = updatesOnly.get(3).sentNanos();

        assertThat(decoder.eventInProgress()).isTrue();
        assertThat(decoder.poll(last + (DtmfDecoder.DEFAULT_END_TIMEOUT_MILLIS - 1) * MS)).isFalse();
        assertThat(events).isEmpty();
        assertThat(decoder.poll(last + DtmfDecoder.DEFAULT_END_TIMEOUT_MILLIS * MS)).isTrue();
        assertThat(decoder.poll(last + 2 * DtmfDecoder.DEFAULT_END_TIMEOUT_MILLIS * MS)).isFalse();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.digit()).isEqualTo('3');
            assertThat(e.endReceived()).isFalse();
            assertThat(e.durationUnits()).isEqualTo(640); // the longest update seen
            assertThat(e.durationMillis()).isEqualTo(80);
        });

        // An end packet that turns up after all is recognised as belonging to the reported event.
        assertThat(receive(sent.get(5))).isEqualTo(DtmfDecodeResult.REPEATED);
        assertThat(events).hasSize(1);
    }

    @Test
    void aNewEventEndsOneWhoseEndPacketsWereLost() {
        Sender sender = new Sender(SSRC);
        receiveAll(sender.send('1', 100, 0).subList(0, 4));
        List<DtmfDecodeResult> second = receiveAll(sender.send('2', 100, 2400));

        assertThat(second.get(0)).isEqualTo(DtmfDecodeResult.STARTED);
        assertThat(events).extracting(DtmfEvent::digit).containsExactly('1', '2');
        assertThat(events).extracting(DtmfEvent::endReceived).containsExactly(false, true);
    }

    @Test
    void reorderedUpdatesDoNotShortenOrDuplicateTheEvent() {
        List<Datagram> sent = new Sender(SSRC).send('8', 100, 0);
        // Arrival order: updates 1, 3, 2, then the first end packet, then update 4 (late), then the rest.
        assertThat(receiveAll(List.of(sent.get(0), sent.get(2), sent.get(1), sent.get(4), sent.get(3),
                sent.get(5), sent.get(6)))).containsExactly(DtmfDecodeResult.STARTED, DtmfDecodeResult.UPDATED,
                        DtmfDecodeResult.UPDATED, DtmfDecodeResult.ENDED, DtmfDecodeResult.REPEATED,
                        DtmfDecodeResult.REPEATED, DtmfDecodeResult.REPEATED);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.digit()).isEqualTo('8');
            assertThat(e.durationUnits()).isEqualTo(800);
        });
    }

    @Test
    void longestDurationWinsWhenAnOlderUpdateArrivesLast() {
        raw(SSRC, 0, "040A0280", 0);
        raw(SSRC, 0, "040A00A0", 1); // an older update overtaken in the network
        decoder.flush();
        assertThat(events).singleElement().extracting(DtmfEvent::durationUnits).isEqualTo(640L);
    }

    @Test
    void onlyTheEndPacketsArrivingIsEnough() {
        List<Datagram> sent = new Sender(SSRC).send('9', 100, 0);
        assertThat(receiveAll(sent.subList(4, 7))).containsExactly(DtmfDecodeResult.ENDED,
                DtmfDecodeResult.REPEATED, DtmfDecodeResult.REPEATED);
        assertThat(events).singleElement().extracting(DtmfEvent::digit).isEqualTo('9');
    }

    @Test
    void theSameDigitTwiceIsTwoEvents() {
        Sender sender = new Sender(SSRC);
        receiveAll(sender.send('4', 100, 0));
        receiveAll(sender.send('4', 100, 1600));

        assertThat(events).extracting(DtmfEvent::digit).containsExactly('4', '4');
        assertThat(events).extracting(DtmfEvent::rtpTimestamp).containsExactly(0L, 1600L);
    }

    @Test
    void segmentedLongEventIsOneEventWithTheTotalDuration() {
        long start = 0xFFFF_0000L;
        List<Datagram> sent = new Sender(SSRC).send('0', 20_000, start);

        List<DtmfDecodeResult> results = receiveAll(sent);

        assertThat(results).filteredOn(r -> r == DtmfDecodeResult.CONTINUED).hasSize(2);
        assertThat(results).filteredOn(r -> r == DtmfDecodeResult.ENDED).hasSize(1);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.digit()).isEqualTo('0');
            assertThat(e.durationUnits()).isEqualTo(160_000);
            assertThat(e.durationMillis()).isEqualTo(20_000);
            assertThat(e.rtpTimestamp()).isEqualTo(start);
            assertThat(e.endReceived()).isTrue();
        });
    }

    @Test
    void segmentedEventSurvivesLosingTheSegmentClosingPackets() {
        List<Datagram> sent = new Sender(SSRC).send('6', 20_000, 0);
        List<Datagram> lossy = new ArrayList<>();
        for (Datagram d : sent) {
            packet.parse(d.bytes(), 0, d.length());
            int duration = ((d.bytes()[packet.payloadOffset() + 2] & 0xFF) << 8)
                    | (d.bytes()[packet.payloadOffset() + 3] & 0xFF);
            if (duration != 0xFFFF) {
                lossy.add(d);
            }
        }
        assertThat(lossy).hasSize(sent.size() - 2);

        receiveAll(lossy);

        assertThat(events).singleElement().extracting(DtmfEvent::durationUnits).isEqualTo(160_000L);
    }

    @Test
    void aLateUpdateOfAnEarlierSegmentIsIgnored() {
        raw(SSRC, 0, "020AFF00", 0);
        assertThat(raw(SSRC, 0xFFFF, "020A0100", 20 * MS)).isEqualTo(DtmfDecodeResult.CONTINUED);
        assertThat(raw(SSRC, 0, "020AFFFF", 40 * MS)).isEqualTo(DtmfDecodeResult.REPEATED);
        assertThat(raw(SSRC, 0xFFFF, "028A0200", 60 * MS)).isEqualTo(DtmfDecodeResult.ENDED);
        assertThat(events).singleElement().extracting(DtmfEvent::durationUnits).isEqualTo(0xFFFFL + 0x200);
    }

    @Test
    void aPacketOlderThanTheLatestEventIsStale() {
        raw(SSRC, 8000, "010A00A0", 0);
        raw(SSRC, 16_000, "020A00A0", 20 * MS); // implicitly ends '1'
        assertThat(raw(SSRC, 4000, "030A00A0", 40 * MS)).isEqualTo(DtmfDecodeResult.STALE);
        assertThat(raw(SSRC, 8000, "018A0320", 60 * MS)).isEqualTo(DtmfDecodeResult.REPEATED);
        decoder.flush();
        assertThat(events).extracting(DtmfEvent::digit).containsExactly('1', '2');
    }

    @Test
    void aSenderThatRestartsItsTimestampsIsNotIgnoredForever() {
        raw(SSRC, 1_000_000, "018A0320", 0);
        // 10 s at 8 kHz is 80 000 units; this is a million units older, so it cannot be a late packet.
        assertThat(raw(SSRC, 5, "028A0320", 20 * MS)).isEqualTo(DtmfDecodeResult.ENDED);
        assertThat(events).extracting(DtmfEvent::digit).containsExactly('1', '2');
    }

    @Test
    void anotherSourceStartsItsOwnEvent() {
        raw(SSRC, 800, "0B0A00A0", 0);
        assertThat(raw(SSRC + 1, 800, "0B0A00A0", MS)).isEqualTo(DtmfDecodeResult.STARTED);
        decoder.flush();
        assertThat(events).extracting(DtmfEvent::ssrc).containsExactly(SSRC, SSRC + 1);
        assertThat(events).extracting(DtmfEvent::endReceived).containsExactly(false, false);
    }

    @Test
    void nonDigitEventsAreReportedWithoutADigit() {
        raw(SSRC, 0, "10800640", 0); // flash, E, volume 0, 200 ms
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.eventCode()).isEqualTo(DtmfEvent.FLASH);
            assertThat(e.isDigit()).isFalse();
            assertThat(e.digit()).isEqualTo(DtmfEvent.NO_DIGIT);
            assertThat(e.volume()).isZero();
            assertThat(e.toString()).contains("flash");
        });
    }

    @Test
    void shortPayloadsAndUnparsedPacketsAreRejectedWithAReason() {
        assertThat(raw(SSRC, 0, "058A03", 0)).isEqualTo(DtmfDecodeResult.TOO_SHORT);
        assertThat(raw(SSRC, 0, "", 0)).isEqualTo(DtmfDecodeResult.TOO_SHORT);
        assertThat(decoder.decode(new RtpPacket(), 0)).isEqualTo(DtmfDecodeResult.NOT_PARSED);

        byte[] d = new byte[15];
        int n = new RtpPacketWriter().payloadType(TELEPHONE_EVENT).write(new byte[] {5, 0, 0}, 0, 3, d, 0);
        assertThat(packet.parse(d, 0, n)).isEqualTo(RtpParseResult.OK);
        assertThat(decoder.decode(packet, 0)).isEqualTo(DtmfDecodeResult.TOO_SHORT);
        assertThat(decoder.eventInProgress()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotBreakDecoding() {
        List<DtmfEvent> seen = new ArrayList<>();
        DtmfDecoder fragile = new DtmfDecoder(8000, 200, e -> {
            seen.add(e);
            throw new IllegalStateException("listener bug");
        });
        byte[] end1 = HexFormat.of().parseHex("018A0320");
        byte[] end2 = HexFormat.of().parseHex("028A0320");
        assertThat(fragile.decode(SSRC, 0, end1, 0, 4, 0)).isEqualTo(DtmfDecodeResult.ENDED);
        assertThat(fragile.decode(SSRC, 0, end1, 0, 4, 1)).isEqualTo(DtmfDecodeResult.REPEATED);
        assertThat(fragile.decode(SSRC, 1600, end2, 0, 4, 2)).isEqualTo(DtmfDecodeResult.ENDED);
        assertThat(seen).extracting(DtmfEvent::digit).containsExactly('1', '2');
    }

    @Test
    void customTimeoutAndClockRateAreHonoured() {
        List<DtmfEvent> seen = new ArrayList<>();
        DtmfDecoder wide = new DtmfDecoder(16_000, 100, seen::add);
        byte[] update = HexFormat.of().parseHex("050A0640"); // 1600 units
        wide.decode(SSRC, 0, update, 0, 4, 0);
        assertThat(wide.poll(99 * MS)).isFalse();
        assertThat(wide.poll(100 * MS)).isTrue();
        assertThat(seen).singleElement().extracting(DtmfEvent::durationMillis).isEqualTo(100L);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new DtmfDecoder(0, events::add)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clock rate");
        assertThatThrownBy(() -> new DtmfDecoder(8000, 0, events::add)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> new DtmfDecoder(8000, null)).isInstanceOf(NullPointerException.class);
        assertThat(decoder.flush()).isFalse();
        assertThat(decoder.poll(Long.MAX_VALUE)).isFalse();
    }
}
