package org.arivoice.ari.resources;

/**
 * An operation on a running playback ({@code POST /playbacks/{id}/control}).
 */
public enum PlaybackOperation {
    /** Start the current media again. */
    RESTART("restart"),
    /** Pause. */
    PAUSE("pause"),
    /** Resume after a pause. */
    UNPAUSE("unpause"),
    /** Skip back by the playback's {@code skipms}. */
    REVERSE("reverse"),
    /** Skip forward by the playback's {@code skipms}. */
    FORWARD("forward");

    private final String wireValue;

    PlaybackOperation(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * The value as sent to Asterisk.
     *
     * @return the query parameter value
     */
    public String wireValue() {
        return wireValue;
    }
}
