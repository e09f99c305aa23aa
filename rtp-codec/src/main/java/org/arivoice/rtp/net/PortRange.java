package org.arivoice.rtp.net;

/**
 * An inclusive range of local UDP ports from which a {@link MediaEndpoint} allocates one port per
 * {@link MediaSession}, or the single value {@code 0-0} meaning "let the operating system pick an ephemeral
 * port" (handy in tests, useless behind a firewall that only opens a known range).
 *
 * @param first the lowest port of the range, 1-65535, or 0 together with {@code last == 0}
 * @param last the highest port of the range, {@code first..65535}, or 0 together with {@code first == 0}
 */
public record PortRange(int first, int last) {

    /** The range {@code 0-0}: every session gets an ephemeral port chosen by the operating system. */
    public static final PortRange EPHEMERAL = new PortRange(0, 0);

    /**
     * Validates the bounds.
     *
     * @param first the lowest port, or 0 for the ephemeral range
     * @param last the highest port, or 0 for the ephemeral range
     * @throws IllegalArgumentException if the bounds are outside 1-65535, reversed, or only one of them is 0
     */
    public PortRange {
        boolean ephemeral = first == 0 && last == 0;
        if (!ephemeral && (first < 1 || last > 65_535 || first > last)) {
            throw new IllegalArgumentException("UDP port range must satisfy 1 <= first <= last <= 65535 (or be 0-0 for"
                    + " ephemeral ports), was " + first + "-" + last);
        }
    }

    /**
     * A range holding exactly one port.
     *
     * @param port the port, 1-65535
     * @return the range {@code port-port}
     */
    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    /**
     * Whether this is the {@link #EPHEMERAL} range.
     *
     * @return {@code true} for {@code 0-0}
     */
    public boolean isEphemeral() {
        return first == 0;
    }

    /**
     * The number of ports in the range.
     *
     * @return {@code last - first + 1}, or 0 for the ephemeral range (it has no fixed size)
     */
    public int size() {
        return isEphemeral() ? 0 : last - first + 1;
    }

    /**
     * Whether {@code port} lies in the range.
     *
     * @param port a port number
     * @return {@code true} if {@code first <= port <= last}; always {@code false} for the ephemeral range
     */
    public boolean contains(int port) {
        return !isEphemeral() && port >= first && port <= last;
    }

    /** Formats the range as {@code first-last}, e.g. {@code 40000-40999}. */
    @Override
    public String toString() {
        return first + "-" + last;
    }
}
