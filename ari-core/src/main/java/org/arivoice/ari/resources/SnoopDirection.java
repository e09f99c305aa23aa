package org.arivoice.ari.resources;

/**
 * Which audio a snoop channel taps ({@code spy}) or injects into ({@code whisper}), seen from the snooped channel.
 */
public enum SnoopDirection {
    /** Nothing (the default). */
    NONE("none"),
    /** Both directions. */
    BOTH("both"),
    /** Audio the channel sends out (what the caller hears). */
    OUT("out"),
    /** Audio coming into Asterisk from the channel (what the caller says). */
    IN("in");

    private final String wireValue;

    SnoopDirection(String wireValue) {
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
