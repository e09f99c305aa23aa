package org.arivoice.rtp.net;

import java.net.BindException;
import java.net.InetAddress;

/**
 * Thrown by {@link MediaEndpoint#openSession(SessionOptions)} when every port of the endpoint's range is
 * taken, by its own sessions or by other sockets on the host.
 */
public final class NoFreePortException extends BindException {
    /** Serialisation version. */
    private static final long serialVersionUID = 1L;

    /** The exhausted range; not serialised ({@link PortRange} is not serialisable). */
    private final transient PortRange range;
    /** The number of sessions open when allocation failed. */
    private final int openSessions;

    NoFreePortException(PortRange range, InetAddress bindAddress, boolean evenPortsOnly, int openSessions,
            int busyElsewhere) {
        super("no free UDP port in " + range + (evenPortsOnly ? " (even ports only)" : "") + " on "
                + bindAddress.getHostAddress() + ": " + openSessions + " sessions open"
                + (busyElsewhere > 0 ? " and " + busyElsewhere + " ports held by other sockets" : "")
                + "; widen the range or close sessions");
        this.range = range;
        this.openSessions = openSessions;
    }

    /**
     * The range that was exhausted.
     *
     * @return the endpoint's port range
     */
    public PortRange range() {
        return range;
    }

    /**
     * The number of sessions the endpoint had open when allocation failed.
     *
     * @return the open session count
     */
    public int openSessions() {
        return openSessions;
    }
}
