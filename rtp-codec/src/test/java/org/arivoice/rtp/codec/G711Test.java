package org.arivoice.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class G711Test {

    /*
     * Reference codec written from the algorithm of ITU-T G.191 STL g711.c (alaw_compress/alaw_expand,
     * ulaw_compress/ulaw_expand) on 16-bit left-justified samples, deliberately in its step-by-step form
     * (segment found by repeated shifting, no tables, no bit tricks) so that it shares nothing with the
     * production code.
     */

    static int refAlawCompress(short x) {
        int ix = x < 0 ? (~x) >> 4 : x >> 4;
        if (ix > 15) {
            int exp = 1;
            while (ix > 16 + 15) {
                ix >>= 1;
                exp++;
            }
            ix -= 16;
            ix += exp << 4;
        }
        if (x >= 0) {
            ix |= 0x80;
        }
        return (ix ^ 0x55) & 0xFF;
    }

    static int refAlawExpand(int code) {
        int ix = (code ^ 0x55) & 0x7F;
        int exp = ix >> 4;
        int mant = ix & 0x0F;
        if (exp > 0) {
            mant += 16;
        }
        mant = (mant << 4) + 8;
        if (exp > 1) {
            mant <<= exp - 1;
        }
        return code > 127 ? mant : -mant;
    }

    static int refUlawCompress(short x) {
        int absno = x < 0 ? ((~x) >> 2) + 33 : (x >> 2) + 33;
        if (absno > 0x1FFF) {
            absno = 0x1FFF;
        }
        int i = absno >> 6;
        int segno = 1;
        while (i != 0) {
            segno++;
            i >>= 1;
        }
        int high = 8 - segno;
        int low = 0x0F - ((absno >> segno) & 0x0F);
        int code = (high << 4) | low;
        if (x >= 0) {
            code |= 0x80;
        }
        return code & 0xFF;
    }

    static int refUlawExpand(int code) {
        int sign = code < 0x80 ? -1 : 1;
        int inv = ~code;
        int exponent = (inv >> 4) & 0x07;
        int segment = exponent + 1;
        int mantissa = inv & 0x0F;
        int step = 4 << segment;
        return sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33);
    }

    @Test
    void anchorValues() {
        assertThat(G711.linearToUlaw((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(G711.linearToUlaw((short) -1)).isEqualTo((byte) 0x7F);
        assertThat(G711.linearToAlaw((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(G711.linearToAlaw((short) -1)).isEqualTo((byte) 0x55);
    }

    @Test
    void referenceAgreesWithAnchorsAndSpotValues() {
        // Guards the reference itself, so the exhaustive comparisons below compare against something sane.
        assertThat(refUlawCompress((short) 0)).isEqualTo(0xFF);
        assertThat(refUlawCompress((short) -1)).isEqualTo(0x7F);
        assertThat(refAlawCompress((short) 0)).isEqualTo(0xD5);
        assertThat(refAlawCompress((short) -1)).isEqualTo(0x55);
        assertThat(refUlawExpand(0x00)).isEqualTo(-32124);
        assertThat(refUlawExpand(0x80)).isEqualTo(32124);
        assertThat(refUlawExpand(0xFF)).isEqualTo(0);
        assertThat(refAlawExpand(0x55)).isEqualTo(-8);
        assertThat(refAlawExpand(0xD5)).isEqualTo(8);
        assertThat(refAlawExpand(0x2A)).isEqualTo(-32256);
        assertThat(refAlawExpand(0xAA)).isEqualTo(32256);
    }

    @Test
    void knownDecodedValues() {
        assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.ulawToLinear((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.ulawToLinear((byte) 0x7F)).isEqualTo((short) 0);
        // Smallest non-zero µ-law steps: 8 units (2 in 14-bit) per step, interval middle at 8.
        assertThat(G711.ulawToLinear((byte) 0xFE)).isEqualTo((short) 8);
        assertThat(G711.ulawToLinear((byte) 0x7E)).isEqualTo((short) -8);
        assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo((short) -32256);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
    }

    @Test
    void knownEncodedValues() {
        assertThat(G711.linearToUlaw(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(G711.linearToUlaw(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
        assertThat(G711.linearToAlaw(Short.MAX_VALUE)).isEqualTo((byte) 0xAA);
        assertThat(G711.linearToAlaw(Short.MIN_VALUE)).isEqualTo((byte) 0x2A);
        // µ-law segment 0 ends at biased magnitude 63: 14-bit value 30 -> 16-bit 120..123.
        assertThat(G711.linearToUlaw((short) 123)).isEqualTo((byte) 0xF0);
        assertThat(G711.linearToUlaw((short) 124)).isEqualTo((byte) 0xEF);
    }

    @Test
    void ulawEncoderMatchesReferenceForEveryInput() {
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int actual = G711.linearToUlaw((short) x) & 0xFF;
            int expected = refUlawCompress((short) x);
            if (actual != expected) {
                throw new AssertionError("µ-law encode " + x + ": " + hex(actual) + " != " + hex(expected));
            }
        }
    }

    @Test
    void alawEncoderMatchesReferenceForEveryInput() {
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int actual = G711.linearToAlaw((short) x) & 0xFF;
            int expected = refAlawCompress((short) x);
            if (actual != expected) {
                throw new AssertionError("A-law encode " + x + ": " + hex(actual) + " != " + hex(expected));
            }
        }
    }

    @Test
    void decodeTablesMatchReference() {
        for (int c = 0; c < 256; c++) {
            assertThat(G711.ulawToLinear((byte) c)).as("µ-law decode %s", hex(c)).isEqualTo((short) refUlawExpand(c));
            assertThat(G711.alawToLinear((byte) c)).as("A-law decode %s", hex(c)).isEqualTo((short) refAlawExpand(c));
        }
    }

    @Test
    void everyCodeSurvivesDecodeEncodeExceptUlawNegativeZero() {
        for (int c = 0; c < 256; c++) {
            byte code = (byte) c;
            assertThat(G711.linearToAlaw(G711.alawToLinear(code))).as("A-law %s", hex(c)).isEqualTo(code);
            if (c == 0x7F) {
                // µ-law "negative zero" decodes to 0, which encodes as positive zero.
                assertThat(G711.linearToUlaw(G711.ulawToLinear(code))).isEqualTo((byte) 0xFF);
            } else {
                assertThat(G711.linearToUlaw(G711.ulawToLinear(code))).as("µ-law %s", hex(c)).isEqualTo(code);
            }
        }
    }

    @Test
    void encodingIsMonotonicInDecodedValue() {
        // Larger inputs never decode to smaller values: catches a segment or mantissa off by one that a
        // symmetric reference bug could hide.
        int prevU = Integer.MIN_VALUE;
        int prevA = Integer.MIN_VALUE;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int u = G711.ulawToLinear(G711.linearToUlaw((short) x));
            int a = G711.alawToLinear(G711.linearToAlaw((short) x));
            assertThat(u).isGreaterThanOrEqualTo(prevU);
            assertThat(a).isGreaterThanOrEqualTo(prevA);
            prevU = u;
            prevA = a;
        }
    }

    @Test
    void bulkArrayVariantsEqualScalar() {
        short[] pcm = new short[65536 + 7];
        for (int i = 0; i < 65536; i++) {
            pcm[i + 7] = (short) (i + Short.MIN_VALUE);
        }
        byte[] u = new byte[65536 + 3];
        byte[] a = new byte[65536 + 3];
        G711.linearToUlaw(pcm, 7, 65536, u, 3);
        G711.linearToAlaw(pcm, 7, 65536, a, 3);
        for (int i = 0; i < 65536; i++) {
            assertThat(u[i + 3]).isEqualTo(G711.linearToUlaw(pcm[i + 7]));
            assertThat(a[i + 3]).isEqualTo(G711.linearToAlaw(pcm[i + 7]));
        }
        byte[] codes = new byte[256 + 5];
        for (int c = 0; c < 256; c++) {
            codes[c + 5] = (byte) c;
        }
        short[] du = new short[256 + 2];
        short[] da = new short[256 + 2];
        G711.ulawToLinear(codes, 5, 256, du, 2);
        G711.alawToLinear(codes, 5, 256, da, 2);
        for (int c = 0; c < 256; c++) {
            assertThat(du[c + 2]).isEqualTo(G711.ulawToLinear((byte) c));
            assertThat(da[c + 2]).isEqualTo(G711.alawToLinear((byte) c));
        }
        assertThat(du[0]).isZero();
        assertThat(da[1]).isZero();
    }

    @Test
    void bulkArrayVariantsCheckBounds() {
        short[] pcm = new short[10];
        byte[] codes = new byte[10];
        assertThatThrownBy(() -> G711.linearToUlaw(pcm, 5, 6, codes, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> G711.linearToAlaw(pcm, 0, 6, codes, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> G711.ulawToLinear(codes, 0, 11, pcm, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> G711.alawToLinear(codes, 0, -1, pcm, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void byteBufferVariantsEqualScalarAndMovePosition() {
        Random rnd = new Random(711);
        short[] pcm = new short[500];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) rnd.nextInt();
        }
        for (ByteBuffer buf : new ByteBuffer[] {ByteBuffer.allocate(600), ByteBuffer.allocateDirect(600),
                ByteBuffer.wrap(new byte[700], 50, 600).slice()}) {
            for (boolean ulaw : new boolean[] {true, false}) {
                buf.clear();
                buf.position(20);
                if (ulaw) {
                    G711.linearToUlaw(pcm, 10, 480, buf);
                } else {
                    G711.linearToAlaw(pcm, 10, 480, buf);
                }
                assertThat(buf.position()).isEqualTo(500);
                assertThat(buf.limit()).isEqualTo(600);
                for (int i = 0; i < 480; i++) {
                    byte expected = ulaw ? G711.linearToUlaw(pcm[10 + i]) : G711.linearToAlaw(pcm[10 + i]);
                    assertThat(buf.get(20 + i)).isEqualTo(expected);
                }

                buf.position(20).limit(500);
                short[] decoded = new short[490];
                int n = ulaw ? G711.ulawToLinear(buf, decoded, 10) : G711.alawToLinear(buf, decoded, 10);
                assertThat(n).isEqualTo(480);
                assertThat(buf.position()).isEqualTo(500);
                for (int i = 0; i < 480; i++) {
                    byte code = buf.get(20 + i);
                    short expected = ulaw ? G711.ulawToLinear(code) : G711.alawToLinear(code);
                    assertThat(decoded[10 + i]).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void byteBufferVariantsFailWithoutSideEffects() {
        ByteBuffer small = ByteBuffer.allocate(10);
        small.position(3);
        assertThatThrownBy(() -> G711.linearToUlaw(new short[8], 0, 8, small))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(small.position()).isEqualTo(3);
        assertThat(small.array()).containsOnly((byte) 0);
        assertThatThrownBy(() -> G711.linearToAlaw(new short[8], 0, 8, ByteBuffer.allocate(8).asReadOnlyBuffer()))
                .isInstanceOf(java.nio.ReadOnlyBufferException.class);

        ByteBuffer src = ByteBuffer.allocate(10);
        assertThatThrownBy(() -> G711.ulawToLinear(src, new short[9], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(src.position()).isZero();
    }

    private static String hex(int v) {
        return String.format("0x%02X", v);
    }
}
