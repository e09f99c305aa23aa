package org.arivoice.voicebot.simulate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.arivoice.rtp.codec.G711;

/** Writes 8 kHz 16-bit mono WAV files. */
final class Wav {
    private Wav() {
    }

    /** Decodes µ-law and writes it as a WAV file. */
    static void writeUlaw(Path file, byte[] ulaw) throws IOException {
        short[] pcm = new short[ulaw.length];
        G711.ulawToLinear(ulaw, 0, ulaw.length, pcm, 0);
        write(file, pcm);
    }

    /** Writes 8 kHz samples as a WAV file. */
    static void write(Path file, short[] pcm) throws IOException {
        int dataBytes = pcm.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (short s : pcm) {
            b.putShort(s);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, b.array());
    }
}
