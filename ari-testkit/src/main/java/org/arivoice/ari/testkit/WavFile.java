package org.arivoice.ari.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The stored file of a fake recording: a WAV header with no samples, as the recorded silent call gave. */
final class WavFile {
    private WavFile() {
    }

    /** A 44-byte RIFF/WAVE header for 8 kHz mono 16-bit PCM with a zero-length data chunk. */
    static byte[] empty8kMono16() {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36);
        b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0);
        return b.array();
    }
}
