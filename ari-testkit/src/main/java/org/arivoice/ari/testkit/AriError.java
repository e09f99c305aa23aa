package org.arivoice.ari.testkit;

/** A REST failure answered the way Asterisk answers it: a status code and a {@code message}. */
final class AriError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    AriError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static AriError channelNotFound() {
        return new AriError(404, "Channel not found");
    }

    static AriError bridgeNotFound() {
        return new AriError(404, "Bridge not found");
    }

    static AriError notInStasis() {
        return new AriError(409, "Channel not in Stasis application");
    }
}
