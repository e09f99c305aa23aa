package org.arivoice.ari.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.arivoice.rtp.RtpPacket;
import org.arivoice.rtp.RtpPacketWriter;
import org.arivoice.rtp.RtpParseResult;
import org.arivoice.rtp.codec.G711;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media side of one ExternalMedia channel: a UDP socket on loopback that sends the bridge's audio as
 * 20 ms RTP packets to {@code external_host} (from {@code UNICASTRTP_LOCAL_ADDRESS:PORT}, as Asterisk
 * does) and keeps every payload that comes back.
 */
final class RtpLeg implements MediaLeg {
    private static final Logger LOG = LoggerFactory.getLogger(RtpLeg.class);
    /** Cap on kept audio per channel (about 17 minutes of µ-law) so a runaway test cannot exhaust memory. */
    private static final int MAX_KEPT_BYTES = 8 * 1024 * 1024;

    final String format;
    final InetSocketAddress remote;
    private final DatagramChannel socket;
    private final RtpPacketWriter writer = new RtpPacketWriter();
    private final byte[] datagram = new byte[2048];
    private final byte[] payload;
    private int sequence;
    private long timestamp;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final AtomicLong packetsReceived = new AtomicLong();
    private final AtomicLong packetsSent = new AtomicLong();
    private final Thread receiver;
    private final InboundAudio inbound = new InboundAudio();

    RtpLeg(String format, InetSocketAddress remote, String channelId) throws IOException {
        this.format = format;
        this.remote = remote;
        this.socket = DatagramChannel.open();
        socket.setOption(StandardSocketOptions.SO_REUSEADDR, false);
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        SecureRandom random = new SecureRandom();
        writer.payloadType(payloadType(format)).ssrc(random.nextInt() & 0xFFFF_FFFFL);
        sequence = random.nextInt(0x10000);
        payload = new byte[bytesPerFrame(format)];
        receiver = new Thread(this::receiveLoop, "fake-asterisk-rtp-" + channelId);
        receiver.setDaemon(true);
        receiver.start();
    }

    static boolean supports(String format) {
        return "ulaw".equals(format) || "alaw".equals(format) || "slin16".equals(format);
    }

    static int payloadType(String format) {
        switch (format) {
            case "ulaw": return 0;
            case "alaw": return 8;
            default: return 118; // slin16, as the recorded Asterisk used
        }
    }

    static int bytesPerFrame(String format) {
        return "slin16".equals(format) ? 640 : 160;
    }

    private static int samplesPerFrame(String format) {
        return "slin16".equals(format) ? 320 : 160;
    }

    int localPort() {
        return socket.socket().getLocalPort();
    }

    /**
     * Sends one 20 ms frame. The first packet carries timestamp 160 (320 for slin16) and no marker, like
     * the recorded Asterisk; the timestamp advances only with frames actually sent.
     *
     * @param ulaw 160 bytes of µ-law, converted to the channel's format here
     */
    void send(byte[] ulaw) {
        encode(ulaw);
        timestamp += samplesPerFrame(format);
        int n = writer.sequenceNumber(sequence++).timestamp(timestamp).marker(false)
                .write(payload, 0, payload.length, datagram, 0);
        try {
            socket.send(ByteBuffer.wrap(datagram, 0, n), remote);
            packetsSent.incrementAndGet();
        } catch (IOException e) {
            LOG.debug("ExternalMedia RTP to {} failed: {}", remote, e.toString());
        }
    }

    private void encode(byte[] ulaw) {
        switch (format) {
            case "ulaw":
                System.arraycopy(ulaw, 0, payload, 0, 160);
                break;
            case "alaw":
                for (int i = 0; i < 160; i++) {
                    payload[i] = G711.linearToAlaw(G711.ulawToLinear(ulaw[i]));
                }
                break;
            default:
                // 8 kHz -> 16 kHz by linear interpolation; slin over RTP is big-endian.
                for (int i = 0; i < 160; i++) {
                    int a = G711.ulawToLinear(ulaw[i]);
                    int b = i + 1 < 160 ? G711.ulawToLinear(ulaw[i + 1]) : a;
                    putBigEndian(4 * i, a);
                    putBigEndian(4 * i + 2, (a + b) / 2);
                }
        }
    }

    private void putBigEndian(int at, int sample) {
        payload[at] = (byte) (sample >> 8);
        payload[at + 1] = (byte) sample;
    }

    private void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        RtpPacket packet = new RtpPacket();
        while (socket.isOpen()) {
            try {
                buf.clear();
                socket.receive(buf);
                buf.flip();
                if (packet.parse(buf.array(), 0, buf.limit()) != RtpParseResult.OK) {
                    continue;
                }
                packetsReceived.incrementAndGet();
                inbound.writePayload(format, packet.buffer(), packet.payloadOffset(), packet.payloadLength());
                synchronized (received) {
                    if (received.size() + packet.payloadLength() <= MAX_KEPT_BYTES) {
                        received.write(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
                    }
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("ExternalMedia RTP receive failed: {}", e.toString());
            }
        }
    }

    @Override
    public byte[] receivedAudio() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    @Override
    public InboundAudio inbound() {
        return inbound;
    }

    @Override
    public long packetsReceived() {
        return packetsReceived.get();
    }

    @Override
    public long packetsSent() {
        return packetsSent.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing an ExternalMedia socket failed: {}", e.toString());
        }
    }
}
