package org.arivoice.realtime.testkit;

/**
 * G.711 µ-law and A-law companding (ITU-T G.711), sample by sample.
 *
 * <p>The testkit keeps its own small codec so that it depends on nothing but the client's dependencies.
 */
final class G711 {
    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;
    private static final int[] ALAW_SEGMENT_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private G711() {
    }

    static byte ulawEncode(int sample) {
        int sign = (sample >> 8) & 0x80;
        int magnitude = sign != 0 ? -sample : sample;
        if (magnitude > ULAW_CLIP) {
            magnitude = ULAW_CLIP;
        }
        magnitude += ULAW_BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) (~(sign | (exponent << 4) | mantissa) & 0xFF);
    }

    static short ulawDecode(byte encoded) {
        int u = ~encoded & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    static byte alawEncode(int sample) {
        int mask;
        int pcm = sample;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        pcm >>= 3;
        int segment = 0;
        while (segment < ALAW_SEGMENT_END.length && pcm > ALAW_SEGMENT_END[segment]) {
            segment++;
        }
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int value = segment << 4;
        value |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        return (byte) (value ^ mask);
    }

    static short alawDecode(byte encoded) {
        int a = (encoded & 0xFF) ^ 0x55;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            t += 8;
        } else {
            t += 0x108;
            if (segment > 1) {
                t <<= segment - 1;
            }
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }
}
