package org.arivoice.rtp.net;

import java.util.Map;
import java.util.Objects;
import org.arivoice.rtp.RtpParseResult;
import org.arivoice.rtp.stats.ReceiveSnapshot;

/**
 * An immutable snapshot of one {@link MediaSession}'s counters, taken with {@link MediaSession#stats()}.
 * Each counter is read atomically; counters updated by the loop while the snapshot is taken may be one
 * packet apart from each other.
 *
 * @param packetsReceived RTP packets accepted: well-formed and from the session's remote address
 * @param bytesReceived UDP payload bytes of the accepted packets (RTP header included)
 * @param packetsSent RTP packets handed to the operating system
 * @param bytesSent UDP payload bytes of the packets sent (RTP header included)
 * @param rejected malformed datagrams by reason (only non-zero reasons; {@link RtpParseResult#OK} is left
 *     out), counted only for datagrams from the remote address, or from anywhere before it is known
 * @param foreignSourceDropped datagrams dropped because they came from an address or port other than the
 *     session's (latched or configured) remote: spoofed or stray traffic, or a peer that moved
 * @param handlerErrors exceptions thrown by the session's {@link RtpReceiver}, {@link MediaTimer} or tasks
 *     given to {@link MediaSession#execute(Runnable)}
 * @param sendErrors sends that failed with an I/O error, e.g. {@link java.net.PortUnreachableException} or
 *     "network unreachable"; the packet is lost, the session carries on
 * @param sendsDroppedBufferFull sends dropped because the socket's send buffer was full (the non-blocking
 *     send wrote nothing)
 * @param sendsWithoutRemote sends dropped because the remote address was not yet known (not configured and
 *     no packet latched yet)
 * @param receiveErrors I/O errors while reading the socket
 * @param reception RFC 3550 reception statistics (loss, jitter, reordering) of the received stream
 */
public record SessionStats(
        long packetsReceived,
        long bytesReceived,
        long packetsSent,
        long bytesSent,
        Map<RtpParseResult, Long> rejected,
        long foreignSourceDropped,
        long handlerErrors,
        long sendErrors,
        long sendsDroppedBufferFull,
        long sendsWithoutRemote,
        long receiveErrors,
        ReceiveSnapshot reception) {

    /**
     * Copies the map so that the snapshot stays immutable.
     *
     * @param packetsReceived RTP packets accepted
     * @param bytesReceived bytes of the accepted packets
     * @param packetsSent RTP packets sent
     * @param bytesSent bytes of the packets sent
     * @param rejected malformed datagrams by reason (copied)
     * @param foreignSourceDropped datagrams from a source other than the remote
     * @param handlerErrors exceptions thrown by the session's callbacks
     * @param sendErrors sends that failed with an I/O error
     * @param sendsDroppedBufferFull sends dropped because the socket buffer was full
     * @param sendsWithoutRemote sends dropped because the remote was not known yet
     * @param receiveErrors I/O errors while reading
     * @param reception RFC 3550 reception statistics
     * @throws NullPointerException if {@code rejected} or {@code reception} is {@code null}
     */
    public SessionStats {
        rejected = Map.copyOf(rejected);
        Objects.requireNonNull(reception, "reception");
    }

    /**
     * The number of malformed datagrams with the given reason.
     *
     * @param reason a parse outcome
     * @return how many datagrams were rejected for that reason (0 for {@link RtpParseResult#OK})
     */
    public long rejected(RtpParseResult reason) {
        return reason.isOk() ? 0 : rejected.getOrDefault(reason, 0L);
    }

    /**
     * The number of malformed datagrams, whatever the reason.
     *
     * @return the sum of {@link #rejected()}
     */
    public long totalRejected() {
        long total = 0;
        for (long n : rejected.values()) {
            total += n;
        }
        return total;
    }
}
