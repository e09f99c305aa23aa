package org.arivoice.examples;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Writes 8 kHz 16-bit mono PCM to a WAV file as it arrives; {@link #close()} completes the header. */
final class WavWriter implements AutoCloseable {
    private static final int HEADER = 44;
    private final RandomAccessFile file;
    private long dataBytes;

    WavWriter(Path path) throws IOException {
        file = new RandomAccessFile(path.toFile(), "rw");
        file.setLength(0);
        file.write(header(0));
    }

    /** Appends samples (thread-confined: call from one thread, e.g. the media loop). */
    synchronized void write(short[] samples, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            b.putShort(samples[i]);
        }
        file.write(b.array());
        dataBytes += count * 2L;
    }

    private static byte[] header(long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes)).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        return b.array();
    }

    @Override
    public synchronized void close() throws IOException {
        file.seek(0);
        file.write(header(dataBytes));
        file.close();
    }
}
