package org.arivoice.realtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The three audio formats of the GA protocol, with the conversions the fake needs. */
enum AudioFormat {
    /** {@code audio/pcm}: 16-bit little-endian mono at 24 kHz, 48 bytes per millisecond. */
    PCM16("audio/pcm", 48),
    /** {@code audio/pcmu}: G.711 µ-law at 8 kHz, 8 bytes per millisecond. */
    PCMU("audio/pcmu", 8),
    /** {@code audio/pcma}: G.711 A-law at 8 kHz, 8 bytes per millisecond. */
    PCMA("audio/pcma", 8);

    private final String mimeType;
    private final int bytesPerMs;

    AudioFormat(String mimeType, int bytesPerMs) {
        this.mimeType = mimeType;
        this.bytesPerMs = bytesPerMs;
    }

    String mimeType() {
        return mimeType;
    }

    int bytesPerMs() {
        return bytesPerMs;
    }

    int sampleRate() {
        return this == PCM16 ? 24_000 : 8_000;
    }

    int bytesPerSample() {
        return this == PCM16 ? 2 : 1;
    }

    /** The format of a session's {@code audio.*.format} object (already validated). */
    static AudioFormat of(JsonNode format) {
        String type = format == null ? "audio/pcm" : format.path("type").asText("audio/pcm");
        for (AudioFormat f : values()) {
            if (f.mimeType.equals(type)) {
                return f;
            }
        }
        return PCM16;
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", mimeType);
        if (this == PCM16) {
            node.put("rate", 24_000);
        }
        return node;
    }

    /** Decodes whole samples of {@code bytes} to linear PCM at this format's own sample rate. */
    short[] decode(byte[] bytes, int offset, int length) {
        int count = length / bytesPerSample();
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            switch (this) {
                case PCM16 -> out[i] = (short) ((bytes[offset + 2 * i] & 0xFF) | (bytes[offset + 2 * i + 1] << 8));
                case PCMU -> out[i] = G711.ulawDecode(bytes[offset + i]);
                default -> out[i] = G711.alawDecode(bytes[offset + i]);
            }
        }
        return out;
    }

    /** Encodes 24 kHz linear PCM into this format (decimating to 8 kHz for G.711). */
    byte[] encodeFrom24k(short[] pcm24k) {
        if (this == PCM16) {
            byte[] out = new byte[pcm24k.length * 2];
            for (int i = 0; i < pcm24k.length; i++) {
                out[2 * i] = (byte) pcm24k[i];
                out[2 * i + 1] = (byte) (pcm24k[i] >> 8);
            }
            return out;
        }
        int count = pcm24k.length / 3;
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            // A three-tap average is a crude low-pass, enough for test audio at 8 kHz.
            int sample = (pcm24k[3 * i] + pcm24k[3 * i + 1] + pcm24k[3 * i + 2]) / 3;
            out[i] = this == PCMU ? G711.ulawEncode(sample) : G711.alawEncode(sample);
        }
        return out;
    }
}
