package org.arivoice.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class AppendEncoderTest {
    private static final String PREFIX = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"";

    @Property
    void anySliceEncodesLikeTheJdkBase64(@ForAll @Size(max = 3000) byte[] audio, @ForAll @IntRange(max = 5) int cut) {
        int offset = Math.min(cut, audio.length);
        int length = Math.max(0, audio.length - offset - Math.min(cut, audio.length - offset));
        AppendEncoder encoder = new AppendEncoder();
        int n = encoder.encode(audio, offset, length);
        byte[] slice = java.util.Arrays.copyOfRange(audio, offset, offset + length);
        assertThat(new String(encoder.buffer(), 0, n, StandardCharsets.US_ASCII))
                .isEqualTo(PREFIX + Base64.getEncoder().encodeToString(slice) + "\"}");
    }

    @Property
    void reuseAcrossSizesNeverLeaksOldBytes(@ForAll @Size(max = 2000) byte[] big, @ForAll @Size(max = 50) byte[] small) {
        AppendEncoder encoder = new AppendEncoder();
        encoder.encode(big, 0, big.length);
        int n = encoder.encode(small, 0, small.length);
        assertThat(new String(encoder.buffer(), 0, n, StandardCharsets.US_ASCII))
                .isEqualTo(PREFIX + Base64.getEncoder().encodeToString(small) + "\"}");
    }

    @Property
    void directAndHeapBuffersEncodeTheirRemainingBytes(@ForAll @Size(max = 1000) byte[] audio) {
        AppendEncoder encoder = new AppendEncoder();
        String expected = PREFIX + Base64.getEncoder().encodeToString(audio) + "\"}";
        ByteBuffer direct = ByteBuffer.allocateDirect(audio.length + 3);
        direct.position(3);
        direct.put(audio);
        direct.position(3);
        int n = encoder.encode(direct);
        assertThat(new String(encoder.buffer(), 0, n, StandardCharsets.US_ASCII)).isEqualTo(expected);
        assertThat(direct.position()).isEqualTo(3);
        ByteBuffer heapSlice = ByteBuffer.wrap(new byte[audio.length + 4], 2, audio.length).slice();
        heapSlice.put(audio).flip();
        n = encoder.encode(heapSlice);
        assertThat(new String(encoder.buffer(), 0, n, StandardCharsets.US_ASCII)).isEqualTo(expected);
    }

    @Property(tries = 20)
    void badRangesAreRejected(@ForAll @IntRange(min = 1, max = 10) int extra) {
        AppendEncoder encoder = new AppendEncoder();
        assertThatThrownBy(() -> encoder.encode(new byte[10], 5, 5 + extra))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
