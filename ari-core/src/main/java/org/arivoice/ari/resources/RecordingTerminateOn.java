package org.arivoice.ari.resources;

/**
 * Which DTMF digit ends a recording.
 */
public enum RecordingTerminateOn {
    /** No digit (the default). */
    NONE("none"),
    /** Any digit. */
    ANY("any"),
    /** The {@code *} key. */
    STAR("*"),
    /** The {@code #} key. */
    HASH("#");

    private final String wireValue;

    RecordingTerminateOn(String wireValue) {
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
