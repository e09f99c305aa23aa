package org.arivoice.ari.resources;

/**
 * What a recording does when a stored recording of the same name exists.
 */
public enum RecordingIfExists {
    /** Fail the request with 409 (the default). */
    FAIL("fail"),
    /** Replace the existing recording. */
    OVERWRITE("overwrite"),
    /** Append to the existing recording. */
    APPEND("append");

    private final String wireValue;

    RecordingIfExists(String wireValue) {
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
