package org.arivoice.realtime;

/**
 * The audio formats of the GA Realtime API ({@code RealtimeAudioFormats}).
 */
public enum AudioFormat {
    /** 16-bit little-endian PCM, mono, 24 kHz ({@code audio/pcm}, {@code rate: 24000}): 48 bytes per ms. */
    PCM16_24K("audio/pcm", 24000, 48),
    /** G.711 µ-law, 8 kHz ({@code audio/pcmu}): 8 bytes per ms; what telephony carries without transcoding. */
    PCMU("audio/pcmu", 8000, 8),
    /** G.711 A-law, 8 kHz ({@code audio/pcma}): 8 bytes per ms. */
    PCMA("audio/pcma", 8000, 8);

    private final String wireType;
    private final int sampleRate;
    private final int bytesPerMillisecond;

    AudioFormat(String wireType, int sampleRate, int bytesPerMillisecond) {
        this.wireType = wireType;
        this.sampleRate = sampleRate;
        this.bytesPerMillisecond = bytesPerMillisecond;
    }

    /**
     * The {@code type} value on the wire.
     *
     * @return e.g. {@code audio/pcmu}
     */
    public String wireType() {
        return wireType;
    }

    /**
     * The sample rate.
     *
     * @return samples per second
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Bytes of audio per millisecond.
     *
     * @return 48 for PCM16 at 24 kHz, 8 for G.711
     */
    public int bytesPerMillisecond() {
        return bytesPerMillisecond;
    }

    /**
     * Finds the format for a wire {@code type}.
     *
     * @param wireType e.g. {@code audio/pcm}
     * @return the format
     * @throws IllegalArgumentException if the type is not one of the three GA formats
     */
    public static AudioFormat fromWireType(String wireType) {
        for (AudioFormat f : values()) {
            if (f.wireType.equals(wireType)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown Realtime audio format '" + wireType
                + "': expected audio/pcm, audio/pcmu or audio/pcma");
    }
}
