package org.arivoice.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of {@link RtpPacket} and {@link RtpPacketWriter}: what is written parses back unchanged, and no
 * sequence of bytes makes the parser throw or report offsets outside the datagram.
 */
class RtpPacketPropertiesTest {

    /** A header extension as generated, with the data of the first element of each id for checking. */
    record Extension(int profile, byte[] data, Map<Integer, byte[]> firstElementById) {
        static final Extension NONE = new Extension(-1, new byte[0], Map.of());
    }

    record Element(int id, byte[] data, int zeroBytesBefore) {
    }

    record Header(int payloadType, boolean marker, int sequenceNumber, long timestamp, long ssrc, long[] csrcs) {
    }

    record Spec(Header header, Extension extension, byte[] payload, int padding, int offset) {
    }

    @Provide
    Arbitrary<Spec> packets() {
        Arbitrary<Header> headers = Combinators.combine(
                // 64-95 are refused by the writer: with the marker bit they would read as RTCP.
                Arbitraries.oneOf(Arbitraries.integers().between(0, 63), Arbitraries.integers().between(96, 127)),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 0xFFFF),
                u32(),
                u32(),
                u32().array(long[].class).ofMaxSize(15))
                .as(Header::new);
        Arbitrary<Extension> extensions = Arbitraries.oneOf(
                Arbitraries.just(Extension.NONE), opaqueExtensions(), oneByteExtensions(), twoByteExtensions());
        return Combinators.combine(
                headers,
                extensions,
                Arbitraries.bytes().array(byte[].class).ofMaxSize(400),
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 255)),
                Arbitraries.integers().between(0, 40))
                .as(Spec::new);
    }

    private static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    private static Arbitrary<Extension> opaqueExtensions() {
        Arbitrary<Integer> profiles = Arbitraries.integers().between(0, 0xFFFF)
                .filter(p -> p != RtpPacket.ONE_BYTE_EXTENSION_PROFILE && (p & 0xFFF0) != 0x1000);
        Arbitrary<byte[]> words = Arbitraries.integers().between(0, 64)
                .flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(4 * n));
        return Combinators.combine(profiles, words).as((p, d) -> new Extension(p, d, Map.of()));
    }

    private static Arbitrary<Extension> oneByteExtensions() {
        Arbitrary<Element> elements = Combinators.combine(
                Arbitraries.integers().between(1, 14),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16),
                Arbitraries.integers().between(0, 2))
                .as(Element::new);
        return elements.list().ofMaxSize(8).map(list -> encode(list, RtpPacket.ONE_BYTE_EXTENSION_PROFILE));
    }

    private static Arbitrary<Extension> twoByteExtensions() {
        Arbitrary<Element> elements = Combinators.combine(
                Arbitraries.integers().between(1, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(30),
                Arbitraries.integers().between(0, 2))
                .as(Element::new);
        return Combinators.combine(elements.list().ofMaxSize(6), Arbitraries.integers().between(0, 15))
                .as((list, appBits) -> encode(list, RtpPacket.TWO_BYTE_EXTENSION_PROFILE | appBits));
    }

    private static Extension encode(List<Element> elements, int profile) {
        boolean oneByte = profile == RtpPacket.ONE_BYTE_EXTENSION_PROFILE;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<Integer, byte[]> first = new LinkedHashMap<>();
        for (Element e : elements) {
            for (int i = 0; i < e.zeroBytesBefore(); i++) {
                out.write(0);
            }
            if (oneByte) {
                out.write((e.id() << 4) | (e.data().length - 1));
            } else {
                out.write(e.id());
                out.write(e.data().length);
            }
            out.writeBytes(e.data());
            first.putIfAbsent(e.id(), e.data());
        }
        while (out.size() % 4 != 0) {
            out.write(0);
        }
        return new Extension(profile, out.toByteArray(), first);
    }

    private static int write(Spec spec, byte[] dst) {
        Header h = spec.header();
        RtpPacketWriter w = new RtpPacketWriter().payloadType(h.payloadType()).marker(h.marker())
                .sequenceNumber(h.sequenceNumber()).timestamp(h.timestamp()).ssrc(h.ssrc()).csrcs(h.csrcs())
                .padding(spec.padding());
        Extension x = spec.extension();
        if (x.profile() >= 0) {
            w.extension(x.profile(), x.data(), 0, x.data().length);
        }
        return w.write(spec.payload(), 0, spec.payload().length, dst, spec.offset());
    }

    @Property
    void writtenPacketsParseBackToTheSameFields(@ForAll("packets") Spec spec) {
        byte[] dst = new byte[2048];
        int n = write(spec, dst);
        RtpPacket p = new RtpPacket();

        assertThat(p.parse(dst, spec.offset(), n)).isEqualTo(RtpParseResult.OK);

        Header h = spec.header();
        assertThat(p.payloadType()).isEqualTo(h.payloadType());
        assertThat(p.marker()).isEqualTo(h.marker());
        assertThat(p.sequenceNumber()).isEqualTo(h.sequenceNumber());
        assertThat(p.timestamp()).isEqualTo(h.timestamp());
        assertThat(p.ssrc()).isEqualTo(h.ssrc());
        assertThat(p.csrcCount()).isEqualTo(h.csrcs().length);
        for (int i = 0; i < h.csrcs().length; i++) {
            assertThat(p.csrc(i)).isEqualTo(h.csrcs()[i]);
        }
        Extension x = spec.extension();
        assertThat(p.hasExtension()).isEqualTo(x.profile() >= 0);
        assertThat(p.extensionProfile()).isEqualTo(x.profile());
        assertThat(p.extensionLength()).isEqualTo(x.data().length);
        assertThat(Arrays.copyOfRange(dst, p.extensionOffset(), p.extensionOffset() + p.extensionLength()))
                .isEqualTo(x.data());
        for (Map.Entry<Integer, byte[]> e : x.firstElementById().entrySet()) {
            int at = p.findExtensionElement(e.getKey());
            assertThat(at).as("element %d", e.getKey()).isGreaterThanOrEqualTo(0);
            assertThat(Arrays.copyOfRange(dst, at, at + p.extensionElementLength(e.getKey())))
                    .isEqualTo(e.getValue());
        }
        assertThat(p.paddingLength()).isEqualTo(spec.padding());
        assertThat(p.hasPadding()).isEqualTo(spec.padding() > 0);
        assertThat(p.payloadLength()).isEqualTo(spec.payload().length);
        assertThat(Arrays.copyOfRange(dst, p.payloadOffset(), p.payloadOffset() + p.payloadLength()))
                .isEqualTo(spec.payload());
        assertConsistent(p, RtpParseResult.OK, dst, spec.offset(), n);
    }

    @Property(tries = 300)
    void byteBufferWriteAndParseAgreeWithTheArrayForms(@ForAll("packets") Spec spec) {
        byte[] viaArray = new byte[2048];
        int n = write(spec, viaArray);
        byte[] packetBytes = Arrays.copyOfRange(viaArray, spec.offset(), spec.offset() + n);

        ByteBuffer direct = ByteBuffer.allocateDirect(2048);
        direct.put(packetBytes).flip();
        RtpPacket fromDirect = new RtpPacket();
        assertThat(fromDirect.parse(direct)).isEqualTo(RtpParseResult.OK);
        assertThat(fromDirect.sequenceNumber()).isEqualTo(spec.header().sequenceNumber());
        assertThat(fromDirect.payloadLength()).isEqualTo(spec.payload().length);
        assertThat(fromDirect.paddingLength()).isEqualTo(spec.padding());
    }

    @Property(tries = 2000)
    void arbitraryBytesNeverThrowAndOkMeansConsistentOffsets(
            @ForAll @Size(max = 300) byte[] data,
            @ForAll @IntRange(min = 0, max = 300) int start,
            @ForAll @IntRange(min = 0, max = 300) int length) {
        RtpPacket p = new RtpPacket();
        RtpParseResult whole = p.parse(data, 0, data.length);
        assertConsistent(p, whole, data, 0, data.length);

        int off = Math.min(start, data.length);
        int len = Math.min(length, data.length - off);
        RtpParseResult part = p.parse(data, off, len);
        assertConsistent(p, part, data, off, len);
    }

    @Property(tries = 2000)
    void arbitraryBytesBehindAVersion2FirstByteNeverThrow(
            @ForAll @Size(min = 1, max = 300) byte[] data,
            @ForAll @IntRange(min = 0, max = 63) int flagsAndCount) {
        // Random bytes rarely start with version 2; force it so the deeper checks are reached.
        data[0] = (byte) (0x80 | flagsAndCount);
        RtpPacket p = new RtpPacket();
        assertConsistent(p, p.parse(data, 0, data.length), data, 0, data.length);
    }

    @Property(tries = 2000)
    void mutatedValidPacketsNeverThrowAndOkMeansConsistentOffsets(
            @ForAll("packets") Spec spec,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 100_000) Integer> positions,
            @ForAll @Size(min = 6, max = 6) byte[] values,
            @ForAll boolean headerOnly,
            @ForAll @IntRange(min = -20, max = 20) int lengthChange) {
        byte[] dst = new byte[2048];
        int n = write(spec, dst);
        int off = spec.offset();
        // Mutations aimed at the first 24 bytes hit the flags, CSRC count and extension header most often.
        int range = headerOnly ? Math.min(n, 24) : n;
        for (int i = 0; i < positions.size(); i++) {
            dst[off + positions.get(i) % range] = values[i];
        }
        int len = Math.max(0, Math.min(dst.length - off, n + lengthChange));

        RtpPacket p = new RtpPacket();
        assertConsistent(p, p.parse(dst, off, len), dst, off, len);
    }

    /** Checks everything a caller may rely on after a parse, and that no accessor throws on a valid view. */
    static void assertConsistent(RtpPacket p, RtpParseResult r, byte[] data, int off, int len) {
        assertThat(r).isNotNull();
        assertThat(p.isValid()).isEqualTo(r.isOk());
        assertThat(p.toString()).isNotEmpty();
        if (!r.isOk()) {
            return;
        }
        int end = off + len;
        assertThat(len).isGreaterThanOrEqualTo(RtpPacket.FIXED_HEADER_LENGTH);
        assertThat(p.offset()).isEqualTo(off);
        assertThat(p.length()).isEqualTo(len);
        assertThat(p.buffer()).isSameAs(data);
        assertThat((data[off] & 0xFF) >>> 6).isEqualTo(RtpPacket.VERSION);
        assertThat(p.payloadType()).isBetween(0, 127);
        assertThat(p.sequenceNumber()).isBetween(0, 0xFFFF);
        assertThat(p.timestamp()).isBetween(0L, 0xFFFF_FFFFL);
        assertThat(p.ssrc()).isBetween(0L, 0xFFFF_FFFFL);
        for (int i = 0; i < p.csrcCount(); i++) {
            assertThat(p.csrc(i)).isBetween(0L, 0xFFFF_FFFFL);
        }
        int afterCsrcs = off + RtpPacket.FIXED_HEADER_LENGTH + 4 * p.csrcCount();
        int headerEnd = afterCsrcs;
        if (p.hasExtension()) {
            assertThat(p.extensionProfile()).isBetween(0, 0xFFFF);
            assertThat(p.extensionOffset()).isEqualTo(afterCsrcs + 4);
            assertThat(p.extensionLength() % 4).isZero();
            headerEnd = p.extensionOffset() + p.extensionLength();
            for (int id = 0; id <= 255; id++) {
                int at = p.findExtensionElement(id);
                int elementLength = p.extensionElementLength(id);
                if (at >= 0) {
                    assertThat(at).isGreaterThanOrEqualTo(p.extensionOffset());
                    assertThat(at + elementLength).isLessThanOrEqualTo(headerEnd);
                } else {
                    assertThat(elementLength).isEqualTo(-1);
                }
            }
        } else {
            assertThat(p.extensionProfile()).isEqualTo(-1);
            assertThat(p.extensionLength()).isZero();
        }
        assertThat(p.payloadOffset()).isEqualTo(headerEnd);
        assertThat(p.payloadLength()).isGreaterThanOrEqualTo(0);
        assertThat(p.paddingLength()).isGreaterThanOrEqualTo(0);
        assertThat(p.payloadOffset() + p.payloadLength() + p.paddingLength()).isEqualTo(end);
        if (p.hasPadding()) {
            assertThat(p.paddingLength()).isEqualTo(data[end - 1] & 0xFF).isPositive();
        } else {
            assertThat(p.paddingLength()).isZero();
        }
        byte[] copy = new byte[p.payloadLength()];
        assertThat(p.copyPayload(copy, 0)).isEqualTo(p.payloadLength());
    }
}
