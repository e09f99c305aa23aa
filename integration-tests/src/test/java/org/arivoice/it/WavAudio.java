package org.arivoice.it;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The PCM content of a RIFF/WAVE file as Asterisk's {@code wav} format writes it (16-bit signed little-endian,
 * mono, 8 kHz): enough to check what a stored recording holds.
 *
 * @param sampleRate samples per second from the {@code fmt } chunk
 * @param samples the samples of the {@code data} chunk
 */
record WavAudio(int sampleRate, short[] samples) {

    /**
     * Parses a WAV file.
     *
     * @param wav the file's bytes
     * @return the audio
     * @throws IllegalArgumentException if it is not a 16-bit PCM RIFF/WAVE file
     */
    static WavAudio parse(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !"RIFF".equals(ascii(wav, 0)) || !"WAVE".equals(ascii(wav, 8))) {
            throw new IllegalArgumentException("not a RIFF/WAVE file (" + wav.length + " bytes)");
        }
        int rate = -1;
        int pos = 12;
        while (pos + 8 <= wav.length) {
            String id = ascii(wav, pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id.equals("fmt ")) {
                int format = b.getShort(body) & 0xFFFF;
                int bits = b.getShort(body + 14) & 0xFFFF;
                if (format != 1 || bits != 16) {
                    throw new IllegalArgumentException("WAV format " + format + " with " + bits
                            + " bits per sample; expected 16-bit PCM (format 1)");
                }
                rate = b.getInt(body + 4);
            } else if (id.equals("data")) {
                if (rate < 0) {
                    throw new IllegalArgumentException("WAV data chunk before its fmt chunk");
                }
                // A recording still being written may declare a size larger than what is there.
                int available = Math.max(0, Math.min(size, wav.length - body));
                short[] samples = new short[available / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = b.getShort(body + 2 * i);
                }
                return new WavAudio(rate, samples);
            }
            pos = body + size + (size & 1);
        }
        throw new IllegalArgumentException("WAV file without a data chunk");
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }
}
