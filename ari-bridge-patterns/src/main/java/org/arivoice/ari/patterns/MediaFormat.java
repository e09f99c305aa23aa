package org.arivoice.ari.patterns;

/** The audio format of the ExternalMedia channel ({@code format} of {@code POST /channels/externalMedia}). */
public enum MediaFormat {
    /** G.711 µ-law, 8 kHz, 160 bytes per 20 ms; RTP payload type 0. Passes straight to {@code audio/pcmu}. */
    ULAW("ulaw"),
    /** G.711 A-law, 8 kHz, 160 bytes per 20 ms; RTP payload type 8. */
    ALAW("alaw"),
    /**
     * Signed linear 16 kHz, 640 bytes per 20 ms, <strong>big-endian</strong> over RTP (Asterisk uses dynamic
     * payload type 118).
     */
    SLIN16("slin16");

    private final String wireValue;

    MediaFormat(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * The value sent to Asterisk.
     *
     * @return e.g. {@code ulaw}
     */
    public String wireValue() {
        return wireValue;
    }
}
