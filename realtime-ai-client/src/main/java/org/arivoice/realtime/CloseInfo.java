package org.arivoice.realtime;

/**
 * How a WebSocket connection ended.
 *
 * @param code the close code (1000 normal, 1001 going away, 1006 abnormal/no close frame, 1011 server error,
 *     1012 restart, 1013 try again later, 4000 beta protocol refused, ...)
 * @param reason the close reason, possibly empty
 * @param remote true if the server (or the network) ended it, false if this client closed it
 */
public record CloseInfo(int code, String reason, boolean remote) {

    /**
     * Whether the close is one a client should recover from by reconnecting: 1001, 1006, 1011, 1012, 1013.
     *
     * @return true for a recoverable close
     */
    public boolean isRecoverable() {
        return code == 1001 || code == 1006 || code == 1011 || code == 1012 || code == 1013;
    }
}
