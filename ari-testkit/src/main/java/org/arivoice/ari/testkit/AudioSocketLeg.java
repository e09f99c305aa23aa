package org.arivoice.ari.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.arivoice.rtp.codec.G711;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media side of an AudioSocket ExternalMedia channel (channels/chan_audiosocket.c, res/res_audiosocket.c):
 * a TCP connection to {@code external_host}, opened when the channel is requested (a refused connection fails
 * the request), which starts with the identifier message (kind 0x01, length 16, the UUID's bytes). Messages
 * from the application are read as AudioSocket frames: kind 0x10 is audio (16-bit signed little-endian linear
 * at 8 kHz, kept for inspection), kind 0x00 or the end of the stream hangs the channel up, as chan_audiosocket's
 * read does. Not simulated: the fake sends no audio towards the application, and the application's audio does
 * not reach a bridge.
 */
final class AudioSocketLeg implements MediaLeg {
    private static final Logger LOG = LoggerFactory.getLogger(AudioSocketLeg.class);
    private static final int KIND_HANGUP = 0x00;
    private static final int KIND_UUID = 0x01;
    private static final int KIND_AUDIO = 0x10;
    private static final int CONNECT_TIMEOUT_MS = 2000;
    private static final int MAX_KEPT_BYTES = 8000 * 600;

    private final Socket socket;
    private final InboundAudio inbound = new InboundAudio();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final AtomicLong packetsReceived = new AtomicLong();
    private volatile boolean closed;

    /**
     * Connects and identifies the channel; {@code farEndHangup} runs (on the reader thread) when the
     * application hangs up or closes the connection.
     */
    AudioSocketLeg(InetSocketAddress remote, UUID id, Consumer<AudioSocketLeg> farEndHangup) throws IOException {
        socket = new Socket();
        try {
            socket.connect(remote, CONNECT_TIMEOUT_MS);
            byte[] hello = new byte[3 + 16];
            hello[0] = KIND_UUID;
            hello[2] = 16;
            putLong(hello, 3, id.getMostSignificantBits());
            putLong(hello, 11, id.getLeastSignificantBits());
            OutputStream out = socket.getOutputStream();
            out.write(hello);
            out.flush();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        Thread reader = new Thread(() -> readLoop(farEndHangup), "fake-asterisk-audiosocket");
        reader.setDaemon(true);
        reader.start();
    }

    private static void putLong(byte[] into, int at, long value) {
        for (int i = 0; i < 8; i++) {
            into[at + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    private void readLoop(Consumer<AudioSocketLeg> farEndHangup) {
        try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
            while (true) {
                int kind = in.readUnsignedByte();
                int length = in.readUnsignedShort();
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (kind == KIND_HANGUP) {
                    break;
                }
                if (kind == KIND_AUDIO) {
                    audio(payload);
                }
            }
        } catch (EOFException e) {
            // the application closed the connection
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("AudioSocket read failed: {}", e.toString());
            }
        }
        if (!closed) {
            closed = true;
            farEndHangup.accept(this);
        }
    }

    private void audio(byte[] slinLittleEndian) {
        packetsReceived.incrementAndGet();
        byte[] ulaw = new byte[slinLittleEndian.length / 2];
        for (int i = 0; i < ulaw.length; i++) {
            short sample = (short) ((slinLittleEndian[2 * i] & 0xff) | (slinLittleEndian[2 * i + 1] << 8));
            ulaw[i] = G711.linearToUlaw(sample);
        }
        inbound.write(ulaw, 0, ulaw.length);
        synchronized (received) {
            if (received.size() + slinLittleEndian.length <= MAX_KEPT_BYTES) {
                received.write(slinLittleEndian, 0, slinLittleEndian.length);
            }
        }
    }

    /** The application's audio as it sent it: 16-bit little-endian linear at 8 kHz. */
    @Override
    public byte[] receivedAudio() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    @Override
    public long packetsReceived() {
        return packetsReceived.get();
    }

    @Override
    public long packetsSent() {
        return 0;
    }

    @Override
    public InboundAudio inbound() {
        return inbound;
    }

    boolean isClosed() {
        return closed;
    }

    /** chan_audiosocket's hangup: the connection is closed, without a hangup message. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing an AudioSocket connection failed: {}", e.toString());
        }
    }
}
