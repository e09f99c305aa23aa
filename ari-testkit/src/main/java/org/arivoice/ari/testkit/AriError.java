package org.arivoice.ari.testkit;

/**
 * A REST failure answered the way Asterisk answers it: a status code and a {@code message}. The factories hold
 * the texts that more than one request answers (the res/ari/resource_*.c files repeat them word for word); a
 * text that one request alone answers stays at that request.
 */
final class AriError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The text of Asterisk's generic 500. */
    static final String INTERNAL_ERROR = "An internal error prevented this request from being handled";
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

    /** A deleted bridge not dissolved yet: resource_bridges.c find_bridge finds its snapshot only. */
    static AriError bridgeNotInStasis() {
        return new AriError(409, "Bridge not in Stasis application");
    }

    static AriError channelInvalidState() {
        return new AriError(412, "Channel in invalid state");
    }

    static AriError channelExists() {
        return new AriError(409, "Channel with given unique ID already exists.");
    }

    /** resource_channels.c, when ast_channel_errno() says AST_CHANNEL_ERROR_ID_EXISTS (no full stop). */
    static AriError uniqueIdExists() {
        return new AriError(409, "Channel with given unique ID already exists");
    }

    static AriError invalidParameters() {
        return new AriError(400, "Invalid parameters");
    }

    static AriError playbackNotFound() {
        return new AriError(404, "Playback not found"); // resource_playbacks.c
    }

    static AriError recordingNotFound() {
        return new AriError(404, "Recording not found");
    }

    static AriError applicationNotFound() {
        return new AriError(404, "Application does not exist.");
    }

    static AriError internalError() {
        return new AriError(500, INTERNAL_ERROR);
    }
}
