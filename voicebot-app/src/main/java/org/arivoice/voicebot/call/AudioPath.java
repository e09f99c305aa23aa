package org.arivoice.voicebot.call;

import org.arivoice.ari.patterns.MediaFormat;
import org.arivoice.realtime.AudioFormat;
import org.arivoice.rtp.AudioPayload;
import org.arivoice.rtp.codec.G711;
import org.arivoice.rtp.codec.Pcm16;
import org.arivoice.rtp.codec.Resampler;

/**
 * Converts audio between the ExternalMedia format and the Realtime session's format. G.711 passes through
 * unchanged ({@code ulaw} ↔ {@code audio/pcmu}, {@code alaw} ↔ {@code audio/pcma}); {@code slin16} (16 kHz,
 * big-endian on the wire) is resampled to and from 24 kHz little-endian PCM ({@code audio/pcm}).
 *
 * <p>One instance per call. The inbound side is used by the call's media loop thread only, the outbound side
 * under its own lock, so the two directions never share state.
 */
final class AudioPath {
    private final MediaFormat format;
    private final Resampler up;
    private final Resampler down;
    private final short[] inSamples;
    private short[] inResampled;
    private byte[] inBytes;
    private short[] outSamples = new short[0];
    private short[] outResampled = new short[0];

    AudioPath(MediaFormat format) {
        this.format = format;
        if (format == MediaFormat.SLIN16) {
            up = Resampler.create(16000, 24000);
            down = Resampler.create(24000, 16000);
            inSamples = new short[320];
            inResampled = new short[up.maxOutput(320)];
            inBytes = new byte[inResampled.length * 2];
        } else {
            up = null;
            down = null;
            inSamples = null;
        }
    }

    /** The Realtime session's audio format for an ExternalMedia format. */
    static AudioFormat realtimeFormat(MediaFormat format) {
        return switch (format) {
            case ULAW -> AudioFormat.PCMU;
            case ALAW -> AudioFormat.PCMA;
            case SLIN16 -> AudioFormat.PCM16_24K;
        };
    }

    /** The RTP payload of an ExternalMedia format. */
    static AudioPayload payload(MediaFormat format) {
        return switch (format) {
            case ULAW -> AudioPayload.PCMU;
            case ALAW -> AudioPayload.PCMA;
            case SLIN16 -> AudioPayload.L16_16K;
        };
    }

    boolean passthrough() {
        return format != MediaFormat.SLIN16;
    }

    /** Inbound, slin16 only: converts one wire frame; the result is in {@link #inBytes()}, its length returned. */
    int inbound(byte[] buf, int off, int len) {
        int samples = len / 2;
        short[] src = inSamples.length >= samples ? inSamples : new short[samples];
        Pcm16.fromBigEndian(buf, off, samples * 2, src, 0);
        int need = up.maxOutput(samples);
        if (inResampled.length < need) {
            inResampled = new short[need];
            inBytes = new byte[need * 2];
        }
        int n = up.process(src, 0, samples, inResampled, 0);
        Pcm16.toLittleEndian(inResampled, 0, n, inBytes, 0);
        return n * 2;
    }

    /** Mean square of -40 dBFS: the level above which a caller frame counts as voice. */
    private static final double VOICE_MEAN_SQUARE = Math.pow(32768 * 0.01, 2);

    /** Whether a wire frame carries voice-level energy (above -40 dBFS RMS). Media loop thread only. */
    boolean isVoice(byte[] buf, int off, int len) {
        double sum = 0;
        int n;
        switch (format) {
            case ULAW -> {
                for (int i = off; i < off + len; i++) {
                    int v = G711.ulawToLinear(buf[i]);
                    sum += (double) v * v;
                }
                n = len;
            }
            case ALAW -> {
                for (int i = off; i < off + len; i++) {
                    int v = G711.alawToLinear(buf[i]);
                    sum += (double) v * v;
                }
                n = len;
            }
            default -> {
                for (int i = off; i + 1 < off + len; i += 2) {
                    int v = (short) ((buf[i] << 8) | (buf[i + 1] & 0xFF));
                    sum += (double) v * v;
                }
                n = len / 2;
            }
        }
        return n > 0 && sum / n > VOICE_MEAN_SQUARE;
    }

    byte[] inBytes() {
        return inBytes;
    }

    /**
     * Outbound: converts model audio to wire bytes. For G.711 returns the input; for slin16 a new array of
     * 16 kHz big-endian samples.
     */
    synchronized byte[] outbound(byte[] modelAudio) {
        if (passthrough()) {
            return modelAudio;
        }
        int samples = modelAudio.length / 2;
        if (outSamples.length < samples) {
            outSamples = new short[samples];
        }
        Pcm16.fromLittleEndian(modelAudio, 0, samples * 2, outSamples, 0);
        int need = down.maxOutput(samples);
        if (outResampled.length < need) {
            outResampled = new short[need];
        }
        int n = down.process(outSamples, 0, samples, outResampled, 0);
        byte[] wire = new byte[n * 2];
        Pcm16.toBigEndian(outResampled, 0, n, wire, 0);
        return wire;
    }
}
