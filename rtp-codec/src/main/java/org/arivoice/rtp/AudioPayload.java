package org.arivoice.rtp;

/**
 * The RTP audio formats that the jitter buffer and the pacer handle, with what they need to know about each: RTP clock
 * rate, bytes per sample, the byte that encodes silence and the usual payload type.
 *
 * <p>L16 is 16-bit signed linear PCM in network (big-endian) byte order, RFC 3551 section 4.5.11; Asterisk
 * calls it {@code slin}, {@code slin16}, {@code slin24}, {@code slin48}.
 */
public enum AudioPayload {
    /** G.711 µ-law, 8 kHz, static payload type 0; silence is {@code 0xFF}. */
    PCMU(0, 8000, 1, (byte) 0xFF),
    /** G.711 A-law, 8 kHz, static payload type 8; silence is {@code 0xD5}. */
    PCMA(8, 8000, 1, (byte) 0xD5),
    /** L16 at 8 kHz; dynamic payload type, which must be configured. */
    L16_8K(-1, 8000, 2, (byte) 0),
    /** L16 at 16 kHz; Asterisk sends {@code slin16} with payload type 118, the default here. */
    L16_16K(118, 16000, 2, (byte) 0),
    /** L16 at 24 kHz; dynamic payload type, which must be configured. */
    L16_24K(-1, 24000, 2, (byte) 0),
    /** L16 at 48 kHz; dynamic payload type, which must be configured. */
    L16_48K(-1, 48000, 2, (byte) 0);

    private final int defaultPayloadType;
    private final int clockRate;
    private final int bytesPerSample;
    private final byte silenceByte;

    AudioPayload(int defaultPayloadType, int clockRate, int bytesPerSample, byte silenceByte) {
        this.defaultPayloadType = defaultPayloadType;
        this.clockRate = clockRate;
        this.bytesPerSample = bytesPerSample;
        this.silenceByte = silenceByte;
    }

    /**
     * The payload type used when none is configured.
     *
     * @return 0 for PCMU, 8 for PCMA, 118 for L16 at 16 kHz (Asterisk's choice), -1 for the other L16
     *     rates, whose dynamic type must be set with {@link org.arivoice.rtp.jitter.JitterBufferConfig.Builder#payloadType(int)}
     */
    public int defaultPayloadType() {
        return defaultPayloadType;
    }

    /**
     * The RTP clock rate, which for these formats is also the sample rate.
     *
     * @return samples per second
     */
    public int clockRate() {
        return clockRate;
    }

    /**
     * The size of one sample on the wire.
     *
     * @return 1 for G.711, 2 for L16
     */
    public int bytesPerSample() {
        return bytesPerSample;
    }

    /**
     * The byte that, repeated, encodes digital silence: {@code 0xFF} for µ-law, {@code 0xD5} for A-law and
     * {@code 0x00} for L16.
     *
     * @return the silence byte
     */
    public byte silenceByte() {
        return silenceByte;
    }

    /**
     * How many payload bytes one millisecond of this audio takes.
     *
     * @return {@code clockRate / 1000 * bytesPerSample}
     */
    public int bytesPerMilli() {
        return clockRate / 1000 * bytesPerSample;
    }

    /**
     * Whether this is G.711 (µ-law or A-law), whose samples are companded codes rather than linear values.
     *
     * @return {@code true} for {@link #PCMU} and {@link #PCMA}
     */
    public boolean isG711() {
        return this == PCMU || this == PCMA;
    }
}
