package org.arivoice.ari.resources;

/**
 * Which direction of a channel's media to mute or unmute.
 */
public enum MuteDirection {
    /** Both directions (the default). */
    BOTH("both"),
    /** Audio from the channel into Asterisk. */
    IN("in"),
    /** Audio from Asterisk to the channel. */
    OUT("out");

    private final String wireValue;

    MuteDirection(String wireValue) {
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
