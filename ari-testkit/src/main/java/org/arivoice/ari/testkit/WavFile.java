package org.arivoice.ari.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The stored file of a recording in Asterisk's {@code wav} format: a 44-byte RIFF/WAVE header for 8 kHz mono
 * 16-bit PCM and the samples. A recording that received no frames is the bare header, as the recorded silent
 * channel recording was.
 */
final class WavFile {
    private WavFile() {
    }

    /** A WAV file of 8 kHz mono 16-bit little-endian samples. */
    static byte[] of8kMono16(byte[] pcmLittleEndian) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcmLittleEndian.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcmLittleEndian.length);
        b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcmLittleEndian.length);
        b.put(pcmLittleEndian);
        return b.array();
    }
}
