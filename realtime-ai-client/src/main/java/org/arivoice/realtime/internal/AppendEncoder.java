package org.arivoice.realtime.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code {"type":"input_audio_buffer.append","audio":"<base64>"}} straight into a reusable byte
 * array: the audio is base64-encoded once, into its final place, with no intermediate {@code String}, JSON
 * tree or copy of the input. The array grows to the largest frame seen and is then reused, so steady-state
 * encoding allocates nothing. Not thread-safe: the session guards it with a lock.
 */
public final class AppendEncoder {
    private static final byte[] PREFIX =
            "{\"type\":\"input_audio_buffer.append\",\"audio\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);

    private byte[] out = new byte[0];
    private byte[] scratch = new byte[0];

    /**
     * Encodes audio from an array.
     *
     * @param audio the audio bytes
     * @param offset where the audio starts
     * @param length how many bytes
     * @return the number of valid bytes in {@link #buffer()}
     */
    public int encode(byte[] audio, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > audio.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " do not fit an array of " + audio.length + " bytes");
        }
        int encodedLength = prepare(length);
        // java.util.Base64.Encoder can only write at offset 0 of a destination array, which would force a
        // second copy behind the JSON prefix; the loop below writes the final bytes in place instead.
        encodeRange(audio, offset, length);
        System.arraycopy(SUFFIX, 0, out, PREFIX.length + encodedLength, SUFFIX.length);
        return PREFIX.length + encodedLength + SUFFIX.length;
    }

    /**
     * Encodes the remaining bytes of a buffer without changing its position.
     *
     * @param audio the audio; heap or direct
     * @return the number of valid bytes in {@link #buffer()}
     */
    public int encode(ByteBuffer audio) {
        if (audio.hasArray()) {
            return encode(audio.array(), audio.arrayOffset() + audio.position(), audio.remaining());
        }
        // A direct buffer has no array to read from: one copy into a reused staging array is unavoidable.
        int length = audio.remaining();
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        audio.duplicate().get(scratch, 0, length);
        int encodedLength = prepare(length);
        encodeRange(scratch, 0, length);
        System.arraycopy(SUFFIX, 0, out, PREFIX.length + encodedLength, SUFFIX.length);
        return PREFIX.length + encodedLength + SUFFIX.length;
    }

    private int prepare(int length) {
        int encodedLength = 4 * ((length + 2) / 3);
        int total = PREFIX.length + encodedLength + SUFFIX.length;
        if (out.length < total) {
            out = new byte[total];
            System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        }
        return encodedLength;
    }

    private void encodeRange(byte[] src, int offset, int length) {
        int end = offset + length;
        int whole = offset + length - length % 3;
        int pos = PREFIX.length;
        for (int i = offset; i < whole; i += 3) {
            int v = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
            out[pos++] = ALPHABET[v >>> 18];
            out[pos++] = ALPHABET[(v >>> 12) & 0x3f];
            out[pos++] = ALPHABET[(v >>> 6) & 0x3f];
            out[pos++] = ALPHABET[v & 0x3f];
        }
        int rest = end - whole;
        if (rest == 1) {
            int v = (src[whole] & 0xff) << 16;
            out[pos++] = ALPHABET[v >>> 18];
            out[pos++] = ALPHABET[(v >>> 12) & 0x3f];
            out[pos++] = '=';
            out[pos] = '=';
        } else if (rest == 2) {
            int v = (src[whole] & 0xff) << 16 | (src[whole + 1] & 0xff) << 8;
            out[pos++] = ALPHABET[v >>> 18];
            out[pos++] = ALPHABET[(v >>> 12) & 0x3f];
            out[pos++] = ALPHABET[(v >>> 6) & 0x3f];
            out[pos] = '=';
        }
    }

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);

    /**
     * The encoded message; valid up to the length the last {@code encode} returned, until the next call.
     *
     * @return the internal array (not a copy)
     */
    public byte[] buffer() {
        return out;
    }
}
