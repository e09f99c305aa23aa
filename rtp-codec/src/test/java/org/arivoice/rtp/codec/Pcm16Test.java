package org.arivoice.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Pcm16Test {

    @Test
    void knownByteLayouts() {
        short[] samples = {0x1234, (short) 0xFEDC, -1, Short.MIN_VALUE, Short.MAX_VALUE};
        byte[] le = new byte[10];
        byte[] be = new byte[10];
        assertThat(Pcm16.toLittleEndian(samples, 0, 5, le, 0)).isEqualTo(10);
        assertThat(Pcm16.toBigEndian(samples, 0, 5, be, 0)).isEqualTo(10);
        assertThat(le).containsExactly(0x34, 0x12, 0xDC, 0xFE, 0xFF, 0xFF, 0x00, 0x80, 0xFF, 0x7F);
        assertThat(be).containsExactly(0x12, 0x34, 0xFE, 0xDC, 0xFF, 0xFF, 0x80, 0x00, 0x7F, 0xFF);

        short[] back = new short[5];
        assertThat(Pcm16.fromLittleEndian(le, 0, 10, back, 0)).isEqualTo(5);
        assertThat(back).containsExactly(samples);
        Arrays.fill(back, (short) 0);
        assertThat(Pcm16.fromBigEndian(be, 0, 10, back, 0)).isEqualTo(5);
        assertThat(back).containsExactly(samples);
    }

    @Test
    void matchesByteBufferOrderSemantics() {
        short[] samples = {1, -2, 300, -32768, 32767, 0x5A5A};
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer expected = ByteBuffer.allocate(12).order(order);
            for (short s : samples) {
                expected.putShort(s);
            }
            byte[] actual = new byte[12];
            if (order == ByteOrder.LITTLE_ENDIAN) {
                Pcm16.toLittleEndian(samples, 0, samples.length, actual, 0);
            } else {
                Pcm16.toBigEndian(samples, 0, samples.length, actual, 0);
            }
            assertThat(actual).as(order.toString()).containsExactly(expected.array());
        }
    }

    @Test
    void offsetsAreHonoured() {
        short[] samples = {7, 8, 9, 10};
        byte[] bytes = new byte[9];
        Pcm16.toBigEndian(samples, 1, 2, bytes, 3);
        assertThat(bytes).containsExactly(0, 0, 0, 0, 8, 0, 9, 0, 0);
        short[] out = {-1, -1, -1, -1};
        assertThat(Pcm16.fromBigEndian(bytes, 3, 4, out, 1)).isEqualTo(2);
        assertThat(out).containsExactly(-1, 8, 9, -1);
    }

    @Test
    void oddByteLengthsAreRejectedWithAClearMessage() {
        byte[] bytes = new byte[8];
        short[] out = new short[8];
        assertThatThrownBy(() -> Pcm16.fromLittleEndian(bytes, 0, 7, out, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even number of bytes")
                .hasMessageContaining("7");
        assertThatThrownBy(() -> Pcm16.fromBigEndian(bytes, 1, 3, out, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even number of bytes");
        assertThatThrownBy(() -> Pcm16.swapByteOrder(bytes, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even number of bytes");
        ByteBuffer odd = ByteBuffer.allocate(5);
        assertThatThrownBy(() -> Pcm16.fromLittleEndian(odd, out, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5");
        assertThat(odd.position()).isZero();
        assertThat(out).containsOnly((short) 0);
    }

    @Test
    void boundsAreCheckedBeforeWriting() {
        byte[] bytes = new byte[8];
        short[] out = new short[3];
        assertThatThrownBy(() -> Pcm16.fromLittleEndian(bytes, 0, 8, out, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(out).containsOnly((short) 0);
        assertThatThrownBy(() -> Pcm16.toBigEndian(new short[5], 0, 5, bytes, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        ByteBuffer small = ByteBuffer.allocate(7);
        assertThatThrownBy(() -> Pcm16.toLittleEndian(new short[4], 0, 4, small))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(small.position()).isZero();
        assertThatThrownBy(() -> Pcm16.toLittleEndian(new short[1], 0, 1, ByteBuffer.allocate(2).asReadOnlyBuffer()))
                .isInstanceOf(java.nio.ReadOnlyBufferException.class);
    }

    @Test
    void swapByteOrderConvertsBetweenOrdersInPlace() {
        short[] samples = {0x0102, (short) 0x8081, 0x7F00, -1, 12345};
        byte[] be = new byte[12];
        byte[] le = new byte[12];
        Pcm16.toBigEndian(samples, 0, 5, be, 1);
        Pcm16.toLittleEndian(samples, 0, 5, le, 1);
        be[0] = 42;
        be[11] = 43;
        Pcm16.swapByteOrder(be, 1, 10);
        assertThat(Arrays.copyOfRange(be, 1, 11)).containsExactly(Arrays.copyOfRange(le, 1, 11));
        assertThat(be[0]).isEqualTo((byte) 42);
        assertThat(be[11]).isEqualTo((byte) 43);
    }

    @Test
    void byteBufferVariantsIgnoreAndKeepTheBufferOrder() {
        short[] samples = {0x0102, (short) 0xA0B0, 5};
        ByteBuffer[] buffers = {
            ByteBuffer.allocate(10).order(ByteOrder.BIG_ENDIAN),
            ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN),
            ByteBuffer.allocateDirect(10).order(ByteOrder.BIG_ENDIAN),
            ByteBuffer.allocateDirect(10).order(ByteOrder.LITTLE_ENDIAN),
        };
        for (ByteBuffer buf : buffers) {
            ByteOrder configured = buf.order();
            buf.position(2);
            Pcm16.toLittleEndian(samples, 0, 3, buf);
            assertThat(buf.position()).isEqualTo(8);
            assertThat(buf.get(2)).isEqualTo((byte) 0x02);
            assertThat(buf.get(3)).isEqualTo((byte) 0x01);
            assertThat(buf.get(4)).isEqualTo((byte) 0xB0);
            buf.flip().position(2);
            short[] back = new short[4];
            assertThat(Pcm16.fromLittleEndian(buf, back, 1)).isEqualTo(3);
            assertThat(buf.position()).isEqualTo(8);
            assertThat(back).containsExactly(0, 0x0102, (short) 0xA0B0, 5);

            buf.clear().position(2);
            Pcm16.toBigEndian(samples, 0, 3, buf);
            assertThat(buf.get(2)).isEqualTo((byte) 0x01);
            assertThat(buf.get(5)).isEqualTo((byte) 0xB0);
            buf.flip().position(2);
            Arrays.fill(back, (short) 0);
            assertThat(Pcm16.fromBigEndian(buf, back, 0)).isEqualTo(3);
            assertThat(back).containsExactly(0x0102, (short) 0xA0B0, 5, 0);
            assertThat(buf.order()).isEqualTo(configured);
        }
    }

    @Property(tries = 200)
    void roundTripsInBothOrders(@ForAll @Size(max = 300) short[] samples,
                                @ForAll @IntRange(max = 5) int srcOff,
                                @ForAll @IntRange(max = 5) int byteOff) {
        short[] src = new short[srcOff + samples.length];
        System.arraycopy(samples, 0, src, srcOff, samples.length);
        byte[] le = new byte[byteOff + 2 * samples.length];
        byte[] be = new byte[byteOff + 2 * samples.length];
        Pcm16.toLittleEndian(src, srcOff, samples.length, le, byteOff);
        Pcm16.toBigEndian(src, srcOff, samples.length, be, byteOff);

        short[] fromLe = new short[samples.length];
        short[] fromBe = new short[samples.length];
        Pcm16.fromLittleEndian(le, byteOff, 2 * samples.length, fromLe, 0);
        Pcm16.fromBigEndian(be, byteOff, 2 * samples.length, fromBe, 0);
        assertThat(fromLe).containsExactly(samples);
        assertThat(fromBe).containsExactly(samples);

        Pcm16.swapByteOrder(be, byteOff, 2 * samples.length);
        assertThat(be).containsExactly(le);

        ByteBuffer direct = ByteBuffer.allocateDirect(2 * samples.length);
        Pcm16.toBigEndian(samples, 0, samples.length, direct);
        direct.flip();
        short[] viaBuffer = new short[samples.length];
        Pcm16.fromBigEndian(direct, viaBuffer, 0);
        assertThat(viaBuffer).containsExactly(samples);
    }
}
