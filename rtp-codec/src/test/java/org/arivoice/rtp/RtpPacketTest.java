package org.arivoice.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtpPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    private final RtpPacket packet = new RtpPacket();

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void parsesTheFirstPacketAsteriskSendsForPcmu() {
        // V=2, no P/X/CC, M=0, PT=0 (PCMU), seq 0x1F40, ts 0x000000A0, SSRC 0x7A3B1C2D, 160 bytes of
        // µ-law silence (0xFF): one 20 ms frame at 8 kHz.
        byte[] datagram = concat(hex("80 00 1F 40 00 00 00 A0 7A 3B 1C 2D"), filled(160, 0xFF));

        assertThat(packet.parse(datagram, 0, datagram.length)).isEqualTo(RtpParseResult.OK);

        assertThat(packet.isValid()).isTrue();
        assertThat(packet.marker()).isFalse();
        assertThat(packet.payloadType()).isZero();
        assertThat(packet.sequenceNumber()).isEqualTo(0x1F40);
        assertThat(packet.timestamp()).isEqualTo(160L);
        assertThat(packet.ssrc()).isEqualTo(0x7A3B1C2DL);
        assertThat(packet.csrcCount()).isZero();
        assertThat(packet.hasExtension()).isFalse();
        assertThat(packet.extensionProfile()).isEqualTo(-1);
        assertThat(packet.extensionLength()).isZero();
        assertThat(packet.hasPadding()).isFalse();
        assertThat(packet.paddingLength()).isZero();
        assertThat(packet.payloadOffset()).isEqualTo(12);
        assertThat(packet.payloadLength()).isEqualTo(160);
        assertThat(packet.length()).isEqualTo(172);
        assertThat(packet.offset()).isZero();
        assertThat(packet.buffer()).isSameAs(datagram);
        assertThat(packet.toString()).contains("pt=0", "seq=8000", "payload=160 bytes");
    }

    @Test
    void readsMarkerAndHighUnsignedFields() {
        // M=1, PT=101, seq 65535, timestamp and SSRC with the top bit set must come back unsigned.
        byte[] datagram = concat(hex("80 E5 FF FF FF FF FF FE 80 00 00 01"), hex("01 0A 00 A0"));

        assertThat(packet.parse(datagram, 0, datagram.length)).isEqualTo(RtpParseResult.OK);

        assertThat(packet.marker()).isTrue();
        assertThat(packet.payloadType()).isEqualTo(101);
        assertThat(packet.sequenceNumber()).isEqualTo(65535);
        assertThat(packet.timestamp()).isEqualTo(0xFFFF_FFFEL);
        assertThat(packet.ssrc()).isEqualTo(0x8000_0001L);
        assertThat(packet.payloadLength()).isEqualTo(4);
    }

    @Test
    void readsTheCsrcList() {
        byte[] datagram = concat(hex("83 08 00 07 00 00 01 00 00 00 00 2A"),
                hex("11 11 11 11  FF FF FF FF  00 00 00 05"), filled(20, 0xD5));

        assertThat(packet.parse(datagram, 0, datagram.length)).isEqualTo(RtpParseResult.OK);

        assertThat(packet.csrcCount()).isEqualTo(3);
        assertThat(packet.csrc(0)).isEqualTo(0x1111_1111L);
        assertThat(packet.csrc(1)).isEqualTo(0xFFFF_FFFFL);
        assertThat(packet.csrc(2)).isEqualTo(5L);
        assertThat(packet.payloadOffset()).isEqualTo(24);
        assertThat(packet.payloadLength()).isEqualTo(20);
        assertThatThrownBy(() -> packet.csrc(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void exposesAGenericExtensionBlockAsOpaqueBytes() {
        // Profile 0xABCD, 2 words. The content would be an overrunning RFC 8285 element, but this profile
        // is not RFC 8285, so it must not be interpreted.
        byte[] datagram = concat(hex("90 00 00 01 00 00 00 00 00 00 00 01"), hex("AB CD 00 02"),
                hex("FF FF FF FF 12 34 56 78"), hex("AA BB"));

        assertThat(packet.parse(datagram, 0, datagram.length)).isEqualTo(RtpParseResult.OK);

        assertThat(packet.hasExtension()).isTrue();
        assertThat(packet.extensionProfile()).isEqualTo(0xABCD);
        assertThat(packet.extensionOffset()).isEqualTo(16);
        assertThat(packet.extensionLength()).isEqualTo(8);
        assertThat(packet.findExtensionElement(1)).isEqualTo(-1);
        assertThat(packet.extensionElementLength(1)).isEqualTo(-1);
        assertThat(packet.payloadOffset()).isEqualTo(24);
        assertThat(packet.payloadLength()).isEqualTo(2);
    }

    @Test
    void findsOneByteExtensionElementsAcrossPaddingAndStopsAtId15() {
        // 0xBEDE, 3 words:
        //   10 AA          id 1, 1 byte of data
        //   00             padding between elements
        //   22 01 02 03    id 2, 3 bytes
        //   F0             id 15: stop; what follows (5F = id 5 claiming 16 bytes) must be ignored
        //   5F 01 02 03
        byte[] ext = hex("10 AA 00 22 01 02 03 F0 5F 01 02 03");
        byte[] datagram = concat(hex("90 00 00 02 00 00 00 A0 00 00 00 01"), hex("BE DE 00 03"), ext,
                filled(160, 0x7F));

        assertThat(packet.parse(datagram, 0, datagram.length)).isEqualTo(RtpParseResult.OK);

        assertThat(packet.extensionProfile()).isEqualTo(RtpPacket.ONE_BYTE_EXTENSION_PROFILE);
        assertThat(packet.extensionLength()).isEqualTo(12);
        int one = packet.findExtensionElement(1);
        assertThat(one).isEqualTo(17);
        assertThat(packet.extensionElementLength(1)).isEqualTo(1);
        assertThat(datagram[one]).isEqualTo((byte) 0xAA);
        int two = packet.findExtensionElement(2);
        assertThat(two).isEqualTo(20);
        assertThat(packet.extensionElementLength(2)).isEqualTo(3);
        assertThat(Arrays.copyOfRange(datagram, two, two + 3)).containsExactly(1, 2, 3);
        assertThat(packet.findExtensionElement(5)).isEqualTo(-1);
        assertThat(packet.findExtensionElement(3)).isEqualTo(-1);
        assertThat(packet.payloadOffset()).isEqualTo(28);
        assertThat(packet.payloadLength()).isEqualTo(160);
    }

    @Test
    void acceptsAOneByteElementOfTheMaximumSixteenBytes() {
        byte[] ext = concat(hex("EF"), filled(16, 0x33), hex("00 00 00")); // id 14, 16 bytes, padded to 20
        byte[] datagram = concat(hex("90 00 00 02 00 00 00 A0 00 00 00 01"), hex("BE DE 00 05"), ext);

        assertThat(packet.parse(datagram, 0, datagram.length)).isEqualTo(RtpParseResult.OK);

        assertThat(packet.findExtensionElement(14)).isEqualTo(17);
        assertThat(packet.extensionElementLength(14)).isEqualTo(16);
        assertThat(packet.payloadLength()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x1000, 0x1005, 0x100F})
    void findsTwoByteExtensionElementsWhateverTheAppBits(int profile) {
        //   01 00          id 1, no data (allowed in the two-byte form)
        //   00             padding
        //   C8 03 0A 0B 0C id 200, 3 bytes
        byte[] ext = hex("01 00 00 C8 03 0A 0B 0C");
        byte[] datagram = concat(hex("90 00 00 03 00 00 01 40 00 00 00 01"),
                hex(String.format("%04X 00 02", profile)), ext, filled(10, 0));

        assertThat(packet.parse(datagram, 0, datagram.length)).isEqualTo(RtpParseResult.OK);

        assertThat(packet.extensionProfile()).isEqualTo(profile);
        assertThat(packet.findExtensionElement(1)).isEqualTo(18);
        assertThat(packet.extensionElementLength(1)).isZero();
        int data = packet.findExtensionElement(200);
        assertThat(data).isEqualTo(21);
        assertThat(packet.extensionElementLength(200)).isEqualTo(3);
        assertThat(Arrays.copyOfRange(datagram, data, data + 3)).containsExactly(0x0A, 0x0B, 0x0C);
        assertThat(packet.findExtensionElement(2)).isEqualTo(-1);
        assertThat(packet.payloadLength()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 160})
    void removesPaddingUpToTheWholePayload(int pad) {
        byte[] padding = filled(pad, 0);
        padding[pad - 1] = (byte) pad;
        byte[] datagram = concat(hex("A0 00 00 04 00 00 01 E0 00 00 00 01"), filled(160 - pad + 1, 0x55),
                padding);
        int expectedPayload = 160 - pad + 1;
        assertThat(packet.parse(datagram, 0, datagram.length)).isEqualTo(RtpParseResult.OK);
        assertThat(packet.hasPadding()).isTrue();
        assertThat(packet.paddingLength()).isEqualTo(pad);
        assertThat(packet.payloadLength()).isEqualTo(expectedPayload);
        assertThat(packet.payloadOffset() + packet.payloadLength() + packet.paddingLength())
                .isEqualTo(datagram.length);
    }

    @Test
    void paddingMayConsumeTheWholeBodyButNotTheHeader() {
        byte[] allPadding = concat(hex("A0 00 00 04 00 00 01 E0 00 00 00 01"), hex("00 00 00 04"));
        assertThat(packet.parse(allPadding, 0, allPadding.length)).isEqualTo(RtpParseResult.OK);
        assertThat(packet.payloadLength()).isZero();
        assertThat(packet.paddingLength()).isEqualTo(4);

        byte[] tooMuch = concat(hex("A0 00 00 04 00 00 01 E0 00 00 00 01"), hex("00 00 00 05"));
        assertThat(packet.parse(tooMuch, 0, tooMuch.length)).isEqualTo(RtpParseResult.BAD_PADDING);
        assertThat(packet.isValid()).isFalse();

        byte[] zero = concat(hex("A0 00 00 04 00 00 01 E0 00 00 00 01"), hex("55 55 55 00"));
        assertThat(packet.parse(zero, 0, zero.length)).isEqualTo(RtpParseResult.BAD_PADDING);

        // Padding after a header extension may not reach back into the extension either.
        byte[] intoExtension = concat(hex("B0 00 00 04 00 00 01 E0 00 00 00 01"), hex("AB CD 00 01"),
                hex("00 00 00 00"), hex("00 02"));
        assertThat(packet.parse(intoExtension, 0, intoExtension.length)).isEqualTo(RtpParseResult.OK);
        intoExtension[intoExtension.length - 1] = 3;
        assertThat(packet.parse(intoExtension, 0, intoExtension.length)).isEqualTo(RtpParseResult.BAD_PADDING);
    }

    /** One crafted datagram per reason; the map must cover every value of the enum. */
    static Map<RtpParseResult, byte[]> datagramForEveryReason() {
        Map<RtpParseResult, byte[]> m = new EnumMap<>(RtpParseResult.class);
        m.put(RtpParseResult.OK, hex("80 00 00 01 00 00 00 00 00 00 00 01"));
        m.put(RtpParseResult.TOO_SHORT, hex("80 00 00 01 00 00 00 00 00 00 00"));
        m.put(RtpParseResult.BAD_VERSION, hex("40 00 00 01 00 00 00 00 00 00 00 01 FF"));
        // An RTCP receiver report (PT 201) arriving on the RTP port.
        m.put(RtpParseResult.RTCP, hex("81 C9 00 07 00 00 00 01 00 00 00 02 00 00 00 00"));
        // CC = 2 but only one CSRC present.
        m.put(RtpParseResult.CSRC_OVERRUN, hex("82 00 00 01 00 00 00 00 00 00 00 01 00 00 00 09"));
        // X set, only 3 bytes of the extension header.
        m.put(RtpParseResult.EXTENSION_HEADER_OVERRUN, hex("90 00 00 01 00 00 00 00 00 00 00 01 BE DE 00"));
        // Extension claims 2 words, 1 present.
        m.put(RtpParseResult.EXTENSION_OVERRUN, hex("90 00 00 01 00 00 00 00 00 00 00 01 BE DE 00 02 10 AA 00 00"));
        // One-byte element id 1 claiming 4 data bytes in a 4-byte block.
        m.put(RtpParseResult.BAD_EXTENSION_ELEMENT,
                hex("90 00 00 01 00 00 00 00 00 00 00 01 BE DE 00 01 13 AA BB CC"));
        m.put(RtpParseResult.BAD_PADDING, hex("A0 00 00 01 00 00 00 00 00 00 00 01 00"));
        return m;
    }

    @Test
    void everyParseResultIsProducedByACraftedDatagram() {
        Map<RtpParseResult, byte[]> cases = datagramForEveryReason();
        assertThat(cases.keySet()).containsExactlyInAnyOrder(RtpParseResult.values());
        RtpRejectCounters counters = new RtpRejectCounters();
        for (Map.Entry<RtpParseResult, byte[]> e : cases.entrySet()) {
            byte[] d = e.getValue();
            RtpParseResult r = packet.parse(d, 0, d.length);
            assertThat(r).as("%s from %s", e.getKey(), HEX.formatHex(d)).isEqualTo(e.getKey());
            assertThat(packet.isValid()).isEqualTo(r.isOk());
            assertThat(r.description()).isNotBlank();
            counters.record(r);
        }
        assertThat(counters.totalRejected()).isEqualTo(RtpParseResult.values().length - 1);
        assertThat(counters.count(RtpParseResult.OK)).isEqualTo(1);
    }

    @Test
    void twoByteElementsThatRunPastTheBlockAreRejected() {
        // Element header cut in half by the end of the block: 00 00 00 05 (id 5, length byte missing).
        byte[] headerCut = hex("90 00 00 01 00 00 00 00 00 00 00 01 10 00 00 01 00 00 00 05 77");
        assertThat(packet.parse(headerCut, 0, headerCut.length)).isEqualTo(RtpParseResult.BAD_EXTENSION_ELEMENT);
        // id 5 claiming 3 bytes with 2 left in the block.
        byte[] dataCut = hex("90 00 00 01 00 00 00 00 00 00 00 01 10 00 00 01 05 03 AA BB 77");
        assertThat(packet.parse(dataCut, 0, dataCut.length)).isEqualTo(RtpParseResult.BAD_EXTENSION_ELEMENT);
    }

    @ParameterizedTest
    @ValueSource(ints = {192, 200, 201, 207, 223})
    void rtcpPacketTypesAreRejected(int secondByte) {
        byte[] d = hex("80 00 00 01 00 00 00 00 00 00 00 01");
        d[1] = (byte) secondByte;
        assertThat(packet.parse(d, 0, d.length)).isEqualTo(RtpParseResult.RTCP);
    }

    @ParameterizedTest
    @ValueSource(ints = {191, 224})
    void secondBytesJustOutsideTheRtcpRangeAreRtp(int secondByte) {
        // 191 = marker + PT 63, 224 = marker + PT 96 (a common dynamic type).
        byte[] d = hex("80 00 00 01 00 00 00 00 00 00 00 01");
        d[1] = (byte) secondByte;
        assertThat(packet.parse(d, 0, d.length)).isEqualTo(RtpParseResult.OK);
        assertThat(packet.marker()).isTrue();
        assertThat(packet.payloadType()).isEqualTo(secondByte & 0x7F);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x40, 0xC0})
    void otherVersionsAreRejected(int firstByte) {
        byte[] d = hex("80 00 00 01 00 00 00 00 00 00 00 01");
        d[0] = (byte) firstByte;
        assertThat(packet.parse(d, 0, d.length)).isEqualTo(RtpParseResult.BAD_VERSION);
    }

    @Test
    void emptyDatagramIsTooShort() {
        assertThat(packet.parse(new byte[0], 0, 0)).isEqualTo(RtpParseResult.TOO_SHORT);
    }

    @Test
    void parsesAPacketInTheMiddleOfALargerArrayWithAbsoluteOffsets() {
        byte[] inner = concat(hex("81 00 00 09 00 00 00 10 00 00 00 01 00 00 00 0C"), hex("90 91 92"));
        byte[] big = concat(filled(100, 0xEE), inner, filled(50, 0xEE));

        assertThat(packet.parse(big, 100, inner.length)).isEqualTo(RtpParseResult.OK);

        assertThat(packet.offset()).isEqualTo(100);
        assertThat(packet.csrc(0)).isEqualTo(12L);
        assertThat(packet.payloadOffset()).isEqualTo(116);
        assertThat(packet.payloadLength()).isEqualTo(3);
        byte[] copy = new byte[5];
        assertThat(packet.copyPayload(copy, 1)).isEqualTo(3);
        assertThat(copy).containsExactly(0, 0x90, 0x91, 0x92, 0);
    }

    @Test
    void offsetAndLengthOutsideTheArrayAreACallerBug() {
        byte[] d = new byte[20];
        assertThatThrownBy(() -> packet.parse(d, 10, 11)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> packet.parse(d, -1, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void accessorsRefuseAnInvalidView() {
        assertThat(packet.isValid()).isFalse();
        assertThat(packet.toString()).isEqualTo("RtpPacket[invalid]");
        assertThatThrownBy(packet::sequenceNumber).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parse");
        byte[] good = datagramForEveryReason().get(RtpParseResult.OK);
        assertThat(packet.parse(good, 0, good.length)).isEqualTo(RtpParseResult.OK);
        byte[] bad = datagramForEveryReason().get(RtpParseResult.BAD_VERSION);
        packet.parse(bad, 0, bad.length);
        // A failed parse must not leave the previous packet's fields readable.
        assertThat(packet.isValid()).isFalse();
        assertThatThrownBy(packet::payloadOffset).isInstanceOf(IllegalStateException.class);
    }

    @Nested
    class ByteBuffers {
        private final byte[] datagram = concat(hex("80 08 01 02 00 00 03 20 CA FE BA BE"), filled(160, 0xD5));

        @Test
        void heapBufferIsViewedInPlaceFromItsPosition() {
            byte[] backing = concat(filled(7, 0), datagram, filled(3, 0));
            ByteBuffer slice = ByteBuffer.wrap(backing, 2, backing.length - 2).slice(); // arrayOffset 2
            slice.position(5).limit(5 + datagram.length);

            assertThat(packet.parse(slice)).isEqualTo(RtpParseResult.OK);

            assertThat(slice.position()).isEqualTo(5);
            assertThat(packet.buffer()).isSameAs(backing);
            assertThat(packet.offset()).isEqualTo(7);
            assertThat(packet.payloadType()).isEqualTo(8);
            assertThat(packet.sequenceNumber()).isEqualTo(0x0102);
            assertThat(packet.ssrc()).isEqualTo(0xCAFEBABEL);
            assertThat(packet.payloadOffset()).isEqualTo(19);
            assertThat(packet.payloadLength()).isEqualTo(160);
        }

        @Test
        void directBufferIsCopiedIntoAReusedArray() {
            ByteBuffer direct = ByteBuffer.allocateDirect(400);
            direct.put(filled(4, 0)).put(datagram).flip().position(4);

            assertThat(packet.parse(direct)).isEqualTo(RtpParseResult.OK);

            assertThat(direct.position()).isEqualTo(4);
            byte[] internal = packet.buffer();
            assertThat(packet.offset()).isZero();
            assertThat(packet.timestamp()).isEqualTo(800L);
            assertThat(packet.payloadLength()).isEqualTo(160);

            direct.clear();
            direct.put(hex("80 00 00 05 00 00 00 00 00 00 00 01 01 02")).flip();
            assertThat(packet.parse(direct)).isEqualTo(RtpParseResult.OK);
            assertThat(packet.buffer()).isSameAs(internal);
            assertThat(packet.sequenceNumber()).isEqualTo(5);
            assertThat(packet.payloadLength()).isEqualTo(2);
        }

        @Test
        void malformedDirectBufferIsReportedNotThrown() {
            ByteBuffer direct = ByteBuffer.allocateDirect(16);
            direct.put(hex("80 C8 00 06 00 00 00 01")).flip();
            assertThat(packet.parse(direct)).isEqualTo(RtpParseResult.TOO_SHORT);
            direct.clear();
            direct.put(hex("80 C8 00 06 00 00 00 01 00 00 00 02")).flip();
            assertThat(packet.parse(direct)).isEqualTo(RtpParseResult.RTCP);
        }
    }

    @Nested
    class Writer {
        private final RtpPacketWriter writer = new RtpPacketWriter();

        @Test
        void writesAsteriskStylePcmuBytes() {
            byte[] payload = filled(160, 0xFF);
            byte[] dst = new byte[200];
            int n = writer.payloadType(0).ssrc(0x7A3B1C2DL).sequenceNumber(0x1F40).timestamp(160).marker(true)
                    .write(payload, 0, 160, dst, 0);

            assertThat(n).isEqualTo(172);
            assertThat(Arrays.copyOf(dst, 12)).isEqualTo(hex("80 80 1F 40 00 00 00 A0 7A 3B 1C 2D"));
            assertThat(Arrays.copyOfRange(dst, 12, 172)).isEqualTo(payload);
            assertThat(writer.headerLength()).isEqualTo(12);
        }

        @Test
        void writesCsrcsExtensionAndPaddingLikeTheHandBuiltPacket() {
            byte[] ext = hex("10 AA 00 22 01 02 03 F0 5F 01 02 03");
            writer.payloadType(0).sequenceNumber(2).timestamp(0xA0).ssrc(1).csrcs(0x11111111L, 5L)
                    .extension(RtpPacket.ONE_BYTE_EXTENSION_PROFILE, ext, 0, ext.length).padding(3);
            byte[] dst = new byte[64];
            int n = writer.write(hex("AB CD"), 0, 2, dst, 4);

            byte[] expected = concat(hex("B2 00 00 02 00 00 00 A0 00 00 00 01 11 11 11 11 00 00 00 05"),
                    hex("BE DE 00 03"), ext, hex("AB CD"), hex("00 00 03"));
            assertThat(n).isEqualTo(expected.length);
            assertThat(Arrays.copyOfRange(dst, 4, 4 + n)).isEqualTo(expected);
            assertThat(writer.headerLength()).isEqualTo(36);

            writer.clearExtension().csrcs().padding(0);
            assertThat(writer.headerLength()).isEqualTo(12);
        }

        @Test
        void sequenceNumberAndTimestampWrapInsteadOfFailing() {
            byte[] dst = new byte[12];
            writer.sequenceNumber(65_536 + 7).timestamp(0x1_0000_0009L).write(new byte[0], 0, 0, dst, 0);
            assertThat(packet.parse(dst, 0, 12)).isEqualTo(RtpParseResult.OK);
            assertThat(packet.sequenceNumber()).isEqualTo(7);
            assertThat(packet.timestamp()).isEqualTo(9L);
        }

        @Test
        void byteBufferWriteProducesTheSameBytesAsTheArrayWrite() {
            byte[] ext = hex("01 02 03 04");
            writer.payloadType(96).marker(true).sequenceNumber(300).timestamp(123456789L).ssrc(0xFFFFFFFFL)
                    .csrcs(9L).extension(0x1234, ext, 0, 4).padding(5);
            byte[] payload = filled(33, 0x42);
            byte[] viaArray = new byte[100];
            int n = writer.write(payload, 0, payload.length, viaArray, 0);

            ByteBuffer src = ByteBuffer.wrap(payload);
            ByteBuffer dst = ByteBuffer.allocateDirect(100);
            int m = writer.write(src, dst);

            assertThat(m).isEqualTo(n);
            assertThat(src.hasRemaining()).isFalse();
            assertThat(dst.position()).isEqualTo(n);
            byte[] viaBuffer = new byte[n];
            dst.flip().get(viaBuffer);
            assertThat(viaBuffer).isEqualTo(Arrays.copyOf(viaArray, n));
        }

        @Test
        void settersRejectOutOfRangeValuesWithAMessage() {
            assertThatThrownBy(() -> writer.payloadType(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("payload type").hasMessageContaining("-1");
            assertThatThrownBy(() -> writer.payloadType(128)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0-127");
            assertThatThrownBy(() -> writer.ssrc(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SSRC");
            assertThatThrownBy(() -> writer.ssrc(1L << 32)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("4294967296");
            assertThatThrownBy(() -> writer.csrcs(new long[16])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("15 CSRCs");
            assertThatThrownBy(() -> writer.csrcs(1L, -2L)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CSRC");
            assertThatThrownBy(() -> writer.extension(-1, new byte[4], 0, 4))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("profile");
            assertThatThrownBy(() -> writer.extension(0x10000, new byte[4], 0, 4))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("profile");
            assertThatThrownBy(() -> writer.extension(0xBEDE, new byte[3], 0, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 4");
            assertThatThrownBy(() -> writer.extension(0xBEDE, new byte[1028], 0, 1028))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
            assertThatThrownBy(() -> writer.padding(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("padding");
            assertThatThrownBy(() -> writer.padding(256)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0-255");
        }

        @ParameterizedTest
        @ValueSource(ints = {64, 72, 95})
        void payloadTypesThatWouldReadAsRtcpAreRefused(int payloadType) {
            assertThatThrownBy(() -> writer.payloadType(payloadType)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RTCP").hasMessageContaining(String.valueOf(payloadType));
        }

        @ParameterizedTest
        @ValueSource(ints = {63, 96})
        void payloadTypesNextToTheRtcpRangeSurviveTheMarkerBit(int payloadType) {
            byte[] dst = new byte[12];
            writer.payloadType(payloadType).marker(true).write(new byte[0], 0, 0, dst, 0);
            assertThat(packet.parse(dst, 0, 12)).isEqualTo(RtpParseResult.OK);
            assertThat(packet.payloadType()).isEqualTo(payloadType);
            assertThat(packet.marker()).isTrue();
        }

        @Test
        void rejectedSetterLeavesThePreviousValue() {
            writer.payloadType(8).ssrc(77);
            assertThatThrownBy(() -> writer.payloadType(200)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.csrcs(new long[20])).isInstanceOf(IllegalArgumentException.class);
            byte[] dst = new byte[12];
            writer.write(new byte[0], 0, 0, dst, 0);
            assertThat(packet.parse(dst, 0, 12)).isEqualTo(RtpParseResult.OK);
            assertThat(packet.payloadType()).isEqualTo(8);
            assertThat(packet.ssrc()).isEqualTo(77L);
            assertThat(packet.csrcCount()).isZero();
        }

        @Test
        void tooSmallDestinationIsRejectedBeforeAnythingIsWritten() {
            byte[] dst = filled(171, 0x11);
            assertThatThrownBy(() -> writer.write(new byte[160], 0, 160, dst, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("172")
                    .hasMessageContaining("171");
            assertThat(dst).containsOnly(0x11);
            assertThatThrownBy(() -> writer.write(ByteBuffer.allocate(160), ByteBuffer.allocate(100)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("172");
        }
    }
}
