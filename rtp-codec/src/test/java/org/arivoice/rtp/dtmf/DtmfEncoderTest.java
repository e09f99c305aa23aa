package org.arivoice.rtp.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtmfEncoderTest {

    /** One produced packet: payload bytes and the header instructions that came with it. */
    record Sent(String payloadHex, boolean marker, long timestamp, boolean end, int duration) {
    }

    static List<Sent> drain(DtmfEncoder encoder) {
        List<Sent> out = new ArrayList<>();
        byte[] payload = new byte[DtmfEncoder.PAYLOAD_LENGTH];
        while (encoder.nextPacket(payload, 0)) {
            out.add(new Sent(HexFormat.of().withUpperCase().formatHex(payload), encoder.marker(),
                    encoder.timestamp(), encoder.endOfEvent(), encoder.durationField()));
        }
        return out;
    }

    @Test
    void hundredMillisecondDigitFiveIsFourUpdatesAndThreeEndPackets() {
        DtmfEncoder encoder = new DtmfEncoder(8000);
        encoder.start('5', 100, 48_000);

        List<Sent> sent = drain(encoder);

        // 05 = event 5; 0A = E clear, volume 10; duration grows 160 per 20 ms packet. 8A = E set.
        assertThat(sent).containsExactly(
                new Sent("050A00A0", true, 48_000, false, 160),
                new Sent("050A0140", false, 48_000, false, 320),
                new Sent("050A01E0", false, 48_000, false, 480),
                new Sent("050A0280", false, 48_000, false, 640),
                new Sent("058A0320", false, 48_000, true, 800),
                new Sent("058A0320", false, 48_000, true, 800),
                new Sent("058A0320", false, 48_000, true, 800));
        assertThat(encoder.isActive()).isFalse();
    }

    @Test
    void everyDigitMapsToItsEventCode() {
        String digits = "0123456789*#ABCD";
        byte[] payload = new byte[4];
        for (int code = 0; code < digits.length(); code++) {
            DtmfEncoder encoder = new DtmfEncoder(8000);
            encoder.start(digits.charAt(code), 40, 0);
            assertThat(encoder.nextPacket(payload, 0)).isTrue();
            assertThat(payload[0]).isEqualTo((byte) code);
            assertThat(encoder.eventCode()).isEqualTo(code);
        }
        DtmfEncoder lower = new DtmfEncoder(8000);
        lower.start('d', 40, 0);
        assertThat(lower.eventCode()).isEqualTo(15);
    }

    @Test
    void eventShorterThanOneIntervalIsOnlyTheEndPackets() {
        DtmfEncoder encoder = new DtmfEncoder(8000);
        encoder.start('#', 10, 7);

        assertThat(drain(encoder)).containsExactly(
                new Sent("0B8A0050", true, 7, true, 80),
                new Sent("0B8A0050", false, 7, true, 80),
                new Sent("0B8A0050", false, 7, true, 80));
    }

    @Test
    void durationThatIsNotAMultipleOfTheIntervalEndsOnTheExactDuration() {
        DtmfEncoder encoder = new DtmfEncoder(8000);
        encoder.start('1', 90, 0); // 720 units: 160, 320, 480, 640, then end at 720

        List<Sent> sent = drain(encoder);

        assertThat(sent).extracting(Sent::duration).containsExactly(160, 320, 480, 640, 720, 720, 720);
        assertThat(sent).extracting(Sent::end).containsExactly(false, false, false, false, true, true, true);
    }

    @Test
    void intervalVolumeAndClockRateAreHonoured() {
        DtmfEncoder encoder = new DtmfEncoder(16_000, 50, 0);
        encoder.startEvent(DtmfEvent.FLASH, 120, 0);
        assertThat(encoder.packetIntervalUnits()).isEqualTo(800);

        List<Sent> sent = drain(encoder);

        // 1920 units: 800, 1600, then end at 1920 (0x0780) with volume 0.
        assertThat(sent).extracting(Sent::payloadHex)
                .containsExactly("10000320", "10000640", "10800780", "10800780", "10800780");
    }

    @Test
    void longEventIsSplitIntoSegmentsOf0xFFFFUnits() {
        DtmfEncoder encoder = new DtmfEncoder(8000);
        long start = 0xFFFF_0000L; // the third segment's timestamp wraps past 2^32
        encoder.start('9', 20_000, start); // 160 000 units = 0xFFFF + 0xFFFF + 28 930

        List<Sent> sent = drain(encoder);

        // 1000 packets of 20 ms: 999 updates (two of which close a segment) and the first end packet,
        // plus the two retransmissions of the end packet.
        assertThat(sent).hasSize(1002);
        assertThat(sent).filteredOn(Sent::marker).hasSize(1);
        assertThat(sent.get(0).marker()).isTrue();
        long second = (start + 0xFFFF) & 0xFFFF_FFFFL;
        long third = (start + 2 * 0xFFFF) & 0xFFFF_FFFFL;
        assertThat(sent).extracting(Sent::timestamp).containsOnly(start, second, third);
        assertThat(sent).extracting(Sent::duration).allMatch(d -> d >= 0 && d <= 0xFFFF);

        List<Sent> closing = sent.stream().filter(s -> s.duration() == 0xFFFF).toList();
        assertThat(closing).extracting(Sent::timestamp).containsExactly(start, second);
        assertThat(closing).noneMatch(Sent::end);

        List<Sent> ends = sent.stream().filter(Sent::end).toList();
        assertThat(ends).hasSize(3).allMatch(s -> s.timestamp() == third && s.duration() == 28_930);

        // Except for the segment-closing packets, timestamp offset + duration is the time elapsed when the
        // packet is sent, so the event never runs ahead of or behind the audio clock.
        for (int k = 0; k < 1000; k++) {
            Sent s = sent.get(k);
            if (s.duration() != 0xFFFF) {
                long offset = (s.timestamp() - start) & 0xFFFF_FFFFL;
                assertThat(offset + s.duration()).as("packet %d", k).isEqualTo(Math.min(160L * (k + 1), 160_000L));
            }
        }
    }

    @Test
    void nothingIsWrittenWhenNoEventIsActive() {
        DtmfEncoder encoder = new DtmfEncoder(8000);
        byte[] payload = {9, 9, 9, 9, 9};
        assertThat(encoder.nextPacket(payload, 1)).isFalse();
        encoder.start('2', 20, 0);
        drain(encoder);
        assertThat(encoder.nextPacket(payload, 1)).isFalse();
        assertThat(payload).containsOnly(9);
    }

    @Test
    void startingANewEventAbandonsTheCurrentOne() {
        DtmfEncoder encoder = new DtmfEncoder(8000);
        encoder.start('1', 1000, 0);
        byte[] payload = new byte[4];
        encoder.nextPacket(payload, 0);
        encoder.nextPacket(payload, 0);

        encoder.start('2', 20, 5000);
        List<Sent> sent = drain(encoder);
        assertThat(sent).hasSize(3).allMatch(s -> s.payloadHex().startsWith("02") && s.timestamp() == 5000);
        assertThat(sent.get(0).marker()).isTrue();
    }

    @Test
    void writesAtTheGivenOffset() {
        DtmfEncoder encoder = new DtmfEncoder(8000);
        encoder.start('*', 100, 0);
        byte[] buffer = new byte[8];
        assertThat(encoder.nextPacket(buffer, 4)).isTrue();
        assertThat(buffer).containsExactly(0, 0, 0, 0, 0x0A, 0x0A, 0x00, (byte) 0xA0);
        assertThatThrownBy(() -> encoder.nextPacket(buffer, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void invalidSettingsAreRejectedWithAMessage() {
        assertThatThrownBy(() -> new DtmfEncoder(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clock rate");
        assertThatThrownBy(() -> new DtmfEncoder(8000, 20, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume");
        assertThatThrownBy(() -> new DtmfEncoder(8000, 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("packet interval");
        assertThatThrownBy(() -> new DtmfEncoder(8000, 10_000, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65535");
        DtmfEncoder encoder = new DtmfEncoder(8000);
        assertThatThrownBy(() -> encoder.start('E', 100, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'E'");
        assertThatThrownBy(() -> encoder.start('1', 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> encoder.startEvent(256, 100, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event code");
        assertThat(encoder.isActive()).isFalse();
    }

    @Test
    void digitMappingFollowsRfc4733AndLeavesOtherCodesUnmapped() {
        String digits = "0123456789*#ABCD";
        for (int code = 0; code < 16; code++) {
            assertThat(DtmfEvent.digitOf(code)).isEqualTo(digits.charAt(code));
            assertThat(DtmfEvent.eventCodeOf(digits.charAt(code))).isEqualTo(code);
            assertThat(DtmfEvent.isDigitCode(code)).isTrue();
        }
        assertThat(DtmfEvent.eventCodeOf('a')).isEqualTo(12);
        assertThat(DtmfEvent.eventCodeOf('E')).isEqualTo(-1);
        assertThat(DtmfEvent.eventCodeOf('\0')).isEqualTo(-1);
        assertThat(DtmfEvent.digitOf(16)).isEqualTo(DtmfEvent.NO_DIGIT);
        assertThat(DtmfEvent.digitOf(-1)).isEqualTo(DtmfEvent.NO_DIGIT);
        assertThat(DtmfEvent.isDigitCode(16)).isFalse();
        assertThat(DtmfEvent.describe(11)).isEqualTo("digit #");
        assertThat(DtmfEvent.describe(16)).isEqualTo("flash");
        assertThat(DtmfEvent.describe(40)).isEqualTo("other event code 40");
    }
}
